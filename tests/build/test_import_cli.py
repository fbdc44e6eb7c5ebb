"""scripts/import_reports.py as editors run it (its `main`, in-process): the JSON it prints, a dry
run writing nothing, an unreadable file reported while the others still import."""

from __future__ import annotations

import json

from import_helpers import REPORT, dry_json, run, seed


def test_json_interface_keys(seeds_json):
    result = seeds_json["000"]
    assert {"file", "reports", "removed_lines"} <= set(result)
    keys = {"title", "unit", "year", "region", "category", "tags", "review", "body_start", "body_chars", "duplicate_of"}
    assert keys <= set(result["reports"][0])
    assert len(result["reports"][0]["body_start"]) == 30


def test_dry_run_writes_nothing(tmp_path):
    dry_json(tmp_path, seed("001"))
    assert not (tmp_path / "reports").exists()


def test_undecodable_file_is_a_clear_error_others_still_import(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02binary\xff\xfe\x00")
    good = tmp_path / "good.txt"
    good.write_text(REPORT, encoding="utf-8")
    code, out = run("--dry-run", "--json", "--out", tmp_path / "reports", bad, good)
    results = json.loads(out)
    assert code == 1
    assert "bad.txt" in results[0]["error"]
    assert len(results[1]["reports"]) == 1
