"""Simplified and traditional Chinese: the importer matches patterns on a simplified reading of each
line (OpenCC), and never changes the text it keeps."""

from __future__ import annotations

import functools


@functools.lru_cache(maxsize=2)
def _converter(config: str):
    import opencc

    return opencc.OpenCC(config)


@functools.lru_cache(maxsize=65536)
def simplified(text: str) -> str:
    """The text in simplified characters, same length character for character (t2s maps 1:1)."""
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
