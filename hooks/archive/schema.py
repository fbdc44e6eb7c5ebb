"""The report schema: front matter rules of DESIGN.md, in one place.

`parse_report()` turns the text of one `reports/**.md` file into a `Report`, or into `Problem`s
that name the file, the line, the field, what is wrong and what is accepted. The validator, the
build hooks and the importer all go through this module.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

import yaml

from .labels import UNKNOWN_UNIT
from .limits import body_limits
from .regions import Division, RegionError, RegionTree
from .settings import ArchiveSettings

FIRST_YEAR = 1949
MAX_TAG_CHARS = 20
TAG_SEPARATORS = ("|",)
"""Characters a tag may not hold: the catalogue's CSV (export/data.py) joins a report's tags with '|'."""

REQUIRED_FIELDS = ("title", "unit", "year", "category")
OPTIONAL_FIELDS = ("region", "date", "source", "tags", "draft", "review", "redirect_from")
ALL_FIELDS = REQUIRED_FIELDS + OPTIONAL_FIELDS

UNIT_NULL_HINT = f"unit: null when the report does not name its issuing body (the site shows {UNKNOWN_UNIT})"
UNIT_PLACEHOLDERS = frozenset({
    UNKNOWN_UNIT, "不详", "未知", "未知单位", "单位未知", "单位不明", "不明", "佚名", "无", "未署名", "待定", "待核实",
    "null", "none", "unknown", "n/a", "na", "-", "--", "—", "？", "?",
})
"""Texts that stand for "no unit": refused in `unit`, where null says it (compared case-folded,
without spaces)."""

# File names become URL segments: ASCII only, so links never need percent-encoding.
_SEGMENT = re.compile(r"^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9_-])?$")

MAX_SHOWN = 60
"""Characters of a value quoted in a message at most (a value can be megabytes long)."""

_FILE_CONTROL = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
"""Characters no report file may hold anywhere (tab and LF aside): C0/C1 controls and the two
noncharacters that XML (feeds, sitemaps) cannot carry."""
_INVISIBLE_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u034f\u180e")
"""Fillers that Unicode counts as letters or marks but that show nothing."""
_DECIMAL_YEAR = re.compile(r"[+]?[0-9]+")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_HTML_COMMENT = re.compile(r"<!--.*?(-->|\Z)", re.S)


def shown(value: Any) -> str:
    """A value as a message quotes it: its repr, cut to MAX_SHOWN characters."""
    if isinstance(value, str):
        text = value if len(value) <= MAX_SHOWN else value[:MAX_SHOWN] + "…"
        return repr(text)
    if isinstance(value, (list, tuple)):
        return "a list" if value else "an empty list"
    if isinstance(value, dict):
        return "a mapping"
    text = repr(value)
    return text if len(text) <= MAX_SHOWN else text[:MAX_SHOWN] + "…"


def _invisible(char: str) -> bool:
    """Control, format (zero-width, bidi overrides, BOM, soft hyphen), surrogate, noncharacter
    or an invisible filler: characters that show nothing, or change how the text around shows."""
    if char in _INVISIBLE_LETTERS:
        return True
    code = ord(char)
    if 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE:
        return True
    return unicodedata.category(char) in ("Cc", "Cf", "Cs")


def invisible_characters(text: str) -> list[str]:
    """The invisible or control characters of `text` (whitespace aside), as `U+XXXX` names."""
    found = []
    for char in text:
        if not char.isspace() and _invisible(char):
            name = f"U+{ord(char):04X}"
            if name not in found:
                found.append(name)
    return found


def _visible(text: str) -> str:
    return "".join(c for c in text if c.isspace() or not _invisible(c))


class _FrontMatterLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml when available: 10× faster
    """Safe YAML; timestamps stay text, so that `date: 2015-13-45` is our clear error, not a crash."""


_FrontMatterLoader.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_scalar)
_YAML_LOADER = _FrontMatterLoader


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one report file."""

    path: str
    """The file, relative to the project (e.g. `reports/2015/zunyi.md`)."""
    line: int | None
    """1-based line in the file, where known."""
    field: str
    """The front-matter field, or `file`, `front matter`, `body`, `url`."""
    message: str
    """What is wrong."""
    accepted: str = ""
    """What would be accepted instead."""
    warning: bool = False
    """True for problems that do not fail the build (those of drafts)."""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        text = f"{where}: {self.field}: {self.message}"
        if self.accepted:
            text += f" ({self.accepted})"
        return ("warning: " if self.warning else "") + text


