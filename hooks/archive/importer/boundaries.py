"""Where an unmarked report starts: each line scored as a report's first line (an indented first
line, a signature or date before it, a report heading or a heading run into the line, a salutation,
an announcement, a typical opening, a restart of `一、` numbering), and the shared helpers for
headings run into a line and Chinese numerals."""

from __future__ import annotations

import re

from .chrome import COMPILATION_WORDS, NUMBERED, is_title_like
from .clean import Line

_DATE_LINE = re.compile(r"^[\s_＿*xX×○〇零一二三四五六七八九\d]{2,4}年[\s_＿*xX×○〇零一二三四五六七八九十\d]{0,3}月([\s_＿*xX×○〇零一二三四五六七八九十\d]{0,3}日)?$")
_CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_TOP_LEVEL = re.compile(r"^([一二三四五六七八九十]+)\s*[、.．]")
_OPENING = re.compile(
    r"^(一年来|今年以来|今年|本年度|本学期|本季度|上半年|时光|时间|回顾|根据|按照|为了|近年来|"
    r"[0-9xX_＿*]{2,4}年(度|上半年|下半年|以来)?[，,]|\S{0,16}在\S{0,24}(领导|指导|支持)下)"
)
_SALUTATION = re.compile(r"^(尊敬的|各位)\S{0,12}[:：]$")
_ANNOUNCE = re.compile(r"(现将|现就|下面(我)?(就|将|把)|特作|作如下|向\S{0,10}(汇报|报告))\S{0,40}(总结|汇报|报告|述职)\S{0,4}如下\S?$|(总结|汇报|报告)如下[:：。]?$")
_SENTENCE = re.compile(r"[。；;！!？?]")
_SUB_NUMBERED = re.compile(r"^(?:[(（]\s*[一二三四五六七八九十\d]+\s*[)）]|\d+\s*[、.．]|[①-⑳])")
"""Numbering below a report's top level (`(一)`, `1.`, `①`): a report never starts there."""


def cn_number(text: str) -> int | None:
    """`17`, `十七`, `二十三`, `九` → int; None for anything else."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    if not text or any(c not in _CN_DIGITS and c not in "十百" for c in text):
        return None
    total, current = 0, 0
    for c in text:
        if c == "百":
            total += (current or 1) * 100
            current = 0
        elif c == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = current * 10 + _CN_DIGITS[c] if current and text.find("十") < 0 else _CN_DIGITS[c]
    return total + current


def title_key(s: str) -> str:
    return re.sub(r"[\s_＿\-—*]|范文|精选", "", s)


def boundary_scores(lines: list[Line]) -> dict[int, int]:
    """Score each line as the first line of a new report (only lines with a positive score)."""
    indented = sum(1 for line in lines if line.text[:1] in " \t\u3000")
    indent_signal = 0 < indented <= max(1, len(lines) // 5)
    scores: dict[int, int] = {}
    top_seen = 0
    since = 0
    for i, line in enumerate(lines):
        s = line.simple
        top = _TOP_LEVEL.match(s)
        score = 0
        if i <= 4 and is_title_like(s, 50) and any(title_key(lines[j].simple) == title_key(s) for j in range(i)):
            continue  # the site repeating the heading just above (`…工作总结与计划` again): no new report
        if i >= 2:
            if indent_signal and line.text[:1] in " \t\u3000" and not _SUB_NUMBERED.match(s):
                score += 3
            prev = lines[i - 1].simple
            if _DATE_LINE.match(prev) and not _DATE_LINE.match(s):
                score += 3
            if _is_heading(s) or _glued_heading(s):
                score += 3
            if _SALUTATION.match(s):
                score += 3
            if _ANNOUNCE.search(s) and not NUMBERED.match(s):
                score += 2
            if _OPENING.match(s) and not NUMBERED.match(s) and len(s) > 30:
                score += 1
            if top and top.group(1) == "一" and top_seen >= 1 and i - since > 3:
                j = i - 1
                prev_line = lines[j].simple
                intro = _OPENING.match(prev_line) or _ANNOUNCE.search(prev_line)
                if not NUMBERED.match(prev_line) and intro and len(prev_line) > 30 and j >= 2:
                    scores[j] = scores.get(j, 0) + 2
                else:
                    score += 2
        prev_s = lines[i - 1].simple if i >= 1 else ""
        if NUMBERED.match(prev_s) and len(prev_s) <= 20 and not _SENTENCE.search(prev_s) and not (
                _is_heading(s) or _glued_heading(s) or _SALUTATION.match(s)):
            score = 0  # the first paragraph under a section's heading (`一、总体情况` / `2022年，…`): no new report
        if score:
            scores[i] = scores.get(i, 0) + score
        if top:
            value = cn_number(top.group(1)) or 0
            if value == 1 and score >= 2:
                top_seen = 1
                since = i
            top_seen = max(top_seen, value) if value != 1 or top_seen == 0 else top_seen
        if score >= 3:
            top_seen, since = (1 if top and top.group(1) == "一" else 0), i
    return {i: s for i, s in scores.items() if s > 0}


def _is_heading(s: str) -> bool:
    return 6 <= len(s) and is_title_like(s, 30) and not COMPILATION_WORDS.search(s) and bool(re.search(r"(工作|科技|科协)?(总结|计划|报告|汇报|述职)\S{0,4}$", s))


_GLUED = re.compile(r"^(?P<title>[^\s，。,；：:]{2,30}?(工作总结|工作计划|工作报告|工作汇报|述职报告|总结|计划|工作方案|工作打算|工作安排|工作要点))(\s+|(?=\d{2}|[xX_＿*]{2}|今年|上半年|下半年|一年来|本年))")


def _glued_heading(s: str) -> bool:
    m = _GLUED.match(s)
    return bool(m) and len(s) > len(m.group("title")) + 10


def glued_heading(s: str) -> str | None:
    """The heading run into a report's first line (`物业一公司20xx年科技工作总结 今年我公司…`)."""
    m = _GLUED.match(s)
    return m.group("title") if m and len(s) > len(m.group("title")) + 10 else None
