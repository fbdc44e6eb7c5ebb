"""Writing reports: Markdown with YAML front matter, at a new ASCII path, never over a file.

The front matter is written field by field in the schema's order, so files read the same way
whoever imported them; the body escapes the few characters Markdown would misread (`20**年`
must not turn into bold text).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from ..slugs import pinyin_slug
from ..text import without_controls
from .sections import heading_levels

FIELD_ORDER = ("title", "unit", "year", "category", "region", "source", "tags", "review")
_PLAIN = re.compile(r"^[\u3400-\u9fffA-Za-z][\u3400-\u9fffA-Za-z0-9\u3000-\u303f\uff08\uff09\u300a\u300b/·]*$")
_INLINE_ESCAPE = re.compile(r"([\\`*_\[\]<])")
_LINE_START_ESCAPE = re.compile(r"^([#>+=|~-])")
_RESERVED = {"true", "false", "null", "yes", "no", "on", "off", "none"}


def yaml_scalar(value) -> str:
    """A YAML value that reads back as `value` (JSON strings are valid YAML), on one line; control
    characters, which YAML refuses even escaped in some forms, are left out."""
    if value is None:
        return "null"
    if isinstance(value, bool) or isinstance(value, int):
        return json.dumps(value)
    text = without_controls(str(value), keep_newlines=False).replace("\u2028", " ").replace("\u2029", " ")
    if _PLAIN.match(text) and text.lower() not in _RESERVED:
        return text
    return json.dumps(text, ensure_ascii=False)


def front_matter(fields: dict, year_comment: str | None = None) -> str:
    lines = ["---"]
    for name in FIELD_ORDER:
        if name not in fields:
            continue
        value = fields[name]
        if name == "tags":
            lines.append(f"tags: [{', '.join(yaml_scalar(t) for t in value)}]")
        elif name == "review":
            lines.append("review:")
            lines.extend(f"  - {yaml_scalar(note)}" for note in value)
        else:
            line = f"{name}: {yaml_scalar(value)}"
            if name == "year" and year_comment:
                line += f"  # {year_comment}"
            lines.append(line)
    lines.append("---")
    return "\n".join(lines) + "\n"


def markdown_body(paragraphs: list[str]) -> str:
    """One Markdown paragraph per input line, characters Markdown would misread escaped; section
    headings (一、… ／（一）… ／1. …, sections.py) as Markdown headings."""
    out = []
    paragraphs = [text.strip(" \t\u3000") for text in paragraphs]
    paragraphs = [text for text in paragraphs if text]
    for text, level in zip(paragraphs, heading_levels(paragraphs)):
        text = _INLINE_ESCAPE.sub(r"\\\1", text)
        if level:
            out.append("#" * level + " " + text.rstrip("#").rstrip())
            continue
        text = _LINE_START_ESCAPE.sub(r"\\\1", text)
        text = re.sub(r"^(\d+)([.)])(\s)", r"\1\\\2\3", text)  # "1. 自然情况" is the text's numbering, not a list
        out.append(text)
    return "\n\n".join(out) + "\n"


def render(fields: dict, paragraphs: list[str], year_comment: str | None = None) -> str:
    return front_matter(fields, year_comment) + "\n" + markdown_body(paragraphs)


def plan_path(unit: str | None, year: int | None, category_slug: str, taken: set[str]) -> str:
    """`2015/kejijugonghui-summary.md`: year folder, pinyin of the unit, category; `-2`, `-3` …
    when the name is taken (compared case-insensitively, as URLs are)."""
    folder = str(year) if year else "unknown"  # as reports/unknown/ of the sample and the editors' guide
    stem = pinyin_slug(unit)[:40].strip("-") if unit else "report"
    stem = f"{stem or 'report'}-{category_slug}"
    candidate = f"{folder}/{stem}.md"
    n = 2
    while candidate.lower() in taken:
        candidate = f"{folder}/{stem}-{n}.md"
        n += 1
    taken.add(candidate.lower())
    return candidate


def write_new(path: Path, text: str) -> None:
    """Create the file; raise FileExistsError rather than overwrite anything."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8", newline="\n") as f:
        f.write(text)
