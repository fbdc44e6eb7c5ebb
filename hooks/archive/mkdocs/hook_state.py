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

    def start(self, serving: bool, dirty: bool) -> None:
        self.dirty = dirty
        self.preview = PreviewState(speed.preview_caches()) if serving and dirty else None

    def failed(self) -> None:
        if self.build is not None:
            self.build.speed.build_failed()
