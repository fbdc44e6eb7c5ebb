"""Export and search-index files of the previous site written again only when their bytes change.

Replaces: every citation file and listing feed written afresh on every build (three files a
report, one feed a unit, region and category), and the search index emptied and written afresh
(its documents' blocks and texts, its columns; archive/search/index.py `build_index` with a `put`).
With the previous site/ back in place
(kept_pages.py), a file whose new bytes are the old ones is read and compared instead of written:
nothing is written, and its time stays, so a deploy that compares times sees it unchanged. The
exports and the index still return its path: it is a file of this build (kept_pages
`remove_stale`). Proves
itself: builds with the previous site kept are diffed against builds from scratch
(tests/speed/test_kept_pages.py).
"""

from __future__ import annotations

import os
from pathlib import Path


def write_if_changed(path: str | Path, data: bytes) -> None:
    """`data` into `path`, unless the file holds exactly `data` already. A file that differs is
    replaced, not written into: it may be a hard link to a kept copy (the search index's segments,
    search_segments.py)."""
    try:
        with open(path, "rb") as f:
            if f.read(len(data) + 1) == data:
                return
        os.unlink(path)
    except OSError:
        pass
    with open(path, "wb") as f:
        f.write(data)
