"""Search results by section, highlighting on arrival, year range and sort (issue 17, points 2
and 3), in headless Chromium on the sample archive, on desktop and phone."""

from __future__ import annotations

import re

import pytest

import search_reference as ref
from conftest import ARTIFACTS
from headless import DESKTOP, PHONE, chromium, serve

pytestmark = pytest.mark.browser

FOUND = "() => /^找到 \\d+ 篇$/.test(document.querySelector('.archive-search__status').textContent)"


def found_count(page) -> int:
    page.wait_for_function(FOUND)
    return int(re.search(r"\d+", page.locator(".archive-search__status").inner_text()).group())


def article_text(page) -> str:
    return page.evaluate("() => document.querySelector('article').textContent")


@pytest.mark.parametrize("viewport_name, viewport", [("desktop", DESKTOP), ("phone", PHONE)])
def test_a_result_opens_its_section_with_the_terms_marked(sample_site, viewport_name, viewport):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with serve(sample_site.site) as base, chromium() as browser:
        page = browser.new_page(viewport=viewport)
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(base + "search/?q=总结")
        found_count(page)
        # a hit of a report in traditional script whose match is inside a section
        hit = page.locator(".archive-hit", has=page.locator(".archive-hit__section:not([hidden])")).filter(has_text="總結").first
        hit.wait_for()
        heading = hit.locator(".archive-hit__section").inner_text().removeprefix("章节").strip()
        href = hit.locator("a").get_attribute("href")
        assert "?h=%E6%80%BB%E7%BB%93#user-content-" in href, href
        page.screenshot(path=str(ARTIFACTS / f"search-sections-{viewport_name}.png"))
        hit.locator("a").click()
        page.wait_for_url(href)
        page.wait_for_function("() => document.documentElement.dataset.archiveHighlight !== undefined")
        anchor = href.split("#", 1)[1]
        target = page.locator(f'[id="{anchor}"]')
        assert target.evaluate("el => /^H[1-6]$/.test(el.tagName)") and target.inner_text().strip() == heading
        top = target.evaluate("el => el.getBoundingClientRect().top")
        assert 0 <= top < viewport["height"] / 2, f"the section is at the top of the screen ({top})"
        marks = page.locator("mark.archive-hl").all_text_contents()
        assert marks and all(ref.fold(m) == "总结" for m in marks), marks
        assert "總結" in marks, "总结 marks 總結"
        bar = page.locator(".archive-hl-bar")
        assert f"{len(marks)} 处" in bar.inner_text()
        page.screenshot(path=str(ARTIFACTS / f"search-highlight-{viewport_name}.png"))
        marked_text = article_text(page)
        bar.get_by_role("button", name="清除高亮").click()
        assert page.locator("mark.archive-hl").count() == 0 and bar.count() == 0
        assert "h=" not in page.url and page.url.endswith("#" + anchor)
        assert article_text(page) == marked_text, "marking and clearing change no text"
        page.screenshot(path=str(ARTIFACTS / f"search-highlight-cleared-{viewport_name}.png"))
        page.goto(href.split("?", 1)[0])
        assert article_text(page) == marked_text
        assert errors == [], errors


def test_the_highlighter_loads_only_when_asked_and_survives_odd_queries(sample_site):
    corpus = ref.load(sample_site.reports)
    report_url = sorted(p for p, _, _ in corpus)[0].removesuffix(".md") + "/"
    with serve(sample_site.site) as base, chromium() as browser:
        page = browser.new_page(viewport=DESKTOP)
        requested, errors, dialogs = [], [], []
        page.on("request", lambda r: requested.append(r.url))
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(base + report_url)
        page.wait_for_load_state("networkidle")
        assert not any("highlight" in u or "/search/data/" in u for u in requested), "nothing loads on a plain visit"
        plain = article_text(page)
        for odd in ['<img src=x onerror=alert(1)>', "((((", "😀", "\\", "科" * 300, "   ", "(jì shù)"]:
            page.goto(base + report_url + "?h=" + odd.replace("%", "%25").replace("#", "%23").replace("&", "%26"))
            page.wait_for_load_state("networkidle")
            assert article_text(page) == plain, odd
            assert page.locator("article h1").count() >= 1
        assert errors == [] and dialogs == [], (errors, dialogs)
        assert any(u.endswith("/assets/search/highlight.js") for u in requested)


def result_years(page) -> list[int | None]:
    facts = page.locator(".archive-search__results .archive-hit__facts").all_inner_texts()
    return [int(m.group(1)) if (m := re.search(r"(\d{4})年", f)) else None for f in facts]


