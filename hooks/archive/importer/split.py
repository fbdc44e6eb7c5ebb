"""Splitting a compilation into reports.

Pages of work reports bundle several reports. Explicit markers (`篇一`, `第1篇:`, `第二篇:`,
`篇1`, `【第一篇】`) cut them first. A compilation's title often states how many reports it holds
(`精选13篇`): when it promises more than the markers give, or when there are no markers at all,
unmarked boundaries are scored line by line (an indented first line, a closing signature or date
before it, a report heading, a restart of `一、` numbering, a typical opening sentence) and the
strongest are used. Parts whose inside still looks like several reports get a review note instead
of a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .boundaries import _DATE_LINE, boundary_scores, cn_number, glued_heading, title_key
from .chrome import CATEGORY_WORDS, COMPILATION_WORDS, is_body_like, is_title_like
from .clean import Line, Removed

__all__ = ["CATEGORY_WORDS", "Part", "Split", "cn_number", "glued_heading", "is_title_like", "split"]

_NUM = r"(?:\d{1,3}|[一二三四五六七八九十百〇零两]{1,4})"
_MARKERS = (
    # 【第一篇】 / 第1篇: 标题 / 第二篇：标题
    re.compile(rf"^[【\[（(]?\s*第\s*(?P<n>{_NUM})\s*篇\s*[】\]）)]?\s*[:：、.．]?\s*(?P<title>.{{0,60}})$"),
    # 区科协工作总结及计划篇一 / 202_年度科技工作总结 篇1 / 篇1
    re.compile(rf"^(?P<label>.{{0,50}}?)\s*篇\s*(?P<n>{_NUM})\s*$"),
)
_COUNT = re.compile(rf"(?P<n>{_NUM})\s*篇")
_COMPILATION_WORDS = COMPILATION_WORDS
_HAN = re.compile(r"[\u4e00-\u9fff]")
_SIGNATURE_UNIT = re.compile(r"(科协|协会|学会|委员会|党委|党组|支部|工会|政府|局|厅|委|办|处|室|院|校|厂|公司|中心|所|站)$")
_CLAUSE = re.compile(r"[。；！？!?;，,]")
_FINAL = re.compile(r"[。！？!?;；:：…」』”\"）)】]$")


@dataclass
class Part:
    """One report's lines as cut from a compilation."""

    index: int
    """1-based position in the file."""
    lines: list[Line]
    marker: str | None = None
    """The explicit marker as written (`篇十六`, `第2篇`), or None for an unmarked report."""
    marker_title: str | None = None
    """Text the marker line gives besides the number (`科技局工會工作總結`, or a compilation label)."""
    notes: list[str] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.lines[0].no if self.lines else 0


@dataclass
class Split:
    parts: list[Part]
    compilation_title: str | None
    expected: int | None
    """How many reports the compilation says it holds, when it says so."""
    removed: list[Removed] = field(default_factory=list)
    marked: int = 0
    truncated: bool = False
    """The last report looks cut off: its last line ends in the middle of a sentence."""


def find_markers(lines: list[Line]) -> list[tuple[int, int, str, str | None, str | None]]:
    """(line index, number, marker text, title, label) of explicit markers, numbers increasing."""
    found = []
    last = 0
    for i, line in enumerate(lines):
        s = line.simple
        if len(s) > 70:
            continue
        for pattern in _MARKERS:
            m = pattern.match(s)
            if not m:
                continue
            n = cn_number(m.group("n"))
            if n is None or n <= last or n > last + 3:
                continue
            groups = m.groupdict()
            title = (groups.get("title") or "").strip() or None
            label = (groups.get("label") or "").strip() or None
            if label and not (is_title_like(label, 50) or len(label) <= 2):
                continue  # "……第三篇" inside a sentence is not a marker
            original = line.stripped
            title = original[len(original) - len(title):].strip() if title else None
            marker = f"第{m.group('n')}篇" if pattern is _MARKERS[0] else f"篇{m.group('n')}"
            found.append((i, n, marker, title, label))
            last = n
            break
    return found


def stated_count(texts: list[str]) -> int | None:
    for s in texts:
        if not _COMPILATION_WORDS.search(s):
            continue
        m = _COUNT.search(s)
        if m:
            n = cn_number(m.group("n"))
            if n and n > 1:
                return n
    return None


