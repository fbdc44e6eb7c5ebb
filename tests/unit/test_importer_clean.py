"""Importer, cleaning (archive.importer.clean): site boilerplate, page numbers, bookmarks and pinyin
annotations removed; every other line kept, whatever the page holds."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from archive.importer.clean import clean
from conftest import examples
from import_helpers import dry_json, page_lines, run, seed


def test_boilerplate_lines_removed(seeds_json):
    removed = [line for r in seeds_json.values() for line in r["removed_lines"]]
    for expected in ("首页 > 范文大全 > 正文", "文档为doc格式", "[bookmark: _Toc1]", "中词库 / www.zciku.com"):
        assert expected in removed
    assert any(line.startswith("开篇:") for line in removed)
    assert any(line.startswith("来源：网络") for line in removed)
    assert any(line.startswith("前言:") for line in removed)


def test_site_text_and_page_numbers_inside_lines_removed(seeds_json, tmp_path):
    removed = seeds_json["004"]["removed_lines"]
    assert "(更多内容请访问首页：)" in removed and "- 1 -" in removed
    raw = tmp_path / "page.txt"
    raw.write_text("遵义市科协工作总结\n今年我们打好(更多内容请访问首页：)了基础,加强 - 2 -\n科技宣传工作。第1-3项已完成。\n", encoding="utf-8")
    report = dry_json(tmp_path, raw)[0]["reports"][0]
    assert report["body_start"].startswith("今年我们打好了基础,加强") and "更多" not in report["body_start"]
    out = tmp_path / "reports"
    run("--out", out, raw)
    text = next(out.rglob("*.md")).read_text(encoding="utf-8")
    assert "更多内容" not in text and "- 2 -" not in text and "第1-3项已完成" in text


def test_pinyin_annotations_gone(tmp_path):
    out = tmp_path / "reports"
    code, _ = run("--out", out, seed("003"))
    assert code == 0
    texts = [p.read_text(encoding="utf-8") for p in out.rglob("*.md")]
    assert len(texts) == 5
    joined = "\n".join(texts)
    assert "(jié)" not in joined and "(shí)" not in joined
    assert "總結" in joined  # the traditional text itself is kept
    assert "導語" not in joined and "時間:2022" not in joined


@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(page_lines)
def test_fuzz_importer_cleaning_keeps_or_accounts_for_every_line(text):
    cleaned = clean(text)
    numbers = [line.no for line in cleaned.lines]
    assert numbers == sorted(set(numbers))
    original = text.split("\n")
    for line in cleaned.lines:
        assert 1 <= line.no <= len(original)
        assert line.text.strip()
        # a kept line only ever loses annotations and bookmarks, never gains text
        assert len(line.text) <= len(original[line.no - 1].rstrip())
    for removed in cleaned.removed:
        assert 1 <= removed.no <= len(original)


def test_a_page_title_naming_a_kind_of_report_is_not_a_site_name(tmp_path):
    # a page repeats its title (`…工作总结范文`) around the text: the heading, not the site's name
    raw = tmp_path / "page.txt"
    raw.write_text("县科技局植保工作总结范文\n\n今年以来，我局认真开展植保服务，全年举办培训班十二期，培训农民一千余人次。\n\n"
                   "县科技局植保工作总结范文\n\n一、主要工作\n\n全年推广新机具三百台，成效明显。\n\n好范文网 欢迎阅读\n", encoding="utf-8")
    report = dry_json(tmp_path, raw)[0]
    assert [r["title"] for r in report["reports"]] == ["县科技局植保工作总结范文"]
    assert report["reports"][0]["unit"] == "县科技局"
    assert "好范文网 欢迎阅读" in report["removed_lines"]


def test_a_websites_copyright_glued_after_a_sentence_goes_and_the_sentence_stays():
    text = ("青石镇年度科技工作总结\n"
            "一年来，在县委县政府的领导下，全镇科技工作取得新进展。www.xuexue6.com版权所有!\n"
            "一、加强领导，健全机构\n")
    cleaned = clean(text)
    assert [line.text for line in cleaned.lines][1] == "一年来，在县委县政府的领导下，全镇科技工作取得新进展。"
    assert any(r.no == 2 and "版权所有" in r.text for r in cleaned.removed)


def test_a_disclosure_pages_header_table_is_chrome():
    text = ("兰山区科学技术局2023年政府信息公开工作年度报告\n"
            " 索引号  lanshanqukxjsj/2024-0000003  公开目录  公开目录\n"
            " 标题  兰山区科学技术局2023年政府信息公开工作年度报告\n"
            "公开目录: 部门信息公开年报\n"
            "本报告由临沂市兰山区科技局按照《中华人民共和国政府信息公开条例》要求编制。本报告由总体情况等部分组成。\n")
    removed = {r.no for r in clean(text).removed}
    assert {2, 3, 4} <= removed and 5 not in removed


def test_a_publishers_card_closed_by_a_button_is_chrome_and_the_report_stays():
    text = ("浙江省科技馆全国科普教育基地2023年终科普绩效自评报告\n\n浙江省科技馆\n浙江省科技馆是浙江省内最大的省级综合性科技场馆。\n收藏\n\n"
            "为深入贯彻落实党的二十大精神，着力赋能全国科普教育基地建设，充分发挥科技馆的作用，现将自评情况报告如下。\n")
    cleaned = clean(text)
    assert {r.no for r in cleaned.removed} >= {3, 4, 5}
    assert [line.no for line in cleaned.lines] == [1, 7]
    # the card ends at a blank line: the heading above it stays
    assert 1 not in {r.no for r in cleaned.removed}


def test_the_first_part_of_a_heading_broken_before_its_kind_word_is_kept_whatever_the_classifier_says():
    from archive.importer import clean as cleaning
    from archive.importer.clean import Line

    lines = [Line(1, "2019年第四季度科技宣传及科技信息"), Line(2, "工作要点"), Line(3, "一、总体要求")]
    kept = cleaning._broken_headings(lines, [None, None, None], ["short line, no sentence", None, None])
    assert kept == [None, None, None]
    # a plain rule's verdict stands, and a kind word after a blank line joins nothing: the classifier's verdict stands
    assert cleaning._broken_headings(lines, ["page header (time, source, author)", None, None],
                                     ["page header (time, source, author)", None, None])[0]
    apart = [Line(1, "首页 > 通知公告"), Line(3, "工作要点"), Line(4, "一、总体要求")]
    assert cleaning._broken_headings(apart, [None] * 3, ["navigation", None, None])[0] == "navigation"
    # end to end: the heading is whole and is the report's title
    text = clean("2019年第四季度科技宣传及科技信息\n工作要点\n2019年第四季度，全市科技宣传工作要紧紧围绕中心工作。\n")
    assert [line.stripped for line in text.lines][:2] == ["2019年第四季度科技宣传及科技信息", "工作要点"]
