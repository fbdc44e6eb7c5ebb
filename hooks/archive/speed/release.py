"""Report bodies rendered when their page is written, and every page's body released after.

Replaces: MkDocs rendering the Markdown of every page before it writes the first one
(`_populate_page` for all, then `_build_page` for all), and keeping every page's HTML
(`page.content`) and table of contents until the build ends: at 10,000 reports that is every
body's HTML held at once in the build's main process, none of it needed once its page is written.
With this, a report page's `render` only notes its arguments (`FastReportPage`, report_render.py),
its body is rendered and sanitised just before its template (`on_page_context`), and the body and
table of contents are dropped once the page's output is rendered (`on_post_page`). MkDocs' anchor
check after the pages (`Page.validate_anchor_links`) reads only `links_to_anchors` and
`present_anchor_ids`, which stay. A nav entry keeps both: the navigation of every page reads its
title, which MkDocs may take from the Markdown when `content` is None.

Proves itself: the build is diffed against `ARCHIVE_SPEEDUPS=0` (tests/speed/test_switch.py);
tests/speed/test_release.py checks the same bytes are written, the bodies are gone afterwards, and a
broken anchor between reports is still reported.
"""

from __future__ import annotations

from mkdocs.structure.toc import get_toc

_EMPTY_TOC = get_toc([])


def release_page(page) -> None:
    """After the output of a page outside the nav is rendered: drop its HTML body and table of
    contents."""
    page.content = None
    page.toc = _EMPTY_TOC
