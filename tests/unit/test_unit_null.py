"""`unit: null` (单位不详) in-process: the schema accepts it and refuses every other way of saying
"no unit"; the catalogue keeps such reports out of the units and in their bucket; the listings,
the report page, the home page, search documents, feeds and open data show 单位不详.
The real build of the same: tests/build/test_unit_null_build.py."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import validate
from archive.export.data import record, to_csv
from archive.export.feeds import build_feed
from archive.labels import UNKNOWN_UNIT, template_globals, unit_label
from archive.pages import all_listings
from archive.pages.home import home_view
from archive.pages.report import ReportViews, SiteInfo
from archive.pages.units import unit_records
from archive.regions import region_tree
from archive.schema import parse_report
from archive.search import search_docs
from archive.settings import ArchiveSettings
from conftest import catalogue_from, report

ATOM = "{http://www.w3.org/2005/Atom}"
SHOWN = "reports/2015/x.md"


def parse(text: str):
    settings = ArchiveSettings(reports_dir=Path("/nonexistent/reports"))
    return parse_report(text, "2015/x.md", SHOWN, settings, region_tree(), 2026)


def unit_problem(text: str):
    result, problems = parse(text)
    assert result is None, f"accepted: {result}"
    problems = [p for p in problems if p.field == "unit"]
    assert len(problems) == 1, problems
    return problems[0]


# -- the schema -----------------------------------------------------------------------------------


@pytest.mark.parametrize("written", ["null", "~", "Null", "NULL", "null  # the text names no unit"])
def test_unit_null_is_accepted_as_not_stated(written):
    result, problems = parse(report(unit=written))
    assert problems == []
    assert result.unit is None


def test_a_missing_unit_is_still_an_error_that_says_to_write_null():
    result, problems = parse(report(unit="遵义市科协 机关党支部"))
    assert problems == [] and result.unit == "遵义市科协 机关党支部"  # a name is kept whole
    text = "---\ntitle: 县科协工作总结\nyear: 2015\ncategory: 工作总结\n---\n\n正文。\n"
    problem = unit_problem(text)
    assert "missing" in problem.message
    assert "unit: null" in problem.accepted and UNKNOWN_UNIT in problem.accepted
    assert str(problem).startswith(f"{SHOWN}:2: unit: ")


@pytest.mark.parametrize("written, message", [
    ('""', "is empty"),
    ("'   '", "is empty"),
    ("", "is empty"),                    # `unit:` with no value: YAML reads null, but nothing was written
    ("  # 待补", "is empty"),
    ("2015", "is not text"),
    ("[科协, 科技局]", "is not text"),
    ("true", "is not text"),
    (UNKNOWN_UNIT, "placeholder"),
    (f'"{UNKNOWN_UNIT}"', "placeholder"),
    ("单位 不详", "placeholder"),
    ("未知", "placeholder"),
    ("佚名", "placeholder"),
    ("Unknown", "placeholder"),
    ('"null"', "placeholder"),
])
def test_other_ways_of_saying_no_unit_are_errors_naming_file_line_field_and_null(written, message):
    problem = unit_problem(report(unit=written))
    assert message in problem.message
    assert problem.path == SHOWN and problem.line == 3 and problem.field == "unit"
    assert "unit: null" in problem.accepted
    assert str(problem).startswith(f"{SHOWN}:3: unit: ")


def test_the_validator_agrees(tmp_path, capsys):
    reports = tmp_path / "reports"
    (reports / "2015").mkdir(parents=True)
    (reports / "2015" / "none.md").write_text(report(unit="null"), encoding="utf-8")
    assert validate.main(["--reports", str(reports)]) == 0
    (reports / "2015" / "placeholder.md").write_text(report(unit=UNKNOWN_UNIT), encoding="utf-8")
    assert validate.main(["--reports", str(reports)]) == 1
    out = capsys.readouterr().out
    assert "placeholder.md:3: unit: " in out and "unit: null" in out and "none.md" not in out


# -- the catalogue and what is made of it ---------------------------------------------------------


@pytest.fixture
def catalogue(tmp_path):
    files = {
        "2015/a.md": report(title="遵义市科协2015年工作总结", unit="遵义市科协", year="2015"),
        "2016/b.md": report(title="遵义市科协2016年工作总结", unit="遵义市科协", year="2016"),
        "2014/c.md": report(title="县科技局工作总结", unit="县科技局", year="2014"),
        "2016/n1.md": report(title="科技创新总结报告", unit="null", year="2016"),
        "unknown/n2.md": report(title="职工技术创新活动工作计划", unit="null", year="null", category="工作计划"),
        "unknown/u.md": report(title="Unknown! 公司工作总结", unit="\"Unknown!\"", year="null"),
    }
    return catalogue_from(tmp_path, files)


def by_slug(catalogue, slug):
    return catalogue.by_slug[slug]


def test_reports_without_a_unit_are_no_unit_of_their_own(catalogue):
    units = catalogue.units()
    assert [u.name for u in units] == sorted((u.name for u in units), key=lambda n: catalogue.unit_slugs[n])
    assert {u.name for u in units} == {"遵义市科协", "县科技局", "Unknown!"}
    assert None not in catalogue.unit_slugs
    assert all(r.unit is not None for u in units for r in u.reports)
    assert [r.slug for r in catalogue.unknown_unit()] == ["2016/n1", "unknown/n2"]  # the catalogue's order


def test_no_unit_slug_is_the_bucket_segment(catalogue):
    assert "unknown" not in catalogue.unit_slugs.values()
    assert catalogue.unit_slugs["Unknown!"].startswith("unknown-")
    assert catalogue.unit_slug(None) is None


def test_a_report_without_a_unit_has_no_timeline(catalogue):
    assert catalogue.same_unit(by_slug(catalogue, "2016/n1")) == []
    assert [r.slug for r in catalogue.same_unit(by_slug(catalogue, "2016/b"))] == ["2015/a", "2016/b"]


def test_units_index_lists_the_bucket_last_and_the_bucket_page_its_reports(catalogue):
    listings = {listing.url: listing for listing in all_listings(catalogue)}
    index = listings["units/"]
    bucket_link = index.extra["unknown"]
    assert (bucket_link.title, bucket_link.url, bucket_link.count) == (UNKNOWN_UNIT, "units/unknown/", 2)
    assert index.extra["units"] == 3
    listed_units = [child.url for group in index.links for child in group.children]
    assert "units/unknown/" not in listed_units and len(listed_units) == 3
    bucket = listings["units/unknown/"]
    assert bucket.title == UNKNOWN_UNIT and bucket.breadcrumbs[0].url == "units/"
    assert [r.slug for r in bucket.reports] == ["2016/n1", "unknown/n2"] and bucket.total == 2
    unit_pages = [url for url in listings if url.startswith("units/") and url.count("/") == 2]
    assert sorted(unit_pages) == sorted(["units/unknown/", "units/zunyishikexie/", "units/xiankejiju/",
                                         f"units/{catalogue.unit_slugs['Unknown!']}/"])
    for group in index.extra["initials"]:
        assert group.title != "D"  # no 单位不详 "unit" filed under D (danweibuxiang)


def test_units_data_lists_units_only(catalogue):
    records = unit_records(catalogue)
    assert {r["name"] for r in records} == {"遵义市科协", "县科技局", "Unknown!"}
    assert all(r["url"] != "units/unknown/" for r in records)


def test_report_view_of_a_report_without_a_unit(catalogue):
    views = ReportViews(catalogue, site=SiteInfo("工作报告档案馆", "https://example.org/"))
    view = views.view(by_slug(catalogue, "2016/n1"))
    unit = view.fields[0]
    assert unit.label == "单位" and [(v.title, v.url) for v in unit.values] == [(UNKNOWN_UNIT, "units/unknown/")]
    assert view.same_unit == [] and view.same_unit_total == 0
    assert view.previous is None and view.next is None
    assert UNKNOWN_UNIT in view.description and "None" not in view.description
    assert view.citation.startswith("科技创新总结报告[R/OL]")  # GB/T 7714-2025: no responsible body
    assert '"author"' not in str(view.jsonld) and "None" not in str(view.jsonld)
    named = views.view(by_slug(catalogue, "2016/b"))
    assert named.fields[0].values[0].url == "units/zunyishikexie/"
    assert '"author":{"@type":"Organization","name":"遵义市科协"}' in str(named.jsonld)
    assert [link.url for link in named.same_unit] == ["reports/2015/a/", ""]


def test_home_counts_named_units_only(catalogue):
    assert home_view(catalogue).units == 3


def test_templates_get_the_unit_label():
    label = template_globals()["archive_unit_label"]
    assert label(None) == UNKNOWN_UNIT == unit_label(None) and label("县科协") == "县科协"


def test_search_documents(catalogue):
    docs = {d.url: d for d in search_docs(catalogue.reports)}
    doc = docs["reports/2016/n1/"]
    assert doc.unit is None and doc.unit_label == UNKNOWN_UNIT
    assert doc.segments[1] == ""  # the head is the title alone
    assert UNKNOWN_UNIT in doc.segments[2:-1]
    named = docs["reports/2016/b/"]
    assert named.segments[1] == "遵义市科协" and UNKNOWN_UNIT not in named.segments


def test_open_data_record(catalogue):
    row = record(by_slug(catalogue, "2016/n1"), "https://example.org/")
    assert row["unit"] is None
    rows = list(csv.DictReader(io.StringIO(to_csv([row]))))
    assert rows[0]["unit"] == "" and rows[0]["title"] == "科技创新总结报告"


def test_feed_author_is_the_label(catalogue):
    feed = build_feed(catalogue.reports, {}, "https://example.org/", "工作报告档案馆", "")
    root = ET.fromstring(feed.atom_str())
    authors = {entry.find(f"{ATOM}id").text: entry.find(f"{ATOM}author/{ATOM}name").text
               for entry in root.findall(f"{ATOM}entry")}
    assert authors["https://example.org/reports/2016/n1/"] == UNKNOWN_UNIT
    assert authors["https://example.org/reports/2016/b/"] == "遵义市科协"
    summaries = [entry.find(f"{ATOM}summary").text for entry in root.findall(f"{ATOM}entry")]
    assert not any(s.startswith("None") for s in summaries)
