"""A report's structure: which of its paragraphs are section headings, and at what level.

Work reports number their sections 一、… (level 2), （一）/(一) … (level 3) and 1. / 1、 … (level 4).
A numbered line is a heading only where it reads as one: short, no sentence punctuation in it, and
followed by body text. A numbered sentence (`1、成立了领导小组。6月初，…`) stays a paragraph.
The importer writes headings as Markdown (`## 一、主要工作`); scripts/section_headings.py applied
the same rule to the sample archive once.
"""

from __future__ import annotations

import re

from ..text import simplified

TOP = re.compile(r"^[一二三四五六七八九十]{1,3}\s*[、.．]\s*\S")
SUB = re.compile(r"^[(（]\s*[一二三四五六七八九十]{1,3}\s*[)）]\s*\S")
ITEM = re.compile(r"^\d{1,2}\s*[、.．]\s*\S")

MAX_HEADING = 40
"""Characters of a section heading at most (level 2 and 3)."""
MAX_ITEM_HEADING = 24
"""Characters of a numbered item's heading at most (level 4): longer ones are the item's text."""
_SENTENCE = re.compile(r"[。！？；;!?]")
_OPEN_END = re.compile(r"[，,、]$")


def _reads_as_heading(text: str, limit: int, commas: bool) -> bool:
    s = simplified(text.strip())
    if len(s) > limit or _SENTENCE.search(s) or _OPEN_END.search(s):
        return False
    return commas or not re.search(r"[，,]", s)


def _is_body(text: str) -> bool:
    """Running text: a sentence, or a long line."""
    s = text.strip()
    return bool(_SENTENCE.search(s)) or len(s) > MAX_HEADING


def heading_levels(paragraphs: list[str]) -> list[int | None]:
    """For each paragraph, its heading level (2, 3 or 4), or None for body text. A heading is
    followed by body text or by a heading of a deeper level."""
    levels: list[int | None] = []
    for text in paragraphs:
        s = simplified(text.strip())
        if TOP.match(s) and _reads_as_heading(s, MAX_HEADING, commas=True):
            levels.append(2)
        elif SUB.match(s) and _reads_as_heading(s, MAX_HEADING, commas=True):
            levels.append(3)
        elif ITEM.match(s) and _reads_as_heading(s, MAX_ITEM_HEADING, commas=False):
            levels.append(4)
        else:
            levels.append(None)
    in_list = False
    for i, level in enumerate(levels):
        if level != 4:
            in_list = False
        if level is None:
            continue
        following = next((j for j in range(i + 1, len(paragraphs)) if paragraphs[j].strip()), None)
        if following is None:
            levels[i] = None  # a heading with nothing after it is the text's last line
        elif in_list and level == 4:
            levels[i] = None  # the last item of a list of short numbered lines
        elif levels[following] is None:
            if level == 4 and not _is_body(paragraphs[following]):
                levels[i] = None  # a short numbered line followed by another short line: a list
                in_list = True
        elif levels[following] <= level:
            if level == 4:
                levels[i], in_list = None, True  # numbered short lines one after another: a list
    return levels
