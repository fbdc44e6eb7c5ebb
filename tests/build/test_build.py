"""Real builds of real Markdown: the sample archive and a 1,000-report synthetic archive."""

from __future__ import annotations

import re

from archive_checks import assert_drafts_nowhere, assert_every_report_indexed, catalogue_of
from conftest import report


def test_sample_archive_is_substantial(sample_site):
    catalogue = catalogue_of(sample_site)
    reports = catalogue.reports
    assert len(reports) >= 15
    assert len({r.unit for r in reports}) >= 4
    assert any(r.year is None for r in reports) and len({r.year for r in reports if r.year}) >= 2
    assert any(r.region is None for r in reports) and len({r.region.code for r in reports if r.region}) >= 3
    assert len({r.category for r in reports}) >= 3
    assert catalogue.drafts, "the sample keeps one draft, to prove drafts stay private"


def test_sample_every_report_on_its_page_and_in_every_index(sample_site):
    counts = assert_every_report_indexed(sample_site)
    assert counts["reports"] >= 15


def test_sample_drafts_appear_nowhere(sample_site):
    assert assert_drafts_nowhere(sample_site) >= 1


def test_reports_are_not_navigation_entries(sample_site):
    """Scale rule: every page embeds the nav, so the nav must never list reports."""
    for url in ("years/", "regions/", ""):
        html = sample_site.page(url)
        nav_links = re.findall(r'<a href="([^"]*)"[^>]*class="md-(?:nav|tabs)__link', html)
        assert len(nav_links) >= 5, "the nav holds the index pages"
        assert not [href for href in nav_links if "reports/" in href]


def test_index_pages_are_chinese_with_ascii_urls(sample_site):
    html = sample_site.page("years/")
    assert '<html lang="zh"' in html
    assert "按年度浏览" in html and "年份不详" in html
    for path in sample_site.site.rglob("index.html"):
        assert path.relative_to(sample_site.site).as_posix().isascii()
    regions = sample_site.page("regions/")
    assert "地区不详" in regions
    assert regions.index("地区不详") > regions.index('class="archive-links"')


def test_report_page_metadata_panel(sample_site):
    catalogue = catalogue_of(sample_site)
    with_region = next(r for r in catalogue.reports if r.region and r.region.parent)
    html = sample_site.page(f"reports/{with_region.slug}/")
    panel = html[html.index('class="archive-meta"'):html.index("</dl>")]
    for label in ("单位", "年份", "地区", "类别"):
        assert f"<dt>{label}</dt>" in panel
    for division in with_region.region.path:
        assert f">{division.name}</a>" in panel
    assert 'href="/' not in panel  # links are relative, so the site works under any sub-path
    assert 'aria-label="位置"' in html  # breadcrumbs


def test_body_html_is_sanitised(project):
    project.write("2015/xss.md", report(body='正文<script>alert(1)</script><img src=x onerror="alert(2)">'
                                              '<a href="javascript:alert(3)">链接</a>\n'))
    result = project.build()
    assert result.returncode == 0, result.stderr
    html = project.page("reports/2015/xss/")
    body = html[html.index('class="archive-body"'):]
    assert "alert(1)" not in body and "onerror" not in body and "javascript:" not in body


def test_metadata_is_escaped(project):
    project.write("2015/esc.md", report(title='"<b>标题</b>"', unit='"<i>单位</i>"'))
    assert project.build().returncode == 0
    html = project.page("reports/2015/esc/")
    assert "<b>标题</b>" not in html and "&lt;b&gt;标题&lt;/b&gt;" in html
    assert "<i>单位</i>" not in html


def test_unit_timeline_links_other_years(project):
    project.write("2014/a.md", report(year="2014", title="甲"))
    project.write("2015/b.md", report(year="2015", title="乙"))
    project.write("unknown/c.md", report(year="null", title="丙"))
    assert project.build().returncode == 0
    html = project.page("reports/2015/b/")
    section = html[html.index('id="same-unit"'):]
    assert section.index("2014年 · 甲") < section.index("2015年 · 乙") < section.index("年份不详 · 丙")
    unit_page = project.page("units/zunyishikexie/")
    assert unit_page.index("甲") < unit_page.index("乙") < unit_page.index("丙")


def test_long_unit_timeline_shows_five_around_the_report_and_links_the_rest(project):
    for year in range(2001, 2016):
        project.write(f"{year}/r.md", report(year=str(year), title=f"{year}年总结"))
    assert project.build().returncode == 0
    section = project.page("reports/2008/r/").split('id="same-unit"')[1].split("</section>")[0]
    years = [int(y) for y in re.findall(r"(\d{4})年 · ", section)]
    assert years == list(range(2006, 2011))  # two before, itself, two after
    assert 'aria-current="page">2008年 · 2008年总结（本篇）' in section
    assert re.search(r'<a href="\.\./\.\./\.\./units/zunyishikexie/">遵义市科协的全部 15 篇报告 ›</a>', section)
    first = project.page("reports/2001/r/").split('id="same-unit"')[1].split("</section>")[0]
    assert [int(y) for y in re.findall(r"(\d{4})年 · ", first)] == list(range(2001, 2006))  # the window stops at the ends
    unit_page = project.page("units/zunyishikexie/")
    assert all(f"{year}年总结" in unit_page for year in range(2001, 2016))


