"""Importer, sections (archive.importer.sections) and the anchors of headings (archive.anchors)."""

from __future__ import annotations

from archive.anchors import section_slug
from archive.importer.sections import heading_levels
from archive.importer.writer import markdown_body


def test_numbered_sections_are_headings_at_their_level():
    paragraphs = ["现将一年来的工作总结如下：", "一、主要工作", "（一）加强组织建设，提高凝聚力", "全年召开会议十次，选出委员七名。",
                  "1、总支换届", "召开总支大会，差额选举出7名委员，做到让组织满意。", "二、存在问题", "经费不足，人员偏少。"]
    assert heading_levels(paragraphs) == [None, 2, 3, None, 4, None, 2, None]


def test_numbered_sentences_and_lists_stay_paragraphs():
    paragraphs = ["一、主要工作", "1、成立了领导小组。6月初，成立了创先争优活动领导小组。", "2.经费不足", "3.人员少",
                  "二、工作完成了，效果很好。", "正文。", "三、下一步打算"]
    assert heading_levels(paragraphs) == [2, None, None, None, None, None, None]


def test_the_writer_writes_headings_as_markdown():
    body = markdown_body(["一、主要工作", "（一）加强组织建设", "全年召开会议十次。", "1. 自然情况很好，多云。"])
    assert body == "## 一、主要工作\n\n### （一）加强组织建设\n\n全年召开会议十次。\n\n1\\. 自然情况很好，多云。\n"


def test_anchors_are_pinyin_of_the_heading_alone():
    assert section_slug("一、主要工作") == "yi-zhu-yao-gong-zuo"
    assert section_slug("一、主要工作") == section_slug("一、主要工作")
    assert section_slug("（二）科普工作") == "er-ke-pu-gong-zuo"
    assert section_slug("二、2016年工作思路") == "er-2016-nian-gong-zuo-si-lu"
    assert len(section_slug("一、" + "科普" * 80)) <= 64
    assert section_slug("、、") == "section"
