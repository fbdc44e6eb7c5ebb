"""What `mkdocs serve --dirty` (make serve) keeps between rebuilds to redo only what an edit changed.

Replaces: a preview rebuild that re-reads every report file, recompiles every template and
re-renders every generated page. Kept here: the catalogue's parse results (reused while a file's
size and modification time stay the same), the compiled templates, and a fingerprint of what each
generated page shows (a page whose fingerprint is unchanged is not rendered again).
Proves itself: tests/build/test_preview.py edits a report during a serve and checks its pages.
"""

from __future__ import annotations

from pathlib import Path

from jinja2.bccache import Bucket, BytecodeCache
from mkdocs.structure.files import File


class ParseCache:
    """Results of reading report files (the catalogue's `cache=`), by path and stat."""

    def __init__(self) -> None:
        self._entries: dict[Path, tuple] = {}

    def get(self, path: Path):
        entry = self._entries.get(path)
        if entry is None:
            return None
        stat = path.stat()
        return entry[1:] if entry[0] == (stat.st_mtime_ns, stat.st_size) else None

    def put(self, path: Path, stat, report, problems, text: str = "") -> None:
        self._entries[path] = ((stat.st_mtime_ns, stat.st_size), report, problems)


class MemoryBytecodeCache(BytecodeCache):
    """Compiled Jinja templates: MkDocs makes a new environment for every rebuild."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


class PreviewCaches:
    """Kept by the serve session from one rebuild to the next."""

    def __init__(self) -> None:
        self.parse_cache = ParseCache()
        self.template_bytecode = MemoryBytecodeCache()
        self.fingerprints: dict[str, int] = {}

    def mark(self, file: File, state) -> None:
        """A page whose content is the same as in the previous build is not rebuilt."""
        fingerprint = hash(state)
        unchanged = self.fingerprints.get(file.src_uri) == fingerprint
        self.fingerprints[file.src_uri] = fingerprint
        # MkDocs' own test (source newer than output) misses a page that changed because another
        # report did (a unit's timeline): the fingerprint decides, a missing output file aside.
        file.is_modified = (lambda: not Path(file.abs_dest_path).exists()) if unchanged else (lambda: True)
