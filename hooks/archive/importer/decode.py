"""Reading raw documents: bytes in whatever encoding and format editors receive → lines of text.

Plain text and Markdown may be UTF-8 (with or without a BOM) or GB18030/GBK, detected with
charset-normalizer; HTML (its charset found as before) goes through trafilatura's main-content
extraction (paragraphs, headings, list items and table rows as lines; nav, sidebars, footers and
comments left out), with the page's <title> and the extracted title as the first lines so that the
later stages still see the page title. Where trafilatura finds no main content, or much less text
than the page holds, the whole page's text is used instead (Beautiful Soup: block elements become
lines, scripts and semantic chrome elements are dropped) and `RawDocument.extractor` says so.
Word documents are read with python-docx (paragraphs and table rows in document order). A file
that cannot be read raises `DecodeError` naming the file and the reason.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..text import without_controls

SUPPORTED_SUFFIXES = (".txt", ".md", ".html", ".htm", ".docx")

_CJK = re.compile(r"[\u3400-\u9fff]")
_HTML_DROP = ("script", "style", "noscript", "template", "iframe", "nav", "header", "footer", "aside", "form", "button", "select")
_HTML_BLOCKS = (
    "p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article",
    "blockquote", "pre", "table", "ul", "ol", "dd", "dt", "hr", "td", "th", "title", "main",
)
_MAX_BAD_RATIO = 0.02

TRAFILATURA = "trafilatura"
"""`RawDocument.extractor` of an HTML page read through trafilatura's main-content extraction."""
WHOLE_PAGE = "whole page"
"""`RawDocument.extractor` of an HTML page whose whole text was used (trafilatura found too little)."""
_MIN_MAIN_SHARE = 0.2
"""Main content with fewer letters than this share of the whole page's text is taken as a miss:
the page's chrome is rarely four times its report, and falling back costs only chrome lines,
which the cleaning stage drops, where a miss would lose report text."""
_LETTER = re.compile(r"[^\W_]", re.UNICODE)
_TRAFILATURA_BLOCKS = frozenset(("head", "p", "quote", "item", "list", "table", "row", "code", "div", "lb"))


class DecodeError(ValueError):
    """A raw document that cannot be read as text."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path, self.reason = path, reason


@dataclass(frozen=True)
class RawDocument:
    """One input file as text."""

    path: str
    """The file as given on the command line."""
    text: str
    """Its text with `\\n` line ends (no BOM, no CR)."""
    encoding: str
    """`utf-8`, `utf-8-sig`, `gb18030`, … or `docx` for Word documents."""
    kind: str
    """`text`, `html` or `docx`."""
    extractor: str | None = None
    """HTML only: `trafilatura` (main content) or `whole page` (the fallback); None for other kinds."""
    extractor_note: str = ""
    """HTML read as a whole page: why, as a sentence for the report's review notes."""


