"""Citation files: per report `cite.bib` (BibTeX @techreport), `cite.ris` (RIS, TY RPRT) and
`cite.json` (CSL-JSON, type report) beside its page; the whole catalogue as `catalogue.bib` and
`catalogue.csl.json`.

A report is cited as a report (GB/T 7714 [R], Zotero's `report`, BibTeX's @techreport): its unit
is the responsible body (a corporate author: braced in BibTeX, `literal` in CSL) and the issuing
institution; a report that names no unit (`unit: null`) has neither, a report without a year has
no date. No access date is written: it would be the build's day (see pages/report.py `citation`
for GB/T 7714-2025, which has none for reports either).

Every value is untrusted report text, escaped for its format: BibTeX's special characters as
LaTeX commands (braces never unbalanced), RIS values on one line each (a line break inside a value
would start a new tag), JSON by the json module.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from ..catalogue import Catalogue
from ..labels import region_label
from ..schema import Report
from ..urls import CITE_FILES, report_url
from .writing import Write, write_file

BIB_NAME, RIS_NAME, CSL_NAME = CITE_FILES["BibTeX"], CITE_FILES["RIS"], CITE_FILES["CSL-JSON"]
"""Per report, in the report page's own folder (`reports/<path>/cite.bib` …)."""
CATALOGUE_BIB = "catalogue.bib"
CATALOGUE_CSL = "catalogue.csl.json"

_SPACE = re.compile(r"\s+")

_BIBTEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    # BibTeX counts every brace, escaped or not, when it looks for a value's end: `\{` would
    # leave the value unbalanced, a command with an empty argument never does.
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "%": r"\%",
    "&": r"\&",
    "#": r"\#",
    "$": r"\$",
    "_": r"\_",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
}
_BIBTEX_RE = re.compile("[" + re.escape("".join(_BIBTEX_SPECIAL)) + "]")
_URL_UNSAFE = re.compile(r"[\s{}\\\"<>]")


def one_line(text: str) -> str:
    """Whitespace runs (line breaks included) as one space, trimmed."""
    return _SPACE.sub(" ", text).strip()


def bibtex_text(text: str) -> str:
    """Text as the content of a braced BibTeX value: one line, LaTeX's special characters escaped."""
    return _BIBTEX_RE.sub(lambda m: _BIBTEX_SPECIAL[m.group()], one_line(text))


def safe_url(url: str) -> str:
    """A URL with the characters no URL may hold raw (space, braces, backslash, quotes, angle
    brackets) percent-encoded: it then fits a BibTeX `url` field and a RIS line as it is."""
    return _URL_UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode("utf-8")), url)


def cite_key(report: Report) -> str:
    """A stable ASCII key from the report's path (`2015/zunyi` → `2015:zunyi`): slugs hold only
    [a-z0-9._-] and '/', so the key is unique and needs no escaping in any format."""
    return report.slug.replace("/", ":")


def _url(report: Report, site_url: str) -> str:
    return safe_url(site_url + report_url(report.slug))


def _place(report: Report) -> str | None:
    return region_label(report.region, "") if report.region else None


def bibtex_entry(report: Report, site_url: str) -> str:
    """`@techreport`: author and institution are the unit (braced twice: a body's name, not a
    person's to split), type the category; none of them invented when the report names no unit."""
    fields: list[tuple[str, str]] = []
    if report.unit is not None:
        fields.append(("author", "{" + bibtex_text(report.unit) + "}"))
    fields.append(("title", "{" + bibtex_text(report.title) + "}"))
    if report.unit is not None:
        fields.append(("institution", bibtex_text(report.unit)))
    fields.append(("type", bibtex_text(report.category)))
    place = _place(report)
    if place:
        fields.append(("address", bibtex_text(place)))
    if report.year is not None:
        fields.append(("year", str(report.year)))
    if report.date is not None:
        fields.append(("date", report.date.isoformat()))
    fields.append(("url", _url(report, site_url)))
    if report.tags:
        # keywords are comma-separated: a comma inside one tag is written full-width
        fields.append(("keywords", ", ".join(bibtex_text(t.replace(",", "，")) for t in report.tags)))
    fields.append(("langid", "chinese"))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@techreport{{{cite_key(report)},\n{body}\n}}\n"


def ris_record(report: Report, site_url: str) -> str:
    """One RIS record, `TY  - RPRT` to `ER  - `, CRLF line ends; each value on its one line."""
    lines = [("TY", "RPRT")]
    if report.unit is not None:
        lines.append(("AU", one_line(report.unit)))
    lines.append(("TI", one_line(report.title)))
    if report.year is not None:
        lines.append(("PY", str(report.year)))
    if report.date is not None:
        lines.append(("DA", report.date.strftime("%Y/%m/%d")))
    if report.unit is not None:
        lines.append(("PB", one_line(report.unit)))
    place = _place(report)
    if place:
        lines.append(("CY", one_line(place)))
    lines.append(("M3", one_line(report.category)))
    lines += [("KW", one_line(tag)) for tag in report.tags]
    lines.append(("UR", _url(report, site_url)))
    lines.append(("LA", "zh"))
    lines.append(("ID", cite_key(report)))
    text = "".join(f"{tag}  - {value}\r\n" for tag, value in lines if value)
    return text + "ER  - \r\n"


def csl_item(report: Report, site_url: str, site_name: str) -> dict:
    """CSL-JSON `report`: the unit as a literal author and as publisher, the category as genre,
    the archive as `archive` (where the item is kept)."""
    item: dict = {"id": cite_key(report), "type": "report", "title": one_line(report.title)}
    if report.unit is not None:
        item["author"] = [{"literal": one_line(report.unit)}]
        item["publisher"] = one_line(report.unit)
    place = _place(report)
    if place:
        item["publisher-place"] = place
    if report.date is not None:
        item["issued"] = {"date-parts": [[report.date.year, report.date.month, report.date.day]]}
    elif report.year is not None:
        item["issued"] = {"date-parts": [[report.year]]}
    item["genre"] = report.category
    if report.tags:
        item["keyword"] = ", ".join(one_line(t) for t in report.tags)
    item["language"] = "zh-CN"
    if site_name:
        item["archive"] = site_name
    item["URL"] = _url(report, site_url)
    return item


def to_csl_json(items: list[dict]) -> str:
    return json.dumps(items, ensure_ascii=False, indent=1) + "\n"


def write_citations(catalogue: Catalogue, site_url: str, site_name: str, site_dir: Path,
                    write: Write = write_file) -> list[Path]:
    """Each report's three files beside its page (through `write`: each made of the report, the
    site's URL and name), then the catalogue's two (catalogue order)."""
    written: list[Path] = []
    entries: list[str] = []
    items: list[dict] = []
    for report in catalogue.reports:
        folder = site_dir / report_url(report.slug)
        folder.mkdir(parents=True, exist_ok=True)
        entry, item = bibtex_entry(report, site_url), csl_item(report, site_url, site_name)
        entries.append(entry)
        items.append(item)
        files = ((BIB_NAME, entry.encode), (RIS_NAME, lambda r=report: ris_record(r, site_url).encode()),
                 (CSL_NAME, lambda i=item: to_csl_json([i]).encode()))
        for name, make in files:
            path = folder / name
            write(path, make, key=(name, site_url, site_name, report))
            written.append(path)
    bib, csl = site_dir / CATALOGUE_BIB, site_dir / CATALOGUE_CSL
    bib.write_bytes("\n".join(entries).encode("utf-8"))
    csl.write_bytes(to_csl_json(items).encode("utf-8"))
    return written + [bib, csl]
