"""Metadata: what a report's own text states about it, and nothing else.

Each finder returns a `Finding`: a value with its status (`found`, `unsure`, `not stated`) and,
when it is not plainly found, a review note for the editor. Patterns are matched on a simplified
reading of the text (OpenCC, one character for one), and values are cut from the original text,
so a traditional report keeps traditional names.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..regions import RegionTree
from ..text import simplified, traditional
from . import unit_model
from .chrome import is_broken_heading
from .clean import Line
from .finding import FOUND, NOT_STATED, UNSURE, Finding
from .patterns import (ANNOUNCE, HEADING_SEPARATOR, NOTICE_OPENING, NOTICE_TITLE, OFFICIAL_TITLE, SALUTATION, SECTION_KIND,
                       SELF_PUBLISHED)
from .places import RegionFinder
from .split import glued_heading, is_title_like
from .units import find_unit
from .years import SITE_TITLE, YearFinder

FIELDS = ("title", "unit", "year", "region", "category", "tags")

DUTY_SPEAKER = re.compile(r"我是\S{0,16}?(?:局长|主席|书记|主任|部长|科长|校长|厂长|站长|馆长|所长|秘书长)|(?:履职|述职)情况")
"""The opening of a 述职报告: the speaker names their office."""

CATEGORY_RULES = (
    ("述职报告", re.compile(r"述职")),
    ("工作总结", re.compile(r"总结|小结|回顾|完成情况(?!报告|汇报)")),
    ("工作计划", re.compile(r"计划|规划|打算|要点|安排|设想|方案|谋划|思路")),
    ("工作报告", re.compile(r"汇报|报告")),
    ("其他", re.compile(r"开幕词|闭幕词|致辞")),
)
"""What each kind of report calls itself; in a text naming several (`2021年工作总结和2022年工作计划`),
the first named is the report's kind (述职 before the 报告 of 述职报告); a `完成情况报告` reports
on what was done: a 工作报告."""
GLUED_TITLE = re.compile(r"^[^，。,；;：:！？]{0,40}?(?:(?:工作|年度?|季度|月份?|半年)(?:总结|小结|完成情况|计划|规划|方案|要点|报告|汇报)|情况(?:报告|汇报)|述职)")
"""A first line that opens with a title run into the text (`县科学技术局2021年度工作总结…`): the kind
word closes a title (工作总结, 年度计划), not a sentence's noun (`争取各类科技计划项目`)."""

TAG_RULES = (
    ("党建", re.compile(r"党建|党支部|党总支|党风廉政|党员")),
    ("工会", re.compile(r"工会")),
    ("科普", re.compile(r"科普")),
    ("青少年", re.compile(r"青少年")),
    ("知识产权", re.compile(r"知识产权|专利")),
    ("妇女儿童", re.compile(r"妇女|儿童|妇委会")),
    ("扶贫", re.compile(r"扶贫|脱贫")),
    ("学会", re.compile(r"学会")),
    ("人才", re.compile(r"人才")),
    ("农业", re.compile(r"农业|农村|农民|三农")),
)
TAG_MIN_COUNT = 3
MAX_TAGS = 4


@dataclass
class Described:
    """A report part with everything the importer could tell about it."""

    title: Finding
    unit: Finding
    year: Finding
    region: Finding
    category: Finding
    tags: Finding
    body_lines: list[Line]
    """The report's text, its heading taken out when it became the title."""
    notes: list[str] = field(default_factory=list)

    @property
    def review(self) -> list[str]:
        found = [f.note for f in (self.title, self.unit, self.year, self.region, self.category, self.tags) if f.note]
        return found + self.notes


