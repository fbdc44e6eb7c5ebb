"""Segments of the search index (archive.search.segments) and what an appended document changes
in the index written by archive.search.index."""

from __future__ import annotations

import hashlib

from hypothesis import given, strategies as st

from archive.search.documents import SearchDoc
from archive.search.index import build_index
from archive.search.segments import Segment, segments


def test_segments_are_the_digits_of_the_count():
    got = segments(2345, tail=100, factor=10, levels=3)
    assert [(s.start, s.docs, s.full) for s in got] == [(0, 2000, True), (2000, 300, True), (2300, 45, False)]
    assert segments(0) == []
    assert [(s.docs, s.full) for s in segments(300, tail=100, factor=10)] == [(300, True)]
    assert [(s.docs, s.full) for s in segments(99, tail=100, factor=10)] == [(99, False)]
    # the highest level takes whatever is above it
    assert [s.docs for s in segments(123_456, tail=100, factor=10, levels=2)] == [123_000, 400, 56]


def test_the_default_segments_and_their_shards():
    from archive.search.segments import shard_target

    assert [(s.start, s.docs) for s in segments(9906)] == [(0, 9600), (9600, 160), (9760, 144), (9904, 2)]
    assert [s.docs for s in segments(100_000)] == [96_000, 3_200, 800]
    assert shard_target(16) == 1_500 and shard_target(4096) == 4_000 and shard_target(65_536) == 8_000


@given(st.integers(min_value=0, max_value=300_000))
def test_segments_cover_the_documents_once_and_appending_keeps_the_others(n):
    now, after = segments(n), segments(n + 1)
    assert [s.start for s in now] == [0, *(s.end for s in now[:-1])][:len(now)]
    assert sum(s.docs for s in now) == n
    assert all(s.full and s.docs % 16 == 0 for s in now[:-1])
    assert len([s for s in now if s.full]) <= 5, "one segment a level"
    if (n + 1) % 16:
        # no merge: every level's segment is kept as it was, only the tail grows
        assert [s for s in after if s.full] == [s for s in now if s.full]
        assert after[-1] == Segment(n + 1 - after[-1].docs, after[-1].docs, False)
    else:
        # a merge: the levels below the lowest digit that changes are made again, the others kept
        kept = [s for s in now if s.full and s in after]
        assert kept == [s for s in after if s.full][:len(kept)]


def doc(i: int) -> SearchDoc:
    return SearchDoc(path=f"reports/{i}.md", url=f"reports/{i}/", segments=(f"标题{i}", "某单位", "2015年", f"正文第{i}段，科普工作{i % 7}。"),
                     year=2015, category="工作总结", region=(), unit="某单位", title=f"标题{i}")


def digest(folder) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): hashlib.blake2b(p.read_bytes(), digest_size=16).digest()
            for p in folder.rglob("*") if p.is_file()}


def test_an_appended_document_changes_the_tail_and_a_few_shared_files(tmp_path):
    docs = [doc(i) for i in range(231)]  # 160 + 64 + a tail of 7
    build_index(docs[:230], tmp_path / "a")
    build_index(docs, tmp_path / "b")
    a, b = digest(tmp_path / "a"), digest(tmp_path / "b")
    changed = {p for p in a.keys() | b.keys() if a.get(p) != b.get(p)}
    full = {p for p in a if p.startswith(("g/0/", "g/160/"))}
    assert full and not changed & full, "the full segments' files are the same bytes"
    tail = {p for p in changed if p.startswith("g/")}
    assert tail and {p.split("/")[1] for p in tail} == {"224"} and len(tail) <= 32
    others = {p for p in changed if not p.startswith("g/")}
    assert others <= {"manifest.json", "cols.gz", "units.gz", "facets.gz", "m/7.gz", "t/0/115.gz"}, others
