"""Report sections on the site: headings with stable anchors and a table of contents."""

from __future__ import annotations

import re

from conftest import report

BODY = "现将工作总结如下：\n\n## 一、主要工作\n\n全年召开会议十次。\n\n### （一）科普工作\n\n举办讲座二十场。\n\n## 二、存在问题\n\n经费不足。\n"


def _anchors(html: str) -> list[str]:
    """Ids of the report text's headings (the archive-body block)."""
    body = html[html.index('<div class="archive-body">'):html.index('<section class="archive-cite"')]
    return re.findall(r'<h[2-4] id="([^"]+)"', body)


def _names(html: str) -> list[str]:
    """The readable part of each anchor (report ids may carry a prefix that keeps them apart
    from the page's own ids)."""
    return [anchor.removeprefix("user-content-") for anchor in _anchors(html)]


def test_a_report_page_has_its_sections_in_a_table_of_contents_with_stable_anchors(project):
    project.write("2015/a.md", report(body=BODY))
    assert project.build().returncode == 0
    html = project.page("reports/2015/a")
    assert _names(html) == ["yi-zhu-yao-gong-zuo", "yi-ke-pu-gong-zuo", "er-cun-zai-wen-ti"]
    toc = html[html.index('class="archive-toc"'):]
    for anchor in _anchors(html):
        assert f'href="#{anchor}"' in toc
    # a section added above leaves the others' anchors as they were
    project.write("2015/a.md", report(body=BODY.replace("## 一、主要工作", "## 〇、概况\n\n概况一段。\n\n## 一、主要工作")))
    assert project.build().returncode == 0
    assert _names(project.page("reports/2015/a"))[1:] == ["yi-zhu-yao-gong-zuo", "yi-ke-pu-gong-zuo", "er-cun-zai-wen-ti"]


def test_the_sample_archive_has_sections(sample_site):
    pages = list((sample_site.site / "reports").rglob("index.html"))
    with_sections = [p for p in pages if _anchors(p.read_text(encoding="utf-8"))]
    assert len(with_sections) >= 25
