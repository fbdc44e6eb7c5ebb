"""Completeness at scale: a 10,000-report synthetic archive, counted page by page, index by index,
in the open-data catalogue and in the search data."""

from __future__ import annotations

import json
import subprocess

import pytest

from archive_checks import assert_drafts_nowhere, assert_every_report_indexed, catalogue_of
from conftest import ROOT, ArchiveProject, built_synthetic_archive

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def synth_10k(tmp_path_factory) -> ArchiveProject:
    return built_synthetic_archive(tmp_path_factory.mktemp("synth10k"), 10_000, seed=23)


def test_10k_every_report_on_its_page_and_in_every_index(synth_10k):
    counts = assert_every_report_indexed(synth_10k)
    assert counts["reports"] >= 9800
    assert counts["indexes"] >= 2000


def test_10k_no_draft_anywhere_public(synth_10k):
    assert assert_drafts_nowhere(synth_10k) >= 50


def test_10k_catalogue_data_lists_every_report_once(synth_10k):
    catalogue = catalogue_of(synth_10k)
    expected = {f"reports/{r.slug}/" for r in catalogue.reports}
    data = json.loads((synth_10k.site / "catalogue.json").read_text(encoding="utf-8"))
    rows = data["reports"] if isinstance(data, dict) else data
    urls = [row["url"] for row in rows]
    assert len(urls) == len(set(urls)) == len(expected)
    assert {u.split("://", 1)[-1].split("/", 1)[-1] if "://" in u else u.lstrip("/") for u in urls} == expected
    csv_lines = (synth_10k.site / "catalogue.csv").read_text(encoding="utf-8-sig").strip().splitlines()
    assert len(csv_lines) == len(expected) + 1


def test_10k_search_data_finds_every_report(synth_10k):
    """Through the site's own search code: listing each category finds every published report once."""
    catalogue = catalogue_of(synth_10k)
    expected = {f"reports/{r.source_path}" for r in catalogue.reports}
    found: list[str] = []
    for category in catalogue.settings.categories:
        out = subprocess.run([str(ROOT / "scripts" / "search_cli"), "--site", str(synth_10k.site),
                              "--filter", f"category={category}", ""], capture_output=True, text=True, timeout=300)
        assert out.returncode == 0, out.stderr
        found += [hit["path"] for hit in json.loads(out.stdout)]
    assert len(found) == len(set(found))
    assert set(found) == expected