@dataclass(frozen=True)
class Report:
    """One published (or draft) work report, as its front matter describes it."""

    source_path: str
    """Path below the reports folder, with `/` separators: `2015/zunyi-kexie.md`."""
    slug: str
    """URL path below `reports/`: the source path, lower-cased, without `.md`."""
    title: str
    unit: str | None
    """None means 单位不详 (the text does not name its issuing body)."""
    year: int | None
    """None means 年份不详 (the text does not state the year)."""
    category: str
    region: Division | None
    """None means 地区不详."""
    date: dt.date | None = None
    source: str | None = None
    tags: tuple[str, ...] = ()
    draft: bool = False
    review: tuple[str, ...] = ()
    redirect_from: tuple[str, ...] = ()
    """Slugs of the paths this report was moved from: their old URLs redirect here."""
    body_line: int = 1
    """Line of the file where the Markdown body starts."""
    chars: int = 0
    """Length of the body in characters."""
    body: str = field(default="", compare=False, repr=False)
    """The Markdown text below the front matter, as read with it (pages, search and
    near-duplicates use this, never a second reading of the file)."""
    extra: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)


class _Checker:
    """Collects the problems of one file while its fields are read."""

    def __init__(self, path: str, lines: dict[str, int], draft: bool):
        self.path, self.lines, self.draft = path, lines, draft
        self.problems: list[Problem] = []
        self.items: dict[str, list[int]] = {}
        """Lines of the items of each list field."""
        self.raw: dict[str, str] = {}
        """The text of each unquoted scalar field, as written."""

    def add(self, field_name: str, message: str, accepted: str = "", line: int | None = None) -> None:
        line = line if line is not None else self.lines.get(field_name)
        self.problems.append(Problem(self.path, line, field_name, message, accepted, warning=self.draft))


def split_front_matter(text: str) -> tuple[str, str, int] | tuple[None, str, int]:
    """Split `---\\nYAML\\n---\\nbody` into (yaml, body, body's first line).

    Returns (None, message, line) when there is no well-formed front matter block.
    """
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return None, "the file does not start with a front matter block", 1
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return "\n".join(lines[1:index]), "\n".join(lines[index + 1 :]), index + 2
    return None, "the front matter block opened on line 1 is never closed", len(lines)


def decode(raw: bytes, path: str, max_bytes: int | None = None) -> tuple[str | None, Problem | None]:
    """Report files are UTF-8 text with LF line ends, no byte-order mark, of a sane size.

    Each deviation is its own clear error: editors fix the file once (or git's .gitattributes
    does it on commit) instead of the build guessing.
    """
    if max_bytes and len(raw) > max_bytes:
        return None, Problem(path, None, "file", f"is {len(raw) / 1e6:.1f} MB, over the {max_bytes / 1e6:g} MB limit",
                             "split the text into several reports, or raise extra.archive.max_report_kb")
    if b"\x00" in raw:
        at = raw.index(b"\x00")
        line = raw.count(b"\n", 0, at) + 1
        return None, Problem(path, line, "file", "contains a NUL byte (a binary file?)", "UTF-8 text")
    if raw.startswith(b"\xef\xbb\xbf"):
        return None, Problem(path, 1, "file", "starts with a byte-order mark (BOM)",
                             "UTF-8 without BOM: choose 'UTF-8', not 'UTF-8 with BOM', when saving")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw.count(b"\n", 0, e.start) + 1
        hint = "save the file as UTF-8"
        try:
            raw.decode("gb18030")
            hint = "the file looks GBK/GB18030-encoded; save it as UTF-8"
        except UnicodeDecodeError:
            pass
        return None, Problem(path, line, "file", f"not valid UTF-8 at byte {e.start}", hint)
    if "\r" in text:
        line = text.count("\n", 0, text.index("\r")) + 1
        return None, Problem(path, line, "file", "has Windows (CRLF) or old Mac (CR) line ends",
                             "LF line ends: set your editor to 'LF' / 'Unix'; git converts on commit (see .gitattributes)")
    control = _FILE_CONTROL.search(text)
    if control:
        line = text.count("\n", 0, control.start()) + 1
        column = control.start() - (text.rfind("\n", 0, control.start()) + 1) + 1
        return None, Problem(path, line, "file", f"contains the control character U+{ord(control.group()):04X} "
                             f"(column {column}), which shows nothing and no feed can carry",
                             "plain text: delete the character (it often comes with text copied from a web page or a PDF)")
    return text, None