def read_document(path: Path | str) -> RawDocument:
    """Read one supported file; raise DecodeError when it cannot be read."""
    path = Path(path)
    shown = str(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise DecodeError(shown, f"unsupported file type {suffix or '(none)'!r}; accepted: {', '.join(SUPPORTED_SUFFIXES)}")
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise DecodeError(shown, f"cannot read the file: {e.strerror or e}") from e
    if suffix == ".docx":
        return RawDocument(shown, _normalise(_docx_text(raw, shown)), "docx", "docx")
    if suffix in (".html", ".htm"):
        text, encoding, extractor, note = _html_text(raw, shown)
        return RawDocument(shown, _normalise(text), encoding, "html", extractor, note)
    text, encoding = decode_bytes(raw, shown)
    return RawDocument(shown, _normalise(text), encoding, "text")


def decode_bytes(raw: bytes, shown: str) -> tuple[str, str]:
    """Decode text bytes: UTF-8 (BOM tolerated) first, else the encoding charset-normalizer detects."""
    if not raw.strip():
        raise DecodeError(shown, "the file is empty")
    if raw.startswith(b"\xef\xbb\xbf"):
        try:
            return raw[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as e:
            raise DecodeError(shown, f"starts with a UTF-8 BOM but is not valid UTF-8 at byte {e.start + 3}") from e
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = raw.decode("utf-16")
        return _check_plausible(text, "utf-16", shown), "utf-16"
    if b"\x00" in raw:
        offset = raw.index(b"\x00")
        raise DecodeError(shown, f"contains NUL bytes (first at byte {offset}): a binary file, not text")
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is None:
        raise DecodeError(shown, "the encoding cannot be detected (not UTF-8, GB18030/GBK or another known encoding)")
    encoding = best.encoding
    # GBK and GB2312 are subsets of GB18030: decode with the superset so rare characters survive.
    if encoding.replace("_", "").lower() in ("gbk", "gb2312", "hzgb2312", "cp936"):
        encoding = "gb18030"
    try:
        text = raw.decode(encoding)
    except (UnicodeDecodeError, LookupError) as e:
        raise DecodeError(shown, f"detected as {encoding} but does not decode cleanly: {e}") from e
    return _check_plausible(text, encoding, shown), encoding


def _check_plausible(text: str, encoding: str, shown: str) -> str:
    """Reject text that decoded but is garbage (control characters, no letters at all)."""
    if not text.strip():
        raise DecodeError(shown, "the file holds no text")
    bad = sum(1 for ch in text if unicodedata.category(ch) in ("Cc", "Co", "Cs", "Cn") and ch not in "\n\r\t\f")
    if bad / len(text) > _MAX_BAD_RATIO:
        raise DecodeError(shown, f"does not look like text (decoded as {encoding}, {bad} control or unassigned characters)")
    return text


def _html_text(raw: bytes, shown: str) -> tuple[str, str, str, str]:
    """The page's text, its encoding, the extractor used and, for the fallback, why."""
    from bs4 import BeautifulSoup

    markup, encoding = _html_decode(raw, shown)
    soup = BeautifulSoup(markup, "html.parser")
    page_title = _one_line(soup.title.get_text()) if soup.title else ""
    whole = whole_page_text(soup)
    try:
        main = main_content(markup)
    except Exception as e:  # a third-party extractor failing on one page must not stop a bulk import
        return whole, encoding, WHOLE_PAGE, f"trafilatura could not read the page ({type(e).__name__}: {e}); the whole page's text was used"
    if main is None:
        return whole, encoding, WHOLE_PAGE, "trafilatura found no main content; the whole page's text was used"
    title, lines = main
    kept, total = _letters("\n".join(lines)), _letters(whole)
    if kept < _MIN_MAIN_SHARE * total:
        return whole, encoding, WHOLE_PAGE, (f"trafilatura's main content held only {kept} of the page's {total} letters; "
                                             "the whole page's text was used")
    heads: list[str] = []
    for head in (page_title, title):  # the page's title lines first, each once, unless the text begins with it
        if head and head not in heads and head != lines[0]:
            heads.append(head)
    return "\n".join(heads + lines), encoding, TRAFILATURA, ""


def whole_page_text(soup) -> str:
    """The whole page's text (Beautiful Soup): block elements as lines, scripts, styles and the
    semantic chrome elements (nav, header, footer, aside, forms) left out. Changes `soup`."""
    for tag in soup.find_all(_HTML_DROP):
        tag.decompose()
    for tag in soup.find_all(_HTML_BLOCKS):
        tag.insert_before("\n")
        tag.insert_after("\n")
    body = soup.body or soup
    return body.get_text()


def main_content(markup: str) -> tuple[str, list[str]] | None:
    """trafilatura's main content of a decoded page: (the title it finds or "", the text's non-blank lines),
    or None when it finds none. Headings, paragraphs (line breaks kept), list items and quotes are
    lines; a table row is a line of its cells separated by tabs, as for Word tables. Comments are
    left out; recall is favoured over precision, since the cleaning stage drops chrome lines but
    nothing brings back a report line lost here."""
    import trafilatura

    document = trafilatura.bare_extraction(
        markup, with_metadata=True, include_comments=False, include_tables=True, include_images=False,
        include_links=False, include_formatting=False, favor_recall=True, deduplicate=False,
        date_extraction_params={"extensive_search": False},  # the date is not used; the thorough search takes seconds
    )
    if document is None or document.body is None:
        return None
    parts: list[str] = []
    _tree_text(document.body, parts)
    lines = [line.strip() for line in "".join(parts).split("\n")]
    lines = [line for line in lines if line]
    if not lines:
        return None
    return _one_line(document.title or ""), lines


def _tree_text(node, parts: list[str]) -> None:
    """Text of trafilatura's output tree: a line break around each block, a table row as one line."""
    tag = node.tag if isinstance(node.tag, str) else ""
    if tag == "row":
        cells = (_one_line("".join(cell.itertext())) for cell in node if cell.tag == "cell")
        parts.append("\n" + "\t".join(cell for cell in cells if cell) + "\n")
        return
    if tag in _TRAFILATURA_BLOCKS:
        parts.append("\n")
    if node.text and tag != "lb":
        parts.append(node.text)
    for child in node:
        _tree_text(child, parts)
        if child.tail:
            parts.append(child.tail)
    if tag in _TRAFILATURA_BLOCKS and tag != "lb":
        parts.append("\n")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _letters(text: str) -> int:
    return len(_LETTER.findall(text))


def _html_decode(raw: bytes, shown: str) -> tuple[str, str]:
    """HTML declares its charset in a meta tag more often than not; trust it when it decodes."""
    head = raw[:4096].decode("ascii", errors="ignore")
    declared = re.search(r"""charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", head, re.I)
    if declared and not raw.startswith(b"\xef\xbb\xbf"):
        encoding = declared.group(1).lower()
        if encoding in ("gbk", "gb2312", "cp936"):
            encoding = "gb18030"
        try:
            return raw.decode(encoding), encoding
        except (UnicodeDecodeError, LookupError):
            pass
    return decode_bytes(raw, shown)


def _docx_text(raw: bytes, shown: str) -> str:
    import io
    import zipfile

    import docx
    from docx.table import Table

    try:
        document = docx.Document(io.BytesIO(raw))
    except (zipfile.BadZipFile, KeyError, ValueError) as e:
        raise DecodeError(shown, f"not a readable Word (.docx) document: {e}") from e
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                cells = []
                for cell in row.cells:
                    if cell.text.strip() and (not cells or cells[-1] != cell.text.strip()):
                        cells.append(cell.text.strip())  # merged cells repeat their text
                lines.append("\t".join(cells))
        else:
            lines.append(block.text)
    return "\n".join(lines)


def _normalise(text: str) -> str:
    """`\\n` line ends, no BOM, no C0/C1 control characters (tab and newline kept), non-breaking
    spaces as spaces; every other character kept."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    text = text.replace("\u00a0", " ").replace("\u2028", "\n").replace("\u2029", "\n")
    return without_controls(text)


def has_cjk(text: str) -> bool:
    return bool(_CJK.search(text))
