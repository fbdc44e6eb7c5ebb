"""The report's year, as its own heading, opening or signature states it (Arabic or Chinese
numerals); anonymised forms (20xx年) are not a year, and a year only mentioned is not the report's."""

from __future__ import annotations

import re

from ..text import simplified
from .clean import Line
from .finding import FOUND, NOT_STATED, UNSURE, Finding
from .patterns import ANON_YEAR, CN_DIGIT, CN_YEAR, DATE_LINE, GLUED_SIGNATURE, PLACEHOLDER, TIME, UNIT, YEAR


OPENING_WORK_YEAR = re.compile(
    rf"(?:完成了?|实现了?|回顾|总结|做好|开展|抓好|制定了?|拟定了?|现将(?:我|本)?(?:{UNIT})?)(?P<y>(?:1949|19[5-9]\d|20[0-4]\d)\s*年|[一二][一二三四五六七八九〇零○ＯOo0]{{3}}年)"
    r"(?:度)?(?:的)?\S{0,6}?(?:工作|各项|目标任务|任务)")
"""A year the opening says the report's work belongs to (after a verb of doing or reviewing)."""


FIRST_SECTION_YEAR = re.compile(
    rf"(?:^|如下[：:]?\s*)[一二三四五六七八九十]+\s*[、.．]\s*(?P<y>\d{{4}}|\d{{2}}{PLACEHOLDER}{{2}}|\d{{2}})年(?:度)?"
    r"(?:开展)?(?:工作)?(?:总结|计划|回顾|情况)")
"""A year the first section's heading gives the work it reports on."""


_ANON_SENTENCE_YEAR = re.compile(rf"(?:^|[。；！])\s*(?P<y>(?:(?:19|20)\d?{PLACEHOLDER}{{1,2}}|{PLACEHOLDER}{{2}}|[_＿]{{2,}})\s*年)(?:度)?[，,]?(?!\d|{PLACEHOLDER}|[一二三四五六七八九十]?月)")
"""An anonymised year opening a sentence: the year of the work the sentence reports."""


_SENTENCE_YEAR = re.compile(r"(?:^|[。；！])\s*(?:[（(]?[一二三四五六七八九十\d]{1,2}[)）、.．]\s*)?(?:[^。；！，,]{0,12}?[)）])?\s*(?P<y>(?:1949|19[5-9]\d|20[0-4]\d)\s*年)(?:度)?[，,]")
"""A sentence of the first paragraphs opening on a year and a comma (`2025年，镇党委高度重视工会
工作`): the year of the work it reports, when nothing else states one."""


_BARE_HEADING_YEAR = re.compile(r"^((?:19|20)\d{2})\s*(?=[\u4e00-\u9fff])(?!年)")
"""A year a heading opens with, 年 left out (`2023某县科协工作汇报`): how websites prefix the titles
they give a report (the same text is `2022市科学技术协会年度工作总结` on one and `2023 科学技术协会
年度工作总结` on another, one page's heading 2023 under its own title 2024), not the report's year."""
_STATISTICS_PERIOD = re.compile(r"统计(?:期限|时限|时间|区间)(?:为|是|自|从)\s*(?P<y>(?:19|20)\d{2}\s*年)")


_FULL_WIDTH = str.maketrans("０１２３４５６７８９Ｘｘ", "0123456789Xx")
"""Full-width digits (`２０２３年`) and mask letters, read as their ASCII forms."""
_SIGNED_DATE = re.compile(
    rf"{UNIT}(?P<date>(?:\d{{4}}|\d{{2}}{PLACEHOLDER}{{2}}|[〇零○一二三四五六七八九]{{4}})年"
    rf"[\d{PLACEHOLDER[1:-1]}一二三四五六七八九十]{{1,3}}月(?:[\d{PLACEHOLDER[1:-1]}一二三四五六七八九十]{{1,3}}日)?)$")
