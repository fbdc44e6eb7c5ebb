"""Search in headless Chromium: the header box (keyboard, results as you type, Enter) and the
search page (facets in the URL, back button), on desktop and phone, with no request elsewhere."""

from __future__ import annotations

import pytest

import search_reference as ref
from conftest import ARTIFACTS
from headless import DESKTOP, PHONE, chromium, serve

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("viewport_name, viewport", [("desktop", DESKTOP), ("phone", PHONE)])
def test_header_box(sample_site, viewport_name, viewport):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    corpus = ref.load(sample_site.reports)
    report_url = next(iter(sorted(p for p, _, _ in corpus))).replace(".md", "/").lower()
    with serve(sample_site.site) as base, chromium() as browser:
        page = browser.new_page(viewport=viewport)
        outside = []
        page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(base) and not r.url.startswith("data:") else None)
        page.goto(base + report_url)
        page.wait_for_load_state("networkidle")
        page.keyboard.press("/")
        box = page.locator('[data-archive-search="box"]')
        assert box.evaluate("el => el === document.activeElement"), "/ focuses the search box"
        box.type("總結", delay=30)
        meta = page.locator('[data-archive-search="dropdown"] .md-search-result__meta')
        want = len(ref.scan(corpus, "總結"))
        page.wait_for_function("n => document.querySelector('[data-archive-search=dropdown] .md-search-result__meta').textContent.includes('找到 ' + n + ' 篇')", arg=want)
        hits = page.locator(".archive-hit")
        assert 1 <= hits.count() <= 8
        # the list shows first, the excerpts follow (highlighted, in the report's own script)
        page.wait_for_function("() => document.querySelector('[data-archive-search=dropdown]').dataset.excerpts === '總結'")
        assert page.locator(".archive-hit__excerpt mark").count() >= 1
        assert float(page.locator('[data-archive-search="dropdown"]').get_attribute("data-ms")) > 0
        page.screenshot(path=str(ARTIFACTS / f"search-header-{viewport_name}.png"))
        first_href = hits.first.locator("a").get_attribute("href")
        box.press("Enter")
        page.wait_for_url(first_href)

        page.keyboard.press("s")
        box.type("不存在的词语组合", delay=10)
        page.wait_for_function("() => document.querySelector('[data-archive-search=dropdown] .md-search-result__meta').textContent.includes('没有找到')")
        assert "没有找到" in meta.inner_text()
        page.screenshot(path=str(ARTIFACTS / f"search-none-{viewport_name}.png"))
        assert outside == [], outside[:5]


def test_search_page_facets_in_url(sample_site):
    corpus = ref.load(sample_site.reports)
    want = ref.scan(corpus, "科普")
    want_2015 = {p for p, _, meta in corpus if p in want and meta.get("year") == 2015}
    with serve(sample_site.site) as base, chromium() as browser:
        page = browser.new_page(viewport=DESKTOP)
        page.goto(base + "search/?q=科普")
        status = page.locator(".archive-search__status")
        page.wait_for_function("n => document.querySelector('.archive-search__status').textContent === '找到 ' + n + ' 篇'", arg=len(want))
        year_link = page.locator('a[data-facet="year"][data-value="2015"]')
        assert year_link.locator("xpath=..").locator(".archive-count").inner_text() == str(len(want_2015))
        page.screenshot(path=str(ARTIFACTS / "search-page.png"), full_page=True)
        year_link.click()
        page.wait_for_function("n => document.querySelector('.archive-search__status').textContent === '找到 ' + n + ' 篇'", arg=len(want_2015))
        assert "year=2015" in page.url
        assert page.locator(".archive-search__results .archive-hit").count() == min(20, len(want_2015))
        page.screenshot(path=str(ARTIFACTS / "search-page-2015.png"), full_page=True)
        page.go_back()
        page.wait_for_function("n => document.querySelector('.archive-search__status').textContent === '找到 ' + n + ' 篇'", arg=len(want))
        assert "year=" not in page.url
        # a facet listing without a query
        page.goto(base + "search/?region=贵州省")
        listed = {p for p, _, meta in corpus if (meta.get("region") or "").startswith("贵州")}
        page.wait_for_function("() => document.querySelector('.archive-search__status').textContent.startsWith('找到')")
        assert status.inner_text() == f"找到 {len(listed)} 篇" or not listed
        page.set_viewport_size(PHONE)
        page.screenshot(path=str(ARTIFACTS / "search-page-phone.png"), full_page=False)


def test_header_box_runs_on_a_pause_and_debounces_typing(sample_site):
    """An input after a pause searches at once; fast keystrokes after it search once, for the last text."""
    with serve(sample_site.site) as base, chromium() as browser:
        page = browser.new_page(viewport=DESKTOP)
        page.goto(base + "search/")
        page.wait_for_load_state("networkidle")
        page.evaluate("""() => {
            window.searched = [];
            const dropdown = document.querySelector('[data-archive-search=dropdown]');
            new MutationObserver(() => window.searched.push(dropdown.dataset.query))
                .observe(dropdown, { attributes: true, attributeFilter: ['data-query'] });
        }""")
        box = page.locator('[data-archive-search="box"]')
        box.click()
        box.type("科普宣传", delay=5)  # faster than the debounce: the first key at once, then the last text
        page.wait_for_function("() => window.searched.includes('科普宣传')")
        page.wait_for_timeout(300)
        searched = page.evaluate("window.searched")
        assert searched[-1] == "科普宣传" and len(searched) <= 2, searched

