"""The arrival order of reports: the order in which their files entered the repository's history.

It is intrinsic to the committed input (the same repository gives the same order on every machine),
so what is laid out by it (the search index's segments: archive/search/segments.py) is a pure
function of the input, never of an earlier build. One `git log` for the whole archive:

- a file added in commit k comes after every file added in an earlier commit, ties by path; a file
  added, deleted and added again counts from its last addition; a renamed file is added anew
  under its new name (renames are not followed: the path is what the order is of);
- files git does not know yet (a local preview of uncommitted reports) come last, by path;
- outside a git work tree, or in a shallow clone (whose first commit seems to add everything), the
  order is path order, and `Arrival.note` says so (the build logs it once).
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path

_RECORD = "\x1e"


@dataclass(frozen=True)
class Arrival:
    """The rank of each committed report file, by its path relative to the reports folder."""

    ranks: dict[str, int] = field(default_factory=dict)
    """Path → position of the commit that last added it (0: the oldest such commit)."""
    note: str | None = None
    """Why the order is path order (no git work tree, shallow clone, git failed), or None."""

    def key(self, source_path: str) -> tuple[int, int, str]:
        """Sort key: committed files in commit order, then uncommitted ones; ties by path."""
        rank = self.ranks.get(source_path)
        return (1, 0, source_path) if rank is None else (0, rank, source_path)

    def sorted(self, paths) -> list[str]:
        return sorted(paths, key=self.key)


def arrival_order(reports_dir: Path, timeout: float = 300) -> Arrival:
    """The arrival order of the files under `reports_dir` (see the module's docstring)."""
    folder = Path(reports_dir).resolve()
    try:
        shallow = _git(folder, ["rev-parse", "--is-inside-work-tree", "--is-shallow-repository"], timeout)
    except _NoGit as e:
        return Arrival(note=f"{e}: the search index's layout follows the reports' paths")
    inside, is_shallow = (shallow.split() + ["", ""])[:2]
    if inside != "true":
        return Arrival(note="the reports are not in a git work tree: the search index's layout follows their paths")
    if is_shallow == "true":
        return Arrival(note="shallow git clone (fetch the whole history for the arrival order): "
                            "the search index's layout follows the reports' paths")
    try:
        log = _git(folder, ["-c", "core.quotepath=off", "log", "--reverse", "--no-renames", "--diff-filter=A",
                            "--relative", "--format=%x1e", "--name-only", "--", "."], timeout)
    except _NoGit as e:
        return Arrival(note=f"{e}: the search index's layout follows the reports' paths")
    return Arrival(parse_log(log))


def parse_log(text: str) -> dict[str, int]:
    """Ranks from `git log --reverse --diff-filter=A --format=<RS> --name-only` (oldest commit first)."""
    ranks: dict[str, int] = {}
    for k, record in enumerate(text.split(_RECORD)[1:]):
        for name in record.split("\n"):
            if name:
                ranks[name] = k  # a later addition of the same path wins
    return ranks


class _NoGit(Exception):
    pass


def _git(folder: Path, args: list[str], timeout: float) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True, encoding="utf-8",
                              timeout=timeout)
    except FileNotFoundError:
        raise _NoGit("git is not installed") from None
    except subprocess.TimeoutExpired:
        raise _NoGit(f"git took more than {timeout:.0f} s") from None
    except OSError as e:
        raise _NoGit(f"git could not run ({e})") from None
    if done.returncode != 0:
        if "not a git repository" in done.stderr:
            raise _NoGit("the reports are not in a git work tree")
        raise _NoGit(f"git {next(a for a in args if not a.startswith('-') and '=' not in a)} failed ({done.stderr.strip().splitlines()[-1:] or done.returncode})")
    return done.stdout