class Describer:
    """Finds metadata in report parts; holds the region tree and the category vocabulary."""

    def __init__(self, regions: RegionTree, categories: list[str], current_year: int | None = None):
        self.regions = regions
        self.places = RegionFinder(regions)
        self.categories = categories
        self.current_year = current_year or dt.date.today().year
        self.years = YearFinder(self.current_year)

    def describe(self, lines: list[Line], marker_title: str | None, compilation_title: str | None,
                 label: str, only_report: bool = False, site_lines: Sequence[str] = ()) -> Described:
        """`only_report`: the page holds this report alone, so a unit its title names is the report's
        (in a compilation the title names the collection). `site_lines`: the website's own lines the
        importer took out before the report (its blurb naming the page: `本站为你整理了…计划范文`),
        the last place a kind of report is looked for."""
        traditional_text = _is_traditional(lines)
        heading, body, glued = self.heading_and_body(lines, marker_title, compilation_title)
        unit = unit_model.decide(heading, body, glued, find_unit(heading, body, glued))
        if unit.value is None and compilation_title and not heading and only_report:
            from_page = find_unit(compilation_title, [])
            if from_page.value is not None:
                unit = Finding(from_page.value, UNSURE, f"unit: {from_page.value} is named only in the page's title "
                                                        f"({compilation_title}); check")
        year = self.years.find(heading, body)
        region = self.places.find(unit, body, heading)
        category = self.category(heading, body, marker_title or compilation_title, site_lines)
        tags = self.tags(heading, body)
        title = self.title(heading, unit, category, traditional_text, label)
        return Described(title, unit, year, region, category, tags, body)

    # -- heading ------------------------------------------------------------------------------

    @staticmethod
    def heading_and_body(lines: list[Line], marker_title: str | None,
                         compilation_title: str | None) -> tuple[str | None, list[Line], bool]:
        """The report's heading, its body, and whether the heading was cut from the first line."""
        heading, body = Describer._heading(lines, marker_title, compilation_title)
        # a heading cut from the first line leaves that line's rest as the body's first line
        glued = bool(heading and body and lines) and body[0] is not lines[0] and body[0].no == lines[0].no
        return heading, body, glued

    @staticmethod
    def _heading(lines: list[Line], marker_title: str | None, compilation_title: str | None) -> tuple[str | None, list[Line]]:
        """The report's own heading (and the body without it).

        A marker's title counts when it is not just the compilation's label (`…范文`); else a
        heading-like first line; else a heading run into the first line (`物业一公司…工作总结 今年…`).
        """
        own_marker = marker_title and not _is_label(marker_title, compilation_title)
        if own_marker:
            return marker_title, lines
        if not lines:
            return None, lines
        first = lines[0]
        s = first.simple
        if len(lines) > 1 and (is_title_like(s, 40) or OFFICIAL_TITLE.match(re.sub(r"\s+", "", s))
                               # a speech's or congress report's title naming no kind, its audience next
                               or _SPEECH_TITLE.match(s) and SALUTATION.match(lines[1].simple)):
            return first.stripped, lines[1:]
        if len(lines) > 2 and is_broken_heading(s, lines[1].simple):
            return first.stripped + lines[1].stripped, lines[2:]
        glued = glued_heading(s)
        if glued:
            rest = first.stripped[len(glued):].lstrip(" \u3000")
            return first.stripped[: len(glued)], [Line(first.no, rest)] + lines[1:]
        published = SELF_PUBLISHED.search(first.stripped[:300])
        if published:
            # the opening publishes the report by its own title: that is its heading; the opening
            # stays the body's first line
            return published.group("title"), lines
        return None, lines

    # -- category, tags, title -----------------------------------------------------------------

    def category(self, heading: str | None, body: list[Line], label: str | None, site_lines: Sequence[str] = ()) -> Finding:
        # Where the text says what it is, in order of trust: its heading, a section heading of the
        # first lines (一、2017年工作总结), an announcement (现将工作总结如下).
        if "其他" in self.categories and (
                heading and NOTICE_TITLE.search(re.sub(r"\s+", "", simplified(heading)))
                or any(NOTICE_OPENING.search(line.simple) for line in body[:3])):
            # `关于印发《…工作要点》的通知`, `现将有关事项通知如下`: a notice, whatever it forwards
            # and whatever a website's heading calls it
            return Finding("其他", FOUND)
        stated = [simplified(heading)] if heading else []
        opening = [line for line in body if not SALUTATION.match(line.simple)]  # a speech's text after `各位代表：`
        stated += [m.group(0) for line in opening[:3] if (m := SECTION_KIND.match(line.simple))]
        announced = [m.group(0) for line in opening[:2] if (m := ANNOUNCE.search(line.simple))]
        # a heading that is only the page's title numbered (`乡镇工会工作总结1` on a page titled
        # `乡镇工会工作总结`) is the site's: the text's own announcement (`特作汇报`) comes first
        glued = [m.group(0) for m in [GLUED_TITLE.match(re.sub(r"\s+", "", body[0].simple))] if m] if body else []
        # a sentence of its first lines saying what it goes on to do (`下面，把市科协…简要汇报一下`)
        # after its announcement, before a compilation's label
        reported = [m.group(0) for line in opening[:15] if (m := _REPORTING.search(line.simple))][:1]
        # an office holder giving account of their own work (`我是…局长，…向大家汇报`) is a 述职
        duty = ["述职"] if any(DUTY_SPEAKER.search(line.simple) for line in body[:3]) else []
        if _numbered_page_title(heading, label):
            # the text's own title run into its first line, or its announcement, comes first
            stated = glued + announced + reported + duty + stated
        elif heading and SITE_TITLE.search(simplified(heading)):
            # a website's title for the page (`…工作计划(精选5篇)`, `…工作总结范文`) comes after the
            # text's own title, its speaker and an announcement naming a kind (`现将工作总结如下`);
            # `汇报如下` names none (summaries are reported too)
            told = [s for s in announced + reported if self._category_of(s) not in (None, "工作报告")]
            stated = glued + duty + told + stated + announced + reported
        else:
            stated = stated + announced + reported + (glued if not heading else []) + duty
        for text in stated:
            found = self._category_of(text)
            if found:
                return Finding(found, FOUND)
        if label:
            found = self._category_of(simplified(label))
            if found:
                return Finding(found, UNSURE, f"category: taken from the compilation's label ({label}); check")
        told = _told_kind(opening[:2])
        if told and told in self.categories:
            return Finding(told, UNSURE, f"category: the text names no kind; its opening "
                                         f"{'looks back on work done' if told == '工作总结' else 'sets out work to do'}: {told}; check")
        for text in site_lines:
            # the website's words for the page (`…学校党支部计划范文`), when the text says nothing
            m = SITE_PAGE_KIND.search(simplified(text))
            found = self._category_of(m.group("title")) if m else None
            if found:
                return Finding(found, UNSURE, f"category: the text names no kind; the website calls the page "
                                              f"{m.group('title')}: {found}; check")
        other = "其他" if "其他" in self.categories else self.categories[-1]
        return Finding(other, UNSURE, f"category: the text does not say what kind of report it is; set to {other}")

    def _category_of(self, text: str) -> str | None:
        found = [(m.start(), order, name) for order, (name, pattern) in enumerate(CATEGORY_RULES)
                 if name in self.categories and (m := pattern.search(text))]
        return min(found)[2] if found else None

    def tags(self, heading: str | None, body: list[Line]) -> Finding:
        text = "\n".join(line.simple for line in body)
        head = simplified(heading or "")
        counts = []
        for tag, pattern in TAG_RULES:
            count = len(pattern.findall(text)) + 5 * len(pattern.findall(head))
            if count >= TAG_MIN_COUNT:
                counts.append((-count, tag))
        tags = [tag for _, tag in sorted(counts)[:MAX_TAGS]]
        return Finding(tags, FOUND if tags else NOT_STATED)

    def title(self, heading: str | None, unit: Finding, category: Finding, traditional_text: bool, label: str) -> Finding:
        if heading:
            cleaned = HEADING_SEPARATOR.split(heading)[0].strip() or heading.strip()
            return Finding(cleaned, FOUND)
        kind = category.value if category.status == FOUND else "工作报告" if category.value is None else category.value
        if unit.value:
            title = f"{unit.value}{kind if kind != '其他' else '工作报告'}"
        else:
            title = f"{kind if kind != '其他' else '工作报告'}（{label}）"
        if traditional_text:
            title = traditional(title) if not unit.value else f"{unit.value}{traditional(title[len(unit.value):])}"
        return Finding(title, UNSURE, "title: the report has no heading; title made from unit and category")


