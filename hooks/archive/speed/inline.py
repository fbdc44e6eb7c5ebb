"""Python-Markdown's inline stage, without the passes that cannot match.

For every piece of text, Python-Markdown runs each of its ~15 inline patterns (code, escapes,
links, images, autolinks, line breaks, raw HTML, entities, emphasis) in turn, each a regular
expression search over the whole text. A Chinese report's paragraphs rarely contain any of the
characters those patterns start from (`` ` \\ [ < & * _ `` or two spaces before a line end): at
10,000 reports this stage was about 40 % of Markdown's time and found nothing in most texts.

`QuickInlineProcessor` first asks one combined search whether any pattern could match; when
none could, the text is returned as it is, which is what running every pattern would return.
The shortcut is used only when every registered pattern is one whose trigger is known here; a
pattern added by another extension turns it off.
"""

from __future__ import annotations

import re

from markdown import Markdown, util
from markdown.treeprocessors import InlineProcessor

TRIGGERS = {
    "backtick": r"`",
    "escape": r"\\",
    "reference": r"\[",
    "link": r"\[",
    "image_link": r"\[",
    "image_reference": r"\[",
    "short_reference": r"\[",
    "short_image_ref": r"\[",
    "autolink": r"<",
    "automail": r"<",
    "linebreak": r"  \n",
    "html": r"<",
    "entity": r"&",
}
"""Each of Python-Markdown's inline patterns (by registered name), and what any text it matches
contains. Emphasis (`em_strong`) is matched by its delimiter characters, read from the parser."""


class QuickInlineProcessor(InlineProcessor):
    """Python-Markdown's `inline` tree processor, skipping text that no inline pattern can match."""

    def __init__(self, md: Markdown):
        super().__init__(md)
        self.skipped = self.processed = 0
        self._trigger: re.Pattern | None = None

    def run(self, tree, ancestors=None):
        self._trigger = _trigger(self.md)  # per document: patterns may be registered after this processor
        return super().run(tree, ancestors)

    # Name-mangled: the method of InlineProcessor that runs the patterns over one text
    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:
        if patternIndex == 0 and self._trigger is not None and not isinstance(data, util.AtomicString):
            if not self._trigger.search(data):
                self.skipped += 1
                return data
            self.processed += 1
        return super()._InlineProcessor__handleInline(data, patternIndex)


def use_quick_inline(md: Markdown) -> QuickInlineProcessor:
    """Replace `md`'s inline tree processor (same name and priority as Python-Markdown's own)."""
    quick = QuickInlineProcessor(md)
    md.treeprocessors.register(quick, "inline", 20)
    return quick


def _trigger(md: Markdown) -> re.Pattern | None:
    """One search for anything that could start a match of any registered inline pattern; None
    (no shortcut) when a pattern is not one of the known ones."""
    parts = set()
    registered = getattr(md.inlinePatterns, "_priority", None)  # the only list of the registered names
    if registered is None:
        return None
    for name in (item.name for item in registered):
        if name in TRIGGERS:
            parts.add(TRIGGERS[name])
        elif name == "em_strong" and md.delimiters is not None and md.delimiters.tokens:
            parts.update(re.escape(token) for token in md.delimiters.tokens)
        else:
            return None
    return re.compile("|".join(sorted(parts))) if parts else None
