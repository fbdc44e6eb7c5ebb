"""The catalogue's parse results kept from one build to the next.

Replaces: every report file read, its YAML parsed and every field checked on every build (at
100,000 reports, 10 s of reading and 15.6 s of parsing and checking on a kept build's critical path).

How: after a build, each report file's result (the `Report`, and the problems found in it) is kept
in one file of the cache folder, with a digest of the file's bytes and what its file was: size,
modification and change times, inode. The next build takes a file's result from there while all
four are the same (the change time cannot be set back by a program, unlike the modification time:
any write or rename of the file moves it), without reading the file; else when the file's bytes
have the kept digest (a new checkout, as in CI: every file is new, few have changed), without
parsing it; any other file is read and checked as usual. The whole cache is taken only under the
same code and installed versions (`kept_pages.code_fingerprint`), the same settings, the same
project folder and the same current year (the year a report may state at most); otherwise it is
not read at all. A report's region is kept as its code, name and revision, and is the region tree's
own division again when taken. A file that could not be read (too big, not UTF-8) is never kept:
it is read again on every build.

Proves itself: tests/speed/test_kept_catalogue.py builds with the cache and diffs against builds
without, after edits that keep a file's size and modification time.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os
from pathlib import Path

from ..regions import RegionTree
from ..schema import Report
from . import pickled

FORMAT = 2
"""Bumped when the kept file changes shape."""

FILE = "catalogue.pickle"

_FIELDS = tuple(f.name for f in dataclasses.fields(Report))
_REGION = _FIELDS.index("region")


class KeptCatalogue:
    """The catalogue's `cache=` (get/put by path, as speed/preview.ParseCache), kept on disk."""

    def __init__(self, cache_dir: Path, settings_fingerprint: str, regions: RegionTree, project_dir: Path,
                 today: dt.date | None = None):
        self.path = cache_dir / FILE
        self.regions = regions
        today = today or dt.date.today()
        self.fingerprint = hashlib.blake2b(
            f"{FORMAT}\0{settings_fingerprint}\0{os.path.abspath(project_dir)}\0{today.year}".encode(),
            digest_size=20).hexdigest()
        self.previous: dict[str, tuple] = {}
        self.entries: dict[str, tuple] = {}
        """Absolute path → (stamp, digest of its bytes, report's state, problems) of this build's files."""
        self.taken = self.read = self.kept_now = self.restamped = 0
        self._load()

    def _load(self) -> None:
        self.previous = pickled.load(self.path, self.fingerprint) or {}

    def get(self, path: Path):
        """(report, problems) as the previous build found them in this file, if it is unchanged;
        else None (the file is read)."""
        key = str(path)
        entry = self.previous.get(key)
        report = False
        if entry is not None:
            try:
                stamp = _stamp(os.stat(path))
                if stamp != entry[0] and _digest(path.read_bytes()) == entry[1]:
                    entry = (stamp,) + entry[1:]  # the same bytes in another file (a new checkout)
                    self.restamped += 1
                if stamp == entry[0]:
                    report = self._report(entry[2])
            except OSError:
                pass
        if report is False:
            self.read += 1
            return None
        self.entries[key] = entry
        self.taken += 1
        return report, list(entry[3])

    def put(self, path: Path, stat: os.stat_result, report: Report | None, problems, text: str) -> None:
        """A file read and checked this build (`stat`: its file's, taken after reading): its result
        (a report, or None and the problems that kept it out) is kept with a digest of its `text`
        (the file's bytes: report files are UTF-8 as read)."""
        self.kept_now += 1
        state = None
        if report is not None:
            state = [getattr(report, name) for name in _FIELDS]
            region = state[_REGION]
            state[_REGION] = None if region is None else (region.code, region.name, region.historical)
            state = tuple(state)
        self.entries[str(path)] = (_stamp(stat), _digest(text.encode("utf-8")), state, tuple(problems))

    def _report(self, state: tuple | None) -> Report | None | bool:
        """The report of a kept state; None for a file that gave problems and no report; False
        when the state cannot be taken."""
        if state is None:
            return None
        region = state[_REGION]
        if region is not None:
            division = self.regions.exact(*region)
            if division is None:
                return False  # the region tree no longer has it: read the file again
            state = state[:_REGION] + (division,) + state[_REGION + 1:]
        return Report(*state)

    @property
    def changed(self) -> bool:
        return self.kept_now > 0 or self.restamped > 0 or len(self.entries) != len(self.previous)

    def save(self) -> None:
        """Keep this build's files' results (only when one was read and kept, or one went: else
        the file holds them already)."""
        if self.changed:
            pickled.save(self.path, self.fingerprint, self.entries)

    def summary(self) -> str:
        return (f"kept catalogue: {self.taken:,} report files taken as last read"
                f"{f' ({self.restamped:,} of them by their bytes)' if self.restamped else ''}, {self.read:,} read")


def _digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


def _stamp(stat: os.stat_result) -> tuple[int, int, int, int]:
    return (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)
