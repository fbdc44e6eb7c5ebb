"""What the public gets, checked on built HTML and files: home chart, report page extras,
near-duplicates, feeds, sitemap, open data, structured metadata, units/regions at scale, 404.
The pieces on their own: tests/unit/test_pages_charts.py, test_similarity.py, test_export_history.py."""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import re
import subprocess
import xml.etree.ElementTree as ET

import pytest

from archive.export.data import FIELDS, csv_cell
from conftest import report
from public_fixtures import REUSED, REUSED_FROM, make_public_site


ATOM = "{http://www.w3.org/2005/Atom}"


SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(scope="module")
def public_site(tmp_path_factory):
    return make_public_site(tmp_path_factory.mktemp("public"))


def jsonld(html: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, "no JSON-LD"
    return json.loads(match.group(1))


def reused_url():
    return "reports/" + REUSED[:-3] + "/"


def test_home_chart_totals_latest_and_search(public_site):
    html = public_site.page("")
    start = html.index('<svg class="archive-svgchart"')
    svg = html[start: html.index("</svg>", start)]
    assert 'role="img"' in svg and "<title id=" in svg and "<desc id=" in svg
    desc = re.search(r"<desc[^>]*>(.*?)</desc>", svg, re.S).group(1)
    assert "2015年" in desc and "年份不详" in desc
    assert svg.count("archive-svgchart__bar--unknown") == 1, "年份不详 drawn apart, once"
    assert 'class="archive-totals"' in html and "篇报告" in html
    assert 'role="search"' in html and 'name="q"' in html
    assert 'id="latest"' in html and html.count("<tr>") >= 5
    assert 'id="by-region"' in html and 'id="by-category"' in html
    assert 'href="feed.xml"' in html and 'property="og:title"' in html


def test_report_citation_with_its_address_and_prevnext(public_site):
    html = public_site.page(reused_url())
    cite = re.search(r'<p class="archive-cite__text"[^>]*>(.*?)</p>', html, re.S).group(1)
    assert cite.startswith("科技局. 科技局党建工作总结（2016年）[R/OL]. 2016. https://example.org/reports/2016/")  # GB/T 7714-2025
    assert 'data-copy="cite-text"' in html
    assert 'rel="prev"' in html and "上一年" in html
    assert cite.endswith("https://example.org/" + reused_url() + ".")  # also the printed page's address


def test_near_duplicates_found_and_shown_with_similarity(public_site):
    html = public_site.page(reused_url())
    section = html[html.index('id="similar"'):]
    assert "相似报告" in html[html.index('id="similar"') - 200:]
    assert "../../2015/kejiju-dangjian-gongzuo-zongjie/" in section[:2000]
    percent = int(re.search(r"相似度 (\d+)%", section).group(1))
    assert 50 <= percent <= 100
    other = public_site.page("reports/" + REUSED_FROM[:-3] + "/")
    assert 'id="similar"' in other, "near-duplicates are listed both ways"


def test_jsonld_and_open_graph(public_site):
    html = public_site.page("reports/2017/tongyu-xian-kexie-gongzuo-huibao/")
    data = jsonld(html)
    assert data["@type"] == "Report" and data["publisher"]["name"] == "工作报告档案馆"
    assert data["datePublished"].startswith("2017")
    assert data["spatialCoverage"]["identifier"]["value"] == "220822"
    assert '<meta property="og:type" content="article">' in html
    assert 'property="og:url" content="https://example.org/reports/2017/tongyu-xian-kexie-gongzuo-huibao/"' in html


def test_jsonld_cannot_break_out_of_script(project):
    title = "</script><script>alert(1)</script><!-- 标题 & \"引号\""
    project.write("2015/x.md", report(title=json.dumps(title, ensure_ascii=False), extra="region: 遵义市"))
    result = project.build()
    assert result.returncode == 0, result.stderr
    html = project.page("reports/2015/x/")
    head = html[: html.index("</head>")]
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', head, re.S).group(1)
    assert "<" not in script and ">" not in script
    assert json.loads(script)["name"] == title
    assert "<script>alert(1)" not in html
    assert 'content="&lt;/script&gt;' in head  # og:title, escaped


def test_feeds_are_valid_and_deterministic(public_site):
    atom = ET.parse(public_site.site / "feed.xml").getroot()
    entries = atom.findall(f"{ATOM}entry")
    assert 1 <= len(entries) <= 50
    assert all(e.find(f"{ATOM}updated").text for e in entries)
    assert atom.find(f"{ATOM}updated").text == max(e.find(f"{ATOM}updated").text for e in entries)
    rss = ET.parse(public_site.site / "rss.xml").getroot()
    assert len(rss.findall("channel/item")) == len(entries)
    assert rss.find("channel/language").text == "zh-CN"


def test_sitemap_lists_every_page_with_report_dates_not_build_time(public_site):
    root = ET.parse(public_site.site / "sitemap.xml").getroot()
    urls = {u.find(f"{SM}loc").text: (u.find(f"{SM}lastmod").text if u.find(f"{SM}lastmod") is not None else None)
            for u in root.findall(f"{SM}url")}
    pages = {p.parent.relative_to(public_site.site).as_posix() for p in public_site.site.rglob("index.html")}
    assert "https://example.org/" in urls
    assert len(urls) >= len([p for p in pages if p != "."]) - 5  # (redirect pages of moved reports are not listed)
    import datetime as dt
    today = dt.date.today().isoformat()
    # the sample's reports state no date and the test copy is not a git checkout: no lastmod at
    # all, rather than the build's date (dates from git: test_sitemap_and_feed_dates_come_from_git)
    assert today not in urls.values(), "lastmod comes from the reports or git, never from the build"
    with gzip.open(public_site.site / "sitemap.xml.gz") as f:
        assert f.read() == (public_site.site / "sitemap.xml").read_bytes()


def test_sitemap_and_feed_dates_come_from_git(project):
    project.write("2015/a.md", report(title="甲"))
    project.write("2016/b.md", report(title="乙", year="2016"))
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org"}
    def git(*args, date=None):
        extra = {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date} if date else {}
        subprocess.run(["git", *args], cwd=project.path, env={**env, **extra}, check=True, capture_output=True)
    git("init", "-q")
    git("add", "reports/2015/a.md")
    git("commit", "-qm", "a", date="2020-03-04T05:06:07+00:00")
    git("add", "reports/2016/b.md")
    git("commit", "-qm", "b", date="2021-05-06T07:08:09+00:00")
    assert project.build().returncode == 0
    sitemap = (project.site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://example.org/reports/2015/a/</loc><lastmod>2020-03-04</lastmod>" in sitemap
    assert "<loc>https://example.org/reports/2016/b/</loc><lastmod>2021-05-06</lastmod>" in sitemap
    atom = (project.site / "feed.xml").read_text(encoding="utf-8")
    assert atom.index("乙") < atom.index("甲"), "newest addition first"
    assert "<updated>2021-05-06T07:08:09+00:00</updated>" in atom
    home = project.page("")
    latest = home[home.index('id="latest"'):]
    assert latest.index("乙") < latest.index("甲")


def test_catalogue_json_and_csv(public_site):
    data = json.loads((public_site.site / "catalogue.json").read_text(encoding="utf-8"))
    assert data["fields"] == list(FIELDS) and data["count"] == len(data["reports"]) >= 30
    row = next(r for r in data["reports"] if r["url"].endswith("/reports/2017/tongyu-xian-kexie-gongzuo-huibao/"))
    assert row["region"] == "吉林省/白城市/通榆县" and row["region_code"] == "220822" and row["year"] == 2017
    assert row["characters"] > 100 and isinstance(row["tags"], list)
    raw = (public_site.site / "catalogue.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == data["count"] and list(rows[0]) == list(FIELDS)


def test_csv_cells_cannot_be_formulas(project):
    project.write("2015/f.md", report(title='"=HYPERLINK(\\"http://evil\\")"', unit='"+科协"',
                                      extra='source: "@SUM(1)"\ntags: ["-1"]'))
    assert project.build().returncode == 0
    rows = list(csv.reader(io.StringIO((project.site / "catalogue.csv").read_text(encoding="utf-8-sig"))))
    cells = rows[1]
    assert cells[1].startswith("'=") and cells[2] == "'+科协" and cells[8] == "'-1" and cells[9] == "'@SUM(1)"
    assert csv_cell(None) == "" and csv_cell(2015) == 2015


def test_open_data_page_documents_every_field(public_site):
    html = public_site.page("data/")
    assert "<h1" in html and "开放数据" in html
    for name in FIELDS:
        assert f"<code>{name}</code>" in html, name
    for link in ("../catalogue.json", "../catalogue.csv", "../feed.xml"):
        assert f'href="{link}"' in html
    nav = html[html.index('class="md-tabs'):] if 'class="md-tabs' in html else html
    assert "开放数据" in nav


def test_regions_tree_counts_at_each_level(public_site):
    html = public_site.page("regions/")
    for name in ("吉林省", "白城市", "通榆县"):
        assert re.search(name + r'</a>(?: <small>[^<]*</small>)? <span class="archive-count">\d+</span>', html), name
    city = public_site.page("regions/220000/220800/")
    assert "通榆县" in city and "下辖地区" in city


def test_units_grouped_by_region_and_initial(public_site):
    html = public_site.page("units/")
    assert 'id="by-initial"' in html and 'id="by-region"' in html and 'class="archive-unitfilter"' in html
    assert "units/by-region/220000/" in html or "by-region/220000/" in html
    units = json.loads((public_site.site / "units/units.json").read_text(encoding="utf-8"))
    tongyu = next(u for u in units if u["name"] == "通榆县科协")
    assert tongyu["initials"] == "tyxkx" and tongyu["url"] == "units/tongyuxiankexie/"
    letter = public_site.page("units/by-initial/t/")
    assert "通榆县科协" in letter


def test_index_pages_stay_small_at_1000(synth_1000):
    site = synth_1000.site
    for page in site.glob("units/**/index.html"):
        html = page.read_text(encoding="utf-8")
        assert html.count('<li><a href=') <= 260, page  # ≤ 200 units + navigation
    index = (site / "units/index.html").read_text(encoding="utf-8")
    assert 'id="all-units"' not in index, "over 200 units: /units/ lists groups, not every unit"
    regions = (site / "regions/index.html").read_text(encoding="utf-8")
    assert regions.count('class="archive-count"') <= 400


def test_404_page_is_chinese(public_site):
    html = (public_site.site / "404.html").read_text(encoding="utf-8")
    assert "页面不存在" in html and "返回首页" in html and "Not found" not in html


def test_no_third_party_hosts_in_pages(public_site):
    for url in ("", reused_url(), "units/", "data/"):
        html = public_site.page(url)
        resources = re.findall(r'src="(https?://[^"]+)"', html) + re.findall(r'<link [^>]*href="(https?://[^"]+)"', html)
        for ref in resources:
            assert ref.startswith("https://example.org/"), (url, ref)
