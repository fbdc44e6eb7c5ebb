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


def test_a_marked_report_the_page_cuts_off_in_its_first_sentence_is_a_report():
    from archive.importer.clean import clean
    from archive.importer.split import split

    page = ("工会年终总结（2篇）\n工会年终总结 篇1\n一年来，学校工会组织教职工开展了丰富多彩的文体活动，受到好评。\n"
            "二、存在的不足\n对教职工的关心不够。\n工会年终总结 篇2\n**厂工会在分厂党委和上级工会")
    parts = split(clean(page).lines).parts
    assert len(parts) == 2 and parts[1].lines[-1].stripped == "**厂工会在分厂党委和上级工会"
    # a marker followed by nothing but a heading at the page's end is still no report
    assert len(split(clean(page.rsplit("\n", 1)[0] + "\n工会年终总结").lines).parts) == 1
