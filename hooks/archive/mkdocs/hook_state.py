"""The one object `hooks/archive_hooks.py` keeps between events: the current build and, in a
`mkdocs serve --dirty` session, the preview state carried from one rebuild to the next."""

from __future__ import annotations

from .. import speed
from .build import ArchiveBuild
from .preview import PreviewState


class HookState:
    def __init__(self) -> None:
        self.build: ArchiveBuild | None = None
        self.preview: PreviewState | None = None
        self.dirty = False
        self.keeps_site = False
        """True for `mkdocs build` (not serve, not dirty): pages of the previous site/ may be kept."""

    def start(self, serving: bool, dirty: bool) -> None:
        self.dirty = dirty
        self.keeps_site = not serving and not dirty
        self.preview = PreviewState(speed.preview_caches()) if serving and dirty else None

    def failed(self) -> None:
        if self.build is not None:
            self.build.speed.build_failed()
