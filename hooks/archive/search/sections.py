"""Where a report's sections start in its body, and the anchor each heading gets on the page.

A search hit links to the section holding its match (`/reports/…/#user-content-<anchor>`) and
shows that section's heading. The index keeps the body as one segment (phrases and exactness as
before) and stores beside it, per document, the section starts: the offset of the heading line in
the body (in UTF-16 code units, the unit of a JavaScript string index: engine.js compares it with
the offset of a match), the anchor without the sanitiser's `user-content-` prefix (the manifest
names the prefix), and the heading as the page shows it.

Headings are found as Python-Markdown finds ATX headings (`#` to `######` at the very start of a
line: an indented one is code; mkdocs.yml enables no fenced code); the anchor is the toc extension's: `section_slug` of the
heading's text (its inline Markdown rendered, tags stripped, entities unescaped), or the id an
`attr_list` `{#id}` gives, made unique with the toc's own `unique`. tests/build/test_search.py
checks every stored anchor against the ids of the built pages.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_left
from functools import lru_cache

from markdown.extensions.toc import strip_tags, unique

from ..anchors import section_slug

_ATX = re.compile(r"^(#{1,6})((?:\\.|[^\\#]|#+(?=[^#\n]))*?)#*[ \t]*$")
"""Python-Markdown's HashHeaderProcessor pattern, for one line."""
_ATTRS = re.compile(r"[ ]+\{\:?[ ]*([^\}\n ][^\n]*)\}[ ]*$")
"""attr_list's pattern for the attributes of a heading."""
_ATTR_ID = re.compile(r"(?:^|\s)#([^\s}]+)")
_INLINE = re.compile(r"[\\`*_\[\]<>&!]")
"""A heading with none of these renders as its own text: no need to ask Markdown."""


@lru_cache(maxsize=1)
def _markdown():
    import markdown

    return markdown.Markdown()


def heading_name(text: str) -> str:
    """The text of a heading as the toc extension slugs it: inline Markdown rendered, tags stripped."""
    text = text.strip()
    if not _INLINE.search(text):
        return text
    md = _markdown()
    md.reset()
    rendered = md.convert(text)
    return html.unescape(strip_tags(rendered)).strip()


_LINE = re.compile(r"^#.*$", re.M)
_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


def body_sections(body: str) -> list[tuple[int, str, str]]:
    """(offset of the heading line in UTF-16 code units, anchor, heading) of every heading of a
    Markdown body, in order."""
    found: list[tuple[int, str | None, str]] = []
    astral = [m.start() for m in _ASTRAL.finditer(body)]
    for line in _LINE.finditer(body):
        if (h := _ATX.match(line.group(0).rstrip("\r"))) is None:
            continue
        text = h.group(2)
        explicit = None
        if (a := _ATTRS.search(text)) is not None:
            text = text[:a.start()]
            if (i := _ATTR_ID.search(a.group(1))) is not None:
                explicit = i.group(1)
        at = line.start() + (bisect_left(astral, line.start()) if astral else 0)
        found.append((at, explicit, heading_name(text)))
    used = {anchor for _, anchor, _ in found if anchor}
    out = []
    for at, explicit, name in found:
        anchor = explicit if explicit else unique(section_slug(name), used)
        out.append((at, anchor, name))
    return out
