"""Importer, HTML input (archive.importer.decode): the page's main content through trafilatura, the
page title first, the whole page's text as the fallback, and the page's charset honoured as before."""

from __future__ import annotations

import pytest

from archive.importer.decode import read_document
from import_helpers import dry_json

HEADING = "遵义市科协2016年工作总结"
REPORT_LINES = [
    "2016年，遵义市科协在市委、市政府的领导和省科协的指导下，紧紧围绕全市发展大局，认真履行职责，各项工作取得了新成效。",
    "一、以科普示范创建为抓手，提升公民科学素质",
    "全年组织科技下乡活动二十六次，举办农村实用技术培训班四十余期，培训农民五千余人次，发放科普资料三万余份。",
    "二、以学会建设为基础，搭建学术交流平台",
    "指导所属学会召开学术年会十二次，征集优秀学术论文一百二十篇，推荐三名科技工作者参评省级科技奖励。",
    "三、以青少年科技教育为重点，培养创新后备人才",
    "组织第三十一届青少年科技创新大赛，全市一百二十所学校参与，评出优秀科技创新作品八十件。",
]
NAV = ["网站首页", "机构概况", "新闻动态", "通知公告", "科普园地", "学会工作"]
SIDEBAR = ["2023年县科协工作总结及2024年工作计划", "市科技局上半年工作总结", "科协主席述职报告范文", "乡镇科普工作总结精选五篇"]
FOOTER = ["Copyright © 2012-2024 遵义市科学技术协会 版权所有", "黔ICP备12003456号-1", "技术支持：某某网络科技有限公司"]
PAGE_TITLE = f"{HEADING}_遵义市科学技术协会"
TRAFILATURA, WHOLE_PAGE = "trafilatura", "whole page"  # RawDocument.extractor


def page(charset: str = "utf-8", report: str | None = None, title: str = PAGE_TITLE) -> str:
    """A page laid out as Chinese CMS pages are: divs (no <nav>/<footer> tags), links everywhere."""
    items = "".join(f'<li><a href="/list/{i}.html">{t}</a></li>' for i, t in enumerate(NAV))
    side = "".join(f'<li><a href="/art/{i}.html" target="_blank">{t}</a></li>' for i, t in enumerate(SIDEBAR))
    if report is None:
        report = "".join(f"<p>{line}</p>" for line in REPORT_LINES)
    return f"""<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>{title}</title><script>var _hmt = _hmt || [];</script><style>.nav li{{float:left}}</style></head><body>
<div class="top"><a href="#">设为首页</a> | <a href="#">加入收藏</a></div>
<div class="nav"><ul>{items}</ul></div>
<div class="main"><div class="location">当前位置：首页 &gt; 通知公告 &gt; 正文</div>
<div class="article-head"><h1>{HEADING}</h1><div class="info">发布时间：2017-01-12 09:30 来源：市科协 点击：1024</div></div>
<article class="content">{report}</article>
<div class="pre-next"><p><a href="/art/98.html">上一篇：市科协机关作风建设工作总结</a></p></div></div>
<div class="right"><h3>热门文章</h3><ul>{side}</ul></div>
<div class="footer">{''.join(f'<p>{t}</p>' for t in FOOTER)}</div>
</body></html>"""


