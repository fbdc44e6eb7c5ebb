"""Segments of the search index: runs of documents in arrival order (archive/arrival.py), each
with postings of its own, so that a report appended to the archive changes the small tail
segment only.

Like a counter: full segments of TAIL documents, ten of them merged into one of 10 · TAIL, ten of
those into one of 100 · TAIL, up to TOP; then the tail of fewer than TAIL documents. For n
documents the segments are n's digits in that mixed radix, largest first, so the layout is a pure
function of the documents in arrival order: the same archive gives the same segments whatever
was built before. A full segment's files depend only on its own documents (ids local to it),
so they stay byte-identical until a merge takes them in, or one of its reports is edited.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .layout import FACTOR, SHARD_TARGET, TAIL, TAIL_SHARDS, TOP


@dataclass(frozen=True)
class Segment:
    start: int
    """Global id of its first document."""
    docs: int
    full: bool
    """A full segment (TAIL · FACTOR^k documents) or the tail."""

    @property
    def name(self) -> str:
        """Its folder below the index folder's `g/`: first document and size."""
        return f"{self.start}-{self.docs}"

    @property
    def end(self) -> int:
        return self.start + self.docs


def segment_sizes(top: int = TOP, tail: int = TAIL, factor: int = FACTOR) -> list[int]:
    """The full segment sizes, largest first: top, top / factor, …, tail."""
    sizes = [tail]
    while sizes[-1] * factor <= top:
        sizes.append(sizes[-1] * factor)
    return sizes[::-1]


def segments(n_docs: int, top: int = TOP, tail: int = TAIL, factor: int = FACTOR) -> list[Segment]:
    """The segments of `n_docs` documents in arrival order (ids 0 … n_docs - 1)."""
    out, start = [], 0
    for size in segment_sizes(top, tail, factor):
        while n_docs - start >= size:
            out.append(Segment(start, size, True))
            start += size
    if start < n_docs:
        out.append(Segment(start, n_docs - start, False))
    return out


def shard_count(segment: Segment, entry_bytes: int) -> int:
    """Shards of a segment holding `entry_bytes` of postings: SHARD_TARGET bytes each, on average;
    the tail (rewritten on every addition) has at most TAIL_SHARDS."""
    shards = max(1, math.ceil(entry_bytes / SHARD_TARGET))
    return shards if segment.full else min(shards, TAIL_SHARDS)


__all__ = ["Segment", "segment_sizes", "segments", "shard_count"]
