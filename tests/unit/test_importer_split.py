"""Importer, splitting (archive.importer.split): how many reports come out of each seed file, and
where each one starts (tests/fixtures/import/corpus.yaml, seeds)."""

from __future__ import annotations

import pytest

from import_helpers import EXPECTED_COUNTS, TRUTH


@pytest.mark.parametrize("prefix,count", sorted(EXPECTED_COUNTS.items()))
def test_reports_split_out_of_each_seed(seeds_json, prefix, count):
    assert len(seeds_json[prefix]["reports"]) == count


@pytest.mark.parametrize("prefix", sorted(EXPECTED_COUNTS))
def test_boundaries_match_truth(seeds_json, prefix):
    starts = [r["start_line"] for r in seeds_json[prefix]["reports"]]
    assert starts == [t["start"] for t in TRUTH[prefix]]