_PIECE_NUMBER = re.compile(r"\s*(?:第?\s*[\d一二三四五六七八九十]{1,3}\s*篇?|篇\s*[\d一二三四五六七八九十]{1,3}|【[^】]*】)$"
                           r"|^(?:篇\s*[\d一二三四五六七八九十]{1,3}|第\s*[\d一二三四五六七八九十]{1,3}\s*篇)\s*[:：、]\s*")
_COLLECTION_COUNT = re.compile(r"\s*[(（【]?\s*(?:精选|优质|最新|实用|通用|经典|优秀|汇总|大全)?\s*[\d一二三四五六七八九十]{1,3}\s*篇\s*[)）】]?$")


_REPORTING = re.compile(r"(?:下面|现在|以下)[，,]?(?:我)?(?:把|将|就)[^。；！？]{0,30}?(?:汇报|报告|总结)(?:一下|如下)")
"""A sentence saying what the text goes on to do (`下面，把市科协20xx年工作情况简要汇报一下`)."""


def _numbered_page_title(heading: str | None, label: str | None) -> bool:
    if not heading or not label:
        return False
    h = _PIECE_NUMBER.sub("", simplified(heading)).strip()
    page = _COLLECTION_COUNT.sub("", re.sub(r"范文|精选|最新", "", simplified(label))).strip()
    return bool(h) and h != simplified(heading).strip() and h == page


