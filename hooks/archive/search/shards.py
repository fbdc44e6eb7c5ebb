"""Writing the index: encoded postings spooled, then gathered shard by shard and gzipped; the
document blocks, texts, columns and facets (see index.py for the layout of the output folder).
"""

from __future__ import annotations

import json
import math
import os
from pathlib import Path

import numpy as np

from ..labels import UNKNOWN_REGION, UNKNOWN_UNIT
from .binary import gz, varint, varints
from .documents import SearchDoc
from .grams import ragged
from .layout import IndexBuildError, BLOCK, TEXTS, SHARD_TARGET, EXTERNAL, GATHER_BYTES, SPARSE, BITMAP, EXTERNAL_KIND, FNV_OFFSET, FNV_PRIME


RECORD_TYPES = (np.uint32, np.int64, np.int32, np.int64, np.int32)
"""A spooled entry's gram hash (32 bits), header begin and length, payload begin and length (an
entry is far below 2 GiB; the spool files need not be)."""


class Spool:
    """Encoded shard entries, spooled to two files (entry headers, payloads), with the shard and
    the byte ranges of each entry."""

    def __init__(self, files, writer: IndexWriter, n_docs: int, id_to_cp: np.ndarray, folder: str = "",
                 shard_count=None) -> None:
        """`folder`: where the segment's `s/` and `p/` go, below the index folder (`g/0-1000/`);
        `shard_count(entry bytes)`: how many shards (default: SHARD_TARGET bytes each, at least 8)."""
        self.files, self.writer, self.n_docs = files, writer, n_docs
        self.folder = folder
        self.shard_count = shard_count or (lambda size: max(8, math.ceil(size / SHARD_TARGET)))
        self.id_to_cp = id_to_cp
        self.offsets = [0, 0]
        self.records: list[list[np.ndarray]] = [[] for _ in RECORD_TYPES]
        """Per entry, in columns: its gram's hash, and where its header and its payload are in the
        spool files (begin, length); one array per spooled slice in each column."""
        self.externals: dict[int, int] = {}

    def _append(self, shard, header: bytes, header_ranges, payload: bytes, payload_ranges) -> None:
        record = [shard]
        for k, (data, (begin, length)) in enumerate(((header, header_ranges), (payload, payload_ranges))):
            self.files[k].write(data)
            record += [np.asarray(begin, dtype=np.int64) + self.offsets[k], length]
            self.offsets[k] += len(data)
        for column, values, dtype in zip(self.records, record, RECORD_TYPES):
            column.append(np.asarray(values, dtype=dtype))

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
                self.writer.write(f"{self.folder}p/{number}-{k}.gz", gz(bytes([kind]) + data))
                kind, data = EXTERNAL_KIND, varint(k)
            entry = varint(kind | flags) + b"".join(varint(int(cp[g])) for cp in cps) + varint(g1 - g0) + varint(len(data))
            self._append([number], entry, ([0], [len(entry)]), data, ([0], [len(data)]))

    def write_shards(self) -> int:
        """Every shard file (an empty one too: the browser asks for any shard a gram hashes to):
        varint(entries), the entries' headers, then their payloads in the same order. Returns the
        number of shards (`shard_count` of the entries' bytes)."""
        columns = []
        for parts, dtype in zip(self.records, RECORD_TYPES):  # a column at a time: memory for one more
            columns.append(np.concatenate(parts) if parts else np.zeros(0, dtype=dtype))
            parts.clear()
        hashes, h_begin, h_len, p_begin, p_len = columns
        del columns
        self.shards = self.shard_count(int(h_len.sum(dtype=np.int64) + p_len.sum(dtype=np.int64)))
        shard = (hashes % self.shards).astype(np.int64)
        del hashes
        order = np.argsort(shard, kind="stable")
        shard = shard[order]
        h_begin = h_begin[order]  # one column reordered at a time, for the same reason
        h_len = h_len[order].astype(np.int64)
        p_begin = p_begin[order]
        p_len = p_len[order].astype(np.int64)
        del order
        per_shard = np.bincount(shard, minlength=self.shards)
        first_entry = np.concatenate([[0], np.cumsum(per_shard)])
        shard_bytes = np.bincount(shard, weights=h_len + p_len, minlength=self.shards).astype(np.int64)
        bytes_before = np.concatenate([[0], np.cumsum(shard_bytes)])
        spooled = []
        for k, f in enumerate(self.files):
            f.flush()
            spooled.append(np.memmap(f, dtype=np.uint8, mode="r") if self.offsets[k] else np.zeros(0, dtype=np.uint8))
        self.writer.folder(f"{self.folder}s")
        s0 = 0
        while s0 < self.shards:
            # shards [s0, s1) with about GATHER_BYTES of entries
            s1 = int(np.searchsorted(bytes_before, bytes_before[s0] + GATHER_BYTES, side="right")) - 1
            s1 = min(max(s1, s0 + 1), self.shards)
            e0, e1 = first_entry[s0], first_entry[s1]
            take, h_at = ragged(h_begin[e0:e1], h_len[e0:e1])
            headers = spooled[0][take].tobytes()
            take, p_at = ragged(p_begin[e0:e1], p_len[e0:e1])
            payloads = spooled[1][take].tobytes()
            del take
            for s in range(s0, s1):
                a, b = first_entry[s] - e0, first_entry[s + 1] - e0
                data = b"".join((varint(int(per_shard[s])), headers[h_at[a]:h_at[b]], payloads[p_at[a]:p_at[b]]))
                self.writer.raw(f"{self.folder}s/{s}.gz", gz(data))
            s0 = s1
        del spooled
        return self.shards


