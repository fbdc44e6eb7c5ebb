"""Relative links of report bodies, checked the way MkDocs' strict build checks them.

A report's page is the MkDocs file `reports/<its path>` (mkdocs/pages.py), so a relative link
(`../2014/x.md`, `img/a.png`) is resolved from the report's own file: a link to another report's
`.md` file becomes that report's URL. A target that is not among the build's files makes MkDocs
warn, and `mkdocs build --strict` fail; here it is an error naming the report's line, so that
the validator catches it before CI does. External (`https:`), absolute (`/…`) and in-page (`#…`)
links are not checked (MkDocs does not fail on them either); nor is raw HTML, which MkDocs does
not resolve.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .schema import Problem, Report

REPORTS_URI = "reports/"
"""Where report pages pretend to live among MkDocs' files (mkdocs/pages.py)."""


class _Collector:
    """A Python-Markdown tree processor that keeps every `a[href]` and `img[src]`."""

    def __init__(self):
        import markdown
        from markdown.treeprocessors import Treeprocessor

        found: list[str] = []

        class Collect(Treeprocessor):
            def run(self, root):
                for element in root.iter():
                    target = element.get("href") if element.tag == "a" else element.get("src") if element.tag == "img" else None
                    if target is not None:
                        found.append(target)

        self.found = found
        self.md = markdown.Markdown(extensions=["tables", "attr_list"])
        self.md.treeprocessors.register(Collect(self.md), "archive_links", 0)

    def links(self, body: str) -> list[str]:
        self.found.clear()
        self.md.reset()
        self.md.convert(body)
        return list(self.found)


def site_files(docs_dir: Path) -> set[str]:
    """The hand-written files of docs/ as MkDocs names them (theme overrides aside)."""
    if not docs_dir.is_dir():
        return set()
    return {p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*")
            if p.is_file() and not p.relative_to(docs_dir).as_posix().startswith("overrides/")}


def link_problems(reports: list[Report], shown: dict[str, str], docs_dir: Path) -> list[Problem]:
    """One problem per relative link of a published report whose target the build will not have."""
    candidates = [r for r in reports if "](" in r.body or "]:" in r.body]
    if not candidates:
        return []
    known = {REPORTS_URI + r.source_path for r in reports} | site_files(docs_dir)
    collector = _Collector()
    problems = []
    for report in candidates:
        own = REPORTS_URI + report.source_path
        try:
            targets = collector.links(report.body)
        except RecursionError:  # body_limits keeps bodies far from this
            continue
        for url in dict.fromkeys(targets):
            target = resolve(own, url)
            if target is not None and target not in known:
                line = _line_of(report, url)
                path_only = urlsplit(url).path
                hint = ("a report's file path, e.g. ../2014/zunyi-kexie.md, or an https:// address"
                        if path_only.endswith(".md") else "a file that is in the archive (put attachments under docs/), "
                        "or an https:// address")
                problems.append(Problem(shown[report.source_path], line, "body",
                                        f"links to {url[:80]!r}, which is not a published report or a file of the site "
                                        f"(it resolves to {target[:80]!r})", hint))
    return problems


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
