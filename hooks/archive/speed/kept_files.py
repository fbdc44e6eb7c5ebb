"""Export and search-index files of the previous site written again only when their bytes change.

Replaces: every citation file and listing feed written afresh on every build (three files a
report, one feed a unit, region and category), and the search index emptied and written afresh
(its documents' blocks and texts, its columns; archive/search/index.py `build_index` with a `put`).
With the previous site/ back in place (kept_pages.py), a file whose new bytes are the old ones is
not written: nothing changes, and its time stays, so a deploy that compares times sees it
unchanged. `KeptFiles` knows each file it wrote last time by its size, time and a digest of its
bytes (an index in the cache, one per job): a file whose size and time are as recorded and whose
new bytes have the recorded digest is only looked at (one `stat`), as kept pages are; any other is
read and compared (`write_if_changed`). A file written with a key (export/writing.py: what its
bytes are made of) is not even made when the key is the one recorded for it, under the same code
and settings (`fingerprint`), and the file is as recorded. The exports and the index still return
its path: it is a file of this build (kept_pages `remove_stale`). Proves
itself: builds with the previous site kept are diffed against builds from scratch
(tests/speed/test_kept_pages.py).
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
import logging
import os
from pathlib import Path

FOLDER = "kept-files"
FORMAT = 2


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


class KeptFiles:
    """A job's writer over the previous site in `site_dir` (called as `write(path, data, key)`), with
    its index of last time in `cache_dir/kept-files/<name>.json`; `saving(fn)` wraps the job's
    function so that the index of what it wrote is saved when it returns. `fingerprint`: the code
    and settings the keys were made under (kept_pages.py `site_fingerprint`)."""

    def __init__(self, cache_dir: Path, site_dir: Path, name: str, fingerprint: str = ""):
        self.path = Path(cache_dir) / FOLDER / f"{name}.json"
        self.site_dir = str(site_dir)
        self.fingerprint = fingerprint
        self.previous: dict[str, list] | None = None
        self.index: dict[str, list] = {}
        self.looked = self.compared = self.unmade = 0
        self._digests: dict[int, tuple[object, bytes]] = {}
        """id → (object, digest of its repr) of the dataclasses (reports) keys name: many keys name
        the same report (it is in several feeds); the object is held so that its id is not reused."""

    def _load(self) -> dict[str, list]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if data.get("format") == FORMAT and data.get("site") == self.site_dir:
                files = data["files"]
                if data.get("fingerprint") != self.fingerprint:  # keys of other code or settings
                    files = {name: entry[:3] for name, entry in files.items()}
                return files
        except (OSError, ValueError, KeyError, AttributeError, TypeError):
            pass
        return {}

    def __call__(self, path, data, key: tuple | None = None) -> None:
        if self.previous is None:
            self.previous = self._load()  # in the job's own process
        path = os.fspath(path)
        name = path[len(self.site_dir) + 1:] if path.startswith(self.site_dir + os.sep) else path
        entry = self.previous.get(name)
        made_of = [self.key(key)] if key is not None else []
        if made_of and entry is not None and entry[3:] == made_of and self._as_recorded(path, entry):
            self.index[name] = entry
            self.looked += 1
            self.unmade += 1
            return
        if callable(data):
            data = data()
        digest = hashlib.blake2b(data, digest_size=16).hexdigest()
        if entry is not None and entry[2] == digest and self._as_recorded(path, entry):
            self.index[name] = entry[:3] + made_of
            self.looked += 1
            return
        write_if_changed(path, data)
        self.compared += 1
        stat = os.stat(path)
        self.index[name] = [stat.st_size, stat.st_mtime_ns, digest] + made_of

    @staticmethod
    def _as_recorded(path: str, entry: list) -> bool:
        try:
            stat = os.stat(path)
        except OSError:
            return False
        return [stat.st_size, stat.st_mtime_ns] == entry[:2]

    def key(self, key: tuple) -> str:
        """A digest of what a file is made of: strings, numbers, dates and dataclasses (by their
        repr: every field, as Report and Division write them), in lists and tuples."""
        h = hashlib.blake2b(digest_size=16)
        self._add(h, key)
        return h.hexdigest()

    def _add(self, h, value) -> None:
        if isinstance(value, (list, tuple)):
            h.update(b"(")
            for item in value:
                self._add(h, item)
            h.update(b")")
        elif dataclasses.is_dataclass(value):
            known = self._digests.get(id(value))
            if known is None:
                known = self._digests[id(value)] = (value, hashlib.blake2b(repr(value).encode(), digest_size=16).digest())
            h.update(known[1])
        else:
            h.update(repr(value).encode() + b"\0")

    def save(self) -> None:
        """The index of this job's files (only those it wrote or kept this time)."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            scratch = self.path.with_suffix(f".tmp{os.getpid()}")
            scratch.write_text(json.dumps({"format": FORMAT, "site": self.site_dir, "fingerprint": self.fingerprint,
                                           "files": self.index},
                                          separators=(",", ":")), encoding="utf-8")
            os.replace(scratch, self.path)
        except OSError:
            pass  # a cache: the next build reads and compares instead

    def discard(self) -> None:
        try:
            self.path.unlink()
        except OSError:
            pass

    def saving(self, fn):
        @functools.wraps(fn)
        def job(*args, **kwargs):
            if self.previous is None:
                self.previous = self._load()  # before it goes:
            self.discard()  # a job that fails midway leaves no index of files it may have changed
            result = fn(*args, **kwargs)
            self.save()
            logging.getLogger("mkdocs.plugins.archive").info(
                f"kept files ({self.path.stem}): {self.looked:,} unchanged ({self.unmade:,} not made), "
                f"{self.compared:,} compared")
            return result

        return job
