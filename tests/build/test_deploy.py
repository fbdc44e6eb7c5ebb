"""Deploying only what changed (scripts/deploy_changed.sh): rsync and rclone, both to a local
folder standing in for the host, send exactly the files whose bytes differ between two builds,
and leave the target equal to site/."""

from __future__ import annotations

import filecmp
import hashlib
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT, report

SCRIPT = ROOT / "scripts" / "deploy_changed.sh"


def _digests(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in folder.rglob("*") if p.is_file()}


def _changed(before: dict[str, str], after: dict[str, str]) -> set[str]:
    return {path for path in after if before.get(path) != after[path]}


def _same_tree(a: Path, b: Path) -> bool:
    return _digests(a) == _digests(b)


def _deploy(tool: str, site: Path, target: Path) -> str:
    result = subprocess.run(["bash", str(SCRIPT), tool, str(target) + ("/" if tool == "rsync" else ""), str(site)],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return result.stdout + result.stderr


@pytest.mark.parametrize("tool", ["rsync", "rclone"])
def test_a_second_deploy_sends_only_the_files_that_changed(project, tmp_path, tool):
    if shutil.which(tool) is None:
        pytest.fail(f"{tool} is not installed (make system-packages installs it)")
    shutil.rmtree(project.reports)
    shutil.copytree(ROOT / "reports", project.reports)
    assert project.build().returncode == 0
    target = tmp_path / "host"
    target.mkdir()
    _deploy(tool, project.site, target)
    assert _same_tree(project.site, target)
    before = _digests(project.site)
    shutil.copytree(project.site, tmp_path / "previous")

    project.write("2019/new-report.md", report(title="新增的报告", unit="某县科协", year="2019", body="新增报告的正文。\n"))
    assert project.build().returncode == 0
    after = _digests(project.site)
    changed = _changed(before, after)
    removed = set(before) - set(after)
    log = _deploy(tool, project.site, target)

    if tool == "rsync":  # --itemize-changes: one line per file sent (">f…"), deleted ("*deleting")
        sent = {line.split(" ", 1)[1] for line in log.splitlines() if line.startswith(">f")}
        deleted = {line.split(None, 1)[1] for line in log.splitlines() if line.startswith("*deleting") and not line.endswith("/")}
    else:  # rclone -v: "INFO  : path: Copied (new|replaced existing)", "Deleted"
        sent = {line.split(": ", 2)[1] for line in log.splitlines() if "Copied (" in line}
        deleted = {line.split(": ", 2)[1] for line in log.splitlines() if line.rstrip().endswith(": Deleted")}
    assert sent == changed
    assert deleted == removed
    assert 0 < len(sent) < len(after)
    print(f"{tool}: one added report: {len(sent)} of {len(after)} files sent")
    assert _same_tree(project.site, target)
    # unchanged files were left as they were (same bytes as the first upload)
    unchanged = sorted(set(after) - changed)[:50]
    assert all(filecmp.cmp(target / p, tmp_path / "previous" / p, shallow=False) for p in unchanged)