def report_slug(source_path: str) -> str:
    """`2015/Zunyi.md` → `2015/zunyi`: the report's URL path below `reports/`."""
    return source_path[: -len(".md")].lower()


def check_path(source_path: str, shown: str) -> Problem | None:
    """File paths become URLs: each segment must be plain ASCII."""
    segments = source_path[: -len(".md")].split("/") if source_path.endswith(".md") else None
    if segments and all(map(_SEGMENT.match, segments)) and segments[-1].lower() != "index":
        return None  # the common case, decided without pathlib (100,000 files a build)
    pure = PurePosixPath(source_path)
    if pure.suffix != ".md":
        return Problem(shown, None, "file", "not a Markdown report", "report files end in .md")
    for segment in PurePosixPath(source_path[: -len(".md")]).parts:
        if not _SEGMENT.match(segment):
            return Problem(
                shown, None, "file name",
                f"{shown_segment(segment)} cannot be part of a URL",
                "ASCII letters, digits, '-', '_' and '.', starting with a letter or digit and not ending in '.'; "
                "no spaces or Chinese characters; e.g. 2015/zunyi-kexie.md",
            )
    if pure.stem.lower() == "index":
        return Problem(shown, None, "file name", "index.md is reserved for folder pages", "any other name, e.g. 2015/zunyi-kexie.md")
    return None


def shown_segment(segment: str) -> str:
    return shown(segment)


def parse_report(
    text: str, source_path: str, shown_path: str, settings: ArchiveSettings, regions: RegionTree,
    current_year: int | None = None,
) -> tuple[Report | None, list[Problem]]:
    """Validate one report file's text; return the Report (when valid) and every problem found."""
    current_year = current_year or dt.date.today().year
    front, body, body_line = split_front_matter(text)
    if front is None:
        return None, [Problem(shown_path, body_line, "front matter", body, "a block between two '---' lines at the top of the file")]

    data, lines, problem = load_front_matter(front, shown_path)
    if problem:
        return None, [problem]
    draft_flag = data.get("draft") is True
    check = _Checker(shown_path, lines, draft_flag)
    for name in lines.pop("__duplicates__", []):
        check.add(name[0], "the field is given twice", "each field once", line=name[1])
    check.items = lines.pop("__items__", {})
    check.raw = lines.pop("__raw__", {})

    for name in data:
        if name not in ALL_FIELDS:
            check.add(name if name.isprintable() and len(name) <= MAX_SHOWN else shown(name), "unknown field",
                      "fields: " + ", ".join(ALL_FIELDS), line=lines.get(name))
    for name in REQUIRED_FIELDS:
        if name not in data:
            accepted = {"year": "year: 2015, or year: null when the text does not state the year",
                        "unit": "unit: 遵义市科协, or " + UNIT_NULL_HINT}.get(name, "a value")
            check.add(name, "missing (required)", accepted, line=2)

    title = _text(check, data, "title", required=True)
    unit = _unit(check, data, front)
    year = _year(check, data, current_year)
    category = _category(check, data, settings)
    region = _region(check, data, regions)
    date = _date(check, data, year)
    source = _text(check, data, "source", required=False)
    tags = _strings(check, data, "tags", max_chars=MAX_TAG_CHARS)
    review = _strings(check, data, "review", max_chars=None)
    redirect_from = _old_paths(check, data, source_path)
    draft = data.get("draft", False)
    if draft is None:
        draft = False
    if not isinstance(draft, bool):
        check.add("draft", f"{shown(draft)} is not true or false", "draft: true, or leave the field out")
    if not _HTML_COMMENT.sub("", body).strip():
        check.add("body", "the report has no text", "the report's text below the front matter", line=body_line)
    for line, message, accepted in body_limits(body):
        check.add("body", message, accepted, line=body_line + line - 1)

    if check.problems:
        return None, check.problems
    report = Report(
        source_path=source_path, slug=report_slug(source_path), title=title, unit=unit, year=year,
        category=category, region=region, date=date, source=source, tags=tuple(tags), draft=draft,
        review=tuple(review), redirect_from=tuple(redirect_from), body_line=body_line, chars=len(body.strip()),
        body=body,
    )
    return report, []