@pytest.mark.parametrize("viewport_name, viewport", [("desktop", DESKTOP), ("phone", PHONE)])
def test_year_range_and_sort_are_in_the_url(sample_site, viewport_name, viewport):
    corpus = ref.load(sample_site.reports)
    years = {p: meta.get("year") for p, _, meta in corpus}
    found = ref.scan(corpus, "工作")
    with serve(sample_site.site) as base, chromium() as browser:
        page = browser.new_page(viewport=viewport)
        page.goto(base + "search/?q=工作")
        assert found_count(page) == len(found)
        form = page.locator(".archive-search__form")
        form.locator('select[name="sort"]').select_option("year-asc")
        page.wait_for_url(re.compile(r"sort=year-asc"))
        assert found_count(page) == len(found)
        more = page.locator(".archive-search__more")
        while more.is_visible():
            more.click()
            page.wait_for_timeout(200)
        ordered = result_years(page)
        assert [y for y in ordered if y] == sorted(y for y in ordered if y) and ordered[-1] is None
        form.locator('select[name="from"]').select_option("2015")
        page.wait_for_url(re.compile(r"from=2015"))
        form.locator('select[name="to"]').select_option("2017")
        page.wait_for_url(re.compile(r"to=2017"))
        in_range = {p for p in found if years[p] and 2015 <= years[p] <= 2017}
        assert found_count(page) == len(in_range) and 0 < len(in_range) < len(found)
        assert not form.locator('input[name="undated"]').is_checked(), "a range leaves 年份不详 out by default"
        assert set(result_years(page)) <= {2015, 2016, 2017}
        page.evaluate("() => window.scrollTo(0, 0)")
        page.wait_for_timeout(400)  # Material's header title settles after a scroll
        page.screenshot(path=str(ARTIFACTS / f"search-range-{viewport_name}.png"))
        form.locator('input[name="undated"]').check()
        page.wait_for_url(re.compile(r"undated=1"))
        with_undated = in_range | {p for p in found if years[p] is None}
        assert found_count(page) == len(with_undated)
        # a reload restores the controls and the results
        before = page.locator(".archive-search__results .archive-hit h1").all_inner_texts()
        page.reload()
        assert found_count(page) == len(with_undated)
        assert form.locator('select[name="sort"]').input_value() == "year-asc"
        assert form.locator('select[name="from"]').input_value() == "2015"
        assert form.locator('select[name="to"]').input_value() == "2017"
        assert form.locator('input[name="undated"]').is_checked()
        assert page.locator(".archive-search__results .archive-hit h1").all_inner_texts() == before
        # descending: the newest first, 年份不详 still last
        form.locator('select[name="sort"]').select_option("year-desc")
        page.wait_for_url(re.compile(r"sort=year-desc"))
        found_count(page)
        ordered = result_years(page)
        assert [y for y in ordered if y] == sorted((y for y in ordered if y), reverse=True) and ordered[-1] is None
        page.evaluate("() => window.scrollTo(0, 0)")
        page.wait_for_timeout(400)  # Material's header title settles after a scroll
        page.screenshot(path=str(ARTIFACTS / f"search-range-desc-{viewport_name}.png"))
        # the facets keep the range
        page.locator('a[data-facet="year"][data-value="2015"]').click()
        page.wait_for_url(re.compile(r"year=2015"))
        assert "from=2015" in page.url and "to=2017" in page.url
        assert found_count(page) == len({p for p in found if years[p] == 2015})
        page.go_back()
        assert found_count(page) == len(with_undated)


def test_axe_on_the_new_controls(sample_site):
    """axe-core: no serious or critical violation on the search page with its range and sort set,
    nor on a report with its terms marked and the control shown."""
    from conftest import ROOT

    with serve(sample_site.site) as base, chromium() as browser:
        page = browser.new_page(viewport=DESKTOP)
        page.goto(base + "search/?q=总结&from=2015&to=2019&undated=1&sort=year-desc")
        found_count(page)
        href = page.locator(".archive-hit a[href*='#user-content-']").first.get_attribute("href")
        for url in (page.url, href):
            page.goto(url)
            if url == href:
                page.wait_for_function("() => document.documentElement.dataset.archiveHighlight > 0")
            else:
                found_count(page)
            page.add_script_tag(path=str(ROOT / "tests" / "vendor" / "axe.min.js"))
            result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
            serious = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"] if v["impact"] in ("serious", "critical")]
            assert serious == [], (url, serious)
