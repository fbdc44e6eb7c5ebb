"""Build the static search index: n-gram postings in hashed shards, document blocks, facet columns.

Layout of the output folder (read by `docs/assets/search/engine.js`; every `.gz` is gzip, unpacked
by the browser itself, so the bytes on the wire do not depend on the web server):

    manifest.json     counts, shard count, file formats
    fold.gz           the t2s character table (JSON: "繁简繁简…")
    s/<shard>.gz      postings of every gram (1 to MAX_GRAM folded characters) hashing to the shard
    p/<shard>-<k>.gz  a posting too big to share a shard file
    m/<block>.gz      result metadata of BLOCK documents (JSON rows)
    t/<k>/<doc>.gz    a document's searchable text in the original script (JSON list of segments)
    cols.gz           per document: year, category (1 byte each), region (2 bytes)
    units.gz          per document: unit (2 or 4 bytes), then the unit names (JSON)
    facets.gz         years, categories and the region tree (JSON)

Postings. Grams are the distinct 1-, 2-, 3- and 4-character substrings of each folded segment
(never across segments): a query term of up to four characters is answered exactly by its own
posting; a longer one by intersecting its 4-grams, then checked against the text. Each gram is
indexed twice, over all segments and over the head (title and unit), which ranks first.
A posting is either sparse (varints of `(doc delta << 2) | min(tf - 1, 3)`) or a bitmap of all
documents (whichever is smaller).

Shard entry: varint(kind | head << 2 | n << 3), n varints (code points), varint(df),
varint(payload length), payload. kind 0 sparse, 1 bitmap, 2 external (payload: varint k).
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

from .binary import gz, varint, varints
from .documents import HEAD_SEGMENTS, SearchDoc
from .fold import char_map, fold

FORMAT = 1
MAX_GRAM = 4
BLOCK = 32
"""Documents per metadata block file."""
SHARD_TARGET = 12_000
"""Aimed-at raw bytes of one shard file."""
EXTERNAL = 16_000
"""A posting of more bytes gets its own file."""
CHUNK_CHARS = 4_000_000
"""Folded characters processed at once (bounds memory)."""
PARTITION_CHARS = 4_000_000
"""About this many folded characters' postings are held in memory at once."""
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


def gram_hash(head: bool, code_points: list[int]) -> int:
    """FNV-1a over the head flag and the code points (engine.js `gramHash` is the same)."""
    h = FNV_OFFSET
    for value in [1 if head else 0, *code_points]:
        h = ((h ^ value) * FNV_PRIME) & 0xFFFFFFFF
    return h


