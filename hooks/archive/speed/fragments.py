"""Reuse of template fragments that are identical across many pages (the navigation).

MkDocs renders Material's whole navigation for every page; for pages that are not nav entries
it only depends on where the page sits (links are relative), so one rendering per section and
depth serves them all.
"""

from __future__ import annotations

from markupsafe import Markup


class FragmentCache:
    """Rendered fragments of one build, keyed by (block, first URL segment, depth)."""

    def __init__(self, nav_urls: set[str]):
        self.nav_urls = nav_urls
        self.fragments: dict[tuple, Markup] = {}

    def key(self, page, block: str) -> tuple | None:
        """None where the fragment must be rendered afresh: nav entries show their active state."""
        if page is None or page.url in self.nav_urls or page.url == "":
            return None
        segments = page.url.strip("/").split("/")
        return (block, segments[0], len(segments))

    def remember(self, key: tuple | None, html: str) -> Markup:
        html = Markup(html)
        if key is not None:
            self.fragments[key] = html
        return html

    def install(self, env) -> None:
        env.globals["archive_fragments"] = self.fragments
        env.globals["archive_nav_key"] = self.key
        env.globals["archive_remember"] = self.remember