"""A signature's name and date on one line, typeset apart or in Chinese numerals
(`县科协 2023年12月20日`, `县科协二〇二三年十二月二十日`)."""


ISSUED_DOCUMENT = re.compile(
    r"(?:现将|现予|关于)\S{0,20}?(?:印发|转发)\S{0,12}?《(?P<a>[^《》]{0,60}?)》|《(?P<b>[^《》]{0,60}?)》\S{0,30}?(?:现予印发|印发给你们|转发给你们|现予转发|现印发)")
"""A notice issuing or forwarding a document (`《…2023 年工作报告》已经…审议通过，现予印发`): the year
the document's title states is the notice's, not the date the notice is signed (early the next year)."""


SITE_TITLE = re.compile(r"范文|精选|大全|合集|汇编|模板|\d+篇")
"""Words of a title a website made for the page rather than the report's own heading."""


class YearFinder:
    def __init__(self, current_year: int):
        self.current_year = current_year

    def find(self, heading: str | None, body: list[Line]) -> Finding:
        if heading:
            heading = heading.translate(_FULL_WIDTH)
        body = [Line(line.no, line.text.translate(_FULL_WIDTH)) for line in body]
        stated: list[tuple[str, str]] = []  # (expression, where)
        if heading:
            bare = _BARE_HEADING_YEAR.match(simplified(heading).strip())
            # the rest of the heading may state a year: `2023某县科协2021年工作汇报`
            expr = _first_year_expression(simplified(heading).strip()[bare.end():] if bare else simplified(heading))
            if expr:
                stated.append((expr, "title"))
        opening = re.sub(r"\s+", "", " ".join(line.simple for line in body[:1]))[:80]  # `2021 年` as typeset
        m = re.match(rf"^[^，,。；;！？]{{0,12}}?(?P<y>{TIME})", opening)  # in its first clause
        # but not a span's start (`自2014年7月青年学者联谊会成立至今`: the body's founding)
        since = m and opening[max(0, m.start("y") - 1) : m.start("y")] in ("自", "从")
        if m and not since and _first_year_expression(m.group("y")):
            stated.append((_first_year_expression(m.group("y")), "opening"))
        for line in body[:2]:
            m = re.search(rf"我(?:就|代表){UNIT}?(?P<y>\d{{4}}|\d{{2}}{PLACEHOLDER}{{2}}|[_＿]{{2}})年", line.simple)
            if m:
                stated.append((m.group("y") + "年", "opening"))
            # the first section's heading, at the line's start or run into the opening after its
            # `…如下：` (`一、2009年度开展工作情况`, `一、18年工作情况`)
            m = FIRST_SECTION_YEAR.search(line.simple[:300])
            if m:
                stated.append((self._four_digits(m.group("y")) + "年", "first section heading"))
        for line in body[:3]:
            m = ISSUED_DOCUMENT.search(re.sub(r"\s+", "", line.simple))
            expr = m and _first_year_expression(m.group("a") or m.group("b") or "")
            if expr and self.value(expr):
                stated.append((expr, "issued document"))
                break
        for line in body[:2]:
            # the period its figures cover: `本报告中所列数据的统计期限自2022年1月1日起`
            m = _STATISTICS_PERIOD.search(line.simple)
            if m:
                stated.append((m.group("y"), "opening sentence"))
        for line in body[:2]:
            # the opening paragraph saying which year's work it reports: `圆满完成了二oo九年科协工作目标任务`
            m = OPENING_WORK_YEAR.search(line.simple[:400])
            if m:
                stated.append((m.group("y"), "opening sentence"))
        m = ANON_YEAR.search(opening)
        if m:  # `…范文 科技局xx年工作总结`: the text's own heading, run into the line, anonymises
            stated.append((m.group(0), "opening"))
        for line in body[1:5]:
            # a sentence of the first paragraphs opening on an anonymised year (`__年，科协办公室…`)
            m = _ANON_SENTENCE_YEAR.search(line.simple)
            if m:
                stated.append((m.group("y"), "opening"))
                break
        if not stated:
            for line in body[1:5]:
                m = _SENTENCE_YEAR.search(line.simple[:300])
                if m:
                    stated.append((m.group("y"), "opening sentence"))
                    break
        for line in body[-3:]:
            s = line.simple
            m = DATE_LINE.match(s) or GLUED_SIGNATURE.search(s)
            if not m and len(s) <= 40:  # a signature line: `县科协 2023 年 12 月 20 日` as typeset
                s = re.sub(r"\s+", "", s)
                m = DATE_LINE.match(s) or _SIGNED_DATE.search(s)
            if m:
                expr = _first_year_expression(s[m.start() if m.re is DATE_LINE else m.start("date"):])
                if expr:
                    stated.append((expr, "signature date"))
        concrete = [(self.value(e), e, w) for e, w in stated if self.value(e) is not None]
        anonymised = [(e, w) for e, w in stated if self.value(e) is None and ANON_YEAR.search(e)]
        if concrete and anonymised and all(w in ("title", "opening") for _, _, w in concrete):
            # `2019年…工作总结范文 科技局xx年工作总结…`: the text anonymises its year; the concrete one
            # comes from a title the website put before it
            return Finding(None, UNSURE, f"year: the title says {concrete[0][0]} but the text anonymises the year "
                                         f"({anonymised[0][0]}); not stated")
        if concrete:
            values = {v for v, _, _ in concrete}
            if len(values) > 1:
                first = concrete[0]
                body_values = {v for v, _, w in concrete if w != "title"}
                if first[2] == "title" and body_values and first[0] not in body_values and SITE_TITLE.search(simplified(heading)):
                    # a site's own title (…范文, …精选) dates the page, not the report: the text's year stands
                    value, expr, where = next(c for c in concrete if c[2] != "title")
                    return Finding(value, FOUND, f"year: the page's title says {first[0]}, the text {value}; check")
                signed = {v for v, _, w in concrete if w == "signature date"}
                if (first[2] == "title" and body_values and body_values == signed == {first[0] + 1}
                        and re.search(r"总结|年度|年报|述职", simplified(heading))):
                    # a summary of year N is signed early in N+1 (`…2023年度工作总结的通知`, 2024年1月4日):
                    # the title's year is the report's
                    return Finding(first[0], FOUND)
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
        if heading and bare:
            return Finding(None, UNSURE, f"year: the heading opens on {bare.group(1)} without 年, as websites prefix "
                                         f"the titles they give a report; the text states no year")
        mentioned = sorted({int(y) for line in body for y in YEAR.findall(line.simple) if int(y) <= self.current_year})
        if mentioned:
            shown = ", ".join(map(str, mentioned[-3:]))
            return Finding(None, NOT_STATED, f"year: not stated as the report's year; the text mentions {shown}")
        return Finding(None, NOT_STATED, "year: not stated in the text")

    def _four_digits(self, year: str) -> str:
        """`18` → `2018` (a two-digit year no later than this year's, else the 1900s)."""
        if not re.fullmatch(r"\d{2}", year):
            return year
        return str(2000 + int(year) if 2000 + int(year) <= self.current_year else 1900 + int(year))

    def value(self, expression: str) -> int | None:
        m = YEAR.search(expression)
        if m:
            value = int(m.group(1))
        else:
            m = CN_YEAR.search(expression)
            if not m:
                return None
            value = int("".join(CN_DIGIT[c] for c in m.group(1)))
        return value if 1949 <= value <= self.current_year else None


def _first_year_expression(text: str) -> str | None:
    found = []
    for pattern in (YEAR, CN_YEAR, ANON_YEAR):
        m = pattern.search(text)
        if m:
            found.append((m.start(), m.group(0)))
    return min(found)[1] if found else None
