"""The index's grams: the archive folded as one array of code points, and every gram's
(document, term frequency) pairs in sorted order, longest grams first (see index.py for how).
"""

from __future__ import annotations

import numpy as np

from .documents import HEAD_SEGMENTS, SearchDoc
from .fold import DROPPED, CodePointFolder, strip_notes
from .layout import IndexBuildError, MAX_GRAM, FOLD_DOCS, KEY_BLOCK, RUN, SLICE


class GramStream:
    """Folded text of every document as dense character ids, 0 after each segment."""

    def __init__(self, ids: np.ndarray, starts: np.ndarray) -> None:
        self.ids = ids
        self.starts = starts
        """Position where each document starts, and the end: len = documents + 1."""

    def _blocks(self):
        """(first position, end position, first doc, end doc) of whole documents, about KEY_BLOCK positions each."""
        n_docs = len(self.starts) - 1
        if not n_docs:
            return
        block_of = self.starts[:-1] // KEY_BLOCK
        cuts = np.flatnonzero(np.diff(block_of)) + 1
        bounds = [0, *cuts.tolist(), n_docs]
        for d0, d1 in zip(bounds, bounds[1:]):
            yield int(self.starts[d0]), int(self.starts[d1]), d0, d1

    def grams(self):
        """Distinct (gram, doc) pairs with tf, for each gram length from MAX_GRAM down to 1, sorted
        by gram then doc, in slices that never split a gram: (n, gram keys of `bits` per character,
        doc ids, tfs, bits) per slice.

        A length is sorted in full only when the next longer one could not be shortened: dropping
        the last character of every sorted (n+1)-gram leaves the n-grams in runs already sorted by
        doc within each gram, so adding the n-grams that end a segment and sorting again is a merge
        of runs (timsort: several times faster than sorting afresh)."""
        n_docs = len(self.starts) - 1
        doc_bits = max(1, (n_docs - 1).bit_length())
        buffer = np.empty(len(self.ids), dtype=np.uint64)  # one for all lengths: n-grams <= characters
        values, longer_bits = None, 0
        for n in range(MAX_GRAM, 0, -1):
            if values is not None and longer_bits == 16:
                values = self._shortened(values, n, doc_bits, buffer)
                bits, rare = 16, None
            else:
                values, bits, rare = self._sorted(n, doc_bits, buffer)
            for keys, key_bits, doc_ids, tfs in _slices(values, doc_bits, bits):
                yield n, keys, key_bits, doc_ids, tfs
            if rare is not None:
                yield n, *rare
            longer_bits = bits

    def _sorted(self, n: int, doc_bits: int, buffer: np.ndarray):
        """The n-grams' sorted `gram << doc_bits | doc` values (in `buffer`), the bits per character,
        and the (gram, doc) pairs of the rare grams that did not fit, or None."""
        bits = min(16, (64 - doc_bits) // n)
        # Grams whose characters all have ids below 2**bits (the frequent ones: ids go by frequency)
        # are sorted as one 64-bit value; the rest (rare, or all when bits < 4) are sorted apart.
        limit = 1 << bits
        filled = 0
        rare_keys, rare_docs = [], []
        for a, b, d0, d1 in self._blocks():
            segment = self.ids[a:b]
            count = b - a - n + 1
            if count <= 0:
                continue
            valid = segment[:count] != 0
            for j in range(1, n):
                valid &= segment[j:j + count] != 0
            doc_of = np.repeat(np.arange(d0, d1, dtype=np.uint64), np.diff(self.starts[d0:d1 + 1]))[:count]
            if bits < 16:
                common = segment[:count] < limit
                for j in range(1, n):
                    common &= segment[j:j + count] < limit
                rare = valid & ~common
                valid &= common
                if rare.any():
                    key = np.zeros(int(rare.sum()), dtype=np.uint64)
                    for j in range(n):
                        key = (key << np.uint64(16)) | segment[j:j + count][rare]
                    rare_keys.append(key)
                    rare_docs.append(doc_of[rare])
            key = segment[:count][valid].astype(np.uint64)
            for j in range(1, n):
                key <<= np.uint64(bits)
                key |= segment[j:j + count][valid]
            key <<= np.uint64(doc_bits)
            key |= doc_of[valid]
            buffer[filled:filled + len(key)] = key
            filled += len(key)
            del key, valid, doc_of
        values = buffer[:filled]
        _sort(values)
        if not rare_keys:
            return values, bits, None
        keys, doc_ids = np.concatenate(rare_keys), np.concatenate(rare_docs)
        del rare_keys, rare_docs
        order = np.argsort(keys, kind="stable")  # positions, hence documents, stay in order within a gram
        keys, doc_ids = keys[order], doc_ids[order]
        first = np.ones(len(keys), dtype=bool)
        first[1:] = (keys[1:] != keys[:-1]) | (doc_ids[1:] != doc_ids[:-1])
        starts = np.flatnonzero(first)
        tfs = np.diff(np.append(starts, len(keys)))
        return values, bits, (keys[starts], 16, doc_ids[starts].astype(np.int64), tfs)

    def _shortened(self, longer: np.ndarray, n: int, doc_bits: int, buffer: np.ndarray) -> np.ndarray:
        """The n-grams' sorted values from the sorted values of the (n+1)-grams (16 bits per
        character, all of them: no rare ones apart), in place in `buffer`."""
        mask = np.uint64((1 << doc_bits) - 1)
        for i in range(0, len(longer), KEY_BLOCK):  # in blocks: no second array of all values
            part = longer[i:i + KEY_BLOCK]
            docs = part & mask
            part >>= np.uint64(doc_bits + 16)
            part <<= np.uint64(doc_bits)
            part |= docs
        # the n-grams no (n+1)-gram starts with: those followed by a segment's end
        count = max(0, len(self.ids) - n)
        ends = self.ids[n:n + count] == 0
        for j in range(n):
            ends &= self.ids[j:j + count] != 0
        at = np.flatnonzero(ends)
        del ends
        key = self.ids[at].astype(np.uint64)
        for j in range(1, n):
            key <<= np.uint64(16)
            key |= self.ids[at + j]
        key <<= np.uint64(doc_bits)
        key |= (np.searchsorted(self.starts, at, side="right") - 1).astype(np.uint64)
        filled = len(longer)
        buffer[filled:filled + len(key)] = key
        values = buffer[:filled + len(key)]
        values.sort(kind="stable")
        return values


def _sort(values: np.ndarray) -> None:
    """Sort in place: runs of RUN values first (each fits the CPU cache), then timsort merges the
    runs; about 30 % faster than one quicksort of all the values."""
    for i in range(0, len(values), RUN):
        values[i:i + RUN].sort()
    values.sort(kind="stable")


def _slices(values: np.ndarray, doc_bits: int, bits: int):
    total = len(values)
    mask = np.uint64((1 << doc_bits) - 1)
    i = 0
    while i < total:
        j = min(total, i + SLICE)
        if j < total:
            end = ((int(values[j - 1]) >> doc_bits) + 1) << doc_bits
            j = total if end >= 1 << (8 * values.itemsize) else int(np.searchsorted(values, values.dtype.type(end)))
        part = values[i:j]
        first = np.ones(len(part), dtype=bool)
        np.not_equal(part[1:], part[:-1], out=first[1:])
        starts = np.flatnonzero(first)
        tfs = np.diff(np.append(starts, len(part)))
        distinct = part[starts]
        yield distinct.astype(np.uint64) >> np.uint64(doc_bits), bits, (distinct & mask).astype(np.int64), tfs.astype(np.int32)
        i = j


class Corpus:
    """All folded text as two streams of dense character ids: whole documents, and their heads."""

    def __init__(self, docs: list[SearchDoc]) -> None:
        folder = CodePointFolder()
        folder.table[0], folder.known[0] = 0, True  # NUL, dropped from the texts, separates segments
        batches, counts = [], np.zeros(0x110000, dtype=np.int64)
        doc_starts, head_ends = [], []
        base = 0
        self.covered = np.zeros(len(docs), dtype=bool)
        for b0 in range(0, len(docs), FOLD_DOCS):
            batch = docs[b0:b0 + FOLD_DOCS]
            parts, segments = [], []
            for doc in batch:
                for segment in doc.segments:
                    parts.append(strip_notes(segment.replace("\0", "")))
                    parts.append("\0")
                segments.append(len(doc.segments))
            cps = np.frombuffer("".join(parts).encode("utf-32-le", "surrogatepass"), dtype="<u4")
            del parts
            folded = folder(cps)
            del cps
            folded = folded[folded != DROPPED]
            separators = np.flatnonzero(folded == 0)
            segments = np.array(segments, dtype=np.int64)
            last = np.cumsum(segments) - 1
            ends = separators[last] + 1
            starts = np.concatenate([[0], ends[:-1]])
            doc_starts.append(base + starts)
            head_ends.append(base + separators[last - segments + HEAD_SEGMENTS])
            self.covered[b0:b0 + len(batch)] = (ends - starts) > segments
            counts += np.bincount(folded, minlength=0x110000)
            batches.append(folded)
            base += len(folded)
        self.total_chars = base
        counts[0] = 0
        present = np.flatnonzero(counts)
        order = present[np.lexsort((present, -counts[present]))]  # most frequent first
        self.id_to_cp = np.concatenate([[0], order]).astype(np.uint32)
        if len(self.id_to_cp) > 0xFFFF:
            raise IndexBuildError(f"the archive uses {len(self.id_to_cp)} distinct characters; the index handles 65,535")
        to_id = np.zeros(0x110000, dtype=np.uint16)
        to_id[order] = np.arange(1, len(order) + 1, dtype=np.uint16)
        ids = np.empty(base, dtype=np.uint16)
        at = 0
        while batches:
            folded = batches.pop(0)
            ids[at:at + len(folded)] = to_id[folded]
            at += len(folded)
        del to_id, counts
        starts = np.concatenate([*doc_starts, [base]]).astype(np.int64)
        self.all = GramStream(ids, starts)
        # heads: title \0 unit \0 of each document
        heads = np.concatenate(head_ends).astype(np.int64) + 1 if docs else np.zeros(0, dtype=np.int64)
        take, head_starts = ragged(starts[:-1], heads - starts[:-1])
        self.head = GramStream(ids[take], head_starts)


def ragged(begin: np.ndarray, length: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Indices taking `length[i]` items from `begin[i]`, one range after the other, and where each range starts."""
    starts = np.concatenate([[0], np.cumsum(length)]).astype(np.int64)
    return np.repeat(begin - starts[:-1], length) + np.arange(int(starts[-1]), dtype=np.int64), starts
