"""Anchors of a report's section headings: stable, readable and ASCII.

Python-Markdown's default slug keeps ASCII letters only, so every Chinese heading got `_1`, `_2`
…, which change when a section is added above. Here a heading's anchor is the pinyin of its text
(`一、主要工作` → `yi-zhu-yao-gong-zuo`): it changes only when the heading's own text does. The toc
extension (mkdocs.yml) makes duplicates unique (`…_1`). Used by mkdocs.yml as the toc `slugify`.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

MAX_LENGTH = 64
"""Characters of an anchor at most: long headings get a readable, bounded anchor."""
_HAN_OR_WORD = re.compile(r"[\u3400-\u9fff]|[A-Za-z0-9]+")


@lru_cache(maxsize=None)
def _syllables(han: str) -> tuple[str, ...]:
    """The pinyin of one character, lower case (asked of pypinyin once per character: a heading's
    slug is then a few lookups, where pypinyin takes about 0.3 ms a character)."""
    from pypinyin import lazy_pinyin

    return tuple(w.lower() for w in lazy_pinyin(han))


def section_slug(value: str, separator: str = "-") -> str:
    """`一、主要工作` → `yi-zhu-yao-gong-zuo`; `2015年工作回顾` → `2015-nian-gong-zuo-hui-gu`."""
    from .text import simplified

    text = unicodedata.normalize("NFKC", simplified(value))
    words: list[str] = []
    for token in _HAN_OR_WORD.findall(text):
        words += _syllables(token) if not token.isascii() else [token.lower()]
    slug = separator.join(w for w in words if w)
    if len(slug) > MAX_LENGTH:
        slug = slug[:MAX_LENGTH].rsplit(separator, 1)[0]
    return slug or "section"
