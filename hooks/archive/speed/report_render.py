"""Report bodies rendered with one shared Python-Markdown parser, or taken from an earlier build.

Replaces: MkDocs' `Page.render`, which builds a new Python-Markdown parser, with all its
extensions and patterns, for every page (~0.6 ms a page, more than a report's own text), and
renders every body on every build. `FastReportPage.render` is MkDocs 1.6's `Page.render` line for
line, but with the build's shared parser (whose inline stage skips text no pattern can match,
inline.py), and with a body rendered by an earlier build taken from the store (rendered.py).

Proves itself: the whole site is diffed against `ARCHIVE_SPEEDUPS=0` (tests/speed/test_switch.py).
A body from the store is sanitised again when its page's content is handed to MkDocs (the adapter
sanitises every report page), so an edited store file cannot put markup on a page.
This module copies MkDocs internals (`_RawHTMLPreprocessor`, `_ExtractAnchorsTreeprocessor` …):
after an MkDocs upgrade, compare with the new `Page.render` or turn the speedups off.
"""

from __future__ import annotations

import logging

from mkdocs.structure import pages as mkdocs_pages
from mkdocs.structure.toc import get_toc

from ..mkdocs.pages import ReportPage
from .inline import use_quick_inline
from .rendered import RenderedBodies, RenderedBody


class SharedMarkdown:
    """One Python-Markdown parser for every report of a build."""

    def __init__(self) -> None:
        self.parser = None

    def get(self, config):
        if self.parser is None:
            import markdown

            self.parser = markdown.Markdown(extensions=config["markdown_extensions"],
                                            extension_configs=config["mdx_configs"] or {})
            use_quick_inline(self.parser)
        self.parser.reset()
        return self.parser


class FastReportPage(ReportPage):
    """A report page rendered by the shared parser, or from the store of rendered bodies."""

    store_key: str | None = None
    toc_tokens: list = []

    _deferred: tuple | None = None

    def use_speedups(self, markdown: SharedMarkdown, store: RenderedBodies) -> None:
        self._markdown, self._store = markdown, store

    def render(self, config, files) -> None:
        """Deferred until the page is written (release.py): `content` is a placeholder meanwhile,
        which MkDocs hands to `on_page_content` (the adapter leaves a deferred page's alone)."""
        self._deferred = (config, files)
        self.content = ""

    @property
    def is_deferred(self) -> bool:
        return self._deferred is not None

    def render_deferred(self) -> None:
        """The page's body rendered now, just before its template (MkDocs' `on_page_context`)."""
        config, files = self._deferred
        self._deferred = None
        self._render(config, files)

    def _render(self, config, files) -> None:
        self.store_key = self._store.key(self.markdown, self.file.src_uri)
        stored = self._store.get(self.store_key)
        if stored is not None:
            self.content, self.toc_tokens, self._title_from_render = stored.html, stored.toc_tokens, stored.title
            self.toc, self.present_anchor_ids = get_toc(stored.toc_tokens), set(stored.anchors)
            return
        md = self._markdown.get(config)
        # MkDocs' own processors (anchors, relative links, title), registered again for this
        # page's file, replacing the previous page's under the same names.
        raw_html_ext = mkdocs_pages._RawHTMLPreprocessor()
        raw_html_ext._register(md)
        extract_anchors_ext = mkdocs_pages._ExtractAnchorsTreeprocessor(self.file, files, config)
        extract_anchors_ext._register(md)
        relative_path_ext = mkdocs_pages._RelativePathTreeprocessor(self.file, files, config)
        relative_path_ext._register(md)
        extract_title_ext = mkdocs_pages._ExtractTitleTreeprocessor()
        extract_title_ext._register(md)
        self.content = md.convert(self.markdown)
        self.toc_tokens = getattr(md, "toc_tokens", [])
        self.toc = get_toc(self.toc_tokens)
        self._title_from_render = extract_title_ext.title
        self.present_anchor_ids = extract_anchors_ext.present_anchor_ids | raw_html_ext.present_anchor_ids
        if mkdocs_pages.log.getEffectiveLevel() > logging.DEBUG:
            self.links_to_anchors = relative_path_ext.links_to_anchors

    def keep_body(self) -> None:
        """The whole page is the previous build's (kept_pages.py): the body is not rendered, and its
        stored rendering stays in the store for a later build."""
        self._deferred = None
        self._store.touch(self._store.key(self.markdown, self.file.src_uri))

    def keep(self, sanitised_html: str) -> None:
        """Store the body's sanitised HTML for the next build."""
        self._store.put(self.store_key, RenderedBody(sanitised_html, self.toc_tokens, self._title_from_render,
                                                     sorted(self.present_anchor_ids)))


def rendering_fingerprint(config) -> str:
    """What a report body's HTML depends on besides its text and path (the store's keys)."""
    import markdown

    from mkdocs import __version__ as mkdocs_version

    from ..sanitize import RULES

    return repr((mkdocs_version, markdown.__version__, list(config.markdown_extensions),
                 sorted((str(k), _stable_repr(v)) for k, v in (config.mdx_configs or {}).items()), RULES))


def _stable_repr(value) -> str:
    """A setting as text that is the same in every process: a function (the toc's `slugify`) by its
    module and name, not its memory address."""
    if callable(value):
        return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', repr(value))}"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k!r}: {_stable_repr(v)}" for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_stable_repr(v) for v in value) + "]"
    return repr(value)
