"""Compact binary pieces of the index: unsigned LEB128 varints (scalar and vectorised) and gzip."""

from __future__ import annotations

import functools
import gzip

import numpy as np


@functools.lru_cache(maxsize=1 << 16)
def varint(value: int) -> bytes:
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def varints(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Encode many values at once: (bytes as uint8, end offset of each value in them)."""
    values = values.astype(np.uint64, copy=False)
    lengths = np.ones(len(values), dtype=np.int64)
    for k in range(1, 10):
        lengths += values >= np.uint64(1 << (7 * k))
    ends = np.cumsum(lengths)
    out = np.zeros(int(ends[-1]) if len(ends) else 0, dtype=np.uint8)
    starts = ends - lengths
    for k in range(int(lengths.max()) if len(lengths) else 0):
        has = lengths > k
        byte = (values[has] >> np.uint64(7 * k)) & np.uint64(0x7F)
        more = (lengths[has] > k + 1).astype(np.uint64) << np.uint64(7)
        out[starts[has] + k] = (byte | more).astype(np.uint8)
    return out, ends


def gz(data: bytes, level: int = 9) -> bytes:
    """gzip without a timestamp: the same input gives the same bytes (reproducible builds)."""
    return gzip.compress(data, compresslevel=level, mtime=0)
