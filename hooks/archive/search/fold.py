"""Folding: the one definition of "the same text" for search, shared by index and query.

A text is folded character by character, so that a substring of a text always folds to a
substring of the folded text (phrase-level conversion would break that: 乾隆 vs 乾):

1. pinyin annotations after a character (`總結(zǒng jié)`) are dropped: a parenthesis holding
   pinyin syllables with at least one tone mark;
2. full-width ASCII (`ＡＢＣ１２３`) becomes ASCII, and ASCII letters become lower case;
3. a traditional character becomes its simplified form, by OpenCC's `t2s` conversion of that
   character alone (the table is shipped to the browser: `char_map()`);
4. everything but letters and digits (whitespace, punctuation, symbols) is dropped.

The browser module `docs/assets/search/engine.js` implements the same four steps; the tests
check the two agree.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from ..text import t2s_char_map

TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_SYLLABLE = f"[a-zü{TONED}]{{1,6}}"
PINYIN_NOTE = re.compile(rf"(?<=[^\s(（])[(（](?=[^)）]*[{TONED}]){_SYLLABLE}(?: {_SYLLABLE}){{0,3}}[)）]")
"""`(zǒng jié)` after a character; JS: the same pattern (engine.js `PINYIN_NOTE`)."""


char_map = t2s_char_map
"""Every character OpenCC's t2s changes when converted alone (archive/text.py)."""


@functools.lru_cache(maxsize=1)
def _table() -> dict[int, str | None]:
    """str.translate table for steps 2 and 3 (step 4 is a category test)."""
    table: dict[int, str | None] = {cp: chr(cp - 0xFEE0) for cp in range(0xFF01, 0xFF5F)}
    for cp in range(0xFF21, 0xFF3B):  # Ａ-Ｚ → a-z
        table[cp] = chr(cp - 0xFEE0 + 32)
    for cp in range(ord("A"), ord("Z") + 1):
        table[cp] = chr(cp + 32)
    for t, s in char_map().items():
        table[ord(t)] = s
    return table


@functools.lru_cache(maxsize=None)
def _kept(char: str) -> bool:
    return unicodedata.category(char)[0] in "LN"


def fold(text: str) -> str:
    """The folded form of `text`: what the index stores and what a query is compared with."""
    if "(" in text or "（" in text:
        text = PINYIN_NOTE.sub("", text)
    text = text.translate(_table())
    return "".join(c for c in text if _kept(c))


DROPPED = 0xFFFFFFFF
"""`CodePointFolder`: the character is dropped."""


class CodePointFolder:
    """Steps 2 to 4 of `fold` on arrays of code points (the index folds whole archives at once).

    `folder(cps)` gives each code point's folded code point, or DROPPED; step 1 (pinyin notes) is
    `strip_notes`, done on the text before. The table grows with the characters seen.
    """

    def __init__(self) -> None:
        import numpy as np

        self._np = np
        self.table = np.full(0x110000, DROPPED, dtype=np.uint32)
        self.known = np.zeros(0x110000, dtype=bool)

    def __call__(self, cps):
        np = self._np
        seen = np.zeros(0x110000, dtype=bool)
        seen[cps] = True
        new = np.flatnonzero(seen & ~self.known)
        if len(new):
            table = _table()
            for cp in new.tolist():
                char = chr(cp)
                folded = table.get(cp, char)
                if folded and _kept(folded):
                    self.table[cp] = ord(folded)
            self.known[new] = True
        return self.table[cps]


_TONED_CHAR = re.compile(f"[{TONED}]")


def strip_notes(text: str) -> str:
    """Step 1 of `fold`: the text without its pinyin annotations (a note has a tone mark)."""
    if ("(" in text or "（" in text) and _TONED_CHAR.search(text):
        return PINYIN_NOTE.sub("", text)
    return text


def query_terms(query: str) -> list[str]:
    """A query's terms: split at whitespace (terms are AND-ed), each folded; empty ones dropped."""
    return [t for t in (fold(part) for part in query.split()) if t]
