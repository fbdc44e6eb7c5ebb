"""A comparison page in Chromium (issue 18 goal 1): each row of blocks shows the older year's
sentences beside the newer year's on a desktop (1280×800) and stacked on a phone (390×844), with
the marks 删去, 新增, 改动 drawn from archive.css; the drawer of links opens on a phone; nothing
the page asks for is missing."""

from __future__ import annotations

import pytest

from conftest import ARTIFACTS, ArchiveProject, report
from headless import DESKTOP, PHONE, chromium, open_page, serve

pytestmark = pytest.mark.browser

OLD = ("开头。\n\n## 一、主要工作\n\n举办讲座二十场。培训农民五千人次。旧的一句只在这一年。\n\n"
       "## 二、存在问题\n\n经费不足。\n")
NEW = ("开头。\n\n## 一、主要工作\n\n举办讲座三十场。培训农民五千人次。新建科普基地两个。再建一个科普馆。\n\n"
       "## 二、存在问题\n\n经费不足。\n")


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    project = ArchiveProject(tmp_path_factory.mktemp("compare-browser"))
    project.write("2014/a.md", report(title="甲县科协2014年工作总结", unit="甲县科协", year="2014", body=OLD))
    project.write("2015/b.md", report(title="甲县科协2015年工作总结", unit="甲县科协", year="2015", body=NEW))
    result = project.build()
    assert result.returncode == 0, result.stderr
    pages = list(project.site.glob("units/*/compare/2014-2015/index.html"))
    assert len(pages) == 1
    url = pages[0].parent.relative_to(project.site).as_posix() + "/"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with serve(project.site) as base, chromium() as browser:
        yield base, browser, url


def mark(cell) -> str:
    return cell.evaluate("td => getComputedStyle(td, '::before').content")


def test_desktop_rows_side_by_side(served):
    base, browser, url = served
    context, page, problems = open_page(browser, base, url, DESKTOP)
    changed = page.locator("table.archive-cmp tr.c td")
    differ = page.locator("table.archive-cmp tr.d td")
    assert changed.count() == 2 and differ.count() == 2
    left, right = differ.nth(0).bounding_box(), differ.nth(1).bounding_box()
    assert left["x"] + left["width"] <= right["x"] + 1 and abs(left["y"] - right["y"]) < 1  # beside each other
    assert mark(changed.nth(0)) == mark(changed.nth(1)) == '"改动"'
    assert mark(differ.nth(0)) == '"删去"' and mark(differ.nth(1)) == '"新增"'
    assert differ.nth(1).inner_text().endswith("新建科普基地两个。再建一个科普馆。")
    same = page.locator("table.archive-cmp tr.s td")
    assert same.count() == 3 and mark(same.first) == "none" and same.first.locator("a").is_visible()
    page.screenshot(path=str(ARTIFACTS / "compare-desktop.png"), full_page=True)
    assert problems == []
    context.close()


def test_phone_rows_stacked_and_drawer_opens(served):
    base, browser, url = served
    context, page, problems = open_page(browser, base, url, PHONE)
    for row in ("c", "d"):
        cells = page.locator(f"table.archive-cmp tr.{row} td")
        top, bottom = cells.nth(0).bounding_box(), cells.nth(1).bounding_box()
        assert bottom["y"] >= top["y"] + top["height"] - 1, row  # the newer year below the older
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=str(ARTIFACTS / "compare-phone.png"), full_page=True)
    page.locator("label.md-header__button[for=__drawer]").click()
    links = page.locator("nav.md-nav--primary a.md-nav__link")
    links.nth(2).wait_for(state="visible")
    page.wait_for_function("document.querySelector('.md-sidebar--primary').getBoundingClientRect().left >= 0")
    page.wait_for_timeout(400)  # the drawer's slide (Material: 250 ms) has ended
    assert links.nth(0).bounding_box()["x"] >= 0
    assert links.count() == 8 and links.nth(1).inner_text().strip() == "按年度"
    page.screenshot(path=str(ARTIFACTS / "compare-phone-drawer.png"))
    assert problems == []
    context.close()
