"""Relative links of report bodies, checked the way MkDocs' strict build checks them.

A report's page is the MkDocs file `reports/<its path>` (mkdocs/pages.py), so a relative link
(`../2014/x.md`, `img/a.png`) is resolved from the report's own file: a link to another report's
`.md` file becomes that report's URL. A target that is not among the build's files makes MkDocs
warn, and `mkdocs build --strict` fail; here it is an error naming the report's line, so that
the validator catches it before CI does. External (`https:`), absolute (`/…`) and in-page (`#…`)
links are not checked (MkDocs does not fail on them either); nor are raw HTML links, which MkDocs
does not resolve.

Two more things of a body are checked here, as the build will show them:
- a link to a section (`#yi-zhu-yao`, `../2014/x.md#yi-zhu-yao`, or the `#user-content-…` form a
  reader copies from the address bar) must name an id of that report: a heading's anchor
  (anchors.py) or an `{#id}` / raw HTML id;
- an image (Markdown or raw HTML) must be a file of the site: the site loads nothing from another
  host (sanitize.py drops any other source), so an image on another host is an error naming the
  line, not a picture that silently goes missing.
"""

from __future__ import annotations

import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .sanitize import ID_PREFIX, remote_source
from .schema import Problem, Report

REPORTS_URI = "reports/"
"""Where report pages pretend to live among MkDocs' files (mkdocs/pages.py)."""


class _Rendered:
    """What one body shows, as far as links go."""

    def __init__(self) -> None:
        self.links: list[str] = []
        """Targets of Markdown links and images (MkDocs resolves these), in order."""
        self.images: list[str] = []
        """Sources of every image, Markdown or raw HTML."""
        self.ids: set[str] = set()
        """Ids of the body's elements, unprefixed (headings' anchors, `{#id}`, raw HTML ids)."""


class _HtmlScan(HTMLParser):
    """Image sources and ids of the rendered body, raw HTML included."""

    def __init__(self, rendered: _Rendered) -> None:
        super().__init__(convert_charrefs=True)
        self.rendered = rendered

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" and value.strip():
                self.rendered.ids.add(value.strip())
            elif name == "src" and tag == "img":
                self.rendered.images.append(value)


class _Collector:
    """Renders bodies as the build's Markdown does (mkdocs.yml: toc with the pinyin anchors,
    tables, attr_list) and keeps their links, images and ids."""

    def __init__(self):
        import markdown
        from markdown.extensions.toc import TocExtension
        from markdown.treeprocessors import Treeprocessor

        from .anchors import section_slug

        collector = self

        class Collect(Treeprocessor):
            def run(self, root):
                for element in root.iter():
                    target = element.get("href") if element.tag == "a" else element.get("src") if element.tag == "img" else None
                    if target is not None:
                        collector.current.links.append(target)

        self.current = _Rendered()
        self.md = markdown.Markdown(extensions=["tables", "attr_list", TocExtension(permalink=False, slugify=section_slug)])
        self.md.treeprocessors.register(Collect(self.md), "archive_links", 0)

    def render(self, body: str) -> _Rendered:
        self.current = rendered = _Rendered()
        self.md.reset()
        html = self.md.convert(body)
        scan = _HtmlScan(rendered)
        scan.feed(html)
        scan.close()
        return rendered

    def links(self, body: str) -> list[str]:
        return self.render(body).links


def site_files(docs_dir: Path) -> set[str]:
    """The hand-written files of docs/ as MkDocs names them (theme overrides aside)."""
    if not docs_dir.is_dir():
        return set()
    return {p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*")
            if p.is_file() and not p.relative_to(docs_dir).as_posix().startswith("overrides/")}


_RAW_IMAGE = re.compile(r"<img", re.I)


def _may_link(body: str) -> bool:
    """Can the body hold a Markdown link or image, or a raw HTML image? (The others are not rendered.)"""
    return "](" in body or "]:" in body or _RAW_IMAGE.search(body) is not None