def load_front_matter(front: str, path: str) -> tuple[dict, dict, Problem | None]:
    """Parse the YAML once, keeping each top-level key's line (front matter starts on line 2).
    The importer reads the archive's front matter with it too.

    Keys are named as written (`null:`, `on:` are the fields "null" and "on", not None and True).
    Anchors and aliases (`&a`, `*a`) are refused: editors do not need them, and a few nested
    aliases expand to gigabytes. `lines["__items__"]` holds the lines of a list field's items."""
    if "&" in front or "*" in front:
        problem = _anchor_or_alias(front, path)
        if problem:
            return {}, {}, problem
    try:
        loader = _YAML_LOADER(front)
        try:
            node = loader.get_single_node()
            if node is None:
                return {}, {"__duplicates__": []}, None
            if not isinstance(node, yaml.MappingNode):
                return {}, {}, Problem(path, 2, "front matter", "is not a list of 'field: value' lines",
                                       "title: …, unit: …, year: …, category: …")
            data: dict[str, Any] = {}
            lines: dict[str, Any] = {}
            items: dict[str, list[int]] = {}
            raw: dict[str, str] = {}
            duplicates = []
            for key_node, value_node in node.value:
                line = key_node.start_mark.line + 2
                if isinstance(key_node, yaml.ScalarNode):
                    key = key_node.value
                else:
                    return {}, {}, Problem(path, line, "front matter", "a field name is a list or a mapping",
                                           "'field: value' lines with plain names: title, unit, year …")
                if key in lines:
                    duplicates.append((key, line))
                    continue
                lines[key] = line
                data[key] = loader.construct_object(value_node, deep=True)
                if isinstance(value_node, yaml.ScalarNode) and not value_node.style:
                    raw[key] = value_node.value
                if isinstance(value_node, yaml.SequenceNode):
                    items[key] = [item.start_mark.line + 2 for item in value_node.value]
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 2 if mark else None
        reason = (e.problem or str(e)).strip()
        return {}, {}, Problem(path, line, "front matter", f"malformed YAML: {reason[:200]}",
                               "'field: value' lines; quote values containing ':' or '#'")
    except (yaml.YAMLError, ValueError, TypeError, RecursionError) as e:
        return {}, {}, Problem(path, 2, "front matter", f"malformed YAML: {str(e)[:200]}", "'field: value' lines")
    lines["__duplicates__"] = duplicates
    lines["__items__"] = items
    lines["__raw__"] = raw
    return data, lines, None


def _anchor_or_alias(front: str, path: str) -> Problem | None:
    """The first anchor (`&name`) or alias (`*name`) of the YAML, as a problem; None when it has
    none (or is malformed: the loader then says how)."""
    loader = _YAML_LOADER(front)
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                kind = "an alias (*)" if isinstance(event, yaml.AliasEvent) else "an anchor (&)"
                return Problem(path, event.start_mark.line + 2, "front matter",
                               f"uses {kind}: YAML anchors and aliases are not accepted in front matter",
                               "write each value out in full")
    except (yaml.YAMLError, RecursionError):
        return None
    finally:
        loader.dispose()
    return None


