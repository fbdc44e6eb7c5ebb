"""Importer, splitting (archive.importer.split): how many reports come out of each seed file, and
where each one starts (tests/fixtures/import/corpus.yaml, seeds)."""

from __future__ import annotations

import pytest

from import_helpers import EXPECTED_COUNTS, TRUTH


@pytest.mark.parametrize("prefix,count", sorted(EXPECTED_COUNTS.items()))
def test_reports_split_out_of_each_seed(seeds_json, prefix, count):
    assert len(seeds_json[prefix]["reports"]) == count


@pytest.mark.parametrize("prefix", sorted(EXPECTED_COUNTS))
def test_boundaries_match_truth(seeds_json, prefix):
    starts = [r["start_line"] for r in seeds_json[prefix]["reports"]]
    assert starts == [t["start"] for t in TRUTH[prefix]]


def test_a_title_naming_a_plan_as_its_second_kind_is_cut_from_its_line():
    from archive.importer.split import glued_heading

    line = "科技局2022年上半年工作总结和下半年工作方案 上半年，县科技局在县委的领导下扎实推进各项工作。"
    assert glued_heading(line) == "科技局2022年上半年工作总结和下半年工作方案"
    assert glued_heading("科技局2022年工作要点和措施安排，全年抓好以下工作：一是加强项目管理。") is None