def build_index(docs: list[SearchDoc], out: Path) -> IndexStats:
    """Write the whole index for `docs` (document id = position in the list) into `out`."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    n_docs = len(docs)
    corpus = _Corpus(docs)
    shards = _shard_count(corpus.total_chars)
    writer = _Writer(out)

    postings = 0
    covered = np.zeros(n_docs, dtype=bool)
    partitions = max(1, math.ceil(corpus.total_chars / PARTITION_CHARS))
    bounds = [shards * p // partitions for p in range(partitions + 1)]
    partition_of = np.repeat(np.arange(partitions), np.diff(bounds))
    with tempfile.TemporaryDirectory(prefix="search-index-", dir=out) as spill:
        spill = Path(spill)
        # Pass 1: every chunk's distinct (gram, doc) pairs, spilled to disk by partition (bounds memory).
        for chunk in corpus.chunks:
            for head in (False, True):
                for n in range(1, MAX_GRAM + 1):
                    keys, doc_ids, tfs, shard = corpus.pairs(chunk, n, head, shards)
                    if n == 1 and not head:
                        covered[doc_ids] = True
                    postings += len(keys)
                    part = partition_of[shard]
                    order = np.argsort(part, kind="stable")
                    cuts = np.searchsorted(part[order], np.arange(partitions + 1))
                    for p in range(partitions):
                        pick = order[cuts[p]:cuts[p + 1]]
                        if len(pick):
                            for name, values in (("k", keys), ("d", doc_ids), ("t", tfs)):
                                with open(spill / f"{p}-{int(head)}-{n}.{name}", "ab") as f:
                                    values[pick].tofile(f)
        # Pass 2: per partition, postings in gram order, encoded into shard files.
        for p, (lo, hi) in enumerate(zip(bounds, bounds[1:])):
            entries: dict[int, list[tuple]] = {s: [] for s in range(lo, hi)}
            for head in (False, True):
                for n in range(1, MAX_GRAM + 1):
                    stem = spill / f"{p}-{int(head)}-{n}"
                    if not stem.with_suffix(".k").exists():
                        continue
                    keys = np.fromfile(stem.with_suffix(".k"), dtype=np.uint64)
                    doc_ids = np.fromfile(stem.with_suffix(".d"), dtype=np.uint32)
                    tfs = np.fromfile(stem.with_suffix(".t"), dtype=np.uint8)
                    order = np.argsort(keys, kind="stable")  # chunks were spilled in document order
                    _encode(keys[order], doc_ids[order], tfs[order], n, head, n_docs, corpus, shards, entries)
                    del keys, doc_ids, tfs, order
            for shard in range(lo, hi):
                writer.shard(shard, entries.pop(shard))
    if not covered.all():
        missing = [docs[i].path for i in np.flatnonzero(~covered)[:10]]
        raise IndexError_(f"no searchable text in {len(missing)} report(s): {', '.join(missing)}")

    writer.documents(docs)
    writer.facets(docs)
    writer.json("fold.gz", _fold_table())
    manifest = {
        "format": FORMAT, "docs": n_docs, "shards": shards, "maxGram": MAX_GRAM, "block": BLOCK,
        "bitmapBytes": (n_docs + 7) // 8, "unitBytes": writer.unit_bytes, "chars": corpus.total_chars,
        "postings": int(postings),
    }
    (out / "manifest.json").write_text(json.dumps(manifest, sort_keys=True), encoding="utf-8")
    return IndexStats(n_docs, corpus.total_chars, shards, writer.files + 1, writer.bytes, int(postings))


def _shard_count(total_chars: int) -> int:
    estimate = total_chars * 5  # bytes of postings per folded character, measured on the sample archive
    return 1 << max(3, math.ceil(math.log2(max(1, estimate / SHARD_TARGET))))


def _fold_table() -> str:
    table = char_map()
    return "".join(t + s for t, s in sorted(table.items()))


class _Corpus:
    """All folded text as one array of dense character ids (0 separates segments and documents)."""

    def __init__(self, docs: list[SearchDoc]) -> None:
        texts = []
        head_lengths = []
        for doc in docs:
            folded = [fold(segment) for segment in doc.segments]
            head = "\0".join(folded[:HEAD_SEGMENTS])
            texts.append(head + "\0" + "\0".join(folded[HEAD_SEGMENTS:]) + "\0")
            head_lengths.append(len(head))
        lengths = np.array([len(t) for t in texts], dtype=np.int64)
        self.starts = np.concatenate([[0], np.cumsum(lengths)])
        self.head_ends = self.starts[:-1] + np.array(head_lengths, dtype=np.int64)
        self.total_chars = int(self.starts[-1])
        # dense ids: 0 is the separator, then code points in order
        code_points = np.frombuffer("".join(texts).encode("utf-32-le"), dtype="<u4")
        del texts
        self.id_to_cp = np.unique(code_points)
        if self.id_to_cp[0] != 0:
            self.id_to_cp = np.concatenate([[0], self.id_to_cp]).astype(np.uint32)
        if len(self.id_to_cp) > 0xFFFF:
            raise IndexError_(f"the archive uses {len(self.id_to_cp)} distinct characters; the index handles 65,535")
        self.ids = np.searchsorted(self.id_to_cp, code_points).astype(np.uint16)
        del code_points
        self.doc_of = np.repeat(np.arange(len(docs), dtype=np.uint32), lengths)
        self.chunks = self._chunks()

    def _chunks(self) -> list[tuple[int, int]]:
        """Position ranges of whole documents, about CHUNK_CHARS each."""
        chunks, start = [], 0
        for end in self.starts[1:]:
            if end - start >= CHUNK_CHARS:
                chunks.append((start, int(end)))
                start = int(end)
        if start < self.total_chars:
            chunks.append((start, self.total_chars))
        return chunks

    def pairs(self, chunk: tuple[int, int], n: int, head: bool, shards: int):
        """Distinct (gram key, doc, tf, shard) of the n-grams of one chunk, sorted by key then doc."""
        start, end = chunk
        ids = self.ids[start:end]
        count = len(ids) - n + 1
        if count <= 0:
            return (np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.uint32), np.zeros(0, dtype=np.uint8),
                    np.zeros(0, dtype=np.int64))
        valid = np.ones(count, dtype=bool)
        key = np.zeros(count, dtype=np.uint64)
        for j in range(n):
            part = ids[j:j + count]
            valid &= part != 0
            key = (key << np.uint64(16)) | part.astype(np.uint64)
        docs = self.doc_of[start:start + count]
        if head:
            positions = np.arange(start, start + count, dtype=np.int64)
            valid &= positions + n <= self.head_ends[docs]
        key, docs = key[valid], docs[valid]
        order = np.argsort(key, kind="stable")  # positions, hence documents, stay in order within a key
        key, docs = key[order], docs[order]
        first = np.ones(len(key), dtype=bool)
        first[1:] = (key[1:] != key[:-1]) | (docs[1:] != docs[:-1])
        starts = np.flatnonzero(first)
        tf = np.minimum(np.diff(np.append(starts, len(key))), 255).astype(np.uint8)
        key, docs = key[starts], docs[starts]
        h = np.full(len(key), FNV_OFFSET, dtype=np.uint64)
        h = ((h ^ np.uint64(1 if head else 0)) * np.uint64(FNV_PRIME)) & np.uint64(0xFFFFFFFF)
        for j in range(n):
            cid = (key >> np.uint64(16 * (n - 1 - j))) & np.uint64(0xFFFF)
            h = ((h ^ self.id_to_cp[cid].astype(np.uint64)) * np.uint64(FNV_PRIME)) & np.uint64(0xFFFFFFFF)
        return key, docs, tf, (h % np.uint64(shards)).astype(np.int64)

    def code_points(self, key: int, n: int) -> list[int]:
        return [int(self.id_to_cp[(key >> (16 * (n - 1 - j))) & 0xFFFF]) for j in range(n)]


def _encode(keys, doc_ids, tfs, n: int, head: bool, n_docs: int, corpus: _Corpus, shards: int,
            entries: dict[int, list[tuple]]) -> None:
    """Postings of one gram length into shard entries."""
    if not len(keys):
        return
    new_gram = np.ones(len(keys), dtype=bool)
    new_gram[1:] = keys[1:] != keys[:-1]
    group_starts = np.flatnonzero(new_gram)
    group_ends = np.append(group_starts[1:], len(keys))
    previous = np.empty(len(doc_ids), dtype=np.int64)
    previous[1:] = doc_ids[:-1]
    previous[group_starts] = -1
    deltas = doc_ids.astype(np.int64) - previous
    values = (deltas.astype(np.uint64) << np.uint64(2)) | (np.minimum(tfs, 4).astype(np.uint64) - np.uint64(1))
    data, ends = varints(values)
    begins = ends - np.diff(np.concatenate([[0], ends]))
    bitmap_bytes = (n_docs + 7) // 8
    data_bytes = data.tobytes()
    for g0, g1 in zip(group_starts.tolist(), group_ends.tolist()):
        key = int(keys[g0])
        cps = corpus.code_points(key, n)
        shard = gram_hash(head, cps) % shards
        df = g1 - g0
        sparse_len = int(ends[g1 - 1] - begins[g0])
        if sparse_len <= bitmap_bytes:
            kind, payload = SPARSE, data_bytes[int(begins[g0]):int(ends[g1 - 1])]
        else:
            bits = np.zeros(n_docs, dtype=bool)
            bits[doc_ids[g0:g1]] = True
            kind, payload = BITMAP, np.packbits(bits, bitorder="little").tobytes()
        entries[shard].append((1 if head else 0, n, cps, kind, df, payload))


class _Writer:
    def __init__(self, out: Path) -> None:
        self.out = out
        self.files = 0
        self.bytes = 0
        self.unit_bytes = 2

    def write(self, relative: str, data: bytes) -> None:
        path = self.out / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        self.files += 1
        self.bytes += len(data)

    def json(self, relative: str, value, level: int = 9) -> None:
        self.write(relative, gz(json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), level))

    def shard(self, shard: int, entries: list[tuple]) -> None:
        entries.sort(key=lambda e: (e[0], e[1], e[2]))
        out = bytearray(varint(len(entries)))
        external = 0
        for head, n, cps, kind, df, payload in entries:
            if len(payload) > EXTERNAL:
                self.write(f"p/{shard}-{external}.gz", gz(bytes([kind]) + payload))
                kind, payload = EXTERNAL_KIND, varint(external)
                external += 1
            out += varint(kind | head << 2 | n << 3)
            for cp in cps:
                out += varint(cp)
            out += varint(df) + varint(len(payload)) + payload
        self.write(f"s/{shard}.gz", gz(bytes(out)))

    def documents(self, docs: list[SearchDoc]) -> None:
        for start in range(0, len(docs), BLOCK):
            rows = [[d.url, d.path, d.title, d.unit, d.year, d.region_label, d.category] for d in docs[start:start + BLOCK]]
            self.json(f"m/{start // BLOCK}.gz", rows)
        for i, doc in enumerate(docs):
            self.json(f"t/{i // 1000}/{i}.gz", list(doc.segments), level=6)

    def facets(self, docs: list[SearchDoc]) -> None:
        years = sorted({d.year for d in docs if d.year is not None}, reverse=True)
        year_index = {y: i + 1 for i, y in enumerate(years)}
        categories = sorted({d.category for d in docs})
        category_index = {c: i for i, c in enumerate(categories)}
        regions: list[list] = [["", "地区不详", -1]]
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
        if len(years) > 254 or len(categories) > 255:
            raise IndexError_("too many years or categories for one byte")


def index_size(out: Path) -> int:
    return sum(f.stat().st_size for f in out.rglob("*") if f.is_file())


__all__ = ["build_index", "IndexStats", "gram_hash", "IndexError_", "index_size", "os"]
