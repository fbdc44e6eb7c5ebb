"""Rendered report bodies kept between builds (CI keeps the folder; so does a local checkout).

Markdown → HTML → sanitised HTML is most of what a report page costs, and between two builds of
an archive almost every report is unchanged. This store maps a key made of everything that HTML
depends on (the body, the page's path, the Markdown extensions and their settings, the versions
of MkDocs and Python-Markdown, the sanitiser's rules and version) to the sanitised HTML and what
MkDocs keeps of the rendering (table of contents, title of a leading h1, anchors). A change to
any input is a new key, so nothing is invalidated by hand; entries no build used are dropped
when a full build ends.

Bodies with Markdown links or images, or with raw HTML, are always rendered afresh: MkDocs
resolves their links against the other files of the build, and warns about broken ones.

One SQLite file; entries are looked up one by one (the whole store can be larger than a build
should hold in memory) and written in batches as the build goes.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path

FORMAT = 1
"""Bumped when what is stored changes shape."""

FILE_NAME = "rendered-bodies.sqlite"

FLUSH_EVERY = 1000
"""New entries held in memory before they are written (a cold build of 50,000 reports would
otherwise hold every page's HTML until the end)."""


def rendered_afresh(body: str) -> bool:
    """True for a body with a Markdown link, image or reference definition, raw HTML or an
    autolink: MkDocs resolves its links against the build's files, so it is never kept."""
    return any(marker in body for marker in ("](", "]:", "<"))


@dataclass(frozen=True)
class RenderedBody:
    html: str
    """Sanitised."""
    toc_tokens: list
    """Python-Markdown's `toc_tokens` (MkDocs turns them into `page.toc`)."""
    title: str | None
    """The text of a leading h1, which MkDocs would use as the page title."""
    anchors: list[str]
    """Ids of elements in the body (MkDocs' `present_anchor_ids`)."""


class RenderedBodies:
    """The store of one build: `get` and `put` by key, `save` when the build ends."""

    def __init__(self, folder: Path | None, fingerprint: str):
        self.fingerprint = f"{FORMAT}\0{fingerprint}"
        self.hits = self.misses = 0
        self._new: dict[str, RenderedBody] = {}
        self._used: set[str] = set()
        self._folder = folder
        self._db: sqlite3.Connection | None = None
        """Opened on first use: after the build has forked its background jobs."""

    @property
    def db(self) -> sqlite3.Connection:
        if self._db is None:
            self._folder.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self._folder / FILE_NAME, timeout=60)
            self._db.execute("CREATE TABLE IF NOT EXISTS bodies (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        return self._db

    def key(self, body: str, page_path: str) -> str | None:
        """None for a body that must be rendered afresh (see the module's doc), or without a store."""
        if self._folder is None or rendered_afresh(body):
            return None
        return hashlib.blake2b(f"{self.fingerprint}\0{page_path}\0{body}".encode(), digest_size=20).hexdigest()

    def get(self, key: str | None) -> RenderedBody | None:
        if key is None:
            return None
        self._used.add(key)
        row = self.db.execute("SELECT value FROM bodies WHERE key = ?", (key,)).fetchone()
        if row is None:
            self.misses += 1
            return None
        self.hits += 1
        html, toc_tokens, title, anchors = json.loads(row[0])
        return RenderedBody(html, toc_tokens, title, anchors)

    def touch(self, key: str | None) -> None:
        """The entry is used by this build without being read (its page was kept whole)."""
        if key is not None:
            self._used.add(key)

    def put(self, key: str | None, rendered: RenderedBody) -> None:
        if key is not None:
            self._used.add(key)
            self._new[key] = rendered
            if len(self._new) >= FLUSH_EVERY:
                self._write_new()

    def _write_new(self) -> None:
        with self.db:
            self.db.executemany("INSERT OR REPLACE INTO bodies VALUES (?, ?)", [
                (key, json.dumps([r.html, r.toc_tokens, r.title, r.anchors], ensure_ascii=False))
                for key, r in self._new.items()])
        self._new.clear()

    def save(self, prune: bool) -> None:
        """Write this build's new entries; with `prune`, drop every entry this build did not use
        (a full build uses every report's; a preview rebuild only some)."""
        if self._folder is None or not (self._used or self._new):
            return
        self._write_new()
        if prune:
            with self.db as db:
                db.execute("CREATE TEMP TABLE used (key TEXT PRIMARY KEY)")
                db.executemany("INSERT INTO used VALUES (?)", [(key,) for key in self._used])
                db.execute("DELETE FROM bodies WHERE key NOT IN (SELECT key FROM used)")
                db.execute("DROP TABLE used")

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def summary(self) -> str:
        return f"rendered report bodies: {self.hits:,} reused, {self.misses:,} rendered and kept"
