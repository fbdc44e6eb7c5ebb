"""Build the static search index: n-gram postings in hashed shards, document blocks, facet columns.

Layout of the output folder (read by `docs/assets/search/engine.js`; every `.gz` is gzip, unpacked
by the browser itself, so the bytes on the wire do not depend on the web server):

    manifest.json     counts, file formats, and the segments: [first id, documents, shards] each
    fold.gz           the t2s character table (JSON: "繁简繁简…")
    g/<first>/        one segment of the documents (segments.py), its ids local (0 = <first>):
      s/<shard>.gz    postings of every gram (1 to MAX_GRAM folded characters) whose `gram_hash`
                      modulo the segment's shard count is <shard>; the count makes
                      `shard_target` bytes a shard (the tail: at most TAIL_SHARDS files)
      p/<hash>-<k>.gz a posting too big to share a shard file (hash: `gram_hash` of its gram)
    m/<block>.gz      result metadata of BLOCK documents (JSON rows)
    t/<k>/<g>.gz      the searchable text of documents TEXTS * g … TEXTS * g + TEXTS - 1 in the original
                      script; k = g // 1000. JSON: per document [segments, sections], sections being
                      [offset, anchor, heading] of each heading of the body (sections.py); the page's
                      id of a heading is the manifest's anchorPrefix and the anchor
    cols.gz           per document: year, category (1 byte each), region (2 bytes)
    units.gz          per document: unit (2 or 4 bytes), then the unit names (JSON)
    facets.gz         years, categories and the region tree (JSON)

Postings. Grams are the distinct 1-, 2-, 3- and 4-character substrings of each folded segment
(never across segments): a query term of up to four characters is answered exactly by its own
posting; a longer one by intersecting its 4-grams, then checked against the text. Each gram is
indexed twice, over all segments and over the head (title and unit), which ranks first; both
postings of a gram are in the same shard (the hash is of the gram alone), so a term costs one fetch.
A posting is either sparse (varints of `(doc delta << 2) | min(tf - 1, 3)`, ids local to the
segment) or a bitmap of the segment's documents (whichever is smaller). A query term fetches one
shard per segment.

Document ids are the reports' arrival order (archive/arrival.py), so a report committed after the
others is the last document: it changes the tail segment's shards, the last m/ block and t/ file,
the columns, units and facets and the manifest, and no other file.

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

import functools
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..sanitize import ID_PREFIX
from .documents import SearchDoc
from .fold import char_map
from .grams import Corpus
from .layout import IndexBuildError, FORMAT, MAX_GRAM, BLOCK, TEXTS, FNV_OFFSET, FNV_PRIME
from .segments import Segment, segments, shard_count
from .shards import IndexWriter, Spool


@dataclass
class IndexStats:
    docs: int
    chars: int
    shards: int
    files: int
    """Files written (a kept segment's files, copied, are not counted), and their bytes."""
    bytes: int
    postings: int
    paths: tuple[str, ...] = ()
    """Every file of the index, when it was written over a previous one (`put`); else empty."""


def gram_hash(code_points: list[int]) -> int:
    """FNV-1a over the code points of a gram (engine.js `gramHash` is the same)."""
    h = FNV_OFFSET
    for value in code_points:
        h = ((h ^ value) * FNV_PRIME) & 0xFFFFFFFF
    return h


def build_index(docs: list[SearchDoc], out: Path, kept=None, put=None) -> IndexStats:
    """Write the whole index for `docs` (document id = position in the list: arrival order) into
    `out`. `kept` (archive/speed/search_segments.py `KeptSegments`, or None): where full segments
    of earlier builds are copied from instead of being made again; the bytes are the same.
    `put(path, data)` (or None: `out` is emptied and every file written afresh): how each file is
    written over the index already in `out`, whose files this build does not make are then deleted."""
    if put is None and out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)
    n_docs = len(docs)
    writer = IndexWriter(out, put)
    postings = total_chars = 0
    parts = []
    whole = []  # segment folders copied whole from `kept`
    for segment in segments(n_docs):
        part = docs[segment.start:segment.end]
        make = functools.partial(_write_segment, part, segment, writer, out)
        if kept and segment.full:
            shards, chars, count = kept.segment(part, out / "g" / segment.name, make)
            whole.append(f"g/{segment.name}/")
        else:
            shards, chars, count = make()
        parts.append([segment.start, segment.docs, shards])
        postings += count
        total_chars += chars
    writer.documents(docs)
    writer.facets(docs)
    writer.json("fold.gz", _fold_table())
    manifest = {
        "format": FORMAT, "docs": n_docs, "segments": parts, "maxGram": MAX_GRAM, "block": BLOCK, "texts": TEXTS,
        "unitBytes": writer.unit_bytes, "chars": total_chars, "postings": int(postings), "anchorPrefix": ID_PREFIX,
    }
    writer.put(str(out / "manifest.json"), json.dumps(manifest, sort_keys=True).encode("utf-8"))
    if kept:
        kept.prune()
    paths = () if put is None else _only_these(out, {*writer.paths, "manifest.json"}, tuple(whole))
    return IndexStats(n_docs, total_chars, sum(p[2] for p in parts), writer.files + 1, writer.bytes, int(postings),
                      paths)


def _only_these(out: Path, written: set[str], folders: tuple[str, ...]) -> tuple[str, ...]:
    """Delete every file below `out` that is neither `written` nor in one of `folders` (relative,
    ending in "/"), then the folders left empty; the paths of the files left."""
    left = []
    for root, dirs, names in os.walk(out, topdown=False):
        for name in names:
            path = os.path.join(root, name)
            relative = os.path.relpath(path, out).replace(os.sep, "/")
            if relative in written or relative.startswith(folders):
                left.append(path)
            else:
                os.unlink(path)
        if root != str(out) and not os.listdir(root):
            os.rmdir(root)
    return tuple(sorted(left))


def _write_segment(docs: list[SearchDoc], segment: Segment, writer: IndexWriter, out: Path) -> tuple[int, int, int]:
    """The postings of one segment (ids local to it) into `g/<segment>/`: (shards, characters, postings)."""
    corpus = Corpus(docs)
    if docs and not corpus.covered.all():
        missing = [docs[i].path for i in np.flatnonzero(~corpus.covered)[:10]]
        raise IndexBuildError(f"no searchable text in {len(missing)} report(s): {', '.join(missing)}")
    chars, postings = corpus.total_chars, 0
    with tempfile.TemporaryFile(dir=out) as headers, tempfile.TemporaryFile(dir=out) as payloads:
        spool = Spool((headers, payloads), writer, len(docs), corpus.id_to_cp, f"g/{segment.name}/",
                      lambda size: shard_count(segment, size))
        for head, stream in ((False, corpus.all), (True, corpus.head)):
            for n, keys, bits, doc_ids, tfs in stream.grams():
                postings += len(keys)
                spool.add(keys, bits, doc_ids, tfs, n, head)
        del corpus
        shards = spool.write_shards()
    return shards, chars, postings


def _fold_table() -> str:
    table = char_map()
    return "".join(t + s for t, s in sorted(table.items()))


def index_size(out: Path) -> int:
    return sum(f.stat().st_size for f in out.rglob("*") if f.is_file())


__all__ = ["build_index", "IndexStats", "gram_hash", "IndexBuildError", "index_size"]
