"""Listing pages outside the nav without a Markdown pass.

Replaces: MkDocs' `Page.render` of a listing's (empty) Markdown, which builds a Python-Markdown
parser per page (at 10,000 reports, thousands of pages). All of a listing's HTML comes from its
template and its view, so its content is empty either way. Proves itself: the site is diffed
against `ARCHIVE_SPEEDUPS=0` (tests/speed/test_switch.py).
"""

from __future__ import annotations

from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc


class ListingPage(Page):
    def read_source(self, config) -> None:
        self.markdown, self.meta = "", {}

    def render(self, config, files) -> None:
        self.content, self.toc, self.present_anchor_ids = "", get_toc([]), set()
