"""Rendered report bodies (archive.speed.rendered) and near-duplicate sketches
(archive.speed.sketches) kept between builds: a build that reuses them writes exactly the
site a build from scratch writes, and an edit is never served stale."""

from __future__ import annotations

import re
import sqlite3

from conftest import PYTHON, ROOT, ArchiveProject, report, run

HEADINGS = "## 一、总体情况\n\n今年完成了科普宣传。\n\n## 二、下一步打算\n\n继续做好工作。\n"
RAW_HTML = "正文里有<b onclick=\"alert(1)\">加粗</b>的字。\n"


SKETCHES = re.compile(r"near-duplicate sketches: ([\d,]+) reused, ([\d,]+) made")


def build(project: ArchiveProject, log: list | None = None) -> tuple[dict, tuple[int, int]]:
    """Build (with INFO logging); the site's files and (bodies reused, bodies rendered and kept).
    `log` gets the build's log."""
    result = run([PYTHON, "-m", "mkdocs", "build", "--strict", "-f", str(project.path / "mkdocs.yml"),
                  "-d", str(project.site)], cwd=project.path)
    assert result.returncode == 0, result.stderr
    found = re.search(r"rendered report bodies: ([\d,]+) reused, ([\d,]+) rendered and kept", result.stderr)
    assert found, result.stderr
    if log is not None:
        log.append(result.stderr)
    files = {p.relative_to(project.site).as_posix(): p.read_bytes() for p in project.site.rglob("*") if p.is_file()}
    return files, tuple(int(n.replace(",", "")) for n in found.groups())


def stored_keys(project: ArchiveProject) -> int:
    with sqlite3.connect(project.path / ".cache" / "archive" / "rendered-bodies.sqlite") as db:
        return db.execute("SELECT count(*) FROM bodies").fetchone()[0]


def sketch_counts(log: list) -> tuple[int, int]:
    """(sketches reused, sketches made) of the last build in `log`."""
    found = SKETCHES.findall(log[-1])
    assert len(found) == 1, log[-1]
    return tuple(int(n.replace(",", "")) for n in found[0])


def forget_kept_pages(project: ArchiveProject) -> None:
    """The next build takes no page whole from the previous one (speed/kept_pages.py): every report
    page is made, its body from the store."""
    (project.path / ".cache" / "archive" / "kept-pages.json").unlink(missing_ok=True)


def without_store(project: ArchiveProject) -> None:
    config = project.path / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  archive:\n", "  archive:\n    cache_dir: false\n", 1),
                      encoding="utf-8")


def test_reused_bodies_give_the_same_site_and_edits_are_rendered_afresh(tmp_path):
    project = ArchiveProject(tmp_path / "project", reports=ROOT / "reports")
    project.write("2016/headings.md", report(title="有小标题的总结", year="2016", body=HEADINGS))
    project.write("2016/raw.md", report(title="有网页标记的总结", year="2016", body=RAW_HTML))
    published = len(list(project.reports.rglob("*.md"))) - 1  # one sample report is a draft
    reference = ArchiveProject(tmp_path / "reference", reports=project.reports)
    without_store(reference)
    plain, _ = build(reference)  # every body rendered by MkDocs' page loop, nothing kept

    # From scratch: every body rendered and kept, but those with links or raw HTML (rendered every time).
    log = []
    cold, (reused, kept) = build(project, log)
    kept_bodies = stored_keys(project)
    assert reused == 0 and 30 <= kept == kept_bodies < published
    assert sketch_counts(log) == (0, published)
    forget_kept_pages(project)
    warm, (reused, kept) = build(project, log)
    assert (reused, kept) == (stored_keys(project), 0)
    # the same texts: the near-duplicates are taken as last found, no sketch is needed
    assert sketch_counts(log) == (0, 0) and "near-duplicates taken as last found" in log[-1]
    for site in (cold, warm):
        assert sorted(site) == sorted(plain)
        assert [name for name in plain if site[name] != plain[name]] == []  # byte for byte

    page = warm["reports/2016/headings/index.html"].decode()
    assert 'class="md-skip"' in page and "二、下一步打算" in page.split('class="archive-toc"')[1]
    raw = warm["reports/2016/raw/index.html"].decode()
    assert "<b>加粗</b>" in raw and "onclick" not in raw  # sanitised again in the second build

    project.write("2016/headings.md", report(title="有小标题的总结", year="2016", body=HEADINGS.replace("科普宣传", "科技下乡")))
    forget_kept_pages(project)
    edited, (reused, kept) = build(project, log)
    assert (reused, kept) == (kept_bodies - 1, 1)
    assert sketch_counts(log) == (published - 1, 1) and "near-duplicates found afresh" in log[-1]
    assert "科技下乡" in edited["reports/2016/headings/index.html"].decode()
    assert "科普宣传" not in edited["reports/2016/headings/index.html"].decode()
    assert stored_keys(project) == kept_bodies  # the old rendering of the edited report is gone


def test_no_store_when_cache_dir_is_false(tmp_path):
    project = ArchiveProject(tmp_path / "project")
    project.write("2015/a.md", report())
    without_store(project)
    _, (reused, kept) = build(project)
    assert (reused, kept) == (0, 0)
    assert not (project.path / ".cache").exists()  # no rendered bodies, no sketches
