"""The search index's full segments kept between builds (archive.speed.search_segments): the
same bytes with and without them, only new segments made, and a damaged store is made over."""

from __future__ import annotations

import dataclasses

from archive.search.index import build_index
from archive.speed.search_segments import KeptSegments

from unit.test_search_segments import digest, doc


def test_kept_segments_give_the_bytes_of_a_fresh_index(tmp_path):
    docs = [doc(i) for i in range(231)]
    build_index(docs, tmp_path / "fresh")
    fresh = digest(tmp_path / "fresh")

    def run(docs, name):
        kept = KeptSegments(tmp_path / "cache")
        build_index(docs, tmp_path / name, kept)
        return digest(tmp_path / name), (kept.reused, kept.built)

    assert run(docs, "a") == (fresh, (0, 2))  # 160 + 64 and a tail of 7
    assert run(docs, "b") == (fresh, (2, 0))
    # an edited report: its segment is made again, the other one copied
    edited = list(docs)
    edited[150] = dataclasses.replace(docs[150], segments=(*docs[150].segments[:-1], "改过的正文。"))
    build_index(edited, tmp_path / "edited-fresh")
    assert run(edited, "c") == (digest(tmp_path / "edited-fresh"), (1, 1))
    # the segment no longer used was dropped; a damaged one is made over
    assert len(list((tmp_path / "cache" / "search-segments").iterdir())) == 2
    for result in (tmp_path / "cache" / "search-segments").glob("*/result.json"):
        result.write_text("{not json")
    assert run(edited, "d") == (digest(tmp_path / "edited-fresh"), (0, 2))
    for shard in (tmp_path / "cache" / "search-segments").glob("*/files/s/0.gz"):
        shard.unlink()
    assert run(edited, "e") == (digest(tmp_path / "edited-fresh"), (0, 2)), "a missing file: made over"
