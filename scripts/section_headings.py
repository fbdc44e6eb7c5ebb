#!/usr/bin/env python3
"""One-off: mark the section headings of existing reports as Markdown headings.

    python scripts/section_headings.py [--check] [REPORTS_DIR]

The importer writes a report's numbered sections (一、… ／（一）… ／1. …) as `##`/`###`/`####`
headings (archive/importer/sections.py); reports imported before it did have them as plain
paragraphs. This rewrites those paragraphs in place by the same rule, touching nothing else of
the file (front matter, other paragraphs and line breaks stay byte for byte). `--check` lists
what would change and writes nothing. Run once on the sample archive (2026-12-01), then reviewed.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import _paths
from archive.files import report_files
from archive.importer.sections import heading_levels
from archive.schema import split_front_matter

_ESCAPE = re.compile(r"\\(.)")
_MARKDOWN_BLOCK = re.compile(r"^(#|>|\||[-*+]\s|```|<)")


def with_headings(body: str) -> tuple[str, int]:
    """The body with its section headings marked, and how many were marked."""
    blocks = body.split("\n\n")
    plain = [_ESCAPE.sub(r"\1", b.strip()) if b.strip() and "\n" not in b.strip() and not _MARKDOWN_BLOCK.match(b.strip())
             else "" for b in blocks]
    levels = heading_levels(plain)
    marked = 0
    for i, level in enumerate(levels):
        if level and plain[i]:
            text = blocks[i].strip()
            text = re.sub(r"^(\d+)\\([.)])", r"\1\2", text)  # the list-escape of `1\.` is not needed in a heading
            lead = blocks[i][: len(blocks[i]) - len(blocks[i].lstrip())]
            blocks[i] = lead + "#" * level + " " + text
            marked += 1
    return "\n\n".join(blocks), marked


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("reports", nargs="?", default=str(_paths.PROJECT_DIR / "reports"))
    parser.add_argument("--check", action="store_true", help="list what would change; write nothing")
    args = parser.parse_args(argv)
    total = 0
    for path in report_files(Path(args.reports)):
        if path.suffix != ".md":
            continue
        text = path.read_text(encoding="utf-8")
        front, body, _ = split_front_matter(text)
        if front is None:
            continue
        new_body, marked = with_headings(body)
        if marked:
            total += marked
            print(f"{path}: {marked} heading(s)")
            if not args.check:
                path.write_text(text[: len(text) - len(body)] + new_body, encoding="utf-8")
    print(f"{total} heading(s) {'would be ' if args.check else ''}marked", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