def lines_of(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def write(tmp_path, html: str, encoding: str = "utf-8", name: str = "page.html"):
    path = tmp_path / name
    path.write_bytes(html.encode(encoding))
    return path


def test_main_content_without_site_chrome(tmp_path):
    document = read_document(write(tmp_path, page()))
    lines = lines_of(document.text)
    assert document.kind == "html" and document.extractor == TRAFILATURA and document.extractor_note == ""
    for line in REPORT_LINES:
        assert line in lines
    for chrome in NAV + SIDEBAR + FOOTER + ["设为首页", "上一篇：市科协机关作风建设工作总结"]:
        assert not any(chrome in line for line in lines), chrome


def test_page_title_and_heading_come_first(tmp_path):
    lines = lines_of(read_document(write(tmp_path, page())).text)
    assert lines[0] == PAGE_TITLE
    assert lines[1] == HEADING  # trafilatura's title: the page's <h1>, outside the <article>
    assert lines[2] == REPORT_LINES[0]
    assert lines.count(HEADING) == 1


def test_line_structure_headings_breaks_and_tables(tmp_path):
    report = ("<h2>一、主要工作</h2>" + "".join(f"<p>{line}</p>" for line in REPORT_LINES[:3])
              + "<p>第一项：科普讲座<br>第二项：科技下乡<br/>第三项：学术交流</p>"
              + "<table><tr><th>项目</th><th>场次</th></tr><tr><td>科普讲座</td><td><p>12场</p></td></tr></table>"
              + "<ul><li>全年培训农民五千余人次</li><li>发放科普资料三万余份</li></ul>")
    lines = lines_of(read_document(write(tmp_path, page(report=report))).text)
    assert "一、主要工作" in lines
    assert ["第一项：科普讲座", "第二项：科技下乡", "第三项：学术交流"] == [x for x in lines if x.startswith("第") and "项" in x]
    assert "项目\t场次" in lines and "科普讲座\t12场" in lines
    assert "全年培训农民五千余人次" in lines and "发放科普资料三万余份" in lines  # no "- " list marks added


@pytest.mark.parametrize("charset", ["gbk", "gb2312"])
def test_gbk_html_still_decodes(tmp_path, charset):
    rare = "2016年，遵义市科协在赟（yūn）先生等专家指导下，深入镕铸新型科普阵地，开展“科技之春”宣传月活动，成效明显。"
    report = "".join(f"<p>{line}</p>" for line in [rare, *REPORT_LINES[1:]])
    document = read_document(write(tmp_path, page(charset=charset, report=report), encoding="gb18030"))
    lines = lines_of(document.text)
    assert document.encoding == "gb18030" and document.extractor == TRAFILATURA
    assert rare in lines and REPORT_LINES[-1] in lines and lines[0] == PAGE_TITLE
    assert not any(nav in lines for nav in NAV)


def test_gbk_html_without_charset_is_detected(tmp_path):
    html = page().replace('<meta http-equiv="Content-Type" content="text/html; charset=utf-8">', "")
    document = read_document(write(tmp_path, html, encoding="gb18030"))
    assert document.encoding == "gb18030" and document.extractor == TRAFILATURA
    assert REPORT_LINES[2] in lines_of(document.text)


def _whole_page_lines(document):
    lines = lines_of(document.text)
    assert document.extractor == WHOLE_PAGE and "trafilatura" in document.extractor_note
    assert all(line in lines for line in REPORT_LINES)
    assert "市科技局上半年工作总结" in lines  # the whole page: its chrome comes along, for the cleaning stage
    return lines


def test_fallback_when_trafilatura_finds_nothing(tmp_path, monkeypatch):
    import trafilatura

    monkeypatch.setattr(trafilatura, "bare_extraction", lambda *args, **kwargs: None)
    document = read_document(write(tmp_path, page()))
    _whole_page_lines(document)
    assert "no main content" in document.extractor_note


def test_fallback_when_trafilatura_finds_too_little(tmp_path, monkeypatch):
    import trafilatura

    real = trafilatura.bare_extraction
    fragment = "<html><body><article><p>本文档共5页，下载后可编辑。</p></article></body></html>"
    monkeypatch.setattr(trafilatura, "bare_extraction", lambda markup, **kwargs: real(fragment, **kwargs))
    document = read_document(write(tmp_path, page()))
    _whole_page_lines(document)
    assert "letters" in document.extractor_note


def test_fallback_when_trafilatura_fails(tmp_path, monkeypatch):
    import trafilatura

    def broken(*args, **kwargs):
        raise ValueError("cannot parse")

    monkeypatch.setattr(trafilatura, "bare_extraction", broken)
    document = read_document(write(tmp_path, page()))
    _whole_page_lines(document)
    assert "cannot parse" in document.extractor_note


def test_other_kinds_have_no_extractor(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(HEADING + "\n" + REPORT_LINES[0] + "\n", encoding="utf-8")
    assert read_document(path).extractor is None


def test_import_of_a_page_gives_one_report_not_its_sidebar(tmp_path):
    result = dry_json(tmp_path, write(tmp_path, page()))[0]
    assert "error" not in result
    titles = [report["title"] for report in result["reports"]]
    assert titles == [HEADING], titles


def test_a_report_imported_from_the_whole_page_tells_the_editor_to_check(tmp_path, monkeypatch):
    import trafilatura

    monkeypatch.setattr(trafilatura, "bare_extraction", lambda *args, **kwargs: None)
    reports = dry_json(tmp_path, write(tmp_path, page()))[0]["reports"]
    assert reports
    for report in reports:
        assert any("whole page's text was used" in note and "check the report" in note for note in report["review"])


def test_a_report_read_through_trafilatura_has_no_such_note(tmp_path):
    reports = dry_json(tmp_path, write(tmp_path, page()))[0]["reports"]
    assert reports and not any("whole page" in note for report in reports for note in report["review"])


def test_a_page_cut_off_mid_report_still_gives_the_report_with_a_note(tmp_path):
    path = tmp_path / "cut.txt"
    path.write_text("县科协2015年工作总结\n"
                    "2015年，县科协在县委、县政府的领导下，认真开展科普工作，组织青少年科技创新大赛，举办学会学术交流活动十余次。\n"
                    "一、科普工作\n全年共举办科普讲座二十场，培训农民五千人次，发放资料\n", encoding="utf-8")
    reports = dry_json(tmp_path, path)[0]["reports"]
    assert [r["title"] for r in reports] == ["县科协2015年工作总结"]
    assert any("may be incomplete" in note for note in reports[0]["review"])
    whole = tmp_path / "whole.txt"
    whole.write_text(path.read_text(encoding="utf-8").replace("发放资料\n", "发放资料三千份。\n"), encoding="utf-8")
    assert not any("may be incomplete" in note for note in dry_json(tmp_path, whole)[0]["reports"][0]["review"])
