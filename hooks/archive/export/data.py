"""The whole catalogue as open data: `catalogue.json` and `catalogue.csv`, one row per report.

The fields are documented for readers on the 开放数据 page (docs/data.md); `FIELDS` is the
one list both files follow.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from ..catalogue import Catalogue
from ..schema import Report
from ..urls import report_url

FIELDS = ("url", "title", "unit", "year", "region", "region_code", "category", "date", "tags", "source", "characters")
"""Columns of catalogue.csv and keys of each record in catalogue.json, in this order."""

JSON_NAME = "catalogue.json"
CSV_NAME = "catalogue.csv"

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def record(report: Report, site_url: str) -> dict:
    """One report as plain data (absolute URL when the site's address is configured)."""
    return {
        "url": site_url + report_url(report.slug),
        "title": report.title,
        "unit": report.unit,  # null (CSV: empty) for 单位不详, as year and region
        "year": report.year,
        "region": report.region.path_name if report.region else None,
        "region_code": report.region.code if report.region else None,
        "category": report.category,
        "date": report.date.isoformat() if report.date else None,
        "tags": list(report.tags),
        "source": report.source,
        "characters": report.chars,
    }


def records(catalogue: Catalogue, site_url: str) -> list[dict]:
    """Every published report, in the catalogue's order (newest year first, then stable)."""
    return [record(r, site_url) for r in catalogue.reports]


def to_json(rows: list[dict]) -> str:
    return json.dumps({"fields": list(FIELDS), "count": len(rows), "reports": rows}, ensure_ascii=False, indent=1) + "\n"


def csv_cell(value) -> str | int:
    """A cell a spreadsheet shows as text: lists joined with '|', text that would start a formula
    (= + - @, tab, CR) prefixed with an apostrophe (CSV injection)."""
    if value is None:
        return ""
    if isinstance(value, list):
        value = "|".join(value)
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def to_csv(rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(FIELDS)
    for row in rows:
        writer.writerow([csv_cell(row[name]) for name in FIELDS])
    return out.getvalue()


def write_data(catalogue: Catalogue, site_url: str, site_dir: Path) -> list[Path]:
    """Write catalogue.json (UTF-8) and catalogue.csv (UTF-8 with BOM, so that Excel reads Chinese)."""
    rows = records(catalogue, site_url)
    json_path, csv_path = site_dir / JSON_NAME, site_dir / CSV_NAME
    json_path.write_text(to_json(rows), encoding="utf-8")
    csv_path.write_bytes(to_csv(rows).encode("utf-8-sig"))
    return [json_path, csv_path]
