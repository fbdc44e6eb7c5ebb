"""Importer, years (archive.importer.years): the year the report's own text states, never one
it only mentions, and never the year of a website's own title."""

from __future__ import annotations

import pytest

from archive.importer.clean import Line
from archive.importer.finding import UNSURE
from archive.importer.years import YearFinder

FINDER = YearFinder(current_year=2026)


def lines(*texts: str) -> list[Line]:
    return [Line(no, text) for no, text in enumerate(texts, start=1)]


@pytest.mark.parametrize("opening, year", [
    ("XX年县科协以贯彻实施《纲要》为主要内容，圆满完成了二oo九年科协工作目标任务，总结如下：", 2009),  # letter o for 〇
    ("2021 年以来，县科协在县委的领导下开展工作。", 2021),                                           # typeset spaces
    ("二〇一五年，县科协在县委的领导下开展工作。", 2015),
])
def test_year_stated_in_the_opening(opening, year):
    assert FINDER.find(None, lines(opening, "一、主要工作")).value == year


def test_a_websites_title_does_not_outweigh_the_text():
    found = FINDER.find("科学技术协会2024年工作总结范文及2024年工作计划",
                        lines("2018年以来，甘州区科协以党的十九大精神为指导，认真开展工作。", "一、主要工作"))
    assert found.value == 2018 and "check" in found.note


def test_the_reports_own_heading_against_its_text_is_left_to_the_editor():
    found = FINDER.find("县科协2016年工作总结", lines("2018年以来，县科协认真开展工作。", "一、主要工作"))
    assert found.value is None and "2016" in found.note and "2018" in found.note


def test_years_only_mentioned_are_not_the_reports():
    found = FINDER.find(None, lines("今年以来，县科协认真开展工作，参照2012年的经验举办了培训。", "一、主要工作"))
    assert found.value is None and "mentions 2012" in found.note


@pytest.mark.parametrize("heading, opening", [
    ("2024年科技局局长述职述廉报告", "XX年，在县委、县政府的正确领导下，全面推进科技工作。"),   # the title's year, the text anonymises
    (None, "1、2019 年科技局工作总结和 2020 年工作计划范文科技局 xx 年工作总结和 xx 年工作打算一、xx 年工作与成效"),
    (None, "1、乡镇2022年科协工作总结_镇20_年科协工作总结20_年，我镇科协工作在镇党委领导下开展。"),
])
def test_a_text_that_anonymises_its_year_has_none_whatever_a_title_says(heading, opening):
    found = FINDER.find(heading, lines(opening, "一、主要工作"))
    assert found.value is None and "anonymises" in found.note


@pytest.mark.parametrize("opening, year", [
    ("区委：按照安排，现将我区科协工作汇报如下。", None),
    ("现将一年的科普工作情况总结如下： 一、2012年度开展工作情况 1、认真做好培训", 2012),  # run into the opening
    ("一、19年工作情况", 2019),                                                        # a two-digit year
    ("一、98年工作回顾", 1998),
])
def test_year_of_the_first_sections_heading(opening, year):
    assert FINDER.find("区科协工作汇报", lines(opening, "全年开展科普活动十次。")).value == year


def test_the_year_an_announcement_gives_the_summary():
    found = FINDER.find(None, lines("我镇科普工作在镇党委领导下取得较大成效。同时，结合本镇实际开展工作。现将2008年工作总结如下：",
                                    "第一、领导重视"))
    assert found.value == 2008


def test_a_sentence_of_the_first_paragraphs_anonymising_its_year_outweighs_the_sites_title():
    body = lines("办公室在党组的直接领导下，较好地完成了各项工作任务。", "一、找准定位，提升队伍素质",
                 "办公室肩负着组织人事等繁杂工作。__年，办公室围绕年初的工作目标认真组织学习。")
    assert FINDER.find("办公室2024年工作总结", body).value is None
    # a date in the text (`__年3月`) is no year of the work
    dated = lines("办公室在党组的直接领导下完成了各项工作。", "今年共开会十次。__年3月召开全委会。")
    assert FINDER.find("办公室2024年工作总结", dated).value == 2024


def test_the_period_a_reports_figures_cover():
    found = FINDER.find(None, lines("本报告由区科技局编制，所列数据的统计期限自2022年1月1日起至2022年12月31日止。", "一、总体情况"))
    assert found.value == 2022


@pytest.mark.parametrize("heading", ["2023某县科协工作汇报", "2019乡镇工会年度工作总结", "2022工会年度工作计划1",
                                     "2024 镇科协上半年工作总结"])
def test_a_year_a_heading_opens_with_without_nian_is_a_websites_prefix(heading):
    # websites prefix the titles they give a report with a bare year (2022 on one site, 2023 on
    # another, for the same text): no year is stated, and the editor is told why
    found = FINDER.find(heading, lines("今年以来，县科协在县委的领导下认真工作，成效明显。", "一、工作成绩"))
    assert found.value is None and found.status == UNSURE and "without 年" in found.note


def test_a_bare_prefix_gives_way_to_a_year_the_heading_or_text_states():
    body = lines("今年以来，县科协在县委的领导下认真工作。", "一、工作成绩")
    assert FINDER.find("2023某县科协2021年工作汇报", body).value == 2021
    assert FINDER.find("2023镇工会工作总结", lines("2019年，镇工会在镇党委领导下开展工作。", "一、组织建设")).value == 2019
    assert FINDER.find("2023年某县科协工作汇报", body).value == 2023  # with 年 the heading states it