def _text(check: _Checker, data: dict, name: str, required: bool) -> str | None:
    value = data.get(name)
    if value is None:
        if required and name in data:
            check.add(name, "is empty", "a non-empty text")
        return None
    if not isinstance(value, str):
        example = f'{name}: "{value}"' if isinstance(value, (int, float, bool)) else f"{name}: 一段文字"
        check.add(name, f"{shown(value)} is not text", "quote it: " + example if isinstance(value, (int, float, bool))
                  else "a single text, e.g. " + example)
        return None
    value = " ".join(value.split())
    if required and not _visible(value).strip():
        check.add(name, "is empty" if not value else "is empty (it holds only invisible characters)", "a non-empty text")
        return None
    if not _plain(check, name, value):
        return None
    return value


def _plain(check: _Checker, name: str, value: str, line: int | None = None) -> bool:
    """False (and a problem) for a text holding control or invisible characters: they break feeds
    and make two names that look the same differ (bidi overrides, zero-width spaces)."""
    found = invisible_characters(value)
    if found:
        check.add(name, f"contains the invisible or control character(s) {', '.join(found[:5])}",
                  "plain text: delete them (escapes such as \\e, \\0 or \\u200b in quotes write them)", line=line)
        return False
    return True


def _unit(check: _Checker, data: dict, front: str) -> str | None:
    """The issuing body's name, or None for `unit: null` (单位不详). A blank `unit:` (YAML reads
    it as null too) and placeholder texts are errors: null must be written, so that a forgotten
    value is never published as 单位不详."""
    if "unit" not in data:
        return None
    value = data["unit"]
    if value is None:
        if _blank_value(front, check.lines.get("unit")):
            check.add("unit", "is empty", "the issuing body's name, or " + UNIT_NULL_HINT)
        return None
    if not isinstance(value, str):
        quoted = f'quote it: unit: "{value}"' if isinstance(value, (int, float, bool)) else "one name, e.g. unit: 遵义市科协"
        check.add("unit", f"{shown(value)} is not text", f"{quoted}, or " + UNIT_NULL_HINT)
        return None
    value = " ".join(value.split())
    if not _visible(value).strip():
        check.add("unit", "is empty" if not value else "is empty (it holds only invisible characters)",
                  "the issuing body's name, or " + UNIT_NULL_HINT)
        return None
    if not _plain(check, "unit", value):
        return None
    if "".join(value.split()).casefold() in UNIT_PLACEHOLDERS:
        check.add("unit", f"{shown(value)} is a placeholder, not a unit", "write " + UNIT_NULL_HINT)
        return None
    return value


def _blank_value(front: str, line: int | None) -> bool:
    """Is the field on file line `line` written with no value at all (`unit:` or `unit:  # …`),
    rather than as `null` or `~`?"""
    if line is None:
        return False
    lines = front.split("\n")
    index = line - 2  # the front matter starts on the file's line 2
    if not 0 <= index < len(lines):
        return False
    _, _, rest = lines[index].partition(":")
    rest = rest.strip()
    return not rest or rest.startswith("#")


def _year(check: _Checker, data: dict, current_year: int) -> int | None:
    accepted = f"a whole number from {FIRST_YEAR} to {current_year}, or null when the text does not state the year"
    if "year" not in data:
        return None
    value = data["year"]
    if value is None:
        return None
    written = check.raw.get("year")
    if isinstance(value, int) and not isinstance(value, bool) and written is not None and not _DECIMAL_YEAR.fullmatch(written):
        check.add("year", f"{shown(written)} is not a year", accepted)  # YAML 1.1 reads 0x7DF and 33:35 as numbers
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        check.add("year", f"{shown(value)} is not a year", accepted)
        return None
    if not FIRST_YEAR <= value <= current_year:
        check.add("year", f"{value} is out of range", accepted)
        return None
    return value


def _category(check: _Checker, data: dict, settings: ArchiveSettings) -> str | None:
    value = data.get("category")
    if value is None:
        if "category" in data:
            check.add("category", "is empty", "one of " + ", ".join(settings.categories))
        return None
    if not isinstance(value, str):
        check.add("category", f"{shown(value)} is not one category", "one of " + ", ".join(settings.categories))
        return None
    if value not in settings.categories:
        check.add("category", f"{shown(value)} is not in the archive's vocabulary", "one of " + ", ".join(settings.categories))
        return None
    return value