def split(lines: list[Line]) -> Split:
    """Cut cleaned lines into report parts; page titles and markers go to `removed`."""
    markers = find_markers(lines)
    first = markers[0][0] if markers else len(lines)
    preamble = lines[:first]
    removed: list[Removed] = []

    titles, body_start = _page_titles(preamble, markers, lines)
    compilation_title = None
    for i in titles:
        removed.append(Removed(preamble[i].no, preamble[i].stripped, "page or compilation title"))
    kept = [line for i, line in enumerate(preamble) if i not in titles]
    title_texts = [preamble[i].simple for i in titles] + [m[4] for m in markers if m[4]]
    named = [preamble[i].stripped for i in sorted(titles) if is_title_like(preamble[i].simple, 50)]
    if named:
        compilation_title = max(named, key=lambda t: (bool(_COUNT.search(simplified_of(t))), len(t)))
    elif markers and markers[0][4]:
        compilation_title = lines[markers[0][0]].stripped[: len(markers[0][4])]
    expected = stated_count(title_texts)

    parts: list[Part] = []
    if _substantial(kept) or (kept and not markers):
        parts.append(Part(0, kept))
    else:
        removed.extend(Removed(line.no, line.stripped, "text before the first report") for line in kept)
    for k, (i, n, marker, title, label) in enumerate(markers):
        end = markers[k + 1][0] if k + 1 < len(markers) else len(lines)
        removed.append(Removed(lines[i].no, lines[i].stripped, "report marker"))
        parts.append(Part(0, lines[i + 1 : end], marker=marker, marker_title=title))
    parts = [p for p in parts if p.lines]

    if expected and len(parts) < expected:
        parts = _split_unmarked(parts, wanted=expected - len(parts))
    elif not expected:
        parts = _split_unmarked(parts, threshold=4 if markers else 3)
    if expected and len(parts) >= expected or markers and not expected:
        for part in parts:
            inner = boundary_scores(part.lines)
            strong = [(i, s) for i, s in inner.items() if s >= 3 and part.lines[i] is not part.lines[0]]
            if strong:
                i, _ = max(strong, key=lambda x: x[1])
                part.notes.append(
                    f"may hold more than one report: another seems to start at line {part.lines[i].no} "
                    f"({part.lines[i].stripped[:20]}…)"
                )
    parts = _settle(parts, removed)
    for index, part in enumerate(parts, start=1):
        part.index = index
    return Split(parts, compilation_title, expected, removed, marked=len(markers),
                 truncated=bool(parts) and looks_cut_off(parts[-1].lines))


def has_report_text(lines: list[Line]) -> bool:
    """Whether lines hold running text, not only headings, bylines, addressees and site chrome: a
    line that is no heading with a sentence (or a clause) of 8+ Han characters, or 40+ in all."""
    total = 0
    for line in lines:
        s = line.simple
        if is_title_like(s, 50) or s.endswith((":", "：")) and len(s) <= 40:
            continue  # a heading, an addressee or a salutation
        han = len(_HAN.findall(s))
        if han >= 8 and _CLAUSE.search(s):
            return True
        total += han
    return total >= 40


def looks_cut_off(lines: list[Line]) -> bool:
    """The text ends mid-sentence (the stored excerpt stops there): no closing punctuation, and the
    last line is no signature, date or heading."""
    if not lines:
        return False
    s = lines[-1].simple.rstrip()
    if not s or _DATE_LINE.match(s) or re.fullmatch(r"(19|20)\d{2}\s*[-./]\s*\d{1,2}\s*[-./]\s*\d{1,2}", s) or is_title_like(s, 50) or _SIGNATURE_UNIT.search(s) and len(s) <= 30:
        return False
    return not _FINAL.search(s)


def _settle(parts: list[Part], removed: list[Removed]) -> list[Part]:
    """A report is heading, body, signature: a part without report text is none. Its heading lines
    go to the next report (a page title repeated before that report's own heading is dropped), its
    other lines (a signature, a date) stay with the report before; a heading with nothing after it
    at the end of a cut-off page, or before the first report, is dropped."""
    result: list[Part] = []
    carried: list[Line] = []
    for k, part in enumerate(parts):
        lines = carried + part.lines if not part.marker else part.lines
        if carried and part.marker:
            _drop(carried, removed, "heading or chrome before a marked report")
        carried = []
        if has_report_text(lines) or k == len(parts) - 1 and part.marker and _cut_off_start(lines):
            result.append(Part(0, _drop_repeated_titles(lines, removed), part.marker, part.marker_title, part.notes))
            continue
        first_title = next((i for i, line in enumerate(lines) if is_title_like(line.simple, 50)), None)
        tail, head = (lines, []) if first_title is None else (lines[:first_title], lines[first_title:])
        if result and not part.marker:
            result[-1].lines.extend(tail)
        elif tail:
            head = tail + head
        if k + 1 < len(parts) and not parts[k + 1].marker:
            carried = head
        else:
            _drop(head, removed, "heading without report text (chrome or a cut-off page)")
    if carried:
        _drop(carried, removed, "heading without report text (chrome or a cut-off page)")
    return result


def _cut_off_start(lines: list[Line]) -> bool:
    """A marked report the stored page cuts off in its first sentence (`篇2` / `**厂工会在分厂党委和上级`):
    a report all the same, however little of it the page keeps."""
    last = lines[-1].simple.rstrip() if lines else ""
    return len(_HAN.findall(last)) >= 8 and not is_title_like(last, 50) and not _FINAL.search(last)


def _drop(lines: list[Line], removed: list[Removed], why: str) -> None:
    removed.extend(Removed(line.no, line.stripped, why) for line in lines)