def link_problems(reports: list[Report], shown: dict[str, str], docs_dir: Path) -> list[Problem]:
    """One problem per relative link of a published report whose target the build will not have,
    per link to a section that the target does not have, and per image from another host."""
    candidates = [r for r in reports if _may_link(r.body)]
    if not candidates:
        return []
    by_uri = {REPORTS_URI + r.source_path: r for r in reports}
    known = set(by_uri) | site_files(docs_dir)
    collector = _Collector()
    rendered: dict[str, _Rendered | None] = {}

    def ids_of(uri: str) -> set[str] | None:
        """The ids of the report at `uri` (rendered once, when a link asks for them)."""
        if uri not in rendered:
            try:
                rendered[uri] = collector.render(by_uri[uri].body)
            except RecursionError:  # body_limits keeps bodies far from this
                rendered[uri] = None
        return None if rendered[uri] is None else rendered[uri].ids

    problems = []
    for report in candidates:
        own = REPORTS_URI + report.source_path
        where = shown[report.source_path]
        if own not in rendered:
            ids_of(own)
        body = rendered[own]
        if body is None:
            continue
        problems += _remote_images(report, where, body)
        for url in dict.fromkeys(body.links):
            problem = _fragment_problem(report, where, own, url, by_uri, ids_of)
            if problem:
                problems.append(problem)
            target = resolve(own, url)
            if target is not None and target not in known:
                line = _line_of(report, url)
                path_only = urlsplit(url).path
                hint = ("a report's file path, e.g. ../2014/zunyi-kexie.md, or an https:// address"
                        if path_only.endswith(".md") else "a file that is in the archive (put attachments under docs/), "
                        "or an https:// address")
                problems.append(Problem(where, line, "body",
                                        f"links to {url[:80]!r}, which is not a published report or a file of the site "
                                        f"(it resolves to {target[:80]!r})", hint))
    return problems


def loose_file_problems(reports: list[Report], shown: dict[str, str]) -> list[Problem]:
    """What can be checked of reports not yet in the archive (validate.py on a file or folder
    outside reports/): images from another host and links to sections of the report itself.
    Links to other files depend on where the file will be put, and are checked once it is there."""
    problems = []
    collector = _Collector()
    for report in reports:
        if not _may_link(report.body):
            continue
        try:
            body = collector.render(report.body)
        except RecursionError:  # body_limits keeps bodies far from this
            continue
        where = shown[report.source_path]
        problems += _remote_images(report, where, body)
        own = REPORTS_URI + report.source_path
        for url in dict.fromkeys(body.links):
            if url.startswith("#"):
                problem = _fragment_problem(report, where, own, url, {own: report}, lambda _uri: body.ids)
                if problem:
                    problems.append(problem)
    return problems


def _remote_images(report: Report, where: str, body: _Rendered) -> list[Problem]:
    return [Problem(where, _line_of(report, source), "body",
                    f"{source[:80]!r} is on another host, and the site loads nothing from other hosts",
                    "save the image in docs/ (e.g. docs/images/a.png, written ../../images/a.png "
                    "from reports/2015/x.md), or link to it instead: [图](https://…)")
            for source in dict.fromkeys(body.images) if remote_source(source)]


def _fragment_problem(report: Report, where: str, own: str, url: str, by_uri: dict[str, Report], ids_of) -> Problem | None:
    """A link to a section (`#x`, `x.md#x`) of this or another published report that has no such id."""
    scheme, netloc, path, _query, fragment = urlsplit(url)
    if not fragment or scheme or netloc or url.startswith(("/", "\\")):
        return None
    target = own if not path else resolve(own, url)
    if target not in by_uri:
        return None  # not a report (a missing file is its own problem)
    anchor = unquote(fragment)
    anchor = anchor[len(ID_PREFIX):] if anchor.startswith(ID_PREFIX) else anchor
    ids = ids_of(target)
    if ids is None or anchor in ids:
        return None
    whose = "this report" if target == own else by_uri[target].source_path
    known = sorted(ids)
    accepted = ("one of its section anchors: " + ", ".join("#" + a for a in known[:6]) + (" …" if len(known) > 6 else "")
                if known else "a link to the report itself, without '#…' (it has no sections)")
    return Problem(where, _line_of(report, url), "body",
                   f"links to the section #{anchor[:60]} of {whose}, which has no such section", accepted)


def resolve(own_uri: str, url: str) -> str | None:
    """The MkDocs file a relative link of the page `own_uri` points at; None for links that are
    not checked (external, absolute, in-page, or without a file extension)."""
    scheme, netloc, path, _query, _anchor = urlsplit(url)
    if scheme or netloc or url.startswith(("/", "\\")) or not path or "\x02amp\x03" in url:
        return None
    path = unquote(path)
    if not posixpath.splitext(path)[-1]:
        return None  # MkDocs: an "unrecognized relative link", left as is without a warning
    return posixpath.normpath(posixpath.join(posixpath.dirname(own_uri), path))


def _line_of(report: Report, url: str) -> int:
    """The file line where the link is written (the first line that holds its target)."""
    for needle in ("(" + url, "<" + url, ": " + url, url, unquote(url)):
        at = report.body.find(needle)
        if at >= 0:
            return report.body_line + report.body.count("\n", 0, at)
    return report.body_line
