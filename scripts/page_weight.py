#!/usr/bin/env python3
"""Page weight: where the bytes of a built report page go, part by part.

    python scripts/page_weight.py site/                 # mean bytes per part over every report page
    python scripts/page_weight.py site/ --json          # the same as JSON (the benchmark prints it)
    python scripts/page_weight.py site/reports/2015/x/index.html   # one page
    python scripts/page_weight.py site/ --compare       # the year-against-year pages instead

A report page is parsed with the standard library's HTML parser, which reports where each tag
starts; every element of interest (below) is measured from its start tag to the end of its end
tag, in UTF-8 bytes as the file holds them, so the parts add up to the page. Parts nest in the
page; each is counted once, in the first rule that matches its element, and inner parts are
subtracted from outer ones (the header's search box is "search box", not "header").

"text" is the report's own text (what is inside <div class="archive-body">); "frame" is all
the rest. "own" is the part of the frame that is the report's own data (its metadata, title,
citation, <head> tags naming it, related reports); "shared" is what is the same on every report
page of a folder depth (the frame minus "own").

A comparison page (/units/<unit>/compare/<y1>-<y2>/) is measured as rows of its tables: the
bytes of the rows of each kind (d: sentences only one year has, c: a sentence changed, s: a run
kept, counted) and everything else ("frame").
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

# (part, own?, test on (tag, attrs, ancestors' parts)); the first that matches names an element.
OWN_HEAD_META = ("og:", "twitter:", "citation_")


def _class(attrs: dict) -> set[str]:
    return set((attrs.get("class") or "").split())


def _head_meta_is_own(tag: str, attrs: dict) -> bool:
    if tag == "meta":
        key = attrs.get("property") or attrs.get("name") or ""
        return key.startswith(OWN_HEAD_META) or key == "description"
    if tag == "script":
        return attrs.get("type") == "application/ld+json"
    if tag == "link":
        return attrs.get("rel") == "canonical"
    return tag == "title"


RULES: list[tuple[str, bool, object]] = [
    ("text", True, lambda t, a: t == "div" and "archive-body" in _class(a)),
    ("head: __config JSON", False, lambda t, a: t == "script" and a.get("id") == "__config"),
    ("head: report's meta, JSON-LD, Highwire", True, lambda t, a: _head_meta_is_own(t, a)),
    ("head", False, lambda t, a: t == "head"),
    ("inline SVG icons", False, lambda t, a: t == "svg"),
    ("search box", False, lambda t, a: "md-search" in _class(a)),
    ("header", False, lambda t, a: t == "header"),
    ("tabs", False, lambda t, a: "md-tabs" in _class(a)),
    ("nav drawer", False, lambda t, a: "md-sidebar--primary" in _class(a)),
    ("table of contents", True, lambda t, a: "md-sidebar--secondary" in _class(a) or "archive-toc" in _class(a)),
    ("breadcrumbs", True, lambda t, a: "archive-breadcrumbs" in _class(a)),
    ("title", True, lambda t, a: t == "h1"),
    ("metadata panel", True, lambda t, a: "archive-metabox" in _class(a)),
    ("previous/next year", True, lambda t, a: "archive-prevnext" in _class(a)),
    ("year against year", True, lambda t, a: "archive-compare-links" in _class(a)),
    ("citation box", True, lambda t, a: "archive-cite" in _class(a)),
    ("related reports", True, lambda t, a: "archive-related" in _class(a)),
    ("footer", False, lambda t, a: t == "footer"),
    ("scripts", False, lambda t, a: t == "script"),
]
OWN = {name for name, own, _ in RULES if own}


@dataclass
class _Open:
    tag: str
    part: str | None
    start: int


class _Offsets:
    """Byte offsets in UTF-8 of the parser's positions (getpos(): line, column in characters)."""

    def __init__(self, text: str):
        self.lines = text.split("\n")
        self.line_bytes = [0]
        for line in self.lines:
            self.line_bytes.append(self.line_bytes[-1] + len(line.encode("utf-8")) + 1)

    def at(self, line: int, column: int) -> int:
        return self.line_bytes[line - 1] + len(self.lines[line - 1][:column].encode("utf-8"))


