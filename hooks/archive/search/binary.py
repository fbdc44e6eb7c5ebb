"""Compact binary pieces of the index: unsigned LEB128 varints (scalar and vectorised) and gzip."""

from __future__ import annotations

import functools
import zlib

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


def varint_lengths(values: np.ndarray) -> np.ndarray:
    """Bytes of each value's varint (values: unsigned integers)."""
    lengths = np.ones(len(values), dtype=np.int64)
    for k in range(1, 10):
        over = values >= (1 << (7 * k))
        if not over.any():
            break
        lengths += over
    return lengths


def varints(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Encode many values at once: (bytes as uint8, end offset of each value in them)."""
    values = values.astype(np.uint64, copy=False)
    lengths = varint_lengths(values)
    ends = np.cumsum(lengths)
    width = int(lengths.max()) if len(lengths) else 0
    if width <= 1:
        return values.astype(np.uint8), ends
    # one row per value, one column per byte; the bytes a value has, row by row, are the output
    table = np.empty((len(values), width), dtype=np.uint8)
    for k in range(width):
        column = (values >> np.uint64(7 * k)).astype(np.uint8) & np.uint8(0x7F)
        column |= (lengths > k + 1).astype(np.uint8) << np.uint8(7)
        table[:, k] = column
    return table[np.arange(width) < lengths[:, None]], ends


def gz(data: bytes, level: int = 9) -> bytes:
    """gzip (zlib's header: no name, no timestamp): the same input gives the same bytes (reproducible builds)."""
    return zlib.compress(data, level, wbits=31)


def gz_huffman(data: bytes) -> bytes:
    """gzip with Huffman coding only: for varint postings, which repeat no strings, as small as
    level 9 within 1 % and several times faster."""
    packer = zlib.compressobj(6, zlib.DEFLATED, 31, 8, zlib.Z_HUFFMAN_ONLY)
    return packer.compress(data) + packer.flush()
