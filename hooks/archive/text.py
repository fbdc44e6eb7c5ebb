"""Chinese text, read the same way everywhere: the one OpenCC wrapper (simplified/traditional),
the normalised form near-duplicates compare, and the control characters no field may hold.

Search has its own, stricter folding (character by character, so that a substring folds to a
substring: search/fold.py), built on `t2s_char_map` from here.
"""

from __future__ import annotations

import functools
import re

NEAR_DUPLICATE_THRESHOLD = 0.5
"""Estimated Jaccard similarity of the 5-gram sets from which two texts count as near-duplicates
(the site's 相似报告 and the importer's near-duplicate warning alike)."""

_NOISE = re.compile(r"[\W_]+", re.UNICODE)
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")
"""C0 and C1 control characters except tab and newline, and the two noncharacters YAML refuses."""
_CONTROL_IN_LINE = re.compile("[\x00-\x1f\x7f-\x9f\ufffe\uffff]")

# Code point blocks where OpenCC has traditional characters (CJK, compatibility ideographs, ext. A–G).
_CJK_BLOCKS = [(0x2E80, 0x2FDF), (0x3000, 0x303F), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF),
               (0xFE30, 0xFE4F), (0x20000, 0x2A6DF), (0x2A700, 0x2EBEF), (0x2F800, 0x2FA1F), (0x30000, 0x3134F)]


@functools.lru_cache(maxsize=2)
def _converter(config: str):
    import opencc

    return opencc.OpenCC(config)


@functools.lru_cache(maxsize=65536)
def simplified(text: str) -> str:
    """The text in simplified characters, same length character for character (t2s maps 1:1;
    where a phrase conversion would change the length, the text is returned as it is)."""
    converted = _converter("t2s").convert(text)
    return converted if len(converted) == len(text) else text


def traditional(text: str) -> str:
    return _converter("s2t").convert(text)


def is_traditional(text: str) -> bool:
    """True when a sizeable share of the Han characters change under traditional→simplified."""
    sample = text[:4000]
    han = [c for c in sample if "\u4e00" <= c <= "\u9fff"]
    if len(han) < 10:
        return False
    changed = sum(1 for a, b in zip(sample, simplified(sample)) if a != b)
    return changed / len(han) > 0.05


@functools.lru_cache(maxsize=1)
def t2s_char_map() -> dict[str, str]:
    """Every character OpenCC's t2s changes when converted alone, to its one-character result."""
    chars = [chr(cp) for lo, hi in _CJK_BLOCKS for cp in range(lo, hi + 1)]
    # Convert in one call, one character per line, so that no phrase spans two characters.
    converted = _converter("t2s").convert("\n".join(chars)).split("\n")
    if len(converted) != len(chars):  # a conversion changed the line count: fall back to one by one
        converted = [_converter("t2s").convert(c) for c in chars]
    return {c: s for c, s in zip(chars, converted) if s != c and len(s) == 1}


def normalise(text: str) -> str:
    """Letters, digits and CJK characters only, lower case: layout, spacing and punctuation do
    not count (near-duplicates and exact-duplicate fingerprints)."""
    return _NOISE.sub("", text).lower()


def without_controls(text: str, keep_newlines: bool = True) -> str:
    """The text without C0/C1 control characters (tab and newline kept in a body; a one-line
    field keeps neither)."""
    return (_CONTROL if keep_newlines else _CONTROL_IN_LINE).sub("", text)
