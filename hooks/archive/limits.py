"""Bounds on the Markdown of a report body, checked before Markdown reads it.

The size limit (extra.archive.max_report_kb) bounds the bytes of a report, not the work of
rendering it: Python-Markdown scans from every `[` (and every `(` after `](`) to its match, or to
the end of the paragraph when there is none, so a few thousand unclosed or deeply nested brackets
take minutes; lists, quotes or emphasis nested a few hundred levels deep exhaust Python's stack.
Each check here is linear, and names the line where the body passes its bound; the schema turns
that into a problem for the validator and the build alike. Real reports are far below every bound.
"""

from __future__ import annotations

import re

MAX_BLOCK_DEPTH = 40
"""Levels of nested lists and block quotes."""
MAX_BRACKET_DEPTH = 32
"""Levels of nested `[` … `]`."""
MAX_BRACKET_WORK = 1_000_000
"""Characters Markdown's link parsing scans in one body: the sum, over every `[` (and every `(`
of a link target), of the distance to its match or to the end of its paragraph (~0.4 s)."""
MAX_MARKER_RUN = 500
"""`*` or `_` in one run."""

_NESTED_LINE = re.compile(r"^((?:[ \t]*>)*)([ \t]*)([-*+]|[0-9]+[.)])?(?=[ \t]|$)", re.M)
_BRACKETS = re.compile(r"\\.|\](?=\()|[\[\]()]|\n[ \t]*\n", re.S)
_MARKER_RUN = re.compile(r"\*{%d,}|_{%d,}" % (MAX_MARKER_RUN + 1, MAX_MARKER_RUN + 1))
_RULE_LINE = re.compile(r"[ \t*_-]*")

ESCAPE_HINT = r"write a literal bracket as \[ or \]"


def body_limits(body: str) -> list[tuple[int, str, str]]:
    """(line within the body, 1-based; what is wrong; what is accepted) for each bound the body
    passes; at most one of each kind."""
    problems = []
    depth = _block_depth(body)
    if depth:
        problems.append(depth)
    if "[" in body:
        problems += _brackets(body)
    run = _marker_run(body)
    if run:
        problems.append(run)
    return problems


def _line_of(body: str, offset: int) -> int:
    return body.count("\n", 0, offset) + 1


def _block_depth(body: str) -> tuple[int, str, str] | None:
    if ">" not in body and "\n " not in body and "\n\t" not in body:
        return None
    for match in _NESTED_LINE.finditer(body):
        quotes, indent, marker = match.groups()
        if not quotes and not marker:
            continue
        depth = quotes.count(">") + len(indent.expandtabs(4)) // 4 + (1 if marker else 0)
        if depth > MAX_BLOCK_DEPTH:
            return (_line_of(body, match.start()), f"lists or quotes nest {depth} levels deep",
                    f"at most {MAX_BLOCK_DEPTH} levels of nested lists and '>' quotes")
    return None


def _brackets(body: str) -> list[tuple[int, str, str]]:
    """Nesting depth and scanning work of `[`…`]` and of link targets `](`…`)`, per paragraph."""
    problems = []
    work = 0
    squares: list[int] = []   # offsets of open '['
    parens: list[int] = []    # offsets of open '(' inside a link target
    in_target = False
    deep_reported = False

    def close_paragraph(end: int) -> tuple[int, int]:
        """Work of the brackets left open at the paragraph's end, and the first of them."""
        spent = sum(end - start for start in squares) + sum(end - start for start in parens)
        first = min(squares + parens, default=end)
        squares.clear()
        parens.clear()
        return spent, first

    for match in _BRACKETS.finditer(body):
        token, at = match.group(), match.start()
        if token[0] == "\\":
            continue
        if token[0] == "\n":
            spent, first = close_paragraph(at)
            work += spent
            in_target = False
            if work > MAX_BRACKET_WORK:
                problems.append(_too_much(body, first))
                return problems
        elif token == "[":
            squares.append(at)
            if len(squares) > MAX_BRACKET_DEPTH and not deep_reported:
                deep_reported = True
                problems.append((_line_of(body, at), f"brackets '[' nest more than {MAX_BRACKET_DEPTH} deep",
                                 f"at most {MAX_BRACKET_DEPTH} nested '[' … ']'; {ESCAPE_HINT}"))
        elif token == "]":
            if squares:
                work += at - squares.pop()
            if match.end() < len(body) and body[match.end()] == "(":
                in_target = True
        elif token == "(":
            if in_target:
                parens.append(at)
        elif token == ")":
            if parens:
                work += at - parens.pop()
                if not parens:
                    in_target = False
        if work > MAX_BRACKET_WORK:
            problems.append(_too_much(body, min(squares + parens, default=at)))
            return problems
    spent, first = close_paragraph(len(body))
    if work + spent > MAX_BRACKET_WORK:
        problems.append(_too_much(body, first))
    return problems


def _too_much(body: str, first: int) -> tuple[int, str, str]:
    return (_line_of(body, first), "too many brackets '[' or link targets '(' left open or nested: Markdown would take "
            "minutes to read this text", f"close each '[' with ']' and each link's '(' with ')'; {ESCAPE_HINT}")


def _marker_run(body: str) -> tuple[int, str, str] | None:
    if "*" * (MAX_MARKER_RUN + 1) not in body and "_" * (MAX_MARKER_RUN + 1) not in body:
        return None
    for match in _MARKER_RUN.finditer(body):
        line_start = body.rfind("\n", 0, match.start()) + 1
        line_end = body.find("\n", match.end())
        line = body[line_start: line_end if line_end >= 0 else len(body)]
        if _RULE_LINE.fullmatch(line):
            continue  # a horizontal rule
        return (_line_of(body, match.start()), f"a run of {len(match.group())} '{match.group()[0]}'",
                f"at most {MAX_MARKER_RUN} '*' or '_' in a row; write a literal one as \\* or \\_")
    return None
