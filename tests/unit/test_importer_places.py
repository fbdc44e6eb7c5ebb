"""Importer, places (archive.importer.places): a report's region from its unit's own name, the text
writing that name out with its place, or the one division a unit named only by its level serves."""

from __future__ import annotations

import pytest

from archive.importer.clean import Line
from archive.importer.finding import FOUND, Finding
from archive.importer.places import RegionFinder
from archive.regions import region_tree


@pytest.fixture(scope="module")
def finder():
    return RegionFinder(region_tree())


def region(finder, unit, *texts):
    return finder.find(Finding(unit, FOUND), [Line(no, t) for no, t in enumerate(texts, start=1)])


def test_the_units_name_written_out_once_in_its_long_form(finder):
    found = region(finder, "市科技局", "一、加强学习", "制定了《遵义市科学技术局普法工作方案》，组织干部学习。")
    assert found.value == "贵州省/遵义市" and "遵义市科学技术局" in found.note


def test_a_place_of_another_level_or_two_places_give_none(finder):
    # 县科协 is not in a 市; two different counties naming a 县科协 leave it open
    assert region(finder, "市科协", "学习借鉴桐梓县科协的做法。").value is None
    assert region(finder, "县科协", "与桐梓县科协、湄潭县科协开展交流，", "走访湄潭县科协一次。").value is None


def test_a_unit_named_by_its_level_serves_the_province_its_text_keeps_naming(finder):
    text = ("围绕湖北高质量发展，服务湖北科技创新，", "举办湖北科技论坛，", "与湖南科协交流一次。")
    found = region(finder, "省科协", *text)
    assert found.value == "湖北省" and found.status == "unsure" and "3" in found.note
    # named twice is not enough; nor a province named as often as another
    assert region(finder, "省科协", *text[:1]).value is None
    assert region(finder, "省科协", *text, "湖南湖南湖南").value is None


def test_a_place_merely_mentioned_by_a_unit_with_its_own_place_changes_nothing(finder):
    assert region(finder, "遵义市科协", "赴杭州市、杭州市、杭州市学习。").value == "贵州省/遵义市"


def test_the_committee_of_the_units_level_leading_it_in_the_opening(finder):
    found = region(finder, "市科技局", "按照省委、遵义市委、仁怀市委的统一部署，我局开展了创先争优活动。")
    assert found.value == "贵州省/遵义市/仁怀市" and found.status == "unsure"  # the innermost of one chain
    assert region(finder, "市科协", "在遵义市委、市政府的正确领导下，市科协认真开展工作。").value == "贵州省/遵义市"
    # two places of different chains, or a committee of another level: none
    assert region(finder, "市科协", "按照遵义市委、六盘水市委的部署，开展工作。").value is None
    assert region(finder, "市科协", "在桐梓县委的领导下开展工作。").value is None


def test_a_towns_body_lies_in_the_division_whose_bodies_lead_it(finder):
    # towns are below GB/T 2260: the opening's leadership clause names the division they lie in
    found = region(finder, "某溪镇总工会", "20xx年，某溪镇总工会在遵义市总工会和某溪镇委的正确领导下，完成了各项任务。")
    assert found.value == "贵州省/遵义市" and found.status == "unsure"
    inner = region(finder, "某溪镇科协", "在遵义市科协、桐梓县科协的指导下，镇科协开展了科普活动。")
    assert inner.value == "贵州省/遵义市/桐梓县"
    # a place only mentioned, not leading, or two chains: none
    assert region(finder, "某溪镇总工会", "镇总工会组织会员赴遵义市参观学习。").value is None
    assert region(finder, "某溪镇科协", "在遵义市科协、六盘水市科协的指导下开展工作。").value is None


def test_a_towns_body_written_out_after_its_division(finder):
    found = region(finder, "某溪镇科协", "修改并通过《桐梓县某溪镇科学技术协会章程》；选举产生某溪镇科协第二届委员会。")
    assert found.value == "贵州省/遵义市/桐梓县" and found.status == "unsure"
    assert region(finder, "某溪镇科协", "桐梓县某溪镇科协与湄潭县某溪镇科协交流。").value is None  # two places: none


@pytest.mark.parametrize("unit, text, path", [
    ("市科协", "几年来，市科协创造性地开展工作，为松原市的经济发展和社会进步做出了一定的贡献。", "吉林省/松原市"),
    ("市科技局", "全市科技工作保持良好势头，为支撑襄阳转型发展注入了新的活力。", "湖北省/襄阳市"),
])
def test_a_unit_named_by_its_level_serves_the_development_of_the_division_its_text_names(finder, unit, text, path):
    found = region(finder, unit, "一、主要工作", text)
    assert found.value == path and found.status == "unsure" and "serves" in found.note


@pytest.mark.parametrize("unit, text", [
    ("市科协", "组织干部赴杭州市考察学习，借鉴其经验。"),                        # visited: not served
    ("县科协", "为松原市的经济发展做出了贡献。"),                                # a division of another level
    ("市科协", "为松原市的经济发展做出了贡献，为白城市的社会进步提供了支撑。"),  # two of its level: none
])
def test_a_place_visited_of_another_level_or_one_of_two_is_not_the_served_one(finder, unit, text):
    assert region(finder, unit, "一、主要工作", text).value is None


def test_the_heading_writing_the_units_name_out_with_its_place_counts(finder):
    body = [Line(2, "今年以来，市科技局认真贯彻落实全市科技发展大会精神，不断强化企业主体地位。")]
    found = finder.find(Finding("市科技局", FOUND), body, heading="遵义市科技局2021年上半年工作总结")
    assert found.value == "贵州省/遵义市"
    assert finder.find(Finding("市科技局", FOUND), body).value is None
