"""Metadata: what a report's own text states about it, and nothing else.

Each finder returns a `Finding`: a value with its status (`found`, `unsure`, `not stated`) and,
when it is not plainly found, a review note for the editor. Patterns are matched on a simplified
reading of the text (OpenCC, one character for one), and values are cut from the original text,
so a traditional report keeps traditional names.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field

from ..regions import Division, RegionError, RegionTree
from .clean import Line
from ..text import simplified, traditional
from .split import CATEGORY_WORDS, glued_heading, is_title_like

FOUND, UNSURE, NOT_STATED = "found", "unsure", "not stated"
FIELDS = ("title", "unit", "year", "region", "category", "tags")

"""Written as `unit` when the text names no issuing body (the schema requires the field)."""

_PLACEHOLDER = r"[xX×＊*_＿]"
_HAN = r"[\u4e00-\u9fff]"
_UNIT_SUFFIX = (
    r"(?:科学技术协会|老科协|科协|技协|科技局|科学技术局|科技委员会|科委|科技厅|知识产权局|工会|党总支|党支部|党委|"
    r"党组|妇委会|团委|委员会|管委会|人民政府|政府|有限责任公司|有限公司|公司|集团|研究所|研究院|情报所|"
    r"中心|科技馆|厂|中学|小学|学校|学院|大学|支行|分行|协会|学会|乡|镇|村)"
)
_UNIT_TAIL = r"(?:机关)?(?:党总支|党支部|工会|妇委会|团委|分会|科协)"
_UNIT = rf"(?:[\u4e00-\u9fffA-Za-z＊*_＿]{{0,16}}?{_UNIT_SUFFIX}(?:{_UNIT_TAIL})?)"
_TIME = rf"(?:(?:\d{{4}}|\d{{2,3}}{_PLACEHOLDER}{{1,2}}|{_PLACEHOLDER}{{2}}|[一二三四五六七八九〇零○]{{4}})年(?:度|上半年|下半年|以来)?|一年来|今年(?:以来)?|上半年|下半年|本年度|近年来|去年)"
_OPENING_UNIT = (
    re.compile(rf"^{_TIME}?[，,、]?\s*(?P<unit>{_UNIT})(?:系统|机关)?(?:在|认真|坚持|紧紧|始终|全面|积极|按照|根据|围绕|以|高度重视|工作在|科技工作在|科普工作在|的工作)"),
    re.compile(rf"(?:下面|现在)?我(?:就|代表)(?P<unit>{_UNIT})(?:\d{{4}}|\d{{2}}{_PLACEHOLDER}{{2}}|{_PLACEHOLDER}{{2,4}})?年?(?:度)?的?(?:工作|各项)"),
)
_GENERIC = re.compile(rf"^(?:我|本|该|全)?(?:{_UNIT_SUFFIX})$")
_ANON_IN_NAME = re.compile(rf"{_PLACEHOLDER}{{2}}|[＊*]|__|＿")
_YEAR = re.compile(r"(?<![\d.])(1949|19[5-9]\d|20[0-4]\d)\s*年(?!代|轻|级)")
_CN_YEAR = re.compile(r"([一二三四五六七八九〇零○Ｏ]{4})年")
_ANON_YEAR = re.compile(rf"(?<![\d])(?:(?:19|20)\d?{_PLACEHOLDER}{{1,2}}|{_PLACEHOLDER}{{2}}|[_＿]{{2,}})\s*年")
_DATE_LINE = re.compile(rf"^(?P<y>[\d{_PLACEHOLDER[1:-1]}〇零○一二三四五六七八九]{{2,4}})年[\d{_PLACEHOLDER[1:-1]}一二三四五六七八九十]{{0,3}}月([\d{_PLACEHOLDER[1:-1]}一二三四五六七八九十]{{0,3}}日)?$")
_GLUED_SIGNATURE = re.compile(rf"(?P<unit>{_UNIT})(?P<date>[\d{_PLACEHOLDER[1:-1]}〇零○]{{2,4}}年[\d{_PLACEHOLDER[1:-1]}]{{0,2}}月[\d{_PLACEHOLDER[1:-1]}]{{0,2}}日)$")
_HEADING_SEPARATOR = re.compile(r"[_＿]{2,}|——|--|—")
_CN_DIGIT = {"〇": "0", "零": "0", "○": "0", "Ｏ": "0", "一": "1", "二": "2", "三": "3", "四": "4", "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}
_ANNOUNCE = re.compile(r"(总结|汇报|报告|述职)如下|述职报告")
_SECTION_KIND = re.compile(r"^[一二三四五六七八九十]+\s*[、.．]\s*(\d{4}年|\d{2}[xX_*]{2}年)?(度)?(工作)?(总结|计划|述职)\S{0,2}$")

CATEGORY_RULES = (
    ("述职报告", re.compile(r"述职")),
    ("工作总结", re.compile(r"总结|回顾")),
    ("工作计划", re.compile(r"计划|规划|打算|要点|安排|设想")),
    ("工作报告", re.compile(r"汇报|报告")),
)

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

# Division names that are also common nouns: a unit called 新区科协 is not in 唐山市新区.
_GENERIC_PLACES = frozenset({"新区", "矿区", "城区", "郊区", "市区", "林区", "特区", "东区", "西区", "南区", "北区", "中区", "市中区", "开发区", "高新区"})


@dataclass
class Finding:
    value: object = None
    status: str = NOT_STATED
    note: str | None = None


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
        self.categories = categories
        self.current_year = current_year or dt.date.today().year

    def describe(self, lines: list[Line], marker_title: str | None, compilation_title: str | None,
                 label: str) -> Described:
        traditional_text = _is_traditional(lines)
        heading, body = self._heading(lines, marker_title, compilation_title)
        unit = self.unit(heading, body)
        year = self.year(heading, body)
        region = self.region(unit, body)
        category = self.category(heading, body, marker_title or compilation_title)
        tags = self.tags(heading, body)
        title = self.title(heading, unit, category, traditional_text, label)
        return Described(title, unit, year, region, category, tags, body)

    # -- heading ------------------------------------------------------------------------------

    def _heading(self, lines: list[Line], marker_title: str | None, compilation_title: str | None) -> tuple[str | None, list[Line]]:
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
        if is_title_like(s, 40) and len(lines) > 1:
            return first.stripped, lines[1:]
        glued = glued_heading(s)
        if glued:
            rest = first.stripped[len(glued):].lstrip(" \u3000")
            return first.stripped[: len(glued)], [Line(first.no, rest)] + lines[1:]
        return None, lines

    # -- unit ---------------------------------------------------------------------------------

    def unit(self, heading: str | None, body: list[Line]) -> Finding:
        candidates: list[tuple[str, str]] = []  # (name, where)
        if heading:
            h = simplified(heading)
            parts = _HEADING_SEPARATOR.split(h)
            if len(parts) > 1 and re.fullmatch(_UNIT, parts[-1].strip()):
                start = h.rindex(parts[-1].strip())
                candidates.append((heading[start : start + len(parts[-1].strip())], "title"))
            core = re.sub(rf"^{_TIME}", "", parts[0])
            m = re.match(_UNIT, core)
            if m:
                offset = len(parts[0]) - len(core)
                candidates.append((heading[offset + m.start() : offset + m.end()], "title"))
        for line in body[:3]:
            s = line.simple
            for pattern in _OPENING_UNIT:
                m = pattern.search(s[:120])
                if m:
                    start = len(line.text) - len(line.text.lstrip(" \t\u3000"))
                    candidates.append((line.text[start + m.start("unit") : start + m.end("unit")], "opening"))
        candidates.extend((name, "signature") for name in _signature_units(body))
        cleaned = []
        for name, where in candidates:
            name = re.sub(r"^(我|本)(?=[乡镇村厂校局])", "", name)
            if len(name) >= 2:
                cleaned.append((name, where))
        good = [c for c in cleaned if not _GENERIC.match(simplified(c[0])) and not _ANON_IN_NAME.search(c[0])]
        if good:
            return Finding(good[0][0], FOUND)
        if cleaned:
            name, where = cleaned[0]
            if _ANON_IN_NAME.search(name):
                return Finding(name, FOUND, f"unit: the text anonymises part of the name ({name}); fill it in if known")
            return Finding(name, FOUND)
        acting = _acting_unit(body)
        if acting:
            name, count, self_ref = acting
            why = f"acts as the subject {count} time(s)" + (f" and the text calls itself {self_ref}" if self_ref else "")
            return Finding(name, UNSURE, f"unit: not in the title, opening or signature; {name} {why} in the text; check")
        return Finding(None, NOT_STATED, "unit: the text does not name the issuing body; written as 单位不详")

    # -- year ---------------------------------------------------------------------------------

    def year(self, heading: str | None, body: list[Line]) -> Finding:
        stated: list[tuple[str, str]] = []  # (expression, where)
        if heading:
            expr = _first_year_expression(simplified(heading))
            if expr:
                stated.append((expr, "title"))
        opening = " ".join(line.simple for line in body[:1])[:80]
        m = re.match(rf"^\S{{0,12}}?(?P<y>{_TIME})", opening)
        if m and _first_year_expression(m.group("y")):
            stated.append((_first_year_expression(m.group("y")), "opening"))
        for line in body[:2]:
            m = re.search(rf"我(?:就|代表){_UNIT}?(?P<y>\d{{4}}|\d{{2}}{_PLACEHOLDER}{{2}}|[_＿]{{2}})年", line.simple)
            if m:
                stated.append((m.group("y") + "年", "opening"))
            m = re.match(rf"^[一二三四五六七八九十]+\s*[、.．]\s*(?P<y>(\d{{4}}|\d{{2}}{_PLACEHOLDER}{{2}}))年(度)?(工作)?(总结|计划|回顾|情况)", line.simple)
            if m:
                stated.append((m.group("y") + "年", "first section heading"))
        for line in body[-3:]:
            s = line.simple
            m = _DATE_LINE.match(s) or _GLUED_SIGNATURE.search(s)
            if m:
                expr = _first_year_expression(s[m.start() if m.re is _DATE_LINE else m.start("date"):])
                if expr:
                    stated.append((expr, "signature date"))
        concrete = [(self._value(e), e, w) for e, w in stated if self._value(e) is not None]
        anonymised = [(e, w) for e, w in stated if self._value(e) is None and _ANON_YEAR.search(e)]
        if concrete:
            values = {v for v, _, _ in concrete}
            if len(values) > 1:
                first = concrete[0]
                body_values = {v for v, _, w in concrete if w != "title"}
                if first[2] == "title" and body_values and first[0] not in body_values:
                    return Finding(None, UNSURE, f"year: the title says {first[0]} but the text says "
                                   f"{', '.join(map(str, sorted(body_values)))}; check which is the report's year")
                if first[2] != "title" and any(w == "signature date" for _, _, w in concrete):
                    pass  # a summary of year N is often signed early in N+1: the opening's year stands
            value, expr, where = concrete[0]
            return Finding(value, FOUND)
        if anonymised:
            expr = anonymised[0][0]
            return Finding(None, NOT_STATED, f"year: the text anonymises the year ({expr}); not stated")
        mentioned = sorted({int(y) for line in body for y in _YEAR.findall(line.simple) if int(y) <= self.current_year})
        if mentioned:
            shown = ", ".join(map(str, mentioned[-3:]))
            return Finding(None, NOT_STATED, f"year: not stated as the report's year; the text mentions {shown}")
        return Finding(None, NOT_STATED, "year: not stated in the text")

    def _value(self, expression: str) -> int | None:
        m = _YEAR.search(expression)
        if m:
            value = int(m.group(1))
        else:
            m = _CN_YEAR.search(expression)
            if not m:
                return None
            value = int("".join(_CN_DIGIT[c] for c in m.group(1)))
        return value if 1949 <= value <= self.current_year else None

    # -- region -------------------------------------------------------------------------------

    def region(self, unit: Finding, body: list[Line]) -> Finding:
        """Only from the unit's own name, or the text naming the unit with its place (`通榆县科协`
        for a report whose unit calls itself `县科协`). Places merely mentioned never count."""
        name = unit.value
        if not name:
            return Finding(None, NOT_STATED)
        s = simplified(str(name))
        division, note = self._leading_division(s)
        if division:
            return Finding(division.path_name, FOUND, note)
        if note:
            return Finding(None, UNSURE, note)
        m = re.match(r"^(县|市|区|旗|州|盟)(.+)$", s)
        if m:
            text = "\n".join(line.simple for line in body)
            named: Counter = Counter()
            for hit in re.finditer(re.escape(s), text):
                window = text[max(0, hit.start() - 8) : hit.start() + 1]
                for k in range(len(window), 1, -1):
                    place = window[-k:]
                    if re.fullmatch(rf"{_HAN}+", place) and place not in _GENERIC_PLACES and self._unique(place):
                        named[place] += 1
                        break
            for place, count in named.most_common(1):
                if count < 2:
                    break
                division, note = self._leading_division(place)
                if division and len(named) == 1:
                    return Finding(division.path_name, FOUND,
                                   f"region: from the text naming the unit {place}{m.group(2)}; check")
        return Finding(None, NOT_STATED)

    def _unique(self, name: str) -> bool:
        try:
            self.regions.resolve(name)
            return True
        except RegionError:
            return False

    def _leading_division(self, name: str) -> tuple[Division | None, str | None]:
        """The division(s) the unit's name starts with (`贵州省遵义市科协` → 贵州省/遵义市)."""
        path: list[str] = []
        rest = name
        while rest:
            for k in range(min(len(rest), 12), 1, -1):
                prefix = rest[:k]
                if prefix in _GENERIC_PLACES:
                    continue
                try:
                    self.regions.resolve("/".join(path + [prefix]))
                except RegionError as e:
                    if "ambiguous" in str(e) and not path:
                        labels = "; ".join(c.label for c in e.candidates[:5])
                        return None, f"region: {prefix} could be {labels}; write the path to choose"
                    continue
                path.append(prefix)
                rest = rest[k:]
                break
            else:
                break
        if not path:
            return None, None
        division = self.regions.resolve("/".join(path))
        note = None
        if division.historical:
            note = f"region: {division.name} is a former name ({division.label}); check"
        return division, note

    # -- category, tags, title -----------------------------------------------------------------

    def category(self, heading: str | None, body: list[Line], label: str | None) -> Finding:
        # Where the text says what it is, in order of trust: its heading, a section heading of the
        # first lines (一、2017年工作总结), an announcement (现将工作总结如下).
        stated = [simplified(heading)] if heading else []
        stated += [m.group(0) for line in body[:3] if (m := _SECTION_KIND.match(line.simple))]
        stated += [m.group(0) for line in body[:2] if (m := _ANNOUNCE.search(line.simple))]
        for text in stated:
            found = self._category_of(text)
            if found:
                return Finding(found, FOUND)
        if label:
            found = self._category_of(simplified(label))
            if found:
                return Finding(found, UNSURE, f"category: taken from the compilation's label ({label}); check")
        other = "其他" if "其他" in self.categories else self.categories[-1]
        return Finding(other, UNSURE, f"category: the text does not say what kind of report it is; set to {other}")

    def _category_of(self, text: str) -> str | None:
        for name, pattern in CATEGORY_RULES:
            if pattern.search(text) and name in self.categories:
                return name
        return None

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
            cleaned = _HEADING_SEPARATOR.split(heading)[0].strip() or heading.strip()
            return Finding(cleaned, FOUND)
        kind = category.value if category.status == FOUND else "工作报告" if category.value is None else category.value
        if unit.value:
            title = f"{unit.value}{kind if kind != '其他' else '工作报告'}"
        else:
            title = f"{kind if kind != '其他' else '工作报告'}（{label}）"
        if traditional_text:
            title = traditional(title) if not unit.value else f"{unit.value}{traditional(title[len(unit.value):])}"
        return Finding(title, UNSURE, "title: the report has no heading; title made from unit and category")


