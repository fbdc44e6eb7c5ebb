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


def watched_header_box(browser, base):
    """The search page with its header box focused; `window.searched` lists each query the box's
    dropdown shows results for, in order."""
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
    return page, box


def test_header_box_runs_on_a_pause_and_debounces_typing(sample_site):
    """An input with no search under way searches at once; keystrokes during that search make one
    search more, for the last text (no timer holds back the last keystroke)."""
    with serve(sample_site.site) as base, chromium() as browser:
        page, box = watched_header_box(browser, base)
        # every request 200 ms slower: the keys after the first come while its search waits for its shards
        cdp = page.context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", {"offline": False, "latency": 200, "downloadThroughput": -1, "uploadThroughput": -1})
        box.type("科普宣传", delay=5)
        page.wait_for_function("() => window.searched.includes('科普宣传')")
        page.wait_for_timeout(300)
        assert page.evaluate("window.searched") == ["科", "科普宣传"]
        # with nothing under way, each input searches at once
        cdp.send("Network.emulateNetworkConditions", {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})
        for text in ("科学", "科学技术"):
            box.fill(text)
            page.wait_for_function("q => window.searched.at(-1) === q", arg=text)



HEADER_LIST = """q => {
    const d = document.querySelector('[data-archive-search=dropdown]');
    if (d.dataset.excerpts !== q) return null;
    return { meta: d.querySelector('.md-search-result__meta').textContent,
             hits: [...d.querySelectorAll('.archive-hit')].map((li) => [li.querySelector('a').getAttribute('href'),
                     li.querySelector('.archive-hit__excerpt').innerHTML]) };
}"""


def header_results(page, box, query):
    """The header box's count line and listed hits (link, excerpt) for `query`, once the excerpts are in."""
    box.fill("")
    page.evaluate("() => { delete document.querySelector('[data-archive-search=dropdown]').dataset.excerpts; }")
    box.fill(query)
    return page.wait_for_function(HEADER_LIST, arg=query).json_value()


def test_a_warm_query_lists_what_a_cold_one_does(sample_site):
    """Postings, shards and folded texts kept from earlier queries give the same hits, in the same
    order, with the same excerpts, as the query run first in a fresh page; and the counts are the
    substring scan's. 全民科学素质 and 科学技术协会 are longer than a gram (checked against the texts)."""
    corpus = ref.load(sample_site.reports)
    report_url = next(iter(sorted(p for p, _, _ in corpus))).replace(".md", "/").lower()
    queries = ["科普", "科学技术协会", "总结 科普", "全民科学素质", "學會"]
    with serve(sample_site.site) as base, chromium() as browser:
        cold = {}
        for q in queries:
            context = browser.new_context()
            page = context.new_page()
            page.goto(base + report_url)
            page.keyboard.press("/")
            cold[q] = header_results(page, page.locator('[data-archive-search="box"]'), q)
            context.close()
        page = browser.new_page()
        page.goto(base + report_url)
        page.keyboard.press("/")
        box = page.locator('[data-archive-search="box"]')
        for q in queries + queries[::-1]:  # each query warm after the others, then again
            assert header_results(page, box, q) == cold[q], q
    for q in queries:
        want = len(ref.scan(corpus, q))
        assert cold[q]["meta"].startswith(f"找到 {want} 篇") and len(cold[q]["hits"]) == min(8, want), (q, cold[q]["meta"])


def test_header_box_searches_what_an_input_method_commits(sample_site):
    """Pinyin being composed (ke, kep, kepu in the box) is not searched; the committed 科普 is, at once."""
    corpus = ref.load(sample_site.reports)
    with serve(sample_site.site) as base, chromium() as browser:
        page, box = watched_header_box(browser, base)
        box.fill("科")  # the index loaded, and a first search shown
        page.wait_for_function("() => window.searched.includes('科')")
        box.fill("")
        cdp = page.context.new_cdp_session(page)
        for text in ("k", "ke", "kep", "kepu"):
            cdp.send("Input.imeSetComposition", {"text": text, "selectionStart": len(text), "selectionEnd": len(text)})
            page.wait_for_timeout(60)
        assert box.input_value() == "kepu"
        cdp.send("Input.insertText", {"text": "科普"})
        page.wait_for_function("() => window.searched.includes('科普')")
        page.wait_for_timeout(200)
        searched = page.evaluate("window.searched")
        assert not [q for q in searched if q and q.isascii()], searched
        want = len(ref.scan(corpus, "科普"))
        meta = page.locator('[data-archive-search="dropdown"] .md-search-result__meta').inner_text()
        assert meta.startswith(f"找到 {want} 篇"), meta