def _write_afresh(path: str, data: bytes) -> None:
    with open(path, "wb") as f:
        f.write(data)


class IndexWriter:
    """Writes the index's files below `out`. `put(path, data)`: how a file is written (default: afresh;
    archive/speed/kept_files.py's `write_if_changed` leaves a file holding the same bytes alone);
    `paths` lists every file written through it, relative to `out`."""

    def __init__(self, out: Path, put=None) -> None:
        self.out = out
        self.put = put or _write_afresh
        self.files = 0
        self.bytes = 0
        self.unit_bytes = 2
        self.folders: set[str] = set()
        self.paths: list[str] = []

    def folder(self, relative: str) -> None:
        if relative not in self.folders:
            os.makedirs(os.path.join(self.out, relative), exist_ok=True)
            self.folders.add(relative)

    def raw(self, relative: str, data: bytes) -> None:
        """Write a file whose folder exists."""
        self.put(os.path.join(self.out, relative), data)
        self.paths.append(relative)
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
            rows = [[d.url, d.path, d.title, d.unit_label, d.year, d.region_label, d.category] for d in docs[start:start + BLOCK]]
            self.raw(f"m/{start // BLOCK}.gz", gz(json.dumps(rows, ensure_ascii=False, separators=(",", ":")).encode("utf-8")))
        dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
        for g, start in enumerate(range(0, len(docs), TEXTS)):
            if g % 1000 == 0:
                self.folder(f"t/{g // 1000}")
            texts = [[list(doc.segments), [list(section) for section in doc.sections]] for doc in docs[start:start + TEXTS]]
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
        # the unit facet: names, then 单位不详 last (the label: a unit's name is never that text)
        named = sorted({d.unit for d in docs if d.unit is not None})
        units = named + [UNKNOWN_UNIT] if any(d.unit is None for d in docs) else named
        unit_index = {u: i for i, u in enumerate(units)}
        if len(regions) > 0xFFFF:
            raise IndexBuildError("more than 65,535 regions")
        if len(years) > 254 or len(categories) > 255:
            raise IndexBuildError("too many years or categories for one byte")
        cols = bytearray()
        cols += bytes(year_index.get(d.year, 0) for d in docs)
        cols += bytes(category_index[d.category] for d in docs)
        cols += np.array([region_index[d.region[-1][0]] if d.region else 0 for d in docs], dtype="<u2").tobytes()
        self.write("cols.gz", gz(bytes(cols)))
        self.unit_bytes = 2 if len(units) <= 0xFFFF else 4
        column = np.array([unit_index[d.unit_label] for d in docs], dtype="<u2" if self.unit_bytes == 2 else "<u4")
        names = json.dumps(units, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        self.write("units.gz", gz(column.tobytes() + names))
        self.json("facets.gz", {"years": [None, *years], "categories": categories, "regions": regions})
