"""Importer, unit candidates for the learned ranker (archive.importer.unit_features): every span of a
clause ending in an institution suffix, one row per body named, with where it stands, which hand
patterns propose it, and its shape."""

from __future__ import annotations

import numpy as np

from archive.importer.clean import Line
from archive.importer.unit_features import NAMES, candidate_matrix, candidates, spans, unit_key

BODY = [
    Line(2, "2019年，某某县科协在县委的领导下，紧紧围绕全县中心工作，扎实开展科普宣传。"),
    Line(3, "我县科协共举办讲座十五场。"),
    Line(4, "二、存在问题"),
    Line(5, "经费不足，人员偏少。"),
    Line(6, "某某县科协"),
    Line(7, "2019年12月20日"),
]


def by_key(found):
    return {c.key: c for c in found}


def test_every_start_of_a_clause_up_to_the_suffix_is_a_span():
    s = "今年，占圩镇工会积极开展活动"
    assert [s[a:b] for a, b in spans(s)] == ["占圩镇工会", "圩镇工会", "镇工会"]  # 镇 with its tail 工会
    # a span starting 我/本 is the body speaking of itself: the name is the span after it
    assert "我县科协" not in [s2[a:b] for s2 in ["我县科协共举办讲座"] for a, b in spans(s2)]


def test_candidates_merge_the_same_body_named_in_several_places():
    found = by_key(candidates("某某县科协2019年工作总结", BODY))
    c = found["某某县科协"]
    assert c.values["in_title"] == 1.0 and c.values["in_opening"] == 1.0 and c.values["in_signature"] == 1.0
    assert c.values["zones"] == 1.0
    assert c.values["rule_title"] == 1.0 and c.values["rule_first"] == 1.0
    assert c.values["place_start"] == 1.0 and c.values["kind_science"] == 1.0
    assert c.values["has_shorter"] == 1.0 and found["县科协"].values["has_longer"] == 1.0
    assert found["科协"].values["generic"] == 1.0


def test_shape_and_context_features():
    found = by_key(candidates("2019年度某某县科协工作总结", BODY))
    assert found["2019年度某某县科协"].values["has_digit"] == 1.0
    assert found["2019年度某某县科协"].values["not_a_name_word"] == 1.0
    assert found["某某县科协"].values["followed_by_action"] == 1.0  # `…县科协在县委的领导下`
    assert found["某某县科协"].values["followed_by_time_or_kind"] == 1.0  # `…县科协工作总结`


def test_masked_names_are_one_body_with_their_mask():
    assert unit_key("XX县科协") == unit_key("县科协") == "县科协"
    found = candidates("XX县科协工作总结", [Line(2, "今年，XX县科协认真开展工作。")])
    assert [c.key for c in found] == ["县科协", "科协"]
    masked = found[0]
    assert masked.name == "XX县科协" and masked.values["has_mask"] == 1.0 and masked.values["rule_title"] == 1.0


def test_matrix_columns_follow_names():
    found = candidates("某某县科协2019年工作总结", BODY)
    rows = candidate_matrix(found)
    assert rows.shape == (len(found), len(NAMES))
    k = [c.key for c in found].index("某某县科协")
    assert rows[k, NAMES.index("in_signature")] == 1.0
    assert np.all(rows[:, NAMES.index("log_length")] > 0)
    assert candidates(None, []) == []


PLACED = [
    Line(2, "今年，全椒县科协紧紧围绕全县中心工作，不断夯实科协基础。"),
    Line(3, "我项目部工会共举办活动五次，我镇科普工作扎实。"),
    Line(4, "二、存在问题"),
    Line(5, "经费不足。"),
    Line(6, "全椒县科学技术协会"),
    Line(7, "2019年12月20日"),
]


def test_long_and_short_forms_of_a_name_are_one_body():
    assert unit_key("全椒县科学技术协会") == unit_key("全椒县科协") == "全椒县科协"
    assert unit_key("县科学技术局") == "县科技局"
    c = by_key(candidates(None, PLACED))["全椒县科协"]
    assert c.name == "全椒县科协"  # as the text first writes it
    assert c.values["in_opening"] == 1.0 and c.values["in_signature"] == 1.0 and c.values["rule_signature"] == 1.0


def test_region_prefix_and_the_truncations_of_a_placed_name():
    found = by_key(candidates(None, PLACED))
    assert found["全椒县科协"].values["region_prefix"] == 1.0  # 全椒县 is a GB/T 2260 county
    assert found["县科协"].values["region_prefix"] == 0.0 and found["县科协"].values["longer_with_region"] == 1.0
    assert found["椒县科协"].values["longer_with_region"] == 1.0
    assert found["全椒县科协"].values["longer_with_region"] == 0.0


def test_word_boundaries_and_the_first_word_by_jieba():
    found = by_key(candidates(None, PLACED))
    assert found["全椒县科协"].values["word_start"] == 1.0
    assert found["椒县科协"].values.get("word_start", 0.0) == 0.0  # starts inside 全椒县
    assert found["不断夯实科协"].values["function_word_start"] == 1.0  # 不断: an adverb
    assert found["全椒县科协"].values["function_word_start"] == 0.0


def test_the_text_speaking_as_the_body():
    found = by_key(candidates(None, PLACED))
    assert found["项目部工会"].values["self_suffix"] == 1.0  # 我项目部工会
    assert found["部工会"].values["self_suffix"] == 0.0  # a piece of the name, not the name


def test_jieba_organisations_are_candidates_and_a_name_in_title_and_signature_agrees():
    found = by_key(candidates("中国林学会2019年工作总结", PLACED))
    assert found["中国林学会"].values["jieba_organisation"] == 1.0 and found["中国林学会"].values["word_start"] == 1.0
    body = PLACED[:4] + [Line(6, "某某县科协"), Line(7, "2019年12月20日")]
    agreed = by_key(candidates("某某县科协2019年工作总结", body))["某某县科协"]
    assert agreed.values["title_and_signature"] == 1.0
    assert by_key(candidates(None, body))["某某县科协"].values["title_and_signature"] == 0.0


def test_the_text_speaking_as_the_place_the_name_starts_with():
    found = by_key(candidates("乡镇科协年度总结", [Line(2, "我镇科普工作在镇党委领导下扎实开展。")]))
    assert found["镇科协"].values["self_prefix"] == 1.0  # 我镇: the 镇's 科协
    assert found["乡镇科协"].values["self_prefix"] == 0.0


def test_the_headings_bare_name_and_the_whole_name_that_ends_in_it():
    found = by_key(candidates("科学技术协会2024年工作总结", [Line(2, "今年，甘州区科协认真开展工作。"), Line(3, "一、主要工作")]))
    assert found["甘州区科协"].values["extends_title_name"] == 1.0  # 科学技术协会 is 科协
    assert found["科协"].values["title_name_extended"] == 1.0
    assert found["州区科协"].values["extends_title_name"] == 0.0  # starts inside 甘州区
    alone = by_key(candidates("科学技术协会2024年工作总结", [Line(2, "今年，认真开展工作。"), Line(3, "一、主要工作")]))
    assert alone["科协"].values["title_name_extended"] == 0.0
