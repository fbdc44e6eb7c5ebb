"""Moved and deleted reports (archive.mkdocs.redirects): an old address redirects, a deleted report
leaves no stale page, and a redirect cannot take over a live report's address."""

from __future__ import annotations

from conftest import report


def test_moved_report_redirects_and_deleted_report_disappears(project):
    project.write("2015/new-name.md", report(title="迁移后", extra="redirect_from: [2014/old-name.md]"))
    gone = project.write("2015/gone.md", report(title="将被删除"))
    assert project.build().returncode == 0
    old = (project.site / "reports/2014/old-name/index.html").read_text(encoding="utf-8")
    assert 'http-equiv="refresh" content="0; url=../../2015/new-name/"' in old
    assert (project.site / "reports/2015/gone/index.html").exists()

    gone.unlink()
    assert project.build().returncode == 0
    assert not (project.site / "reports/2015/gone").exists()
    leftovers = [p for p in project.site.rglob("*") if p.is_file() and "将被删除" in p.read_text("utf-8", "replace")]
    assert leftovers == []


def test_redirect_onto_a_live_report_is_an_error(project):
    project.write("2015/a.md", report(extra="redirect_from: [2015/b.md]"))
    project.write("2015/b.md", report())
    result = project.validate()
    assert result.returncode == 1
    assert "reports/2015/a.md: redirect_from: reports/2015/b/ is the URL of reports/2015/b.md" in result.stdout
