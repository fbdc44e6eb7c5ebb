"""scripts/label_agreement.py: two labellers' agreement and the importer's score against each, and the
second labels' file (tests/fixtures/import/audit/second-labels.yaml) naming reports of the corpus."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

import label_agreement
from import_helpers import CORPUS

PAGE = {"file": "corpus/pages/a.txt", "path": Path("/x/a.txt"), "split": "tune",
        "reports": [{"heading_line": 1, "start": 2, "unit": "县科协", "year": 2021, "region": None, "category": "工作总结"},
                    {"heading_line": 9, "start": 10, "unit": None, "year": None, "region": None, "category": "工作计划"}]}


def predicted(start: int, **fields) -> dict:
    return {"start_line": start, "body_lines": [start], **fields}


def test_agreement_and_the_importer_against_each_labeller():
    second = {("corpus/pages/a.txt", 2): {"start": 2, "unit": "XX县科学技术协会", "year": 2022, "region": None,
                                         "category": "工作总结"},
              ("corpus/pages/a.txt", 10): {"start": 10, "unit": "县科技局", "year": None, "region": "TODO",
                                          "category": "工作计划"}}
    results = {str(PAGE["path"]): {"reports": [predicted(2, unit="县科协", year=2022, region=None, category="工作报告"),
                                               predicted(10, unit=None, year=None, region=None, category="工作计划")]}}
    lines: list[str] = []
    counts = label_agreement.compare([PAGE], second, results, lines)
    # units: 县科协 = XX县科学技术协会 (masks, long form); None ≠ 县科技局
    assert counts["unit"] == {"both": 2, "agree": 1, "first": 2, "second": 1, "agreed_hit": 1}
    assert counts["year"] == {"both": 2, "agree": 1, "first": 1, "second": 2, "agreed_hit": 1}
    assert counts["region"]["both"] == 1  # a TODO is not yet labelled: left out
    assert counts["category"] == {"both": 2, "agree": 2, "first": 1, "second": 1, "agreed_hit": 1}
    assert any("unit first None, second '县科技局', importer None" in line for line in lines)


def test_a_report_the_importer_missed_is_a_miss_against_both():
    second = {("corpus/pages/a.txt", 2): {"start": 2, "unit": "县科协", "year": 2021, "region": None, "category": "工作总结"}}
    results = {str(PAGE["path"]): {"reports": []}}
    counts = label_agreement.compare([PAGE], second, results)
    assert counts["unit"] == {"both": 1, "agree": 1, "first": 0, "second": 0, "agreed_hit": 0}


def test_a_report_listed_twice_is_an_error_naming_the_file(tmp_path):
    path = tmp_path / "second.yaml"
    path.write_text(yaml.safe_dump({"pages": [{"file": "corpus/pages/a.txt", "reports": [{"start": 2}, {"start": 2}]}]}),
                    encoding="utf-8")
    with pytest.raises(label_agreement.LabelError, match="a.txt lists the report starting on line 2 twice"):
        label_agreement.load_second(path)


@pytest.mark.skipif(not label_agreement.SECOND.exists(), reason="no second labels yet")
def test_second_labels_name_reports_of_the_corpus_with_values_of_the_schemas_kinds():
    first = {(p["file"], r["start"]) for p in yaml.safe_load(CORPUS.read_text(encoding="utf-8"))["pages"]
             for r in p["reports"]}
    second = label_agreement.load_second()
    assert set(second) <= first
    for (file, start), report in second.items():
        where = f"{file}:{start}"
        assert report["unit"] in ("TODO", None) or isinstance(report["unit"], str), where
        assert report["year"] in ("TODO", None) or isinstance(report["year"], int) and 1949 <= report["year"] <= 2026, where
        assert report["region"] in ("TODO", None) or isinstance(report["region"], str), where
        assert report["category"] in ("TODO", "工作总结", "工作计划", "工作报告", "述职报告", "其他"), where
