"""Importer, line features for the learned chrome classifier (archive.importer.line_features): one
row per line, the rules' signals reused as counts, the line's shape, its place on the page, repetition
of the page's title, and its neighbours."""

from __future__ import annotations

import inspect
import re

import numpy as np
import pytest

from archive.importer import clean as clean_module
from archive.importer.chrome import FEATURES, classify
from archive.importer.line_features import CLEAN_RULES, NAMES, page_matrix, shape, site_signals

PAGE = [
    "首页 > 工作总结 > 科协工作总结",
    "某县科协2019年工作总结",
    "发布时间：2020-01-05 09:12  浏览次数：328",
    "2019年，县科协在县委、县政府的正确领导下，紧紧围绕全县中心工作，扎实开展各项工作，取得了较好成效。",
    "一、工作回顾",
    "全年共举办科普讲座十五场，受益群众三千余人，发放宣传资料一万余份，群众满意度明显提高。",
    "某县科协",
    "相关阅读：某县科协2019年工作总结汇编",
]


def column(rows: np.ndarray, name: str) -> np.ndarray:
    return rows[:, NAMES.index(name)]


def test_names_are_unique_and_cover_every_rule_feature():
    assert len(NAMES) == len(set(NAMES))
    assert set(FEATURES) <= set(NAMES)
    assert set(CLEAN_RULES.values()) <= set(NAMES)


def test_one_row_per_line_and_an_empty_page():
    assert page_matrix(PAGE).shape == (len(PAGE), len(NAMES))
    assert page_matrix([]).shape == (0, len(NAMES))


def test_rule_signals_are_counts_not_hand_weights():
    rows = page_matrix(PAGE)
    assert column(rows, "timestamp")[2] == 1.0  # weight 3.0 in the rules, a count of 1 here
    assert column(rows, "breadcrumb")[0] == 1.0
    assert column(rows, "meta_label")[2] == 2.0  # two labels: 发布时间, 浏览次数
    assert column(rows, "sentence")[3] == 1.0 and column(rows, "sentence")[0] == 0.0
    assert column(rows, "numbered")[4] == 1.0


def test_position_features_follow_the_rules_verdicts():
    verdicts = classify(PAGE)
    rows = page_matrix(PAGE, verdicts)
    for name in ("before_heading", "before_body", "after_report"):
        expected = [verdict.features.get(name, 0.0) / FEATURES[name].weight for verdict in verdicts]
        assert list(column(rows, name)) == expected
    assert column(rows, "rel_position")[0] == 0.0 and column(rows, "rel_position")[-1] == 1.0
    assert column(rows, "first_line")[0] == 1.0 and column(rows, "last_line")[-1] == 1.0
    assert list(column(rows, "before_first_body")) == [1, 1, 1, 0, 0, 0, 0, 0]
    assert list(column(rows, "after_last_body")) == [0, 0, 0, 0, 0, 0, 1, 1]
    assert column(rows, "lines_to_first_body")[0] == 0.3


def test_shape_of_a_line():
    s = shape("全年共举办讲座15场。")
    assert s["len_le_20"] == 1.0 and s["len_gt_80"] == 0.0
    assert s["digit_share"] == pytest.approx(2 / 11)
    assert s["ends_sentence"] == 1.0 and s["sentence_marks"] == pytest.approx(0.2)
    assert shape("") == {}
    assert shape("www.example.com")["latin_share"] == pytest.approx(13 / 15)


def test_repetition_of_the_page_title_and_of_a_line():
    page = ["县科协工作总结", "县科协工作总结", "今年以来，县科协围绕中心工作，扎实推进科普宣传和学会建设，成效明显。",
            "欢迎阅读县科协工作总结，更多精彩内容请关注本站。"]
    rows = page_matrix(page)
    assert list(column(rows, "repeats_line")) == [1, 1, 0, 0]
    # a title-like line is not scored as repeating itself; the longer line quoting the title is
    assert column(rows, "repeats_title")[3] == 1.0 and column(rows, "repeats_title")[2] == 0.0


def test_neighbours():
    rows = page_matrix(PAGE)
    body = column(rows, "body_like")
    assert list(column(rows, "prev_body_like"))[1:] == list(body)[:-1]
    assert list(column(rows, "next_body_like"))[:-1] == list(body)[1:]
    assert column(rows, "next_site_signals")[1] == site_signals(classify(PAGE)[2]) > 0
    assert column(rows, "prev_site_signals")[0] == 0.0


def test_plain_rules_of_clean_are_one_feature_each():
    reasons = [None] * len(PAGE)
    reasons[0] = "breadcrumb"
    rows = page_matrix(PAGE, None, reasons)
    assert column(rows, "clean_breadcrumb")[0] == 1.0
    assert column(rows, "clean_breadcrumb")[1:].sum() == 0.0
    with pytest.raises(ValueError, match="CLEAN_RULES lacks"):
        page_matrix(PAGE, None, ["a reason nobody wrote"] + [None] * (len(PAGE) - 1))


def test_every_reason_clean_gives_is_a_feature():
    given = set(re.findall(r'return "([^"]+)"', inspect.getsource(clean_module.chrome_reason)))
    assert given and given <= set(CLEAN_RULES)


def test_an_item_of_a_numbered_list_the_site_owns():
    page = [
        "科技局上半年工作总结",
        "1、本文档由用户上传，本站整理发布，可阅读全部内容。",
        "2、本文档内容版权归属内容提供方，下载前请先登录。",
        "3. 网站客服QQ:403074932",
        "4、本站不保证质量和数量令人满意，付费之前请先阅读预览。",
        "一、取得的工作成效",
        "（一）加强科普宣传。全年共举办科普讲座十五场，受益群众三千余人，发放宣传资料一万余份。",
        "（二）推动科技创新。全年新增高新技术企业十家，科技型中小企业二十家，研发投入稳步增长。",
    ]
    verdicts = classify(page)
    assert verdicts[1].chrome and verdicts[4].chrome and not verdicts[6].chrome  # the premise
    flags = column(page_matrix(page), "list_of_chrome")
    # the report's own items, numbered otherwise, stay apart from the site's list before them
    assert flags.tolist() == [0, 1, 1, 1, 0, 0, 0, 0]  # 4、 is beside no item the rules took
