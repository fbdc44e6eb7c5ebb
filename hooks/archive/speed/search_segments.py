"""The search index's full segments kept between builds.

Replaces: the postings of every segment built afresh on every build. A full segment's files are a
function of its documents alone (archive/search/segments.py), so they are kept in the cache folder
under a digest of those documents and of the code and tables that make the files, and copied into
the index when the same documents come again: a build after one added report makes only the
tail segment. The tail is never kept (it changes on every addition). Proves itself: the same
bytes with and without the store (tests/speed/test_search_segments.py), and ARCHIVE_SPEEDUPS=0
builds every segment.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import shutil
from pathlib import Path

from ..search import layout

FOLDER = "search-segments"
_SOURCES = ("binary.py", "documents.py", "fold.py", "grams.py", "index.py", "layout.py", "segments.py", "shards.py")


@functools.lru_cache(maxsize=1)
def fingerprint() -> str:
    """What a segment's files depend on besides its documents: the code that writes them and the
    folding table."""
    from ..search.fold import char_map

    h = hashlib.blake2b(digest_size=16)
    folder = Path(layout.__file__).parent
    for name in _SOURCES:
        h.update((folder / name).read_bytes())
    h.update(json.dumps(sorted(char_map().items()), ensure_ascii=False).encode("utf-8"))
    return h.hexdigest()


def segment_key(docs) -> str:
    """A digest of a segment's documents as the postings see them (their searchable segments)."""
    h = hashlib.blake2b(fingerprint().encode(), digest_size=20)
    for doc in docs:
        h.update(json.dumps(doc.segments, ensure_ascii=False).encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()


def _link_or_copy(source: str, target: str) -> None:
    """A hard link where the file system allows one (the index's files are only ever written
    afresh, never in place, so a link cannot change the kept copy), else a copy. A target that is
    the kept copy already (the previous site back in place) is left alone; any other is unlinked
    first, never written into (it may be a link to another kept copy)."""
    try:
        if os.path.samefile(source, target):
            return
        os.unlink(target)
    except OSError:
        pass
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def _listing(folder: Path) -> dict[str, int]:
    """Every file below `folder` with its size."""
    out = {}
    for root, _, names in os.walk(folder):
        for name in names:
            path = os.path.join(root, name)
            out[os.path.relpath(path, folder)] = os.path.getsize(path)
    return out


class KeptSegments:
    """Full segments of earlier builds in `folder`: one sub-folder per segment key holding the
    segment's files and `result.json` (what writing it returned, and the files with their sizes).
    Anything unreadable or not as listed is as good as missing: the segment is made afresh (it is
    a cache). `prune` keeps only the segments this build used."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder) / FOLDER
        self.used: set[str] = set()
        self.reused = self.built = 0

    def segment(self, docs, target: Path, make):
        """`make()` writes the segment's files into `target` and returns a JSON-able result; kept
        files are copied instead where the documents are the same."""
        key = segment_key(docs)
        self.used.add(key)
        kept = self.folder / key
        try:
            result, files = json.loads((kept / "result.json").read_text(encoding="utf-8"))
            shutil.copytree(kept / "files", target, dirs_exist_ok=True, copy_function=_link_or_copy)
            if _listing(target) == files:
                self.reused += 1
                return tuple(result)
        except (OSError, ValueError, TypeError):
            pass
        shutil.rmtree(target, ignore_errors=True)
        result = make()
        self.built += 1
        try:
            scratch = self.folder / f"{key}.tmp{os.getpid()}"
            shutil.rmtree(scratch, ignore_errors=True)
            shutil.copytree(target, scratch / "files")
            (scratch / "result.json").write_text(json.dumps([list(result), _listing(target)]), encoding="utf-8")
            shutil.rmtree(kept, ignore_errors=True)
            os.replace(scratch, kept)
        except OSError:
            pass
        return result

    def prune(self) -> None:
        """Drop the kept segments this build did not use (reports edited, deleted or merged)."""
        try:
            entries = list(self.folder.iterdir())
        except OSError:
            return
        for entry in entries:
            if entry.name not in self.used:
                shutil.rmtree(entry, ignore_errors=True)
