"""The importer's hand-labelled corpus (tests/fixtures/import/corpus.yaml) loads and is consistent:
each page file exists, every label points at a line of its page and says what that line says,
values are of the report schema's kinds, and the split is by website with tune at most 60 % of
the websites (issue 15). These checks read labels, never importer output."""

from __future__ import annotations

from collections import defaultdict

import pytest
import yaml

from archive.regions import region_tree
from archive.settings import DEFAULT_CATEGORIES
from import_helpers import CORPUS

PAGES = yaml.safe_load(CORPUS.read_text(encoding="utf-8"))["pages"]
SPLITS = {"tune", "test", "seeds"}
BLANKS = " \t\u3000"


def lines(page: dict) -> list[str]:
    return (CORPUS.parent / page["file"]).read_text(encoding="utf-8-sig").split("\n")


def page_id(page: dict) -> str:
    return page["file"]


def test_every_page_has_a_file_a_split_and_a_website():
    for page in PAGES:
        assert (CORPUS.parent / page["file"]).is_file(), page["file"]
        assert page["split"] in SPLITS, page["file"]
        assert page.get("website") and page.get("site"), page["file"]
        assert page["reports"], f"{page['file']}: no report labelled"


def test_the_split_is_by_website_and_tune_holds_at_most_60_percent():
    splits = defaultdict(set)
    for page in PAGES:
        splits[page["website"]].add(page["split"])
    mixed = {site: s for site, s in splits.items() if len(s) > 1}
    assert not mixed
    tune = sum(1 for s in splits.values() if s == {"tune"})
    test = sum(1 for s in splits.values() if s == {"test"})
    assert test >= 10 and tune <= 0.6 * (tune + test), (tune, test)


@pytest.mark.parametrize("page", [p for p in PAGES if p["split"] != "seeds"], ids=page_id)
def test_labels_point_at_lines_that_say_what_the_label_says(page):
    text = lines(page)
    count = len(text)
    for no in page.get("chrome") or []:
        assert 1 <= no <= count and text[no - 1].strip(BLANKS), f"{page['file']}:{no}: chrome on a blank or missing line"
    previous = 0
    for report in page["reports"]:
        start = report["start"]
        assert 1 <= start <= count, f"{page['file']}: start {start} beyond {count} lines"
        assert start > previous, f"{page['file']}:{start}: reports out of order"
        previous = start
        if report.get("heading_line"):
            assert report["heading_line"] <= start
            if report.get("heading"):
                assert report["heading"].strip(BLANKS) in text[report["heading_line"] - 1], \
                    f"{page['file']}:{report['heading_line']}: heading {report['heading']!r} not on that line"
        if report.get("first_line"):
            assert text[start - 1].strip(BLANKS).startswith(str(report["first_line"]).strip(BLANKS)), \
                f"{page['file']}:{start}: first_line {report['first_line']!r} is not how that line begins"
        assert start not in (page.get("chrome") or []), f"{page['file']}:{start}: a report starts on chrome"


@pytest.mark.parametrize("page", PAGES, ids=page_id)
def test_label_values_are_of_the_schemas_kinds(page):
    tree = region_tree()
    for report in page["reports"]:
        assert report["category"] in DEFAULT_CATEGORIES, (page["file"], report["category"])
        year = report["year"]
        assert year is None or isinstance(year, int) and 1949 <= year <= 2026, (page["file"], year)
        unit = report["unit"]
        assert unit is None or isinstance(unit, str) and unit.strip(), (page["file"], unit)
        if report.get("region"):
            tree.resolve(report["region"])
