"""Year against year on the site: one page per pair of consecutive years of a unit, linked from
both reports and from the unit's page, readable without JavaScript."""

from __future__ import annotations

import html as htmllib
import json
import re
import subprocess

from bs4 import BeautifulSoup
from conftest import PYTHON, ROOT, report

OLD = "开头。\n\n## 一、主要工作\n\n举办讲座二十场。培训农民五千人次。\n\n## 二、存在问题\n\n经费不足。\n"
NEW = "开头。\n\n## 一、主要工作\n\n举办讲座三十场。培训农民五千人次。新建<script>alert(1)</script>基地两个。\n\n## 二、存在问题\n\n经费不足。\n"


def _build(project):
    project.write("2014/a.md", report(title="甲县科协2014年工作总结", unit="甲县科协", year="2014", body=OLD))
    project.write("2015/b.md", report(title="甲县科协2015年工作总结", unit="甲县科协", year="2015", body=NEW))
    project.write("2016/c.md", report(title="乙县科协2016年工作总结", unit="乙县科协", year="2016", body=NEW))
    project.write("2016/d.md", report(title="甲县科协工作总结", unit="甲县科协", year="null", body=NEW))
    result = project.build()
    assert result.returncode == 0, result.stderr


def test_a_comparison_page_per_pair_of_consecutive_years(project):
    _build(project)
    pages = sorted(p.relative_to(project.site).as_posix() for p in project.site.glob("units/*/compare/*/index.html"))
    assert len(pages) == 1 and pages[0].endswith("/compare/2014-2015/index.html")
    page = (project.site / pages[0]).read_text(encoding="utf-8")
    assert "<h1>甲县科协：2014年与2015年对照</h1>" in page
    assert "新增 1 句" in page and "改动 1 句" in page and "相同 3 句" in page and "删去 0 句" in page
    assert "<script>alert(1)</script>" not in page and htmllib.escape("<script>alert(1)</script>") in page
    # each section a table of blocks: the sentence changed beside its old form, the sentence added
    # beside nothing, the sentences kept counted once (not written out twice)
    soup = BeautifulSoup(page, "lxml")
    rows = {section.h2.get_text(): [(tr["class"], [td.get_text() for td in tr.find_all("td")])
                                    for tr in section.select("table.archive-cmp tbody tr")]
            for section in soup.select("section.archive-compare__section")}
    assert rows == {
        "开头": [(["s"], ["相同 1 句，从略（见原文）"])],
        "一、主要工作": [(["c"], ["举办讲座二十场。", "举办讲座三十场。"]), (["s"], ["相同 1 句，从略（见原文）"]),
                     (["d"], ["", "新建<script>alert(1)</script>基地两个。"])],
        "二、存在问题": [(["s"], ["相同 1 句，从略（见原文）"])],
    }
    assert soup.select_one("tr.s a")["href"].replace("../", "") == "reports/2015/b/"
    assert page.count("培训农民五千人次") == 0  # kept: counted, not repeated
    # the description (given when the page is rendered, not when the pages are described) says the same counts
    description = soup.find("meta", attrs={"name": "description"})["content"]
    assert description == "甲县科协2014年与2015年的报告逐节对照：新增 1 句，删去 0 句，改动 1 句，相同 3 句。"
    # both reports, the unit's page and the comparison link to each other
    unit_dir = pages[0].split("/compare/")[0]
    href = pages[0].removesuffix("index.html")
    for source in ("reports/2014/a", "reports/2015/b", unit_dir):
        linked = re.findall(r'href="([^"]*compare/2014-2015/)"', project.page(source))
        assert linked, f"{source} does not link to the comparison"
    assert "reports/2014/a/" in page.replace("../", "") and "reports/2015/b/" in page.replace("../", "")
    assert href


def test_comparison_pages_are_the_same_with_and_without_speedups(project, tmp_path):
    _build(project)
    first = {p.relative_to(project.site): p.read_bytes() for p in project.site.rglob("*") if p.is_file()}
    result = project.build(env={"ARCHIVE_SPEEDUPS": "0"})
    assert result.returncode == 0, result.stderr
    second = {p.relative_to(project.site): p.read_bytes() for p in project.site.rglob("*") if p.is_file()}
    assert first == second


def test_page_weight_measures_the_rows_of_comparison_pages(project):
    _build(project)
    result = subprocess.run([PYTHON, str(ROOT / "scripts" / "page_weight.py"), str(project.site), "--compare", "--json"],
                            capture_output=True, text=True, check=True)
    weight = json.loads(result.stdout)
    page = next(project.site.glob("units/*/compare/*/index.html")).read_bytes()
    soup = BeautifulSoup(page, "lxml")
    assert weight["pages"] == 1 and weight["total"] == len(page)
    assert set(weight["rows"]) == {"c", "d", "s"}
    # each kind's bytes are its rows as the file holds them, from <tr to </tr>
    rows = re.findall(rb'<tr class="\w">.*?</tr>', page)
    assert sum(weight["rows"].values()) == sum(len(row) for row in rows)
    assert len(rows) == len(soup.select("tr[class]")) == 5
    assert weight["frame"] == weight["total"] - sum(weight["rows"].values())
