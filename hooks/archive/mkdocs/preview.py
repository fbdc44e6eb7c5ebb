"""What a `mkdocs serve --dirty` session (make serve) keeps from one rebuild to the next."""

from __future__ import annotations


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

    @property
    def is_rebuild(self) -> bool:
        """After its first build, a preview leaves the site-wide outputs (search index, exports,
        near-duplicates) as that build made them."""
        return self.builds >= 1