def test_a_sentence_of_the_first_paragraphs_opening_on_a_year_states_it_when_nothing_else_does():
    body = lines("xx镇总工会在镇党委和县总工会的领导下，努力开展工会各项工作。", "一、规范组织建设",
                 "（一）党政支持。2025年，镇党委高度重视工会工作，把工会工作纳入全镇党建目标体系。")
    assert FINDER.find(None, body).value == 2025


@pytest.mark.parametrize("heading, body, year", [
    ("县科协2016年工作总结", ("县科协认真开展工作。", "2018年，全县开展科普活动十次。"), 2016),  # the heading's stands
    (None, ("县科协认真开展工作。", "2018年3月，全县开展科普活动十次。"), None),               # a date, not a work year
    (None, ("县科协认真开展工作。", "全县于2018年，开展科普活动十次。"), None),                 # not a sentence's opening
])
def test_a_year_opening_a_later_sentence_does_not_outweigh_or_invent(heading, body, year):
    assert FINDER.find(heading, lines(*body)).value == year


def test_a_summarys_title_year_stands_when_it_is_signed_early_the_next_year():
    body = lines("中心机关各处室：", "现将年度工作总结印发给你们，请认真学习。", "舟山市机关事务管理中心", "2024年1月4日")
    assert FINDER.find("关于印发2023年度工作总结的通知", body).value == 2023
    # a plan's title and a signature two years on still disagree
    assert FINDER.find("关于印发2021年工作要点的通知", body).value is None


@pytest.mark.parametrize("heading, body, year", [
    ("县科协２０２３年工作总结", ("县科协认真开展工作。", "一、主要工作"), 2023),                     # full-width digits
    (None, ("２０２３年，县科协认真开展工作。", "一、主要工作"), 2023),
    ("二零二三年县科协工作总结", ("县科协认真开展工作。", "一、主要工作"), 2023),                  # 零 for 〇
    ("县科协工作总结（2023年）", ("县科协认真开展工作。", "一、主要工作"), 2023),                 # the year in brackets
    ("县科协工作总结", ("县科协认真开展工作。", "一、主要工作", "县科协", "２０２３年１２月２０日"), 2023),
    ("县科协工作总结", ("县科协认真开展工作。", "一、主要工作", "县科协 2023 年 12 月 20 日"), 2023),   # name and date typeset apart
    ("县科协工作总结", ("县科协认真开展工作。", "一、主要工作", "县科协二〇二三年十二月二十日"), 2023),
])
def test_general_forms_of_a_stated_year(heading, body, year):
    assert FINDER.find(heading, lines(*body)).value == year


@pytest.mark.parametrize("heading, body", [
    ("县科协２０ＸＸ年工作总结", ("县科协认真开展工作。", "一、主要工作")),                 # full-width mask
    ("县科协20__年工作总结", ("县科协认真开展工作。", "一、主要工作")),
    ("县科协二〇XX年工作总结", ("县科协认真开展工作。", "一、主要工作")),
    ("县科协工作总结", ("县科协认真开展工作。", "一、主要工作", "县科协 20XX 年 12 月 20 日")),
    ("县科协工作总结", ("县科协认真开展工作。", "一、主要工作", "县科协", "2023.12.20")),  # a bare date may be the site's
    ("县科协工作总结", ("今年以来，县科协认真开展工作，参照２０２２年的经验举办了培训。", "一、主要工作")),  # only mentioned
])
def test_masked_or_unstated_years_stay_null(heading, body):
    assert FINDER.find(heading, lines(*body)).value is None


def test_a_year_the_opening_only_mentions_after_its_first_clause_is_not_the_reports():
    # the opening's own time stands in its first clause (`2021年以来，…`, `县科协2021年…`)
    assert FINDER.find(None, lines("县科协认真开展工作，参照2022年的经验举办了培训。", "一、主要工作")).value is None
    assert FINDER.find(None, lines("县科协2021年认真开展工作，举办了培训。", "一、主要工作")).value == 2021


def test_a_notice_takes_the_year_of_the_document_it_issues_not_of_its_signature():
    notice = lines("各省、自治区、直辖市老科协：",
                   "《中国老科学技术工作者协会第七届理事会 2023 年工作报告》已经七届三次理事会议审议通过，现予印发，请结合实际，认真贯彻落实。",
                   "中国老科学技术工作者协会", "2024 年 1 月 29 日")
    assert FINDER.find(None, notice).value == 2023
    forwarded = lines("各县科协：", "现将市科协关于印发《2021年科普工作要点》的通知转发给你们，请遵照执行。", "县科协", "2021年3月2日")
    assert FINDER.find(None, forwarded).value == 2021


def test_a_document_the_text_only_mentions_gives_no_year():
    body = lines("今年以来，市工会认真开展工作。", "市委、市政府先后出台《市职工素质提升工程五年规划》、转发《市工会2009—2012年发展纲要》，调动了职工的热情。")
    assert FINDER.find(None, body).value is None


def test_a_span_since_a_founding_is_not_the_reports_year_its_announcement_is():
    body = lines("自2014年7月青年学者联谊会成立至今，青联会已走过了第二个年头。现将本协会2015年度各项工作总结如下:",
                 "一、开展基金申请讨论会")
    assert FINDER.find(None, body).value == 2015


def test_the_year_of_the_plan_an_opening_says_it_sets_out():
    opening = "为了进一步提升社区居民的科学素养，我们制定了2018年的社区科普教育工作计划。"
    assert FINDER.find(None, lines(opening, "一、完善科普基础设施建设")).value == 2018