_SPEECH_TITLE = re.compile(r"^(?![一二三四五六七八九十\d]+[、.．])[\u4e00-\u9fff“”\"《》·—\s]{4,30}$")
"""A short line of words alone (no sentence punctuation, no numbering): a title when an address follows."""


SITE_PAGE_KIND = re.compile(r"(?:整理|精选|分享|收集|搜集)了?\S{0,8}?的?(?P<title>[^，。,；;：:！？!?]{2,30}?(?:总结|计划|规划|报告|汇报|述职|打算|要点))"
                            r"(?:范文|模板|精选|大全|\d+篇|[，。,！!])")
"""A website's blurb naming the page it shows (`本站为你精心整理了教育局发展学校党支部计划范文`)."""


RETROSPECT = re.compile(r"一年来|半年来|今年以来|过去的?一年|^上半年[，,]|(?:做|取得|完成|开展|做出)了|圆满完成|取得(?:了)?\S{0,4}(?:成效|成绩)")
PROSPECT = re.compile(r"将(?:继续|进一步|以|围绕|着力|重点|深入|坚持|全面|紧紧|聚焦|持续|大力|加快)|力争|下一步|明年|新的一年|展望")


def _told_kind(opening: list[Line]) -> str | None:
    """What a text that names no kind of report tells by its opening: looking back on work done
    (`一年来…做了…`, `取得了明显成效`) is a summary, setting out work to do (`力争`, `将继续`) a plan."""
    text = "".join(line.simple for line in opening)
    back, ahead = len(RETROSPECT.findall(text)), len(PROSPECT.findall(text))
    if back > ahead:
        return "工作总结"
    if ahead > back:
        return "工作计划"
    return None


def _is_label(marker_title: str, compilation_title: str | None) -> bool:
    s = simplified(marker_title)
    if re.search(r"范文|精选|大全", s):
        return True
    if compilation_title:
        c = re.sub(r"(精选|优质|最新)?\s*[(（]?\s*(精选|优质)?\s*[\d一二三四五六七八九十]+\s*篇\s*[)）]?$", "", simplified(compilation_title))
        c = re.sub(r"^(最新|精选|优质)", "", c).strip()
        return bool(c) and s.strip() in (c, c + "范文")
    return False


def _is_traditional(lines: list[Line]) -> bool:
    from ..text import is_traditional

    return is_traditional("".join(line.text for line in lines[:30]))