def test_build_output_is_reproducible(project, tmp_path):
    for i in range(5):
        project.write(f"201{i}/r{i}.md", report(year=f"201{i}", extra="region: 遵义市\ntags: [科普]"))
    assert project.build().returncode == 0
    first = {p.relative_to(project.site): p.read_bytes() for p in project.site.rglob("*") if p.is_file()}
    assert project.build().returncode == 0
    second = {p.relative_to(project.site): p.read_bytes() for p in project.site.rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []


def test_synthetic_1000_every_report_indexed_and_paginated(synth_1000):
    counts = assert_every_report_indexed(synth_1000)
    assert counts["reports"] >= 980
    assert assert_drafts_nowhere(synth_1000) >= 1
    # the biggest category is cut by year (archive/pages/__init__.py) and no page of it holds
    # more than page_size entries
    buckets = sorted((synth_1000.site / "categories" / "summary").glob("[0-9][0-9][0-9][0-9]/index.html"))
    assert len(buckets) >= 20, "a category with hundreds of reports is cut into years"
    pages = [p for b in buckets for p in [b, *sorted((b.parent / "page").glob("*/index.html"))]]
    for page in [synth_1000.site / "categories/summary/index.html", *pages]:
        assert page.read_text(encoding="utf-8").count("<tr>") - 1 <= 100


def test_navigation_links_resolve_on_every_kind_of_page(sample_site):
    """The nav HTML is rendered once per section and depth and reused: its links must still
    resolve from every page that reuses it."""
    from urllib.parse import urljoin

    pages = ["", "years/", "years/unknown/", "regions/", "units/", "categories/summary/"]
    pages += [p.parent.relative_to(sample_site.site).as_posix() + "/" for p in
              sorted((sample_site.site / "reports").rglob("index.html"))[:5]]
    pages += [p.parent.relative_to(sample_site.site).as_posix() + "/" for p in
              sorted((sample_site.site / "regions").rglob("index.html"))[-3:]]
    for url in pages:
        html = sample_site.page(url)
        links = re.findall(r'<a href="([^"]*)"[^>]*class="md-(?:nav|tabs)__link', html)
        assert len(links) >= 5
        for href in links:
            if href.startswith("#"):  # the table of contents: a heading of this page
                assert f'id="{href[1:]}"' in html, f"/{url}: toc link {href} has no heading"
                continue
            target = urljoin("/" + url, href).lstrip("/")
            assert (sample_site.site / target / "index.html").exists() or (sample_site.site / target).is_file(), \
                f"/{url}: nav link {href} → /{target} does not exist"


def test_report_page_has_one_escaped_description(project):
    project.write("2015/d.md", report(unit='"<b>单位</b>"'))
    assert project.build().returncode == 0
    html = project.page("reports/2015/d/")
    descriptions = re.findall(r'<meta name="description" content="([^"]*)"', html)
    assert len(descriptions) == 1
    assert "&lt;b&gt;单位&lt;/b&gt;" in descriptions[0]


def test_every_page_file_is_written(sample_site):
    """Page folders and files are made ahead on another core; MkDocs must have filled each one."""
    pages = list(sample_site.site.rglob("*.html"))
    assert len(pages) > 100
    assert [p for p in pages if p.stat().st_size == 0] == []


def test_built_pages_have_no_indentation(sample_site):
    page = (sample_site.site / "reports").rglob("index.html").__next__().read_text(encoding="utf-8")
    outside_pre = re.sub(r"<pre\b.*?</pre>", "", page, flags=re.S)
    assert not re.search(r"\n[ \t]+<", outside_pre)


def test_no_field_value_writes_outside_the_site(project, tmp_path):
    project.write("2015/a.md", report(unit='"../../../../outside"', title='"../../../../outside"',
                                      extra="tags: [../../x]\nsource: /etc/passwd"))
    project.write("2015/b.md", report(unit='"%2e%2e%2f%2e%2e"', title="b"))
    before = set(tmp_path.rglob("*"))
    assert project.build().returncode == 0
    created = {p for p in set(tmp_path.rglob("*")) - before}
    cache = project.path / ".cache" / "archive"  # the configured store of rendered bodies, whatever the reports say
    allowed = (project.site, cache)
    outside = sorted(str(p) for p in created if not any(p == a or a in p.parents or p in a.parents for a in allowed))
    assert outside == []
    unit_pages = sorted(p.parent.name for p in (project.site / "units").glob("*/index.html"))
    assert unit_pages == ["2e-2e-2f-2e-2e", "outside"]
