"""Build the static search index: n-gram postings in hashed shards, document blocks, facet columns.

Layout of the output folder (read by `docs/assets/search/engine.js`; every `.gz` is gzip, unpacked
by the browser itself, so the bytes on the wire do not depend on the web server):

    manifest.json     counts, shard count, file formats
    fold.gz           the t2s character table (JSON: "繁简繁简…")
    s/<shard>.gz      postings of every gram (1 to MAX_GRAM folded characters) whose `gram_hash`
                      modulo the shard count is <shard>; the count makes SHARD_TARGET bytes a shard
    p/<hash>-<k>.gz   a posting too big to share a shard file (hash: `gram_hash` of its gram)
    m/<block>.gz      result metadata of BLOCK documents (JSON rows)
    t/<k>/<g>.gz      the searchable text of documents TEXTS * g … TEXTS * g + TEXTS - 1 in the original
                      script (JSON: a list of segments per document); k = g // 1000
    cols.gz           per document: year, category (1 byte each), region (2 bytes)
    units.gz          per document: unit (2 or 4 bytes), then the unit names (JSON)
    facets.gz         years, categories and the region tree (JSON)

Postings. Grams are the distinct 1-, 2-, 3- and 4-character substrings of each folded segment
(never across segments): a query term of up to four characters is answered exactly by its own
posting; a longer one by intersecting its 4-grams, then checked against the text. Each gram is
indexed twice, over all segments and over the head (title and unit), which ranks first; both
postings of a gram are in the same shard (the hash is of the gram alone), so a term costs one fetch.
A posting is either sparse (varints of `(doc delta << 2) | min(tf - 1, 3)`) or a bitmap of all
documents (whichever is smaller).

Shard file: varint(entries), each entry's header, then each entry's payload in the same order.
Header: varint(kind | head << 2 | n << 3), n varints (code points), varint(df), varint(payload
length). kind 0 sparse, 1 bitmap, 2 external (payload: varint k). Entries are in no particular order.

How it is built (numpy throughout; no Python loop per posting, and one per gram only for the
frequent grams stored as bitmaps): the archive is folded as one array of code points and renumbered
densely by frequency (0 separates segments). For the longest grams, every position becomes one
64-bit value `gram << doc_bits | doc`, sorted in place: equal values are the term frequency, and
each gram's documents come out in order (grams with a character outside the most frequent ones that
fit are sorted apart). Each shorter length is made from the next longer one by dropping the last
character, which leaves sorted runs for timsort to merge, instead of a sort from scratch (sorting
is most of the index's time). The encoded entries of all gram lengths go to two spool files
(headers, payloads), then are gathered shard by shard and gzipped.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..labels import UNKNOWN_REGION
from .binary import gz, varint, varints
from .documents import HEAD_SEGMENTS, SearchDoc
from .fold import DROPPED, CodePointFolder, char_map, strip_notes

FORMAT = 2
MAX_GRAM = 4
BLOCK = 32
"""Documents per metadata block file."""
TEXTS = 2
"""Documents per text file (half the files of one each, for a few kB more per excerpt)."""
SHARD_TARGET = 12_000
"""Raw bytes of a shard file, on average (a query term fetches one shard)."""
EXTERNAL = 16_000
"""A posting of more bytes gets its own file."""
FOLD_DOCS = 2_000
"""Documents folded at once."""
KEY_BLOCK = 1 << 21
"""Positions turned into sort values at once (bounds temporary memory)."""
RUN = 1 << 16
"""Values sorted at once before the runs are merged (see `_sort`)."""
SLICE = 1 << 20
"""Sorted (gram, document) values encoded at once."""
GATHER_BYTES = 1 << 24
"""Spooled entry bytes gathered into shards at once."""
SPARSE, BITMAP, EXTERNAL_KIND = 0, 1, 2
FNV_OFFSET, FNV_PRIME = 2166136261, 16777619


class IndexError_(ValueError):
    """The index could not be built for every document."""


@dataclass
class IndexStats:
    docs: int
    chars: int
    shards: int
    files: int
    bytes: int
    postings: int


def gram_hash(code_points: list[int]) -> int:
    """FNV-1a over the code points of a gram (engine.js `gramHash` is the same)."""
    h = FNV_OFFSET
    for value in code_points:
        h = ((h ^ value) * FNV_PRIME) & 0xFFFFFFFF
    return h


def build_index(docs: list[SearchDoc], out: Path) -> IndexStats:
    """Write the whole index for `docs` (document id = position in the list) into `out`."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    n_docs = len(docs)
    corpus = _Corpus(docs)
    if n_docs and not corpus.covered.all():
        missing = [docs[i].path for i in np.flatnonzero(~corpus.covered)[:10]]
        raise IndexError_(f"no searchable text in {len(missing)} report(s): {', '.join(missing)}")
    total_chars = corpus.total_chars
    writer = _Writer(out)
    postings = 0
    with tempfile.TemporaryFile(dir=out) as headers, tempfile.TemporaryFile(dir=out) as payloads:
        spool = _Spool((headers, payloads), writer, n_docs, corpus.id_to_cp)
        for head, stream in ((False, corpus.all), (True, corpus.head)):
            for n, keys, bits, doc_ids, tfs in stream.grams():
                postings += len(keys)
                spool.add(keys, bits, doc_ids, tfs, n, head)
        del corpus
        shards = spool.write_shards()
    writer.documents(docs)
    writer.facets(docs)
    writer.json("fold.gz", _fold_table())
    manifest = {
        "format": FORMAT, "docs": n_docs, "shards": shards, "maxGram": MAX_GRAM, "block": BLOCK, "texts": TEXTS,
        "bitmapBytes": (n_docs + 7) // 8, "unitBytes": writer.unit_bytes, "chars": total_chars,
        "postings": int(postings),
    }
    (out / "manifest.json").write_text(json.dumps(manifest, sort_keys=True), encoding="utf-8")
    return IndexStats(n_docs, total_chars, shards, writer.files + 1, writer.bytes, int(postings))