def _is_label(marker_title: str, compilation_title: str | None) -> bool:
    s = simplified(marker_title)
    if re.search(r"范文|精选|大全", s):
        return True
    if compilation_title:
        c = re.sub(r"(精选|优质|最新)?\s*[(（]?\s*(精选|优质)?\s*[\d一二三四五六七八九十]+\s*篇\s*[)）]?$", "", simplified(compilation_title))
        c = re.sub(r"^(最新|精选|优质)", "", c).strip()
        return bool(c) and s.strip() in (c, c + "范文")
    return False


def _first_year_expression(text: str) -> str | None:
    found = []
    for pattern in (_YEAR, _CN_YEAR, _ANON_YEAR):
        m = pattern.search(text)
        if m:
            found.append((m.start(), m.group(0)))
    return min(found)[1] if found else None


def _signature_units(body: list[Line]) -> list[str]:
    """Unit names in the closing lines: `机车厂科协` above a date, or run into it."""
    names = []
    tail = body[-3:]
    for k, line in enumerate(tail):
        s = line.simple
        m = _GLUED_SIGNATURE.search(s)
        if m:
            start = len(line.text.rstrip()) - len(s) + m.start("unit")
            names.append(re.sub(r"^[_＿*＊\s]+", "", line.text.strip()[m.start("unit") : m.end("unit")]))
            continue
        if len(s) <= 24 and not re.search(r"[，。；：,;:]", s) and re.fullmatch(_UNIT, s):
            following = tail[k + 1].simple if k + 1 < len(tail) else ""
            if k == len(tail) - 1 or _DATE_LINE.match(following):
                names.append(line.stripped)
    return names