def _region(check: _Checker, data: dict, regions: RegionTree) -> Division | None:
    value = data.get("region")
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        check.add("region", f"{shown(value)} is not a region name", "a division name or path, e.g. 贵州省/遵义市, or null")
        return None
    if not _plain(check, "region", value):
        return None
    try:
        return regions.resolve(value)
    except RegionError as e:
        if e.candidates:
            accepted = "did you mean: " + "; ".join(f"{c.label} [{c.code}]" for c in e.candidates) + "? write the path to choose"
        else:
            accepted = "a GB/T 2260 division name or path, e.g. 贵州省/遵义市, or null when not stated"
            simple = _simplified_region(value, regions)
            if simple:
                accepted = f"did you mean {simple} (simplified script)? region names are written in simplified characters"
        message = str(e) if len(str(e)) <= 200 else f"unknown region {shown(value)}"
        check.add("region", message, accepted)
        return None


def _simplified_region(value: str, regions: RegionTree) -> str | None:
    """The simplified form of a traditional-script region name, when it names a division."""
    from .text import simplified

    simple = simplified(value)
    if simple == value:
        return None
    try:
        regions.resolve(simple)
    except RegionError as e:
        return simple if e.candidates else None
    return simple


def _date(check: _Checker, data: dict, year: int | None) -> dt.date | None:
    value = data.get("date")
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, str):
        written = value
        try:
            if not _ISO_DATE.fullmatch(value.strip()):
                raise ValueError(value)
            value = dt.date.fromisoformat(value.strip())
        except ValueError:
            check.add("date", f"{shown(written)} is not an ISO date", "YYYY-MM-DD, e.g. 2015-12-31")
            return None
    if not isinstance(value, dt.date):
        check.add("date", f"{shown(value)} is not an ISO date", "YYYY-MM-DD, e.g. 2015-12-31")
        return None
    if "year" in data and data.get("year") != value.year and (year is not None or data.get("year") is None):
        stated = "null" if data.get("year") is None else data.get("year")
        check.add("date", f"{value.isoformat()} is in {value.year} but year is {stated}",
                  f"a date within year {stated}, or set year: {value.year}")
        return None
    return value


def _old_paths(check: _Checker, data: dict, source_path: str) -> list[str]:
    """`redirect_from: [2014/old-name.md]`: paths (below reports/) this file was moved from."""
    slugs = []
    for old in _strings(check, data, "redirect_from", max_chars=None):
        problem = check_path(old, check.path)
        if problem or old.startswith("/") or ".." in old.split("/"):
            check.add("redirect_from", f"{shown(old)} is not a report path",
                      "the old file path below reports/, e.g. redirect_from: [2014/old-name.md]")
        elif report_slug(old) == report_slug(source_path):
            check.add("redirect_from", f"{shown(old)} is this file's own path", "the path the file had before it moved")
        else:
            slugs.append(report_slug(old))
    return slugs


def _strings(check: _Checker, data: dict, name: str, max_chars: int | None) -> list[str]:
    value = data.get(name)
    if value is None:
        return []
    example = f"{name}: [党建, 科普]" if name == "tags" else f"{name}: [\"待核实年份\"]"
    if not isinstance(value, list):
        check.add(name, f"{shown(value)} is not a list", f"a list, e.g. {example}")
        return []
    lines = check.items.get(name, [])
    items = []
    for index, item in enumerate(value):
        line = lines[index] if index < len(lines) else None
        if not isinstance(item, str) or not _visible(item).strip():
            check.add(name, f"item {shown(item)} is not text", f"a list of texts, e.g. {example}", line=line)
            continue
        item = " ".join(item.split())
        if not _plain(check, name, item, line=line):
            continue
        if max_chars and len(item) > max_chars:
            check.add(name, f"item {shown(item[:30])} is longer than {max_chars} characters", "short topic words, e.g. 党建", line=line)
            continue
        if name == "tags" and any(sep in item for sep in TAG_SEPARATORS):
            check.add(name, f"item {shown(item)} holds a separator ({' '.join(TAG_SEPARATORS)})",
                      "one topic per item: tags: [党建, 科普]", line=line)
            continue
        if item in items:
            check.add(name, f"item {shown(item)} is listed twice", "each item once", line=line)
            continue
        items.append(item)
    return items
