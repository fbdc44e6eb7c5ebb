"""Hostile input in headless Chromium: no script in a report's body or fields runs, on its page
or on any listing that shows it."""

from __future__ import annotations

import pytest

from conftest import ARTIFACTS, report
from headless import DESKTOP, chromium, serve


XSS_BODY = """正文开始。

<script>window.__pwned = (window.__pwned || 0) + 1</script>

<img src="x" onerror="window.__pwned = 1">

<a href="javascript:window.__pwned=1">点我</a> <a href="data:text/html,<script>alert(1)</script>">数据</a>

<iframe src="javascript:window.__pwned=1"></iframe><object data="x.swf"></object><embed src="x.swf">

<svg onload="window.__pwned=1"><circle r="5"/></svg>

<div style="background:url(javascript:window.__pwned=1)">样式</div>

<form action="javascript:window.__pwned=1"><button>提交</button></form>

<body onload="window.__pwned=1"> <details open ontoggle="window.__pwned=1">x</details>

[链接](javascript:window.__pwned=1) ![图](javascript:window.__pwned=1)
"""


HOSTILE_FIELDS = dict(
    title='"</title><script>window.__pwned=1</script>标题"',
    unit='"<img src=x onerror=window.__pwned=1>../../单位"',
    extra='source: "javascript:window.__pwned=1"\ntags: ["<script>x=1</script>", "\\"onclick=x"]',
)


@pytest.mark.browser
def test_xss_vectors_do_not_run_in_chromium(project):
    project.write("2015/xss.md", report(body=XSS_BODY, **HOSTILE_FIELDS))
    project.write("2015/ok.md", report(title="正常报告"))
    result = project.build()
    assert result.returncode == 0, result.stderr
    with serve(project.site) as base, chromium() as browser:
        page = browser.new_page(viewport=DESKTOP)
        dialogs = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        for url in ("reports/2015/xss/", "years/2015/", "units/", "", "categories/summary/"):
            page.goto(base + url)
            page.wait_for_load_state("load")
            for link in page.locator(".archive-body a").all():
                link.hover()
            assert page.evaluate("window.__pwned") is None, f"script ran on /{url}"
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.goto(base + "reports/2015/xss/")
        page.screenshot(path=str(ARTIFACTS / "hostile-report.png"), full_page=True)
        assert dialogs == []
        title = page.title()
        assert "</title>" in title and "<script>" in title  # shown as text, not markup