def _fold_table() -> str:
    table = char_map()
    return "".join(t + s for t, s in sorted(table.items()))


class _Stream:
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


class _Corpus:
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
            raise IndexError_(f"the archive uses {len(self.id_to_cp)} distinct characters; the index handles 65,535")
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
        self.all = _Stream(ids, starts)
        # heads: title \0 unit \0 of each document
        heads = np.concatenate(head_ends).astype(np.int64) + 1 if docs else np.zeros(0, dtype=np.int64)
        take, head_starts = _ragged(starts[:-1], heads - starts[:-1])
        self.head = _Stream(ids[take], head_starts)


def _ragged(begin: np.ndarray, length: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Indices taking `length[i]` items from `begin[i]`, one range after the other, and where each range starts."""
    starts = np.concatenate([[0], np.cumsum(length)]).astype(np.int64)
    return np.repeat(begin - starts[:-1], length) + np.arange(int(starts[-1]), dtype=np.int64), starts


class _Spool:
    """Encoded shard entries, spooled to two files (entry headers, payloads), with the shard and
    the byte ranges of each entry."""

    def __init__(self, files, writer: _Writer, n_docs: int, id_to_cp: np.ndarray) -> None:
        self.files, self.writer, self.n_docs = files, writer, n_docs
        self.id_to_cp = id_to_cp
        self.offsets = [0, 0]
        self.records: list[tuple[np.ndarray, ...]] = []
        self.externals: dict[int, int] = {}

    def _append(self, shard, header: bytes, header_ranges, payload: bytes, payload_ranges) -> None:
        record = [np.asarray(shard, dtype=np.int64)]
        for k, (data, (begin, length)) in enumerate(((header, header_ranges), (payload, payload_ranges))):
            self.files[k].write(data)
            record += [np.asarray(begin, dtype=np.int64) + self.offsets[k], np.asarray(length, dtype=np.int64)]
            self.offsets[k] += len(data)
        self.records.append(tuple(record))

    def add(self, keys: np.ndarray, bits: int, doc_ids: np.ndarray, tfs: np.ndarray, n: int, head: bool) -> None:
        """Entries of one slice of distinct (gram, doc) pairs, sorted by gram then doc."""
        if not len(keys):
            return
        new_gram = np.ones(len(keys), dtype=bool)
        np.not_equal(keys[1:], keys[:-1], out=new_gram[1:])
        g_start = np.flatnonzero(new_gram)
        df = np.diff(np.append(g_start, len(keys)))
        gram_keys = keys[g_start]
        char_mask = np.uint64((1 << bits) - 1)
        cps = [self.id_to_cp[((gram_keys >> np.uint64(bits * (n - 1 - j))) & char_mask).astype(np.int64)]
               for j in range(n)]
        h = np.full(len(gram_keys), FNV_OFFSET, dtype=np.uint64)
        for cp in cps:
            h ^= cp
            h *= np.uint64(FNV_PRIME)
            h &= np.uint64(0xFFFFFFFF)
        h = h.astype(np.int64)  # the shard is h % shards, once the shard count is known
        # sparse postings of every gram, one after the other
        previous = np.empty(len(doc_ids), dtype=np.int64)
        previous[1:] = doc_ids[:-1]
        previous[g_start] = -1
        values = (doc_ids - previous).astype(np.uint64)
        values <<= np.uint64(2)
        values |= (np.minimum(tfs, 4) - 1).astype(np.uint64)
        payload, lengths = varints(values)
        p_len = np.add.reduceat(lengths, g_start, dtype=np.int64)
        p_begin = np.concatenate([[0], np.cumsum(p_len)[:-1]])
        del lengths
        slow = p_len > min((self.n_docs + 7) // 8, EXTERNAL)
        flags = (int(head) << 2) | (n << 3)
        fast = np.flatnonzero(~slow)
        if len(fast):
            width = n + 3
            header = np.empty((len(fast), width), dtype=np.uint64)
            header[:, 0] = flags
            for j in range(n):
                header[:, 1 + j] = cps[j][fast]
            header[:, n + 1] = df[fast]
            header[:, n + 2] = p_len[fast]
            header_bytes, lengths = varints(header.ravel())
            h_len = lengths.reshape(-1, width).sum(axis=1, dtype=np.int64)
            h_begin = np.concatenate([[0], np.cumsum(h_len)[:-1]])
            self._append(h[fast], header_bytes.tobytes(), (h_begin, h_len),
                         payload.tobytes(), (p_begin[fast], p_len[fast]))
        for g in np.flatnonzero(slow).tolist():
            g0, g1 = int(g_start[g]), int(g_start[g]) + int(df[g])
            number = int(h[g])
            if p_len[g] <= (self.n_docs + 7) // 8:
                kind, data = SPARSE, payload[int(p_begin[g]):int(p_begin[g] + p_len[g])].tobytes()
            else:
                present = np.zeros(self.n_docs, dtype=bool)
                present[doc_ids[g0:g1]] = True
                kind, data = BITMAP, np.packbits(present, bitorder="little").tobytes()
            if len(data) > EXTERNAL:
                k = self.externals.get(number, 0)
                self.externals[number] = k + 1
                self.writer.write(f"p/{number}-{k}.gz", gz(bytes([kind]) + data))
                kind, data = EXTERNAL_KIND, varint(k)
            entry = varint(kind | flags) + b"".join(varint(int(cp[g])) for cp in cps) + varint(g1 - g0) + varint(len(data))
            self._append([number], entry, ([0], [len(entry)]), data, ([0], [len(data)]))

    def write_shards(self) -> int:
        """Every shard file (an empty one too: the browser asks for any shard a gram hashes to):
        varint(entries), the entries' headers, then their payloads in the same order. Returns the
        number of shards: as many as make SHARD_TARGET bytes each on average."""
        if self.records:
            hashes, h_begin, h_len, p_begin, p_len = (np.concatenate(parts) for parts in zip(*self.records))
        else:
            hashes = h_begin = h_len = p_begin = p_len = np.zeros(0, dtype=np.int64)
        self.records = []
        self.shards = max(8, math.ceil(int(h_len.sum() + p_len.sum()) / SHARD_TARGET))
        shard = hashes % self.shards
        del hashes
        order = np.argsort(shard, kind="stable")
        shard, h_begin, h_len, p_begin, p_len = shard[order], h_begin[order], h_len[order], p_begin[order], p_len[order]
        per_shard = np.bincount(shard, minlength=self.shards)
        first_entry = np.concatenate([[0], np.cumsum(per_shard)])
        shard_bytes = np.bincount(shard, weights=h_len + p_len, minlength=self.shards).astype(np.int64)
        bytes_before = np.concatenate([[0], np.cumsum(shard_bytes)])
        spooled = []
        for k, f in enumerate(self.files):
            f.flush()
            spooled.append(np.memmap(f, dtype=np.uint8, mode="r") if self.offsets[k] else np.zeros(0, dtype=np.uint8))
        self.writer.folder("s")
        s0 = 0
        while s0 < self.shards:
            # shards [s0, s1) with about GATHER_BYTES of entries
            s1 = int(np.searchsorted(bytes_before, bytes_before[s0] + GATHER_BYTES, side="right")) - 1
            s1 = min(max(s1, s0 + 1), self.shards)
            e0, e1 = first_entry[s0], first_entry[s1]
            take, h_at = _ragged(h_begin[e0:e1], h_len[e0:e1])
            headers = spooled[0][take].tobytes()
            take, p_at = _ragged(p_begin[e0:e1], p_len[e0:e1])
            payloads = spooled[1][take].tobytes()
            del take
            for s in range(s0, s1):
                a, b = first_entry[s] - e0, first_entry[s + 1] - e0
                data = b"".join((varint(int(per_shard[s])), headers[h_at[a]:h_at[b]], payloads[p_at[a]:p_at[b]]))
                self.writer.raw(f"s/{s}.gz", gz(data))
            s0 = s1
        del spooled
        return self.shards


class _Writer:
    def __init__(self, out: Path) -> None:
        self.out = out
        self.files = 0
        self.bytes = 0
        self.unit_bytes = 2
        self.folders: set[str] = set()

    def folder(self, relative: str) -> None:
        if relative not in self.folders:
            os.makedirs(os.path.join(self.out, relative), exist_ok=True)
            self.folders.add(relative)

    def raw(self, relative: str, data: bytes) -> None:
        """Write a file whose folder exists."""
        with open(os.path.join(self.out, relative), "wb") as f:
            f.write(data)
        self.files += 1
        self.bytes += len(data)

    def write(self, relative: str, data: bytes) -> None:
        self.folder(os.path.dirname(relative))
        self.raw(relative, data)

    def json(self, relative: str, value) -> None:
        self.write(relative, gz(json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")))

    def documents(self, docs: list[SearchDoc]) -> None:
        self.folder("m")
        for start in range(0, len(docs), BLOCK):
            rows = [[d.url, d.path, d.title, d.unit, d.year, d.region_label, d.category] for d in docs[start:start + BLOCK]]
            self.raw(f"m/{start // BLOCK}.gz", gz(json.dumps(rows, ensure_ascii=False, separators=(",", ":")).encode("utf-8")))
        dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
        for g, start in enumerate(range(0, len(docs), TEXTS)):
            if g % 1000 == 0:
                self.folder(f"t/{g // 1000}")
            texts = [list(doc.segments) for doc in docs[start:start + TEXTS]]
            self.raw(f"t/{g // 1000}/{g}.gz", gz(dumps(texts).encode("utf-8")))

    def facets(self, docs: list[SearchDoc]) -> None:
        years = sorted({d.year for d in docs if d.year is not None}, reverse=True)
        year_index = {y: i + 1 for i, y in enumerate(years)}
        categories = sorted({d.category for d in docs})
        category_index = {c: i for i, c in enumerate(categories)}
        regions: list[list] = [["", UNKNOWN_REGION, -1]]
        region_index: dict[str, int] = {}
        for doc in sorted(docs, key=lambda d: [c for c, _ in d.region]):
            parent = -1
            for code, name in doc.region:
                if code not in region_index:
                    region_index[code] = len(regions)
                    regions.append([code, name, parent])
                parent = region_index[code]
        units = sorted({d.unit for d in docs})
        unit_index = {u: i for i, u in enumerate(units)}
        if len(regions) > 0xFFFF:
            raise IndexError_("more than 65,535 regions")
        if len(years) > 254 or len(categories) > 255:
            raise IndexError_("too many years or categories for one byte")
        cols = bytearray()
        cols += bytes(year_index.get(d.year, 0) for d in docs)
        cols += bytes(category_index[d.category] for d in docs)
        cols += np.array([region_index[d.region[-1][0]] if d.region else 0 for d in docs], dtype="<u2").tobytes()
        self.write("cols.gz", gz(bytes(cols)))
        self.unit_bytes = 2 if len(units) <= 0xFFFF else 4
        column = np.array([unit_index[d.unit] for d in docs], dtype="<u2" if self.unit_bytes == 2 else "<u4")
        names = json.dumps(units, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        self.write("units.gz", gz(column.tobytes() + names))
        self.json("facets.gz", {"years": [None, *years], "categories": categories, "regions": regions})


def index_size(out: Path) -> int:
    return sum(f.stat().st_size for f in out.rglob("*") if f.is_file())


__all__ = ["build_index", "IndexStats", "gram_hash", "IndexError_", "index_size"]
