"""When each file was added and last changed, from git: one `git log` pass for all files.

The dates are those of commits, so the same repository gives the same dates on every build.
Outside a git checkout (or for a file not yet committed) there is no date: callers fall back
to the report's own date.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass
from pathlib import Path

_RECORD = "\x1e"


@dataclass(frozen=True)
class FileHistory:
    added: dt.datetime
    """Commit time (UTC) of the oldest commit touching the file."""
    modified: dt.datetime
    """Commit time (UTC) of the newest commit touching the file."""


def git_history(repo_dir: Path, *paths: Path) -> dict[str, FileHistory]:
    """`{path relative to repo_dir: FileHistory}` for every file under `paths` that git knows.

    One process for the whole archive. A shallow clone (CI's default fetch depth of 1) gives
    every file the date of the one commit it has: fetch the full history for real dates.
    """
    specs = [p.resolve().relative_to(repo_dir.resolve()).as_posix() if p.resolve().is_relative_to(repo_dir.resolve())
             else str(p) for p in paths] or ["."]
    try:
        out = subprocess.run(
            ["git", "-c", "core.quotepath=off", "log", "--no-renames", "--relative", f"--format={_RECORD}%ct",
             "--name-only", "--", *specs],
            cwd=repo_dir, capture_output=True, text=True, encoding="utf-8", timeout=300,
        )
    except (OSError, subprocess.TimeoutExpired):
        return {}
    if out.returncode != 0:
        return {}
    return parse_log(out.stdout)


def parse_log(text: str) -> dict[str, FileHistory]:
    """Parse `git log --format=<RS>%ct --name-only` (newest commit first)."""
    newest: dict[str, int] = {}
    oldest: dict[str, int] = {}
    for record in text.split(_RECORD):
        lines = record.strip("\n").split("\n")
        if not lines or not lines[0].strip().isdigit():
            continue
        stamp = int(lines[0])
        for name in lines[1:]:
            name = name.strip()
            if not name:
                continue
            newest.setdefault(name, stamp)
            oldest[name] = stamp
    return {name: FileHistory(_utc(oldest[name]), _utc(newest[name])) for name in newest}


def _utc(stamp: int) -> dt.datetime:
    return dt.datetime.fromtimestamp(stamp, tz=dt.timezone.utc)
