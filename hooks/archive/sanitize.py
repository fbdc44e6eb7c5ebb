"""HTML sanitising of report bodies (nh3, the Python binding of the Ammonia sanitiser).

Report text comes from editors and imported web pages: raw HTML in it must never run. What
Markdown itself produces (paragraphs, lists, tables, headings with ids, links) is kept.

Ids and names in a report's HTML come from its text (raw HTML, `{#id}` attributes, headings), so
each one is prefixed with `user-content-` (as GitHub does): no report can take the id of an
element of the page around it (`__config`, the citation box …). In-report links `href="#x"`
get the same prefix, so they keep working; `prefix_toc` does it for the page's table of contents.
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


ID_PREFIX = "user-content-"
"""Every id (and name) of report HTML starts with it; no element of the page's own does."""
_NAMED = frozenset({"id", "name"})


def prefixed(name: str) -> str:
    """`x` → `user-content-x`; a value that has the prefix already is kept (sanitising twice, as a
    body from the rendered store is, changes nothing)."""
    return name if name.startswith(ID_PREFIX) else ID_PREFIX + name


def _attribute(element: str, attribute: str, value: str) -> str | None:
    if attribute in _NAMED:
        value = value.strip()
        return prefixed(value) if value else None
    if attribute == "href" and value.startswith("#") and len(value) > 1:
        return "#" + prefixed(value[1:])
    return value


_OPTIONS = dict(tags=_TAGS, attributes=_ATTRIBUTES, url_schemes={"http", "https", "mailto"},
                link_rel="noopener noreferrer nofollow", strip_comments=True)
_CLEANER = nh3.Cleaner(**_OPTIONS, attribute_filter=_attribute)
"""Built once: `nh3.clean` converts the allow-lists anew on every call."""


def _ordered(value):
    """The same value with sets and dicts in a stable order, so that its repr is stable."""
    if isinstance(value, dict):
        return sorted((key, _ordered(item)) for key, item in value.items())
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    return value


RULES = f"{_ordered(_OPTIONS)!r} ids:{ID_PREFIX} nh3 {nh3.__version__}"
"""What the sanitiser's output depends on besides its input (part of rendered.py's cache keys)."""


def sanitize_html(html: str) -> str:
    """Keep Markdown's own markup; drop scripts, event handlers, styles, frames and unsafe URLs."""
    return _CLEANER.clean(html)


def prefix_toc(toc) -> None:
    """Give the anchors of a page's table of contents (MkDocs' `page.toc`, from the same headings)
    the prefix their headings got, so that the table still points at them."""
    for item in toc:
        item.id = prefixed(item.id)
        prefix_toc(item.children)


def prefix_anchors(anchors) -> set[str]:
    """MkDocs' `present_anchor_ids` of a page, as the sanitised HTML has them."""
    return {prefixed(a) for a in anchors}
