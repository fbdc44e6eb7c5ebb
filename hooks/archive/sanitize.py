"""HTML sanitising of report bodies (nh3, the Python binding of the Ammonia sanitiser).

Report text comes from editors and imported web pages: raw HTML in it must never run. What
Markdown itself produces (paragraphs, lists, tables, headings with ids, links) is kept.

Ids and names in a report's HTML come from its text (raw HTML, `{#id}` attributes, headings), so
each one is prefixed with `user-content-` (as GitHub does): no report can take the id of an
element of the page around it (`__config`, the citation box …). In-report links `href="#x"`
get the same prefix, so they keep working; `prefix_toc` does it for the page's table of contents.
A link to a section of another report (`../2014/x/#yi`, as MkDocs writes `../2014/x.md#yi`) gets
it too, when `sanitize_html` is told the page's URL.

The site makes no request to another host, and no report can make it make one: an image is kept
only with a source on the site itself (`local_source`; the validator names the line of one on
another host, `remote_source`, links.py), every tag that loads something else (iframe, object, embed, link, style, svg,
video …) and the `style` attribute are dropped, and report HTML carries no `class`, so that no
script of the page acts on it (Material fetches a diagram library from unpkg.com for any
`pre.mermaid`).
"""

from __future__ import annotations

import contextvars
import posixpath
import re

import nh3

_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "del", "div", "em", "h1", "h2", "h3", "h4",
    "h5", "h6", "hr", "i", "img", "ins", "li", "ol", "p", "pre", "s", "small", "span", "strong", "sub",
    "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
}
_ATTRIBUTES = {
    "*": {"id", "title", "lang"},
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


REPORTS_PREFIX = "reports/"
"""Where report pages live on the site (urls.py): their ids are prefixed, so are links to them."""
_PAGE_URL: contextvars.ContextVar[str | None] = contextvars.ContextVar("archive_sanitize_page_url", default=None)
"""The URL of the page being sanitised (the attribute filter's only context)."""

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_URL_EDGES = "".join(map(chr, range(0x21)))
"""C0 controls and space: a browser strips them from both ends of a URL."""


def _as_browser_reads(url: str) -> str:
    """A URL as a browser's URL parser sees it: ends stripped, tabs and newlines inside removed,
    backslashes read as slashes (so `\\\\host/x` and `/<TAB>/host/x` are `//host/x`)."""
    return re.sub("[\t\n\r]", "", url.strip(_URL_EDGES)).replace("\\", "/")


def local_source(url: str) -> bool:
    """Does loading `url` from a page of the site stay on the site? Relative and `/…` paths do;
    anything with a scheme (`https:`, `data:`) or a host (`//host/…`) does not."""
    url = _as_browser_reads(url)
    return bool(url) and not _SCHEME.match(url) and not url.startswith("//")


_NETWORK_SCHEMES = frozenset({"http", "https", "ftp", "ws", "wss"})


def remote_source(url: str) -> bool:
    """Would loading `url` ask another host? (`https://…`, `http:host/…`, `//host/…`.) Other
    sources that are not local (`javascript:`, `data:`) load nothing from anywhere; the sanitiser
    drops them all the same."""
    url = _as_browser_reads(url)
    scheme = _SCHEME.match(url)
    return url.startswith("//") or (scheme is not None and scheme.group()[:-1].lower() in _NETWORK_SCHEMES)


def _fragment_target_is_report(path: str) -> bool:
    """Is the relative link `path#…` of the page being sanitised a link to a report page?"""
    page_url = _PAGE_URL.get()
    if page_url is None or _SCHEME.match(path) or path.startswith(("/", "\\")):
        return False
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page_url), path.split("?", 1)[0]))
    return target.startswith(REPORTS_PREFIX)


def _attribute(element: str, attribute: str, value: str) -> str | None:
    if attribute in _NAMED:
        value = value.strip()
        return prefixed(value) if value else None
    if attribute == "src":
        return value if local_source(value) else None
    if attribute == "href" and "#" in value:
        path, _, fragment = value.partition("#")
        if fragment and (not path or _fragment_target_is_report(path)):
            return f"{path}#{prefixed(fragment)}"
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


RULES = f"{_ordered(_OPTIONS)!r} ids:{ID_PREFIX} src:local-only nh3 {nh3.__version__}"
"""What the sanitiser's output depends on besides its input (part of rendered.py's cache keys)."""


def sanitize_html(html: str, page_url: str | None = None) -> str:
    """Keep Markdown's own markup; drop scripts, event handlers, styles, frames, classes, unsafe
    URLs and images from other hosts. `page_url` (`reports/2015/a/`) is the page's own URL: links
    from it to a section of another report get that report's prefixed anchor."""
    token = _PAGE_URL.set(page_url)
    try:
        return _CLEANER.clean(html)
    finally:
        _PAGE_URL.reset(token)


def prefix_toc(toc) -> None:
    """Give the anchors of a page's table of contents (MkDocs' `page.toc`, from the same headings)
    the prefix their headings got, so that the table still points at them."""
    for item in toc:
        item.id = prefixed(item.id)
        prefix_toc(item.children)


def prefix_anchors(anchors) -> set[str]:
    """MkDocs' `present_anchor_ids` of a page, as the sanitised HTML has them."""
    return {prefixed(a) for a in anchors}
