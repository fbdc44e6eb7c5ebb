"""What a `mkdocs serve --dirty` session (make serve) keeps from one rebuild to the next, and what
it says about itself.

A dirty serve makes MkDocs warn on every rebuild that "a 'dirty' build ... will likely lead to
inaccurate navigation": a newcomer reads that as something broken. Here it is not: the archive's
preview rebuilds what an edit affects (archive.speed.preview) and keeps the site-wide files of its
first build on purpose. `PreviewLog` replaces exactly that one message, in the preview only, by a
line saying what the preview does; every other warning is left as it is. (The "pages not in the
nav" note is answered in mkdocs.yml: `not_in_nav` names the pages left out of the nav on purpose.)
"""

from __future__ import annotations

import logging

DIRTY_WARNING = "A 'dirty' build is being performed"
"""The start of MkDocs' own message (mkdocs/commands/build.py), the one `PreviewLog` replaces."""
BUILD_LOGGER = "mkdocs.commands.build"
PREVIEW_MESSAGE = ("Preview: a saved edit re-renders only the pages it affects; the search index, feeds and "
                   "data files stay as the first build made them until the preview restarts "
                   "(`make build` makes the whole public site)")


class PreviewLog(logging.Filter):
    """On MkDocs' build logger during a dirty serve: its dirty-build warning becomes one INFO line
    saying what the preview does, the first time only; nothing else is touched."""

    def __init__(self) -> None:
        super().__init__()
        self.said = False

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno != logging.WARNING or not str(record.msg).startswith(DIRTY_WARNING):
            return True
        if self.said:
            return False
        self.said = True
        record.msg, record.args = PREVIEW_MESSAGE, ()
        record.levelno, record.levelname = logging.INFO, logging.getLevelName(logging.INFO)
        return True

    @classmethod
    def install(cls) -> PreviewLog:
        """Once per process (a serve session calls `on_startup` once, tests may call it again)."""
        logger = logging.getLogger(BUILD_LOGGER)
        for existing in logger.filters:
            if isinstance(existing, cls):
                return existing
        made = cls()
        logger.addFilter(made)
        return made


class PreviewState:
    """Made in `on_startup` of a dirty serve; each rebuild's `ArchiveBuild` reads and updates it."""

    def __init__(self, caches=None) -> None:
        self.builds = 0
        """Builds finished in this session."""
        self.history: dict | None = None
        self.similar = None
        """Git dates and near-duplicates of the first build, reused by later ones (they cost seconds)."""
        self.caches = caches
        """The speedups' preview caches (archive.speed.preview.PreviewCaches), or None when off."""
        self.log = PreviewLog.install()
        """The preview's own line in place of MkDocs' dirty-build warning."""

    @property
    def is_rebuild(self) -> bool:
        """After its first build, a preview leaves the site-wide outputs (search index, exports,
        near-duplicates) as that build made them."""
        return self.builds >= 1
