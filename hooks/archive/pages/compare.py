"""Year against year: a unit's reports of two consecutive years, side by side, section by section.

For each unit with reports in two or more stated years, one page per pair of consecutive years
(`/units/<unit>/compare/2015-2016/`): the two texts cut into sections at their headings, sections
aligned by heading (numbering aside) and, where headings differ, by position; each section's
sentences (cut at Chinese sentence punctuation) compared with difflib, so that each row is a
sentence kept, added, removed or changed. Where a year has several reports, the first in the unit's
timeline is compared (the page says so). At most one page per report: the site stays O(n).

A page shows blocks, not one row per sentence (`blocks`): each run of sentences kept is one count
(the text is in both reports, a link away), each run of sentences only one year has is one row
with that run of each year side by side, and each sentence changed is a row of its own.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from functools import cached_property

from ..catalogue import Catalogue
from ..schema import Report
from ..text import simplified
from ..urls import report_url, unit_url
from . import Link

COMPARE = "units/{slug}/compare/{older}-{newer}/"
SAME, ADDED, REMOVED, CHANGED = "same", "added", "removed", "changed"
CHANGED_RATIO = 0.5
"""Two sentences at the same place, this similar or more, are one sentence changed; below it, one
removed and one added."""

_HEADING = re.compile(r"^(#{2,4})\s+(.+?)\s*#*\s*$")
_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+\s*[、.．]|[(（]\s*[一二三四五六七八九十]+\s*[)）]|\d+\s*[、.．])\s*")
_SENTENCE = re.compile(r"[^。！？；!?;]+[。！？；!?;]*")
_ESCAPE = re.compile(r"\\(.)")


@dataclass
class Row:
    kind: str
    """same, added, removed or changed."""
    older: str = ""
    newer: str = ""


@dataclass
class Block:
    """One row of a comparison page: a run of rows of the sentence diff shown together."""

    kind: str
    """same (a run of sentences kept: only counted), changed (one sentence in each year) or
    differ (sentences removed, on the older side, beside sentences added, on the newer)."""
    older: str = ""
    newer: str = ""
    count: int = 1
    """Sentences kept (kind same)."""


DIFFER = "differ"


def blocks(rows: list[Row]) -> list[Block]:
    """The rows of a section as a page shows them: runs of kept sentences counted, runs of removed
    and added sentences joined into one row, each changed sentence a row of its own."""
    out: list[Block] = []
    for row in rows:
        last = out[-1] if out else None
        if row.kind == SAME:
            if last and last.kind == SAME:
                last.count += 1
            else:
                out.append(Block(SAME))
        elif row.kind == CHANGED:
            out.append(Block(CHANGED, row.older, row.newer))
        elif last and last.kind == DIFFER:
            last.older += row.older
            last.newer += row.newer
        else:
            out.append(Block(DIFFER, row.older, row.newer))
    return out


@dataclass
class SectionPair:
    older: str | None
    """The older report's heading of this section (None: not in that report; '' for the text
    before the first heading)."""
    newer: str | None
    rows: list[Row] = field(default_factory=list)

    @property
    def blocks(self) -> list[Block]:
        return blocks(self.rows)


@dataclass
class Comparison:
    """One comparison page."""

    url: str
    title: str
    unit: str
    unit_url: str
    older: Report
    newer: Report
    others: list[Link] = field(default_factory=list)
    """Further reports of either year that are not compared here."""
    breadcrumbs: list[Link] = field(default_factory=list)

    # The sentences are compared when the page is made, not when the comparison is listed, and
    # forgotten once it is written: 60,000 comparisons' rows held together from the start of a
    # 100,000-report build to its end would be gigabytes.
    @cached_property
    def _compared(self) -> tuple[list[SectionPair], dict[str, int]]:
        return compare(self.older, self.newer)

    @property
    def sections(self) -> list[SectionPair]:
        return self._compared[0]

    @property
    def counts(self) -> dict[str, int]:
        """Sentences kept, added, removed, changed."""
        return self._compared[1]

    def forget(self) -> None:
        """Drop the compared sentences (its page is written); asked again, they are compared again."""
        self.__dict__.pop("_compared", None)

    @property
    def description(self) -> str:
        c = self.counts
        return (f"{self.unit}{self.older.year}年与{self.newer.year}年的报告逐节对照：新增 {c[ADDED]} 句，"
                f"删去 {c[REMOVED]} 句，改动 {c[CHANGED]} 句，相同 {c[SAME]} 句。")


def compare_url(unit_slug: str, older: int, newer: int) -> str:
    return COMPARE.format(slug=unit_slug, older=older, newer=newer)


def sections(body: str) -> list[tuple[str, list[str]]]:
    """(heading, sentences) of a Markdown body; the text before the first heading has heading ''."""
    found: list[tuple[str, list[str]]] = [("", [])]
    for line in body.split("\n"):
        line = line.strip()
        if not line:
            continue
        m = _HEADING.match(line)
        if m:
            found.append((_ESCAPE.sub(r"\1", m.group(2)), []))
            continue
        text = _ESCAPE.sub(r"\1", line)
        found[-1][1].extend(s.strip() for s in _SENTENCE.findall(text) if s.strip())
    return [s for s in found if s[0] or s[1]]


def _heading_key(heading: str) -> str:
    return simplified(_NUMBERING.sub("", heading)).strip(" ：:")


def align(older: list[tuple[str, list[str]]], newer: list[tuple[str, list[str]]]) -> list[tuple[int | None, int | None]]:
    """Pairs of section indexes: equal headings (numbering aside) matched in order, the sections
    between two matches paired by position, the rest alone."""
    matcher = difflib.SequenceMatcher(None, [_heading_key(h) for h, _ in older], [_heading_key(h) for h, _ in newer],
                                      autojunk=False)
    pairs: list[tuple[int | None, int | None]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pairs += list(zip(range(i1, i2), range(j1, j2)))
            continue
        olds, news = list(range(i1, i2)), list(range(j1, j2))
        common = min(len(olds), len(news)) if tag == "replace" else 0
        pairs += list(zip(olds[:common], news[:common]))
        pairs += [(i, None) for i in olds[common:]] + [(None, j) for j in news[common:]]
    return pairs


def diff_sentences(older: list[str], newer: list[str]) -> list[Row]:
    rows: list[Row] = []
    matcher = difflib.SequenceMatcher(None, older, newer, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            rows += [Row(SAME, s, s) for s in older[i1:i2]]
        elif tag == "delete":
            rows += [Row(REMOVED, s, "") for s in older[i1:i2]]
        elif tag == "insert":
            rows += [Row(ADDED, "", s) for s in newer[j1:j2]]
        else:
            olds, news = older[i1:i2], newer[j1:j2]
            for k in range(max(len(olds), len(news))):
                a = olds[k] if k < len(olds) else ""
                b = news[k] if k < len(news) else ""
                if a and b and _similar(a, b):
                    rows.append(Row(CHANGED, a, b))
                else:
                    rows += ([Row(REMOVED, a, "")] if a else []) + ([Row(ADDED, "", b)] if b else [])
    return rows


def _similar(a: str, b: str) -> bool:
    """At least CHANGED_RATIO alike: the cheap upper bounds first (most pairs fail them)."""
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return (matcher.real_quick_ratio() >= CHANGED_RATIO and matcher.quick_ratio() >= CHANGED_RATIO
            and matcher.ratio() >= CHANGED_RATIO)


def compare(older: Report, newer: Report) -> tuple[list[SectionPair], dict[str, int]]:
    a, b = sections(older.body), sections(newer.body)
    pairs = []
    for i, j in align(a, b):
        rows = diff_sentences(a[i][1] if i is not None else [], b[j][1] if j is not None else [])
        pairs.append(SectionPair(a[i][0] if i is not None else None, b[j][0] if j is not None else None, rows))
    counts = {kind: sum(row.kind == kind for p in pairs for row in p.rows) for kind in (SAME, ADDED, REMOVED, CHANGED)}
    return pairs, counts


def year_pairs(timeline: list[Report]) -> list[tuple[Report, Report, list[Report]]]:
    """(older, newer, the other reports of those two years) for each two consecutive stated years."""
    by_year: dict[int, list[Report]] = {}
    for report in timeline:
        if report.year is not None:
            by_year.setdefault(report.year, []).append(report)
    years = sorted(by_year)
    return [(by_year[y][0], by_year[z][0], by_year[y][1:] + by_year[z][1:]) for y, z in zip(years, years[1:])]


def comparisons(catalogue: Catalogue) -> list[Comparison]:
    """Every comparison page of the archive, in a stable order (by unit, then years)."""
    pages = []
    for unit in catalogue.units():
        for older, newer, others in year_pairs(unit.timeline):
            slug = unit.slug
            pages.append(Comparison(
                url=compare_url(slug, older.year, newer.year), title=f"{unit.name}：{older.year}年与{newer.year}年对照",
                unit=unit.name, unit_url=unit_url(slug), older=older, newer=newer,
                others=[Link(f"{r.year}年 · {r.title}", report_url(r.slug)) for r in others],
                breadcrumbs=[Link("按单位", "units/"), Link(unit.name, unit_url(slug))]))
    return pages


def comparisons_of(report: Report, pages: list[Comparison]) -> list[Comparison]:
    """The comparison pages a report takes part in (its year against the one before and after)."""
    return [page for page in pages if page.older is report or page.newer is report]
