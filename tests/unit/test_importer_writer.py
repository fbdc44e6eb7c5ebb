"""Importer, writing (archive.importer.writer): written reports pass the schema, a second run writes
nothing, and an existing file is never overwritten."""

from __future__ import annotations

import json
from pathlib import Path

from archive.regions import region_tree
from archive.schema import parse_report
from archive.settings import load_settings
from import_helpers import EXPECTED_COUNTS, PROJECT, SEEDS, dry_json, run, seed


def test_written_reports_pass_schema_and_second_run_writes_nothing(tmp_path):
    out = tmp_path / "reports"
    settings = load_settings(PROJECT / "mkdocs.yml")
    code, _ = run("--out", out, *sorted(SEEDS.glob("*.txt")))
    assert code == 0
    files = sorted(out.rglob("*.md"))
    assert len(files) == sum(EXPECTED_COUNTS.values()) - 2  # two exact duplicates are skipped
    for path in files:
        rel = path.relative_to(out).as_posix()
        report, problems = parse_report(path.read_text(encoding="utf-8"), rel, rel, settings, region_tree())
        assert not problems, problems
    before = {p: p.read_bytes() for p in files}
    code, out_json = run("--json", "--out", out, *sorted(SEEDS.glob("*.txt")))
    assert code == 0
    assert {p: p.read_bytes() for p in out.rglob("*.md")} == before
    assert all(r["action"] != "write" for f in json.loads(out_json) for r in f["reports"])


def test_never_overwrites(tmp_path):
    out = tmp_path / "reports"
    planned = dry_json(tmp_path, seed("000"))[0]["reports"][0]["path"]
    target = Path(planned)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("---\ntitle: 编辑写的\nunit: 某单位\nyear: null\ncategory: 其他\n---\n\n编辑的文字。\n", encoding="utf-8")
    code, _ = run("--out", out, seed("000"))
    assert code == 0
    assert "编辑的文字" in target.read_text(encoding="utf-8")
    assert len(list(out.rglob("*.md"))) == 2
