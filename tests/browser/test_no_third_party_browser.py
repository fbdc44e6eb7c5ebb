"""Hardening (issue 16): no report text can make a page request anything from another host.

One report holds every markup we know of that makes a browser (or Material's scripts) fetch
something: a ```mermaid fence and `pre.mermaid` (Material loads mermaid from unpkg.com for it),
math and emoji shortcodes, iframe, object, embed, link, meta refresh, base, style and url(),
srcset, SVG use/image, video, audio, a `mermaid` global. It builds, and Chromium, with every
request intercepted, asks nothing of any host but the local server, on a desktop and a phone.
The images from other hosts, which the validator refuses (test_hardening_build), are checked in
the browser through the sanitiser's own output. A page that does load from elsewhere proves the
interception sees such requests.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from conftest import ARTIFACTS, report
from headless import DESKTOP, PHONE, chromium, serve

HOSTILE_BODY = """正文开始：这份报告的文字里夹着会向别的网站取东西的标记。

```mermaid
graph TD; A-->B
```

<pre class="mermaid">graph TD; A-->B</pre>

<div class="mermaid">sequenceDiagram; A->>B: hi</div>

<div id="mermaid">全局变量 mermaid</div>

数学：$$E = mc^2$$ 与 \\(x^2\\)，<span class="arithmatex">\\(y\\)</span>；表情 :smile: :+1:

<iframe src="https://evil.example/frame"></iframe>

<object data="https://evil.example/x.swf"></object>

<embed src="https://evil.example/x.swf">

<link rel="stylesheet" href="https://evil.example/x.css">

<link rel="prefetch" href="https://evil.example/prefetch">

<meta http-equiv="refresh" content="0;url=https://evil.example/refresh">

<base href="https://evil.example/">

<style>@import "https://evil.example/import.css"; body { background: url(https://evil.example/bg.png) }</style>

<p style="background-image: url(https://evil.example/inline.png)">带样式的段落</p>

<p><svg><use href="https://evil.example/s.svg#a"></use><image href="https://evil.example/i.png"></image></svg></p>

<video poster="https://evil.example/poster.png" src="https://evil.example/v.mp4" autoplay></video>

<audio src="https://evil.example/a.mp3" autoplay></audio>

<picture><source srcset="https://evil.example/p.webp"></picture>

<form action="https://evil.example/form"><input type="image" src="https://evil.example/button.png"></form>

<table background="https://evil.example/t.png"><tr><td>表格</td></tr></table>

<a href="https://example.org/" ping="https://evil.example/ping">一个普通的外部链接</a>

## 一、主要工作

正文结束。
"""


def _foreign(requests: list[str], base: str) -> list[str]:
    own = urlsplit(base).netloc
    return [url for url in requests if urlsplit(url).scheme not in ("data", "blob", "about") and urlsplit(url).netloc != own]


def _visit(browser, base: str, path: str, viewport: dict, shot: str | None = None) -> tuple[list[str], list[str], str]:
    """Load `path` with every request intercepted (foreign ones aborted); wait for Material's
    scripts to settle. Returns (every requested URL, page errors, the page's text)."""
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    requests: list[str] = []

    def route(r):
        requests.append(r.request.url)
        if urlsplit(r.request.url).netloc == urlsplit(base).netloc:
            r.continue_()
        else:
            r.abort()

    page.route("**/*", route)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(base + path)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(1500)  # Material's document$ handlers (mermaid) run after load
    if shot:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / shot), full_page=False)
    page.mouse.wheel(0, 3000)  # anything lazy
    page.wait_for_timeout(500)
    text = page.inner_text("body")
    context.close()
    return requests, errors, text


@pytest.mark.browser
def test_report_markup_requests_nothing_from_another_host(project):
    from archive.sanitize import sanitize_html
    from unit.test_hardening_schema import FETCHING_HTML

    project.write("2015/hostile.md", report(title="外部请求测试报告", body=HOSTILE_BODY))
    project.write("2015/ok.md", report(title="正常报告"))
    validated = project.validate()
    assert validated.returncode == 0, validated.stdout
    result = project.build()
    assert result.returncode == 0, result.stderr
    page_html = project.page("reports/2015/hostile")
    assert "evil.example" not in page_html  # every fetching attribute is gone ...
    assert 'href="https://example.org/"' in page_html and "正文结束" in page_html  # ... the text and links stay

    # The sanitiser's output for every fetching form (images from other hosts included), in the
    # report's own page, as the browser gets it
    body = re.search(r'<div class="archive-body">', page_html)
    assert body
    sanitised = "\n".join(sanitize_html(html, "reports/2015/hostile/") for html in FETCHING_HTML.values())
    inserted = page_html[:body.end()] + sanitised + page_html[body.end():]
    (project.site / "reports" / "2015" / "sanitised").mkdir()
    (project.site / "reports" / "2015" / "sanitised" / "index.html").write_text(inserted, encoding="utf-8")
    # A control page with the same markup unsanitised: Material does fetch mermaid for it, and
    # the interception sees that
    control = (page_html[:body.end()] + '<img src="https://evil.example/control.png"><pre class="mermaid">graph TD; A-->B</pre>'
               + page_html[body.end():])
    (project.site / "reports" / "2015" / "control").mkdir()
    (project.site / "reports" / "2015" / "control" / "index.html").write_text(control, encoding="utf-8")

    with serve(project.site) as base, chromium() as browser:
        seen, errors, _text = _visit(browser, base, "reports/2015/control/", DESKTOP)
        assert set(_foreign(seen, base)) == {"https://evil.example/control.png", "https://unpkg.com/mermaid@11/dist/mermaid.min.js"}

        for path, viewport, shot in [("reports/2015/hostile/", DESKTOP, "no-third-party-desktop.png"),
                                     ("reports/2015/hostile/", PHONE, "no-third-party-phone.png"),
                                     ("reports/2015/sanitised/", DESKTOP, None),
                                     # the pages that show the report's title or text: listings, the
                                     # home page, search results (excerpts of the raw text, evil URLs and all)
                                     ("", DESKTOP, None), ("years/2015/", PHONE, None), ("categories/summary/", DESKTOP, None),
                                     ("search/?q=evil", DESKTOP, None),
                                     ("search/?q=%E5%B8%A6%E6%A0%B7%E5%BC%8F", PHONE, "no-third-party-search-phone.png")]:
            seen, errors, text = _visit(browser, base, path, viewport, shot)
            assert any(url.endswith(path) for url in seen), seen
            assert "外部请求测试报告" in text, f"{path} does not show the report"
            assert _foreign(seen, base) == [], f"{path}: requests to other hosts: {_foreign(seen, base)}"
            assert errors == [], errors