class _Measure(HTMLParser):
    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self._offsets = _Offsets(text)
        self.stack: list[_Open] = []
        self.spans: list[tuple[str, int, int]] = []

    def _offset(self) -> int:
        return self._offsets.at(*self.getpos())

    def _part(self, tag: str, attrs: dict) -> str | None:
        if any(o.part == "text" for o in self.stack):
            return None  # nothing inside the report's text is the frame
        return next((name for name, _, test in RULES if test(tag, attrs)), None)

    def handle_starttag(self, tag, attrs):
        start = self._offset()
        part = self._part(tag, dict(attrs))
        if tag in VOID:
            if part:
                end = start + len(self.get_starttag_text().encode("utf-8"))
                self.spans.append((part, start, end))
            return
        self.stack.append(_Open(tag, part, start))

    def handle_startendtag(self, tag, attrs):
        start = self._offset()
        part = self._part(tag, dict(attrs))
        if part:
            self.spans.append((part, start, start + len(self.get_starttag_text().encode("utf-8"))))

    def handle_endtag(self, tag):
        if not any(o.tag == tag for o in self.stack):
            return
        end = self._offset() + len(f"</{tag}>".encode("utf-8"))
        while self.stack:
            opened = self.stack.pop()
            if opened.part:
                self.spans.append((opened.part, opened.start, end))
            if opened.tag == tag:
                break


@dataclass
class PageWeight:
    total: int
    parts: dict[str, int] = field(default_factory=dict)
    """Bytes of each part, inner parts subtracted from outer ones; "other" is what no part holds."""

    @property
    def text(self) -> int:
        return self.parts.get("text", 0)

    @property
    def frame(self) -> int:
        return self.total - self.text

    @property
    def own(self) -> int:
        return sum(b for name, b in self.parts.items() if name in OWN and name != "text")

    @property
    def shared(self) -> int:
        return self.frame - self.own


def page_weight(html: bytes | str) -> PageWeight:
    """The weight of one page by part (see the module's docstring)."""
    text = html.decode("utf-8") if isinstance(html, bytes) else html
    parser = _Measure(text)
    parser.feed(text)
    parser.close()
    total = len(text.encode("utf-8"))
    spans = sorted(parser.spans, key=lambda s: (s[1], -s[2]))
    # each byte belongs to the innermost span that holds it
    owner: dict[str, int] = {name: 0 for name, _, _ in RULES}
    covered = 0

    def visit(index: int, limit: int) -> tuple[int, int]:
        """Measure spans[index] and the spans inside it; return (next index, its bytes)."""
        name, start, end = spans[index]
        inner = 0
        index += 1
        while index < len(spans) and spans[index][1] < end:
            index, size = visit(index, end)
            inner += size
        owner[name] += (end - start) - inner
        return index, end - start

    index = 0
    while index < len(spans):
        index, size = visit(index, total)
        covered += size
    parts = {name: size for name, size in owner.items() if size}
    parts["other"] = total - covered
    if "text" in parts:  # the text is what is inside the body's <div>, not the <div> itself
        wrapper = len('<div class="archive-body">'.encode()) + len(b"</div>")
        parts["text"] -= wrapper
        parts["other"] += wrapper
    return PageWeight(total, parts)


def report_pages(site: Path) -> list[Path]:
    return sorted(p for p in (site / "reports").rglob("index.html") if (p.parent / "cite.json").exists())


