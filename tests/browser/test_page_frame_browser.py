"""The lighter report page in Chromium (issue 18 goal 1, issue 17 point 1): the table of contents
is one <details> 目录, folded above the text on a phone (390×844) and open beside the text on a
desktop (1280×800); the icons, drawn by reference to assets/icons.svg, render; the search box
and the citation's copy button work; nothing the page asks for is missing."""

from __future__ import annotations

import pytest

from conftest import ARTIFACTS
from headless import DESKTOP, PHONE, chromium, open_page, serve

pytestmark = pytest.mark.browser


def report_with_sections(site) -> str:
    for path in sorted((site.site / "reports").rglob("index.html")):
        text = path.read_text(encoding="utf-8")
        if text.count('class="archive-toc"') == 1 and text.count("<li><a href=\"#user-content-") >= 3:
            return path.parent.relative_to(site.site).as_posix() + "/"
    raise AssertionError("no sample report with three sections")


@pytest.fixture(scope="module")
def served(sample_site):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with serve(sample_site.site) as base, chromium() as browser:
        yield base, browser, report_with_sections(sample_site)


def icons_drawn(page) -> list[tuple[str, float]]:
    """Each visible icon's symbol and the width of what its <use> draws (0: the sprite is missing)."""
    return page.evaluate("""[...document.querySelectorAll('svg use')]
        .filter(u => u.closest('svg').getBoundingClientRect().width > 0)
        .map(u => [u.getAttribute('href').split('#')[1], u.getBBox().width])""")


def test_phone_table_of_contents_is_folded_above_the_text(served):
    base, browser, url = served
    context, page, problems = open_page(browser, base, url, PHONE)
    toc = page.locator("details.archive-toc")
    assert toc.count() == 1 and not toc.evaluate("d => d.open")
    summary = toc.locator("summary")
    assert summary.inner_text().strip() == "目录" and summary.is_visible()
    assert not toc.locator("nav a").first.is_visible()
    # below the metadata, above the text; the title and the text's first lines stay on the first screen
    box = summary.bounding_box()
    assert page.locator(".archive-metabox").bounding_box()["y"] < box["y"] < page.locator(".archive-body").bounding_box()["y"]
    first = page.locator(".archive-body > *").first.bounding_box()
    assert first["y"] + 40 <= PHONE["height"], first
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=str(ARTIFACTS / "frame-phone-toc-folded.png"))
    summary.click()
    assert toc.evaluate("d => d.open")
    links = toc.locator("nav a")
    assert links.count() >= 3 and links.nth(1).is_visible()
    page.screenshot(path=str(ARTIFACTS / "frame-phone-toc-open.png"))
    target = links.nth(1).get_attribute("href")
    links.nth(1).click()
    page.wait_for_function(f"location.hash === {target!r}")
    heading = page.locator(f"[id='{target[1:]}']").bounding_box()
    assert 0 <= heading["y"] < PHONE["height"] / 2, heading
    assert dict(icons_drawn(page)).keys() >= {"menu", "search"}
    assert all(width > 0 for _, width in icons_drawn(page)), icons_drawn(page)
    assert problems == []
    context.close()


def test_desktop_table_of_contents_beside_the_text_and_sticky(served):
    base, browser, url = served
    context, page, problems = open_page(browser, base, url, DESKTOP)
    toc = page.locator("details.archive-toc")
    links = toc.locator("nav a")
    assert links.count() >= 3 and all(links.nth(i).is_visible() for i in range(links.count()))
    toc_box, text_box = toc.bounding_box(), page.locator(".archive-body").bounding_box()
    assert toc_box["x"] >= text_box["x"] + text_box["width"], (toc_box, text_box)
    assert toc_box["y"] < DESKTOP["height"]
    page.screenshot(path=str(ARTIFACTS / "frame-desktop-toc.png"))
    page.mouse.wheel(0, 1500)
    page.wait_for_function("window.scrollY >= 1000")
    box = toc.bounding_box()
    assert 0 <= box["y"] < DESKTOP["height"], box  # it stays in view (sticky)
    links.last.click()
    assert page.evaluate("location.hash") == links.last.get_attribute("href")
    assert dict(icons_drawn(page)).keys() >= {"logo", "search"}
    assert all(width > 0 for _, width in icons_drawn(page)), icons_drawn(page)
    assert problems == []
    context.close()


def test_search_box_and_copy_button_still_work(served):
    base, browser, url = served
    context, page, problems = open_page(browser, base, url, PHONE, permissions=["clipboard-read", "clipboard-write"])
    page.locator("label.md-header__button[for=__search]").click()
    box = page.locator("input[data-archive-search=box]")
    assert box.is_visible()
    box.fill("科协")
    page.wait_for_function("document.querySelectorAll('.md-search-result__list li').length > 0")
    page.screenshot(path=str(ARTIFACTS / "frame-phone-search.png"))
    page.keyboard.press("Escape")
    page.goto(base + url)
    button = page.locator(".archive-cite__copy")
    button.scroll_into_view_if_needed()
    button.click()
    page.wait_for_function("document.querySelector('.archive-cite__status').textContent.startsWith('已复制')")
    assert "[R/OL]" in page.evaluate("navigator.clipboard.readText()")
    assert problems == []
    context.close()
