"""Page shells: Material's frame around a generated page, rendered once per kind of page.

Material renders its whole base template (head, header, tabs, navigation, footer, scripts) for
every page, and at 10,000 reports that was most of the build. For a generated page that is not
a nav entry the frame depends only on the page's template and where the page sits (links are
relative), plus a few values of the page itself: title, description, canonical URL and the skip
link to its first heading. So the frame is rendered once, for the first page of each kind, with
markers in place of those values and of the page's own parts (what it adds to <head>, its
content, its table of contents); every other page of that kind is the shell with its markers
filled in. A page's own parts are ordinary templates (`archive/<kind>/head.html`, `body.html`).

Pages leave here minified (the `minify` function given, applied to the shell's pieces once and
to each page's own parts), so the frame's indentation is stripped once, not once per page.

Each shell is checked: its first pages are also rendered the ordinary way and compared byte for
byte. A difference (a template change that makes the frame depend on something else) turns the
shell off for that kind of page, with a warning, so the site is always exactly what Material
renders. `ARCHIVE_VERIFY_SHELLS=1` compares every page and fails the build on a difference.
"""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass, field

from markupsafe import Markup

PARTS = {"extrahead": "head.html", "content": "body.html"}
"""Blocks of an archive template that are the page's own, and the template of each, in
`archive/<kind>/` beside `archive/<kind>.html`."""

CHECKED_PAGES = 2
"""Pages of each shell also rendered in full and compared."""

_MARK = "\ue000{}\ue001"
_MARKS = re.compile("\ue000([a-z_]+)\ue001")


def _mark(name: str) -> Markup:
    return Markup(_MARK.format(name))


class ShellMismatch(Exception):
    pass


class Probe:
    """`archive_probe` in the templates while a shell renders: each part is a marker."""

    def __getattr__(self, name: str) -> Markup:
        return _mark(name)


@dataclass
class _Anchor:
    url: str
    level: int = 2
    children: list = field(default_factory=list)


class _ProbePage:
    """The page as the shell render sees it: its own values are markers, the rest is the page."""

    def __init__(self, page, toc: bool):
        self._page = page
        self.meta = dict(page.meta)
        for name in ("title", "description"):
            if page.meta.get(name):
                self.meta[name] = _mark(name)
        self.canonical_url = _mark("canonical_url") if page.canonical_url else page.canonical_url
        # `page.toc | first` makes the skip link (an anchor: Material's `url` filter leaves it as it
        # is); a page with headings also gets its own table of contents in the sidebar.
        self.toc = [_Anchor("#" + _MARK.format("skip"))] if toc else []

    def __getattr__(self, name):
        return getattr(self._page, name)


@dataclass
class _Shell:
    pieces: list[str]
    """Literal HTML at even positions, marker names at odd ones."""
    checked: int = 0
    broken: bool = False


class PageShells:
    """The shells of one build, keyed by template, section, depth and which values the page has."""

    def __init__(self, env, minify=lambda html: html, verify_all: bool | None = None):
        self.env = env
        self.minify = minify
        self.shells: dict[tuple, _Shell] = {}
        self.pages = 0
        """Pages made from a shell."""
        self.compared = 0
        """Of those, pages also rendered in full and found identical."""
        self.verify_all = os.environ.get("ARCHIVE_VERIFY_SHELLS") == "1" if verify_all is None else verify_all
        self._toc_part = env.from_string('{% import "partials/language.html" as lang with context %}'
                                         '{% include "partials/toc.html" %}')
        env.globals.setdefault("archive_probe", None)

    def render(self, template_name: str, context: dict) -> str:
        """The page's HTML, exactly as `minify(env.get_template(template_name).render(context))`."""
        page = context["page"]
        toc = bool(page.toc)
        if toc and not next(iter(page.toc)).url.startswith("#"):
            return self._full(template_name, context)  # the shell's skip link is an anchor on the page
        segments = page.url.strip("/").split("/")
        key = (template_name, segments[0], len(segments), toc,
               bool(page.meta.get("title")), bool(page.meta.get("description")), bool(page.canonical_url))
        shell = self.shells.get(key)
        if shell is None:
            shell = self.shells[key] = self._make_shell(template_name, context, toc)
        if shell.broken:
            return self._full(template_name, context)
        html = self._fill(shell, template_name, context, toc)
        if shell.checked < CHECKED_PAGES or self.verify_all:
            shell.checked += 1
            full = self._full(template_name, context)
            if full != html:
                where = first_difference(full, html)
                if self.verify_all:
                    raise ShellMismatch(f"{page.file.src_uri}: shell of {template_name} differs from a full rendering {where}")
                shell.broken = True
                _log().warning(f"{template_name}: the shared page frame differs from a full rendering {where} on "
                               f"{page.file.src_uri}; these pages are rendered in full (slower, same output)")
                return full
            self.compared += 1
        self.pages += 1
        return html

    def summary(self) -> str:
        broken = sum(shell.broken for shell in self.shells.values())
        return (f"page shells: {self.pages:,} pages from {len(self.shells) - broken:,} shells"
                f"{f' ({broken} turned off)' if broken else ''}; {self.compared:,} compared with a full rendering")

    def _full(self, template_name: str, context: dict) -> str:
        return self.minify(self.env.get_template(template_name).render(context))

    def _make_shell(self, template_name: str, context: dict, toc: bool) -> _Shell:
        probe_context = dict(context, page=_ProbePage(context["page"], toc), archive_probe=Probe())
        pieces = _MARKS.split(self.env.get_template(template_name).render(probe_context))
        pieces[::2] = [self.minify(piece) for piece in pieces[::2]]
        return _Shell(pieces)

    def _fill(self, shell: _Shell, template_name: str, context: dict, toc: bool) -> str:
        page = context["page"]
        folder = template_name[: -len(".html")]
        values = {part: self.env.get_template(f"{folder}/{name}").render(context) for part, name in PARTS.items()}
        values["title"] = page.meta.get("title")
        values["description"] = page.meta.get("description")
        values["canonical_url"] = page.canonical_url
        if toc:
            values["skip"] = next(iter(page.toc)).url[1:]  # after the shell's "#"
            values["toc"] = self._toc_part.render(context)
        pieces = shell.pieces[:]
        for index in range(1, len(pieces), 2):
            pieces[index] = self.minify(str(values[pieces[index]] or ""))
        return _join_minified(pieces)


def _join_minified(pieces: list[str]) -> str:
    """Minified pieces joined as the whole would have been minified: whitespace that follows a
    line break across a seam goes, as `collapse_indentation` drops it within one string."""
    out = []
    after_newline = False
    for piece in pieces:
        if after_newline:
            piece = piece.lstrip(" \t\n")
        if piece:
            out.append(piece)
            after_newline = piece.endswith("\n")
    return "".join(out)


def first_difference(expected: str, got: str) -> str:
    index = next((i for i, (a, b) in enumerate(zip(expected, got)) if a != b), min(len(expected), len(got)))
    return f"at character {index}: {expected[max(0, index - 60):index + 60]!r} vs {got[max(0, index - 60):index + 60]!r}"


def _log():
    return logging.getLogger("mkdocs.plugins.archive")
