"""Importer, duplicates (archive.importer.duplicates): an exact copy is skipped, a near-duplicate
written and flagged for review, also across simplified and traditional characters."""

from __future__ import annotations

import json

from archive.importer.duplicates import DuplicateIndex
from archive.text import traditional
from import_helpers import by_start, run, seed


def test_exact_duplicate_skipped_near_duplicate_flagged(tmp_path):
    out = tmp_path / "reports"
    original = seed("000").read_text(encoding="utf-8")
    first = tmp_path / "a.txt"
    first.write_text(original, encoding="utf-8")
    copy = tmp_path / "b.txt"  # same text, different whitespace and punctuation
    copy.write_text(original.replace("，", ",").replace("\n\n", "\n"), encoding="utf-8")
    near = tmp_path / "c.txt"
    near.write_text(original.replace("能力", "潜力").replace("潜力", "能力", 1).replace("经济", "经营", 3), encoding="utf-8")
    assert near.read_text(encoding="utf-8") != original
    code, out_json = run("--json", "--out", out, first, copy, near)
    results = json.loads(out_json)
    written = results[0]["reports"][0]
    assert written["action"] == "write"
    duplicate = results[1]["reports"][0]
    assert duplicate["action"] == "duplicate" and duplicate["duplicate_of"] == written["path"]
    flagged = results[2]["reports"][0]
    assert flagged["action"] == "write" and flagged["near_duplicate_of"] == written["path"]
    assert any(written["path"] in note for note in flagged["review"])
    assert len(list(out.rglob("*.md"))) == 2


def test_duplicate_index_exact_near_and_across_scripts():
    original = seed("000").read_text(encoding="utf-8")
    index = DuplicateIndex()
    index.add("a.md", original)
    assert index.find(original.replace("，", ",").replace("\n\n", "\n"))[0].exact  # punctuation and spacing only
    in_traditional = traditional(original)
    assert in_traditional != original
    match = index.find(in_traditional)[0]
    assert match.key == "a.md" and not match.exact and match.similarity >= 0.9  # same text, other script
    reworded = original.replace("能力", "潜力").replace("经济", "经营", 3)
    assert index.find(reworded)[0].key == "a.md"
    assert index.find(seed("003").read_text(encoding="utf-8"))[0] is None  # another report altogether


def test_seed_duplicates_found(seeds_json):
    reports = by_start(seeds_json["004"])
    assert reports[248]["duplicate_of"] is not None  # the same 工会 report a third time
    assert reports[143]["near_duplicate_of"] is not None  # the 能力/潜力 rewrite
