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


def _split(*texts: str):
    from archive.importer.clean import Line
    from archive.importer.split import split

    return split([Line(no, text) for no, text in enumerate(texts, start=1)])


def test_a_title_run_into_the_reports_first_sentence_is_report_text():
    parts = _split("机关党支部工作总结",
                   "机关党支部工作总结机关党支部在局党委领导下，围绕中心工作，组织开展了形式多样的学习和活动。",
                   "认真组织学习党的基础理论知识，积极开展党员思想教育。")
    assert [r.no for r in parts.removed] == []
    assert [line.no for line in parts.parts[0].lines][:2] == [1, 2]


def test_a_site_summary_starting_with_the_title_is_still_the_sites():
    parts = _split("科协活动总结",
                   "科协活动总结 科学技术协会是党联系广大科技工作者的人民团体。下面是小编整理的关于科协的活动总结，请参考。",
                   "2013年，市科协在市委、市政府的高度重视下，较好地完成了全年的各项工作任务。")
    assert 2 in [r.no for r in parts.removed]


def test_a_title_naming_no_kind_above_the_same_words_leaves_the_later_as_the_reports_heading():
    from archive.importer.clean import clean
    from archive.importer.split import split

    page = ("首页 > 文章中心 > 正文\n\n围绕中心 服务大局\n\n围绕中心 服务大局\n\n各位委员:\n\n"
            "现在,我受十堰市科协二届常委会的委托,向大会报告工作,请予审议。\n一、工作回顾\n一年来，市科协认真开展学术交流和科普活动，成效明显。")
    parts = split(clean(page).lines).parts
    assert len(parts) == 1 and parts[0].lines[0].no == 5 and parts[0].lines[1].stripped == "各位委员:"
