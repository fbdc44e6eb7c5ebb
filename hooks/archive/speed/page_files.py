"""Every page's folder and (empty) file made on another core before MkDocs writes them.

Replaces: MkDocs creating each page's folder as it writes the page. With directory URLs that is a
folder and a file per page: creating 13,000 of each blocked the build for seconds while the other
jobs wrote too; MkDocs now only fills them in. Proves itself: after the build, no page file is left
empty (MkDocs does not write a page whose output is empty), else the build fails.
"""

from __future__ import annotations

import os


def make_page_files(paths: list[str]) -> int:
    """Create each (empty) page file and its folder."""
    folder = None
    for path in paths:
        if os.path.dirname(path) != folder:
            folder = os.path.dirname(path)
            os.makedirs(folder, exist_ok=True)
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o644))
    return len(paths)


def empty_pages(files) -> list[str]:
    """Source paths of the pages whose pre-made file is still empty (or missing) after the build."""
    return [f.src_uri for f in files.documentation_pages() if _size(f.abs_dest_path) == 0]


def _size(path: str) -> int:
    """The file's size; 0 for a missing file (one stat, not two)."""
    try:
        return os.stat(path).st_size
    except FileNotFoundError:
        return 0
