"""A reader on a phone (Chromium at 390×844): a report's title and first lines are on the first
screen; a listing's rows fit the screen (title, then one line of unit · year · region); every
listing offers the search page with its facet set, and its own counts as links; a long listing
says where the reader is. The desktop (1280×800) keeps the whole metadata panel in view."""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qs, urljoin, urlparse

import pytest

from conftest import ARTIFACTS, ROOT, ArchiveProject
from headless import DESKTOP, PHONE, chromium, serve

pytestmark = pytest.mark.browser


def sample_reports(site) -> list[str]:
    """Report pages of the sample whose text begins with a paragraph (not a heading)."""
    data = json.loads((site.site / "catalogue.json").read_text(encoding="utf-8"))["reports"]
    return [urlparse(r["url"]).path.lstrip("/") for r in data]


def test_report_title_and_first_lines_on_the_first_phone_screen(sample_site):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    urls = sample_reports(sample_site)[:6]
    with serve(sample_site.site) as base, chromium() as browser:
        page = browser.new_page(viewport=PHONE)
        for n, url in enumerate(urls):
            page.goto(base + url)
            title = page.locator("h1").first.bounding_box()
            assert title["y"] >= 0 and title["y"] + title["height"] <= PHONE["height"], url
            first = page.locator(".archive-body p").first
            box = first.bounding_box()
            line = float(first.evaluate("p => parseFloat(getComputedStyle(p).lineHeight)"))
            # the paragraph begins on the first screen, with at least three of its lines (or all of it)
            shown = min(box["height"], 3 * line)
            assert box["y"] + shown <= PHONE["height"], f"{url}: first paragraph at {box['y']:.0f} px"
            # unit · year · region · category on one or two lines; the rest folded
            meta = page.locator("dl.archive-meta").bounding_box()
            meta_line = float(page.locator("dl.archive-meta").evaluate("e => parseFloat(getComputedStyle(e).lineHeight)"))
            assert meta["height"] <= 2.2 * meta_line, f"{url}: metadata {meta['height']:.0f} px high"
            more = page.locator("details.archive-meta__more")
            if more.count():
                assert more.evaluate("d => !d.open")
                assert not page.locator(".archive-meta__rest").is_visible()
            if n == 0:
                page.screenshot(path=str(ARTIFACTS / "phone-report-first-screen.png"))
            assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_report_metadata_whole_on_desktop(sample_site):
    url = next(u for u in sample_reports(sample_site) if "来源" in sample_site.page(u))
    with serve(sample_site.site) as base, chromium() as browser:
        page = browser.new_page(viewport=DESKTOP)
        page.goto(base + url)
        assert page.locator(".archive-meta__rest dt", has_text="来源").is_visible()
        assert page.locator("dl.archive-meta dt", has_text="单位").is_visible()
        body = page.locator(".archive-body p").first.bounding_box()
        assert body["y"] < DESKTOP["height"]
        page.screenshot(path=str(ARTIFACTS / "desktop-report-first-screen.png"))


def assert_rows_fit(page, url: str) -> int:
    rows = page.locator("table.archive-reports tbody tr")
    count = rows.count()
    assert count > 0, url
    width = PHONE["width"]
    for i in range(min(count, 40)):
        row = rows.nth(i)
        box = row.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width + 0.5, f"{url}: row {i} overflows"
        cells = row.locator("td")
        title = cells.nth(0).bounding_box()
        meta = [cells.nth(k).bounding_box() for k in range(1, cells.count())]
        # the title, then one line: unit · year · region (· category), each visible and on screen
        assert len(meta) >= 3, url
        tops = {round(m["y"]) for m in meta}
        assert len(tops) == 1, f"{url}: row {i} meta on {len(tops)} lines"
        assert all(m["width"] > 0 and m["x"] + m["width"] <= width + 0.5 for m in meta), f"{url}: row {i} meta cut off"
        assert min(m["y"] for m in meta) >= title["y"] + title["height"] - 1
    assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{url}: page wider than the screen"
    return count


