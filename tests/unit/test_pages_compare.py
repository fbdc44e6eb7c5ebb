"""Year against year (archive.pages.compare): sections aligned by heading, sentences diffed."""

from __future__ import annotations

from archive.pages.compare import (ADDED, CHANGED, DIFFER, REMOVED, SAME, Block, Row, align, blocks, compare, diff_sentences,
                                   sections, year_pairs)

OLD = "开头一句。\n\n## 一、主要工作\n\n举办讲座二十场。培训农民五千人次。\n\n## 二、存在问题\n\n经费不足。\n"
NEW = "开头一句。\n\n## 一、主要工作\n\n举办讲座三十场。培训农民五千人次。新建科普基地两个。\n\n## 二、下一步打算\n\n争取经费。\n\n## 三、存在问题\n\n经费不足。\n"


class R:
    def __init__(self, body, year=2015, slug="a"):
        self.body, self.year, self.slug, self.title = body, year, slug, slug


def test_sections_and_sentences():
    assert sections(OLD) == [("", ["开头一句。"]), ("一、主要工作", ["举办讲座二十场。", "培训农民五千人次。"]), ("二、存在问题", ["经费不足。"])]


def test_sections_align_by_heading_without_numbering():
    pairs = align(sections(OLD), sections(NEW))
    assert (2, 3) in pairs        # 二、存在问题 ↔ 三、存在问题
    assert (None, 2) in pairs     # 二、下一步打算 is new
    assert (0, 0) in pairs and (1, 1) in pairs


def test_sentences_kept_added_removed_changed():
    rows = diff_sentences(["举办讲座二十场。", "培训农民五千人次。", "旧的一句完全不同。"],
                          ["举办讲座三十场。", "培训农民五千人次。", "新建科普基地两个。"])
    assert [r.kind for r in rows] == [CHANGED, SAME, REMOVED, ADDED]


def test_counts():
    _, counts = compare(R(OLD), R(NEW, 2016))
    assert counts == {SAME: 3, ADDED: 2, REMOVED: 0, CHANGED: 1}


def test_one_page_per_pair_of_consecutive_stated_years():
    timeline = [R("", 2014, "a"), R("", 2016, "b"), R("", 2016, "c"), R("", None, "d"), R("", 2017, "e")]
    pairs = year_pairs(timeline)
    assert [(o.slug, n.slug) for o, n, _ in pairs] == [("a", "b"), ("b", "e")]
    assert [o.slug for o in pairs[0][2]] == ["c"]


def test_blocks_count_runs_kept_and_join_runs_removed_and_added():
    rows = [Row(SAME, "甲。", "甲。"), Row(SAME, "乙。", "乙。"), Row(REMOVED, "丙。"), Row(ADDED, "", "丁。"),
            Row(REMOVED, "戊。"), Row(CHANGED, "己一。", "己二。"), Row(ADDED, "", "庚。"), Row(SAME, "辛。", "辛。")]
    assert blocks(rows) == [Block(SAME, count=2), Block(DIFFER, "丙。戊。", "丁。"), Block(CHANGED, "己一。", "己二。"),
                            Block(DIFFER, "", "庚。"), Block(SAME, count=1)]
