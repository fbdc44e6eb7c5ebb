"""Section starts of the search index (archive.search.sections): each heading's offset, anchor and
text, checked against what Python-Markdown itself renders with the site's extensions (toc with the
pinyin slugify, tables, attr_list), parsed by lxml. The anchors on real built pages:
tests/build/test_search.py."""

from __future__ import annotations

import markdown
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html

from archive.anchors import section_slug
from archive.search.documents import search_doc
from archive.search.sections import body_sections, heading_name
from conftest import catalogue_from, examples, report


def rendered_headings(body: str) -> list[tuple[str, str]]:
    """(id, text) of every heading Python-Markdown makes of `body`, as the site configures it."""
    md = markdown.Markdown(extensions=["toc", "tables", "attr_list"],
                           extension_configs={"toc": {"permalink": False, "slugify": section_slug}})
    tree = lxml_html.fragment_fromstring(md.convert(body) or "<p></p>", create_parent="div")
    return [(h.get("id"), h.text_content().strip()) for h in tree.xpath("//h1|//h2|//h3|//h4|//h5|//h6")]


def check(body: str) -> list[tuple[int, str, str]]:
    found = body_sections(body)
    assert [(anchor, name) for _, anchor, name in found] == rendered_headings(body)
    units = body.encode("utf-16-le")
    for offset, _, _ in found:
        line = units[2 * offset:].decode("utf-16-le").split("\n", 1)[0]
        assert line.startswith("#"), (offset, line)
        assert offset == 0 or units[2 * offset - 2:2 * offset].decode("utf-16-le") == "\n"
    return found


def test_headings_of_a_report_body():
    body = ("前言一段。\n\n## 一、主要工作\n\n正文。\n\n### （一）科普宣传\n\n正文。\n\n## 一、主要工作\n\n"
            "#### 1、举办了\\*\\*市20xx全国科普日活动\n\n## 二、20\\_年计划 ##\n\n## 三、**重点**工作\n")
    found = check(body)
    assert [a for _, a, _ in found] == ["yi-zhu-yao-gong-zuo", "yi-ke-pu-xuan-chuan", "yi-zhu-yao-gong-zuo_1",
                                        "1-ju-ban-le-shi-20xx-quan-guo-ke-pu-ri-huo-dong", "er-20-nian-ji-hua",
                                        "san-zhong-dian-gong-zuo"]
    assert found[5][2] == "三、重点工作", "inline Markdown rendered, as the page shows the heading"
    assert found[3][2] == "1、举办了**市20xx全国科普日活动"


def test_offsets_count_utf16_units_and_indented_lines_are_code():
    body = "𠀋𡈽前言\n\n## 甲\n\n    ## 代码里的井号\n\n## 乙 {#own-id}\n\n# 乙\n"
    found = check(body)
    assert [a for _, a, _ in found] == ["jia", "own-id", "yi"]
    assert found[0][0] == len("𠀋𡈽前言\n\n") + 2, "an astral character is two UTF-16 units, as in JavaScript"


def test_heading_name_plain_and_marked_up():
    assert heading_name("  一、主要工作 ") == "一、主要工作"
    assert heading_name("[链接](https://example.org/) &amp; `代码`") == "链接 & 代码"


_PIECES = st.sampled_from(["## 一、总结", "### 总结", "## 總結", "# 工作", "###### 1、计划", "## A&amp;B", "## 20**年",
                           "## 乙 {#x}", "正文一段。", "𠀋字", "    ## 代码", "## *强调*", "", "##", "#无空格标题", "## 一、总结 ##"])


@settings(max_examples=examples(200))
@given(st.lists(_PIECES, max_size=12), st.sampled_from(["\n\n", "\n"]))
def test_random_bodies_match_markdown(pieces, separator):
    check(separator.join(pieces) + "\n")


def test_search_doc_carries_the_sections(tmp_path):
    loaded = catalogue_from(tmp_path, {"2015/a.md": report(body="开头。\n\n## 一、总结\n\n正文。\n")})
    doc = search_doc(loaded.reports[0], loaded.reports[0].body)
    assert [(a, h) for _, a, h in doc.sections] == [("yi-zong-jie", "一、总结")]
    assert doc.segments[-1][doc.sections[0][0]:].startswith("## 一、总结")


def test_section_slug_per_character_is_pypinyin_on_each_token():
    """anchors.section_slug asks pypinyin once per character (the index slugs every heading again):
    the anchors are what pypinyin gives token by token, for every heading of the sample archive."""
    import re
    import unicodedata

    from pypinyin import lazy_pinyin

    from archive.text import simplified
    from conftest import ROOT

    def reference(value: str) -> str:
        text = unicodedata.normalize("NFKC", simplified(value))
        words = []
        for token in re.findall(r"[\u3400-\u9fff]|[A-Za-z0-9]+", text):
            words += [w.lower() for w in lazy_pinyin(token)] if not token.isascii() else [token.lower()]
        slug = "-".join(w for w in words if w)
        return (slug[:64].rsplit("-", 1)[0] if len(slug) > 64 else slug) or "section"

    headings = {line.lstrip("#").strip() for p in (ROOT / "reports").rglob("*.md")
                for line in p.read_text(encoding="utf-8").splitlines() if line.startswith("#")}
    headings |= {"重要的重庆银行行长", "音乐 乐观 长大 长度", "科學技術協會 2015年", "𠀋① Ⅻ"}
    assert len(headings) > 100
    assert [section_slug(h) for h in sorted(headings)] == [reference(h) for h in sorted(headings)]
