"""Segments of the search index: runs of documents in arrival order (archive/arrival.py), each
with postings of its own, so that a report appended to the archive changes the small tail
segment only.

Levelled, like a decimal counter of TAIL-document units: level k holds d_k · TAIL · FACTOR^k
documents in one segment, d_k being the k-th digit of n // TAIL in base FACTOR (the highest
level takes whatever is above), largest first; then the tail of n % TAIL documents. So the
layout is a pure function of the documents in arrival order: the same archive gives the same
segments whatever was built before. A segment's files depend only on its own documents (ids
local to it), so they stay byte-identical until its digit changes, or one of its reports is
edited.

A query term fetches one shard of every segment, so the number of segments and the size of their
shards is the query's cost: at most one segment a level (4 and the tail at 9,906 documents, 5 at
100,000; a binary counter of 16-document segments had 7 at 9,906, each a request more per term).
A segment's shards are SHARD_TARGET bytes from LARGE documents up and smaller below, down to
SMALL_TARGET, so the small levels together cost about what one large one does. A tail of fewer
than TAIL documents has at most TAIL_SHARDS files: what a report appended to the archive changes
in the postings. Every TAIL additions level 0 is rewritten (at most 9 · TAIL documents), every
TAIL · FACTOR additions level 1 too, and so on.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .layout import FACTOR, LARGE, LEVELS, SHARD_TARGET, SMALL_TARGET, TAIL, TAIL_SHARDS


@dataclass(frozen=True)
class Segment:
    start: int
    """Global id of its first document."""
    docs: int
    full: bool
    """A level's segment (a multiple of TAIL documents) or the tail."""

    @property
    def name(self) -> str:
        """Its folder below the index folder's `g/`: its first document (the tail keeps its
        folder and file names as it grows)."""
        return str(self.start)

    @property
    def end(self) -> int:
        return self.start + self.docs


def segments(n_docs: int, tail: int = TAIL, factor: int = FACTOR, levels: int = LEVELS) -> list[Segment]:
    """The segments of `n_docs` documents in arrival order (ids 0 … n_docs - 1)."""
    units, digits = n_docs // tail, []
    for _ in range(levels - 1):
        digits.append(units % factor)
        units //= factor
    digits.append(units)  # the highest level: whatever is above
    out, start = [], 0
    for k in range(len(digits) - 1, -1, -1):
        if digits[k]:
            size = digits[k] * tail * factor ** k
            out.append(Segment(start, size, True))
            start += size
    if start < n_docs:
        out.append(Segment(start, n_docs - start, False))
    return out


def shard_target(docs: int) -> float:
    """Raw bytes a shard of a full segment of `docs` documents holds on average: SHARD_TARGET from
    LARGE documents up, in proportion below, SMALL_TARGET at least."""
    return max(SMALL_TARGET, SHARD_TARGET * min(1.0, docs / LARGE))


def shard_count(segment: Segment, entry_bytes: int) -> int:
    """Shards of a segment holding `entry_bytes` of postings (`shard_target` bytes each); the tail
    (rewritten on every addition) has at most TAIL_SHARDS."""
    shards = max(1, math.ceil(entry_bytes / shard_target(segment.docs)))
    return shards if segment.full else min(shards, TAIL_SHARDS)


__all__ = ["Segment", "segments", "shard_count", "shard_target"]
