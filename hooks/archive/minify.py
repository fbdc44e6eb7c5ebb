"""Smaller HTML: drop the indentation Material's templates leave on every line.

Browsers render a newline followed by spaces exactly like a lone newline (outside <pre> and
<textarea>), so this changes bytes, not pages: about 3 kB of every report page.
"""

from __future__ import annotations

import re

_PRESERVED = re.compile(r"(<(pre|textarea)\b.*?</\2>)", re.S | re.I)
_INDENT = re.compile(r"\n[ \t]+")
_BLANK_LINES = re.compile(r"\n{2,}")


def collapse_indentation(html: str) -> str:
    parts = _PRESERVED.split(html)
    out = []
    # split() with two groups yields: text, whole match, tag name, text, …
    for index in range(0, len(parts), 3):
        out.append(_BLANK_LINES.sub("\n", _INDENT.sub("\n", parts[index])))
        if index + 1 < len(parts):
            out.append(parts[index + 1])
    return "".join(out)
