"""Hardening (issue 16) in headless Chromium: a report's HTML cannot take over the page's own
element ids. A `<div id="__config">` naming another host, and an element with the id of the
citation box, change nothing: Material keeps its own configuration, the copy button copies the
real citation, and no request leaves for another host."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from conftest import ARTIFACTS, report
from headless import DESKTOP, PHONE, chromium, serve

HIJACK_BODY = """正文开始。

<div id="__config">{"base":"https://evil.example/","features":["navigation.instant"],"search":"https://evil.example/worker.js","translations":{}}</div>

<p id="cite-text">假引用：https://evil.example/</p>

<a name="__search" id="__drawer">抢占抽屉</a>

## 一、主要工作

正文，[跳到主要工作](#yi-zhu-yao-gong-zuo)。
"""


@pytest.mark.browser
def test_report_cannot_hijack_page_ids(project):
    project.write("2015/hijack.md", report(title="劫持测试报告", body=HIJACK_BODY))
    project.write("2015/ok.md", report(title="正常报告"))
    result = project.build()
    assert result.returncode == 0, result.stderr
    with serve(project.site) as base, chromium() as browser:
        context = browser.new_context(viewport=DESKTOP)
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base.rstrip("/"))
        page = context.new_page()
        requests = []
        page.on("request", lambda r: requests.append(r.url))
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(base + "reports/2015/hijack/")
        page.wait_for_load_state("networkidle")

        # Material's configuration is the page's own
        config = page.evaluate("JSON.parse(document.querySelector('#__config').textContent)")
        assert "evil" not in str(config) and config["base"].startswith("..")
        assert page.evaluate("document.querySelectorAll('[id=\"__config\"]').length") == 1
        assert page.evaluate("document.querySelectorAll('[id=\"cite-text\"]').length") == 1
        assert page.evaluate("document.querySelectorAll('[id=\"__drawer\"]').length") == 1
        assert page.evaluate("document.querySelectorAll('[name=\"__search\"]').length") == 0

        # the in-report link goes to the prefixed heading, which exists
        href = page.locator(".archive-body a", has_text="跳到主要工作").get_attribute("href")
        assert href == "#user-content-yi-zhu-yao-gong-zuo"
        assert page.locator("#user-content-yi-zhu-yao-gong-zuo").count() == 1

        # the copy button copies the real citation
        button = page.locator("[data-copy]").first
        button.click()
        status = page.locator(".archive-cite__status").first
        status.wait_for(state="attached")
        page.wait_for_function("document.querySelector('.archive-cite__status').textContent.length > 0")
        copied = status.text_content()
        assert "劫持测试报告" in copied and "假引用" not in copied and "evil" not in copied

        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "hardening-hijack-report.png"), full_page=True)
        context.close()

    own = urlsplit(base).netloc
    foreign = [url for url in requests if urlsplit(url).scheme in ("http", "https") and urlsplit(url).netloc != own]
    assert foreign == [], f"requests to other hosts: {foreign}"
    assert errors == [], errors


@pytest.mark.browser
def test_links_to_a_section_land_on_it(project):
    """`../2014/x.md#anchor`, the `#user-content-…` form and an in-report `#anchor`: clicking each
    opens the page with its address naming an element that exists, the heading of that section."""
    project.write("2014/x.md", report(year="2014", title="上年总结",
                                      body="开头。\n\n## 一、主要工作\n\n" + "上年的正文。\n\n" * 40 + "## 二、存在问题\n\n问题。\n"))
    project.write("2015/a.md", report(title="本年总结", body=(
        "见[上年的存在问题](../2014/x.md#er-cun-zai-wen-ti)，"
        "[复制来的链接](../2014/x.md#user-content-yi-zhu-yao-gong-zuo)，[本篇下文](#san-xia-yi-bu)。\n\n"
        + "本年的正文。\n\n" * 40 + "## 三、下一步\n\n计划。\n")))
    assert project.validate().returncode == 0
    result = project.build()
    assert result.returncode == 0, result.stderr
    with serve(project.site) as base, chromium() as browser:
        page = browser.new_page(viewport=DESKTOP)
        for text, heading in [("上年的存在问题", "二、存在问题"), ("复制来的链接", "一、主要工作"), ("本篇下文", "三、下一步")]:
            page.goto(base + "reports/2015/a/")
            page.locator(".archive-body a", has_text=text).click()
            page.wait_for_load_state("load")
            target = page.evaluate("(() => { const e = document.getElementById(decodeURIComponent(location.hash.slice(1)));"
                                   " return e && e.textContent.trim(); })()")
            assert target == heading, (text, page.url)
        page.screenshot(path=str(ARTIFACTS / "hardening-section-link-desktop.png"))
        phone = browser.new_page(viewport=PHONE)
        phone.goto(base + "reports/2015/a/")
        phone.locator(".archive-body a", has_text="上年的存在问题").click()
        phone.wait_for_load_state("load")
        assert phone.evaluate("document.getElementById(location.hash.slice(1)).getBoundingClientRect().top") < PHONE["height"]
        phone.screenshot(path=str(ARTIFACTS / "hardening-section-link-phone.png"))