def _is_traditional(lines: list[Line]) -> bool:
    from ..text import is_traditional

    return is_traditional("".join(line.text for line in lines[:30]))


_BODY_SUFFIX = rf"(?:{_UNIT_SUFFIX[3:-1]}|实践社|协会|学会|研究会|委员会|科技馆|博物馆|图书馆|学院|医院)"
_SUBJECT_NAME = re.compile(
    rf"(?:^|(?<=[，。；：！？,;:!?）)])|(?<=[\d）)][.．、]))\s*(?:我们)?(?P<unit>[\u4e00-\u9fffA-Za-z]{{2,12}}?{_BODY_SUFFIX})"
    r"(?=在|始终|一直|积极|带头|紧密|紧紧|认真|坚持|全面|不断|继续|将|要|作为|负责|组织|现有|专门|先后|的发展|发展活力)"
)
_NOT_A_NAME = re.compile(r"[的了和与及或对为把被从向是]|^(?:[在这那些各该全本我他其此以由按据比如]|近年|目前|现在|特别|今年|去年|明年)")
_SELF_KIND = re.compile(r"(?:我|本)(中心|公司|研究所|研究院|学院|医院|科协|工会|党总支|党支部|委员会|[村乡镇厂校院局馆社所])")


def _acting_unit(body: list[Line]) -> tuple[str, int, str | None] | None:
    """The body that the report's own text makes the subject of its work, when neither the heading,
    the opening nor the signature names it: `临沂市科技馆紧密结合…`, `网络安全工作委员会积极…`
    (at a clause's start, followed by what it does). Taken when one name does so at least twice and
    no other name comes close, or once when the text also speaks as that kind of body (`我中心`,
    `我院`). Names the text only mentions (`学习借鉴山西省科技馆…`) do not count, nor any name when
    the text speaks as another kind of body too (`我村…` in a text about a 厂)."""
    counts: Counter = Counter()
    first: dict[str, str] = {}
    for line in body:
        for m in _SUBJECT_NAME.finditer(line.simple):
            name = m.group("unit")
            if _NOT_A_NAME.search(name) or _GENERIC.match(name):
                continue
            key = name.lower()
            counts[key] += 1
            first.setdefault(key, line.stripped[m.start("unit") : m.end("unit")])
    if not counts:
        return None
    ranked = counts.most_common(2)
    key, count = ranked[0]
    if len(ranked) > 1 and ranked[1][1] * 2 > count:
        return None
    kinds = {m.group(1): m.group(0) for line in body for m in _SELF_KIND.finditer(line.simple)}
    if any(not key.endswith(kind) for kind in kinds):
        return None
    self_ref = next(iter(kinds.values()), None)
    if count >= 2 or self_ref:
        return first[key], count, self_ref
    return None