def mean_weight(pages: list[Path]) -> dict:
    """Mean bytes per part over `pages`, with total, text, frame, own and shared."""
    weights = [page_weight(p.read_bytes()) for p in pages]
    names = [name for name, _, _ in RULES] + ["other"]
    parts = {name: round(statistics.fmean(w.parts.get(name, 0) for w in weights)) for name in names}
    summary = {key: round(statistics.fmean(getattr(w, key) for w in weights))
               for key in ("total", "text", "frame", "own", "shared")}
    summary["frame_max"] = max(w.frame for w in weights)
    summary["shared_max"] = max(w.shared for w in weights)
    return {"pages": len(weights), **summary, "parts": {k: v for k, v in parts.items() if v}}


class _CompareRows(HTMLParser):
    """Byte spans of the <tr> rows of a comparison page's tables, by class."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self._offsets = _Offsets(text)
        self.open: tuple[str, int] | None = None
        self.rows: dict[str, int] = {}

    def handle_starttag(self, tag, attrs):
        if tag == "tr" and dict(attrs).get("class"):
            self.open = (dict(attrs)["class"], self._offset())

    def handle_endtag(self, tag):
        if tag == "tr" and self.open:
            kind, start = self.open
            self.rows[kind] = self.rows.get(kind, 0) + self._offset() + len(b"</tr>") - start
            self.open = None

    def _offset(self) -> int:
        return self._offsets.at(*self.getpos())


def compare_pages(site: Path) -> list[Path]:
    return sorted(site.glob("units/*/compare/*/index.html"))


def compare_weight(pages: list[Path]) -> dict:
    """Mean bytes of comparison pages: total, rows of each kind, and the rest ("frame")."""
    totals, rows = [], []
    for page in pages:
        data = page.read_bytes()
        text = data.decode("utf-8")
        parser = _CompareRows(text)
        parser.feed(text)
        parser.close()
        totals.append(len(data))
        rows.append(parser.rows)
    kinds = sorted({k for r in rows for k in r})
    mean_rows = {k: round(statistics.fmean(r.get(k, 0) for r in rows)) for k in kinds}
    total = round(statistics.fmean(totals))
    return {"pages": len(pages), "total": total, "rows": mean_rows, "frame": total - sum(mean_rows.values())}


def format_compare(weight: dict) -> str:
    rows = ", ".join(f"{k} {v:,} B" for k, v in weight["rows"].items())
    return (f"{weight['pages']:,} comparison page(s): mean {weight['total']:,} B = rows ({rows}) "
            f"+ the rest {weight['frame']:,} B")


def format_weight(weight: dict) -> str:
    lines = [f"{weight['pages']:,} report page(s): mean {weight['total']:,} B = text {weight['text']:,} B "
             f"+ frame {weight['frame']:,} B (own data {weight['own']:,} B, shared {weight['shared']:,} B; "
             f"largest frame {weight['frame_max']:,} B, largest shared {weight['shared_max']:,} B)"]
    for name, size in sorted(weight["parts"].items(), key=lambda kv: -kv[1]):
        lines.append(f"  {size:7,} B  {name}{'  (own)' if name in OWN else ''}")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", help="a built site folder, or one page's index.html")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument("--compare", action="store_true", help="measure the comparison pages of a site folder")
    args = parser.parse_args()
    path = Path(args.path)
    if args.compare:
        pages = [path] if path.is_file() else compare_pages(path)
        if not pages:
            print(f"{path}: no comparison pages (units/*/compare/*/index.html)", file=sys.stderr)
            return 2
        weight = compare_weight(pages)
        print(json.dumps(weight, ensure_ascii=False, indent=1) if args.json else format_compare(weight))
        return 0
    pages = [path] if path.is_file() else report_pages(path)
    if not pages:
        print(f"{path}: no report pages (reports/**/index.html beside a cite.json)", file=sys.stderr)
        return 2
    weight = mean_weight(pages)
    print(json.dumps(weight, ensure_ascii=False, indent=1) if args.json else format_weight(weight))
    return 0


if __name__ == "__main__":
    sys.exit(main())
