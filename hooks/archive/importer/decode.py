"""Reading raw documents: bytes in whatever encoding and format editors receive → lines of text.

Plain text and Markdown may be UTF-8 (with or without a BOM) or GB18030/GBK, detected with
charset-normalizer; HTML is read with Beautiful Soup (block elements become lines, scripts and
page chrome elements are dropped); Word documents with python-docx (paragraphs and table rows in
document order). A file that cannot be read raises `DecodeError` naming the file and the reason.
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
        text, encoding = _html_text(raw, shown)
        return RawDocument(shown, _normalise(text), encoding, "html")
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


def _html_text(raw: bytes, shown: str) -> tuple[str, str]:
    from bs4 import BeautifulSoup

    text, encoding = _html_decode(raw, shown)
    soup = BeautifulSoup(text, "html.parser")
    for tag in soup.find_all(_HTML_DROP):
        tag.decompose()
    for tag in soup.find_all(_HTML_BLOCKS):
        tag.insert_before("\n")
        tag.insert_after("\n")
    body = soup.body or soup
    return body.get_text(), encoding


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
