"""HTML sanitising of report bodies (nh3, the Python binding of the Ammonia sanitiser).

Report text comes from editors and imported web pages: raw HTML in it must never run. What
Markdown itself produces (paragraphs, lists, tables, headings with ids, links) is kept.
"""

from __future__ import annotations

import nh3

_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "del", "div", "em", "h1", "h2", "h3", "h4",
    "h5", "h6", "hr", "i", "img", "ins", "li", "ol", "p", "pre", "s", "small", "span", "strong", "sub",
    "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
}
_ATTRIBUTES = {
    "*": {"id", "class", "title", "lang"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
}


_OPTIONS = dict(tags=_TAGS, attributes=_ATTRIBUTES, url_schemes={"http", "https", "mailto"},
                link_rel="noopener noreferrer nofollow", strip_comments=True)
_CLEANER = nh3.Cleaner(**_OPTIONS)
"""Built once: `nh3.clean` converts the allow-lists anew on every call."""


def _ordered(value):
    """The same value with sets and dicts in a stable order, so that its repr is stable."""
    if isinstance(value, dict):
        return sorted((key, _ordered(item)) for key, item in value.items())
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    return value


RULES = f"{_ordered(_OPTIONS)!r} nh3 {nh3.__version__}"
"""What the sanitiser's output depends on besides its input (part of rendered.py's cache keys)."""


def sanitize_html(html: str) -> str:
    """Keep Markdown's own markup; drop scripts, event handlers, styles, frames and unsafe URLs."""
    return _CLEANER.clean(html)
