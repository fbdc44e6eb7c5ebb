"""Importer, the whole pipeline (archive.importer.pipeline): whatever a raw page holds, it plans
only reports the schema accepts."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from archive.importer.pipeline import Importer
from archive.regions import region_tree
from archive.schema import parse_report
from conftest import examples
from import_helpers import SETTINGS, page_lines


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(page_lines)
def test_fuzz_importer_plans_only_valid_reports(tmp_path, text):
    raw = tmp_path / "page.txt"
    raw.write_text(text or "空", encoding="utf-8")
    importer = Importer(SETTINGS, region_tree(), tmp_path / "out", tmp_path, current_year=2026)
    result = importer.run(raw)
    assert result.error is None or "page.txt" in result.error
    for planned in result.reports:
        assert planned.problems == []
        report, problems = parse_report(planned.render(), "2015/x.md", "reports/2015/x.md", SETTINGS, region_tree(), 2026)
        assert problems == [] and report is not None
