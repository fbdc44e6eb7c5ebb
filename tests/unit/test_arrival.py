"""The arrival order of report files (archive.arrival), on real git repositories."""

from __future__ import annotations

import subprocess
from pathlib import Path

from archive.arrival import arrival_order


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "init.defaultBranch=main",
                           "-c", "protocol.file.allow=always", *args],
                          cwd=repo, capture_output=True, text=True, check=True)
    return done.stdout


def write(repo: Path, relative: str, text: str = "x\n") -> None:
    path = repo / "reports" / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def commit(repo: Path, message: str) -> None:
    git(repo, "add", "-A", "reports")
    git(repo, "commit", "-qm", message)


def order(reports: Path) -> list[str]:
    arrival = arrival_order(reports)
    files = [p.relative_to(reports).as_posix() for p in reports.rglob("*.md")]
    return arrival.sorted(files)


def new_repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    return repo


def test_commit_order_then_path_order_within_a_commit(tmp_path):
    repo = new_repo(tmp_path)
    write(repo, "2016/z.md")
    write(repo, "2015/b.md")
    commit(repo, "first")
    write(repo, "2014/a.md")  # added later: after both, though its path sorts first
    commit(repo, "second")
    write(repo, "2015/b.md", "edited\n")  # an edit does not move a report
    commit(repo, "edit")
    arrival = arrival_order(repo / "reports")
    assert arrival.note is None
    assert order(repo / "reports") == ["2015/b.md", "2016/z.md", "2014/a.md"]


def test_a_renamed_file_arrives_anew_and_a_deleted_one_is_gone(tmp_path):
    repo = new_repo(tmp_path)
    for name in ("a.md", "b.md", "c.md"):
        write(repo, name)
    commit(repo, "three")
    (repo / "reports" / "z").mkdir()
    git(repo, "mv", "reports/a.md", "reports/z/a.md")
    git(repo, "rm", "-q", "reports/b.md")
    git(repo, "commit", "-qm", "move and delete")
    assert order(repo / "reports") == ["c.md", "z/a.md"]
    write(repo, "b.md")  # added again: counts from its last addition
    commit(repo, "again")
    assert order(repo / "reports") == ["c.md", "z/a.md", "b.md"]


def test_uncommitted_files_come_last_by_path(tmp_path):
    repo = new_repo(tmp_path)
    write(repo, "m.md")
    commit(repo, "one")
    write(repo, "b.md")  # untracked
    write(repo, "a.md")
    git(repo, "add", "reports/a.md")  # staged, not committed: not arrived yet either
    assert order(repo / "reports") == ["m.md", "a.md", "b.md"]


def test_reports_in_a_sub_folder_of_the_repository(tmp_path):
    repo = new_repo(tmp_path)
    write(repo, "b.md")
    (repo / "docs").mkdir()
    (repo / "docs" / "a.md").write_text("not a report\n")
    commit(repo, "b")
    git(repo, "add", "docs")
    git(repo, "commit", "-qm", "docs")
    write(repo, "a.md")
    commit(repo, "a")
    arrival = arrival_order(repo / "reports")
    assert set(arrival.ranks) == {"a.md", "b.md"}, "paths are relative to the reports folder, and only its files"
    assert order(repo / "reports") == ["b.md", "a.md"]


def test_outside_git_the_order_is_path_order_and_the_build_is_told(tmp_path):
    reports = tmp_path / "plain" / "reports"
    for name in ("b.md", "a.md", "c/a.md"):
        (reports / name).parent.mkdir(parents=True, exist_ok=True)
        (reports / name).write_text("x\n")
    arrival = arrival_order(reports)
    assert arrival.ranks == {}
    assert "not in a git work tree" in arrival.note and "paths" in arrival.note
    assert order(reports) == ["a.md", "b.md", "c/a.md"]


def test_a_shallow_clone_gives_path_order(tmp_path):
    repo = new_repo(tmp_path)
    write(repo, "b.md")
    commit(repo, "b")
    write(repo, "a.md")
    commit(repo, "a")
    assert order(repo / "reports") == ["b.md", "a.md"]
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", repo.as_uri(), str(clone))
    arrival = arrival_order(clone / "reports")
    assert "shallow" in arrival.note
    assert order(clone / "reports") == ["a.md", "b.md"]