def _drop_repeated_titles(lines: list[Line], removed: list[Removed]) -> list[Line]:
    """A report's leading run of title-like lines keeps only its last (the report's own heading);
    a copy of the heading within the next few lines (a site repeating its page title) goes too."""
    kept = list(lines)
    while len(kept) > 1 and (is_title_like(kept[0].simple, 50) and is_title_like(kept[1].simple, 50) and (
        _COMPILATION_WORDS.search(kept[0].simple) or _same_title(kept[0].simple, kept[1].simple)
    ) or _short_words(kept[0].simple) and kept[0].simple == kept[1].simple):
        # (a page's title naming no kind, `围绕中心 服务大局`, above the same words as the report's heading)
        removed.append(Removed(kept[0].no, kept[0].stripped, "page or compilation title"))
        kept.pop(0)
    if kept and is_title_like(kept[0].simple, 50):
        heading = title_key(kept[0].simple)
        for j in range(len(kept) - 1, 0, -1):
            if j <= 4 and is_title_like(kept[j].simple, 50) and title_key(kept[j].simple) == heading:
                removed.append(Removed(kept[j].no, kept[j].stripped, "page title repeated"))
                del kept[j]
    return kept


def _short_words(s: str) -> bool:
    """A short line of words with no sentence punctuation (a title naming no kind of report)."""
    return 4 <= len(s) <= 30 and not _CLAUSE.search(s) and bool(_HAN.search(s))


def _same_title(a: str, b: str) -> bool:
    a, b = title_key(a), title_key(b)
    return bool(a and b) and (a in b or b in a)


def simplified_of(text: str) -> str:
    from ..text import simplified

    return simplified(text)


def _page_titles(preamble: list[Line], markers: list, lines: list[Line]) -> tuple[set[int], int]:
    """Indices of preamble lines that are the page's or the compilation's own title lines.

    A title-like line is the page's title when it names a count or a collection (`精选13篇`), when
    another title-like line follows before any body text (the report's own heading comes last),
    when it repeats a marker's label, or when it is a site summary starting with such a title.
    """
    titles: set[int] = set()
    labels = {m[4] for m in markers if m[4]}
    title_like = []
    for i, line in enumerate(preamble):
        s = line.simple
        if is_title_like(s, 50):
            title_like.append(i)
        elif len(s) > 50 and not _substantial(preamble[:i]):
            pass
        else:
            continue
    # Lines before the body starts: the run of title-like lines at the top.
    top = []
    for i, line in enumerate(preamble):
        if i in title_like:
            top.append(i)
            continue
        s = line.simple
        repeated = next((preamble[j].simple for j in top if s.startswith(preamble[j].simple)), None)
        if repeated and len(s) > len(preamble[top[-1]].simple) and not is_body_like(s[len(repeated):]):
            titles.add(i)  # a site summary repeating the title, then the first report's opening
            continue
        # the title run into the report's own first sentence (`…工作总结后勤党支部在院党委领导下，…`) is report text
        break
    for position, i in enumerate(top):
        s = preamble[i].simple
        later_title = position + 1 < len(top)
        # `…范文` alone is a report's own heading when nothing else on the page is: only a count, a
        # later title or markers make it the compilation's
        collection = _COUNT.search(s) or _COMPILATION_WORDS.search(s) and (markers or later_title)
        if collection or later_title or s in labels or any(s == l for l in labels):
            titles.add(i)
        elif markers and position == len(top) - 1 and not _substantial(preamble[i + 1 :]):
            titles.add(i)  # the compilation's title just before its first marker
    return titles, 0


def _substantial(lines: list[Line]) -> bool:
    """Enough text to be a report rather than stray chrome."""
    han = sum(len(re.findall(r"[\u4e00-\u9fff]", line.text)) for line in lines)
    return han >= 60


def _split_unmarked(parts: list[Part], wanted: int = 0, threshold: int = 3) -> list[Part]:
    """Cut parts at their strongest unmarked boundaries: as many as the compilation promises, or
    (when it promises nothing) every boundary with strong evidence."""
    candidates = []  # (score, part index, line index)
    for p, part in enumerate(parts):
        for i, score in boundary_scores(part.lines).items():
            candidates.append((score, p, i))
    if wanted:
        chosen = sorted((c for c in candidates if c[0] >= 2), key=lambda c: (-c[0], c[1], c[2]))[:wanted]
    else:
        chosen = [c for c in candidates if c[0] >= threshold]
    cuts: dict[int, list[int]] = {}
    for _, p, i in chosen:
        cuts.setdefault(p, []).append(i)
    result = []
    for p, part in enumerate(parts):
        points = sorted(cuts.get(p, []))
        bounds = [0] + points + [len(part.lines)]
        for k in range(len(bounds) - 1):
            piece = part.lines[bounds[k] : bounds[k + 1]]
            if not piece:
                continue
            if k == 0:
                result.append(Part(0, piece, part.marker, part.marker_title, list(part.notes)))
            else:
                result.append(Part(0, piece))
    return result
