"""archive/accounting.py: report files the archive would never publish (git ignores them) or would
publish unchecked (Markdown in docs/ at a report's place or with a report's front matter) are
problems naming the file and what to do; outside a git work tree nothing is said about git."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from archive.catalogue import load_catalogue
from archive.settings import ArchiveSettings
from conftest import report

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _git(folder: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True)


def _project(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _problems(folder: Path) -> dict[str, str]:
    catalogue = load_catalogue(ArchiveSettings(reports_dir=folder / "reports"), project_dir=folder)
    return {p.path: str(p) for p in catalogue.problems}


def test_reports_git_ignores_are_errors_naming_the_rule(tmp_path):
    folder = _project(tmp_path, {
        ".gitignore": "*.bak.md\n",
        "reports/2015/.gitignore": "draft-*.md\n!draft-kept.md\n",
        "reports/2015/a.md": report(),
        "reports/2015/a.bak.md": report(title="备份"),
        "reports/2015/draft-x.md": report(title="草稿"),
        "reports/2015/draft-kept.md": report(title="保留"),
        "reports/2016/private/p.md": report(title="私有", year="2016"),
        "reports/2017/tracked.bak.md": report(title="已提交", year="2017"),
    })
    _git(folder, "init", "-q", ".")
    (folder / ".git" / "info" / "exclude").write_text("private/\n", encoding="utf-8")
    _git(folder, "add", "-f", "reports/2017/tracked.bak.md")  # tracked: git never ignores it

    problems = _problems(folder)
    assert set(problems) == {"reports/2015/a.bak.md", "reports/2015/draft-x.md", "reports/2016/private/p.md"}
    assert "is ignored by git (.gitignore:1: *.bak.md)" in problems["reports/2015/a.bak.md"]
    assert "(reports/2015/.gitignore:1: draft-*.md)" in problems["reports/2015/draft-x.md"]
    assert "(.git/info/exclude:1: private/)" in problems["reports/2016/private/p.md"]
    assert all(": file: " in text and "git check-ignore -v" in text for text in problems.values())


def test_outside_a_git_work_tree_nothing_is_said(tmp_path):
    folder = _project(tmp_path / "plain", {".gitignore": "*.bak.md\n", "reports/2015/a.bak.md": report()})
    if subprocess.run(["git", "rev-parse"], cwd=folder, capture_output=True).returncode == 0:
        pytest.skip("the temporary folder is inside a git work tree")
    assert _problems(folder) == {}


def test_markdown_in_docs_placed_or_written_like_a_report(tmp_path):
    folder = _project(tmp_path, {
        "reports/2015/a.md": report(),
        "docs/index.md": "---\ntitle: 首页\ntemplate: home.html\n---\n\n# 首页\n",
        "docs/about.md": "# 关于\n\n正文。\n",
        "docs/reports/2015/x.md": report(title="放错了地方"),
        "docs/notes/b.md": report(title="也放错了"),
        "docs/notes/half.md": "---\ntitle: 说明\nyear: 2015\n---\n\n只有一个报告字段。\n",
        "docs/overrides/partials/x.md": report(),
    })
    problems = _problems(folder)
    assert set(problems) == {"docs/reports/2015/x.md", "docs/notes/b.md"}
    assert "move it to reports/2015/x.md" in problems["docs/reports/2015/x.md"]
    assert "has a report's front matter (category, unit, year)" in problems["docs/notes/b.md"]