def test_listing_rows_fit_a_phone(sample_site):
    with serve(sample_site.site) as base, chromium() as browser:
        page = browser.new_page(viewport=PHONE)
        for url in ("categories/summary/", "years/2015/", "regions/220000/", "regions/unknown/"):
            page.goto(base + url)
            assert_rows_fit(page, url)
        page.goto(base + "categories/summary/")
        page.screenshot(path=str(ARTIFACTS / "phone-listing-category.png"), full_page=True)


def test_listing_narrows_to_the_search_page_with_its_facet(sample_site):
    with serve(sample_site.site) as base, chromium() as browser:
        page = browser.new_page(viewport=PHONE)
        page.goto(base + "categories/summary/")
        total = int(page.locator("h2#reports .archive-count").inner_text())
        # the listing's own counts, by year and region, each a search link with both facets
        page.locator("details.archive-narrow__more summary").click()
        year_links = page.locator(".archive-narrow__facets a[href*='year=']")
        assert year_links.count() >= 2
        href = year_links.first.get_attribute("href")
        query = parse_qs(urlparse(href).query)
        assert query["category"] == ["工作总结"] and re.fullmatch(r"\d{4}|unknown", query["year"][0])
        counts = [int(t) for t in page.locator(".archive-narrow__facets").first.locator(".archive-count").all_inner_texts()]
        assert sum(counts) == total
        # the search page, with the category set
        page.locator("a.archive-narrow__search").click()
        page.wait_for_url("**/search/**")
        assert parse_qs(urlparse(page.url).query) == {"category": ["工作总结"]}
        page.wait_for_function("() => /找到 \\d+ 篇/.test(document.querySelector('.archive-search__status').textContent)")
        status = page.locator(".archive-search__status").inner_text()
        assert f"找到 {total} 篇" in status
        page.screenshot(path=str(ARTIFACTS / "phone-narrowed-search.png"))


def test_long_listing_says_where_the_reader_is(tmp_path):
    """Page size 4: a long list shows its buckets (years) and its newest reports; a bucket is
    paginated on its own and links the list's other years; an old page number leads to the list."""
    project = ArchiveProject(tmp_path / "paged", reports=ROOT / "reports")
    config = project.path / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("page_size: 100", "page_size: 4"), encoding="utf-8")
    result = project.build()
    assert result.returncode == 0, result.stderr
    with serve(project.site) as base, chromium() as browser:
        for viewport, name in ((DESKTOP, "desktop"), (PHONE, "phone")):
            page = browser.new_page(viewport=viewport)
            page.goto(base + "categories/summary/")
            buckets = page.locator("h3#buckets + ul.archive-links > li > a")
            assert buckets.all_inner_texts()[-1] == "年份不详" and buckets.count() >= 3
            assert buckets.first.is_visible()
            if viewport is PHONE:
                assert_rows_fit(page, page.url)
            page.screenshot(path=str(ARTIFACTS / f"{name}-listing-buckets.png"), full_page=True)
            page.close()
        page = browser.new_page(viewport=PHONE)
        page.goto(base + "categories/summary/unknown/page/3/")
        nav = page.locator("nav.archive-pages[aria-label='分页']").first
        text = nav.inner_text()
        last = re.search(r"第 3 / (\d+) 页", text)
        assert last and int(last.group(1)) >= 5
        end = urljoin(page.url, nav.locator("a", has_text="末页").get_attribute("href"))
        assert end == base + f"categories/summary/unknown/page/{last.group(1)}/"
        assert urljoin(page.url, nav.locator("a", has_text="首页").get_attribute("href")) == base + "categories/summary/unknown/"
        assert page.locator("nav.archive-buckets [aria-current='page']").inner_text() == "年份不详"
        page.locator("nav.archive-buckets").scroll_into_view_if_needed()
        page.screenshot(path=str(ARTIFACTS / "phone-listing-pages.png"))
        years = page.locator("nav.archive-buckets a")
        assert years.count() >= 2
        years.first.click()
        page.wait_for_url(lambda url: bool(re.search(r"/categories/summary/\d{4}/$", url)), timeout=15000)
        assert_rows_fit(page, page.url)
        # a page number of the list from when it was cut by position leads to the list
        page.goto(base + "categories/summary/page/3/")
        page.wait_for_url(base + "categories/summary/")
        assert page.locator("h1").inner_text() == "工作总结"
