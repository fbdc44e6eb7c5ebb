"""A reader in headless Chromium: home → a year → a report, reading its metadata panel."""

from __future__ import annotations

import pytest

from conftest import ARTIFACTS
from headless import DESKTOP, PHONE, chromium, serve

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("viewport_name, viewport", [("desktop", DESKTOP), ("phone", PHONE)])
def test_home_to_year_to_report(sample_site, viewport_name, viewport):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with serve(sample_site.site) as base, chromium() as browser:
        page = browser.new_page(viewport=viewport)
        outside = []
        page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(base) and not r.url.startswith("data:") else None)
        page.goto(base)
        assert "工作报告档案馆" in page.title()
        page.screenshot(path=str(ARTIFACTS / f"browse-home-{viewport_name}.png"), full_page=True)

        # home → the first year that has reports
        year_link = page.locator("#by-year ~ figure a").first
        year_text = year_link.inner_text().split("\n")[0]
        year_link.click()
        page.wait_for_url(lambda url: "/years/" in url, timeout=15000)
        assert page.locator("h1").inner_text().startswith(year_text.strip())
        page.screenshot(path=str(ARTIFACTS / f"browse-year-{viewport_name}.png"), full_page=True)

        # year → its first report
        first = page.locator("table.archive-reports tbody tr").first
        title = first.locator("td a").inner_text()
        first.locator("td a").click()
        page.wait_for_url(lambda url: "/reports/" in url, timeout=15000)
        assert page.locator("h1").inner_text() == title
        panel = page.locator("dl.archive-meta")
        labels = panel.locator("dt").all_inner_texts()
        assert labels[:4] == ["单位", "年份", "地区", "类别"]
        assert year_text.strip() in panel.inner_text()
        assert page.locator(".archive-body p").count() >= 1
        page.screenshot(path=str(ARTIFACTS / f"browse-report-{viewport_name}.png"), full_page=False)

        # breadcrumbs lead back to the year
        page.locator(".archive-breadcrumbs a", has_text=year_text.strip()).click()
        page.wait_for_url(lambda url: "/years/" in url, timeout=15000)
        assert outside == [], f"requests to other hosts: {outside[:5]}"
