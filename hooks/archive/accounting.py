"""Every file that looks like a report is accounted for: one that the archive would never publish,
or would publish unchecked, is a problem naming the file and what to do.

- A report under the reports folder that git ignores (`.gitignore` at any level,
  `.git/info/exclude`, the global excludes file) is never committed: a local build shows it, the
  public build never does. `git check-ignore` decides, as git itself does, when the archive is in
  a git work tree; outside one, nothing is said.
- A Markdown file under `docs/` at a report's place (`docs/reports/…`) or with a report's front
  matter (two of unit, year, category) would be published as a plain page, without the schema's
  checks, out of every index and the search: it belongs under the reports folder.

The catalogue (catalogue.py) adds these problems, so the validator and the build report them alike.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from .files import below, shown_path
from .schema import Problem, load_front_matter, split_front_matter

REPORT_FIELDS = frozenset({"unit", "year", "category"})
"""Front-matter fields that only reports have (hand-written pages have a title, a template …)."""
REPORT_LIKE = 2
"""A page with at least this many of them is a report."""
DOCS_REPORTS = "reports/"
"""Where report pages are published, below docs/ as MkDocs names files (mkdocs/pages.py)."""
GIT_TIMEOUT = 60


def ignored_by_git(paths: list[Path], root: Path, project_dir: Path) -> dict[Path, str]:
    """The paths (below `root`) that git ignores, each with the rule that does (`.gitignore:3:
    *.md`, its file named from `project_dir`). Empty when `root` is not in a git work tree, or git is not installed. Tracked files
    are never ignored (git's own rule)."""
    top = _work_tree(root) if paths else None
    if top is None:
        return {}
    # git's list of the ignored untracked files first (one pass over the tree), then the rule of
    # each of ours among them: `check-ignore` takes ~0.5 ms a path (10 s for 20,000 reports)
    try:
        listed = subprocess.run(["git", "ls-files", "-z", "--others", "--ignored", "--exclude-standard"], cwd=root,
                                capture_output=True, timeout=GIT_TIMEOUT, check=False)
        if listed.returncode != 0:
            return {}
        relative = {}
        if listed.stdout.strip(b"\0"):
            relative = {name: path for path, name in zip(paths, below(paths, root))}
        asked = [name for name in listed.stdout.decode("utf-8", "replace").split("\0") if name in relative]
        if not asked:
            return {}
        result = subprocess.run(["git", "check-ignore", "--verbose", "-z", "--stdin"], cwd=root,
                                input="\0".join(asked).encode("utf-8") + b"\0", capture_output=True,
                                timeout=GIT_TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return {}
    if result.returncode not in (0, 1):  # 1: nothing is ignored
        return {}
    fields = result.stdout.decode("utf-8", "replace").split("\0")
    ignored = {}
    for at in range(0, len(fields) - 3, 4):
        source, line, pattern, name = fields[at:at + 4]
        if pattern.startswith("!") or name not in relative:  # a negated rule: the file is not ignored
            continue
        where = shown_path(top / source, project_dir) if source and not Path(source).is_absolute() else source
        ignored[relative[name]] = f"{where}:{line}: {pattern}"
    return ignored


def _work_tree(folder: Path) -> Path | None:
    """The top of the git work tree holding `folder` (git names ignore files from there), or None."""
    try:
        result = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=folder, capture_output=True,
                                text=True, timeout=GIT_TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    top = result.stdout.strip()
    return Path(top) if result.returncode == 0 and top else None


def ignored_report_problems(paths: list[Path], root: Path, project_dir: Path) -> list[Problem]:
    """One problem per Markdown file of the reports folder that git will not commit."""
    markdown = [path for path in paths if path.name.lower().endswith(".md")]
    return [Problem(shown_path(path, project_dir), None, "file",
                    f"is ignored by git ({rule}), so it is never committed and the public site never has it",
                    "rename the file or its folder so that the rule no longer matches, or change the rule "
                    "(`git check-ignore -v <file>` names it)")
            for path, rule in sorted(ignored_by_git(markdown, root, project_dir).items())]


def docs_report_problems(docs_dir: Path, project_dir: Path, reports_dir: Path) -> list[Problem]:
    """One problem per Markdown file of docs/ that is placed or written like a report."""
    if not docs_dir.is_dir():
        return []
    reports_name = shown_path(reports_dir, project_dir)
    problems = []
    for path in sorted(docs_dir.rglob("*.md")):
        relative = path.relative_to(docs_dir).as_posix()
        if relative.startswith("overrides/") or not path.is_file():
            continue
        shown = shown_path(path, project_dir)
        if relative.startswith(DOCS_REPORTS):
            below = relative[len(DOCS_REPORTS):]
            problems.append(Problem(shown, None, "file",
                                    "is a page under docs/reports/, where the report pages are made: it would be "
                                    "published without the report checks, or take a report's URL",
                                    f"move it to {reports_name}/{below}: reports live in {reports_name}/, not in docs/"))
            continue
        fields = _report_fields(path)
        if len(fields) >= REPORT_LIKE:
            problems.append(Problem(shown, None, "file",
                                    f"has a report's front matter ({', '.join(sorted(fields))}) but is in docs/: it "
                                    "would be published as a plain page, unchecked and in no index or search",
                                    f"move it into {reports_name}/ (e.g. {reports_name}/2015/{path.name}); "
                                    "hand-written pages have no unit, year or category"))
    return problems


def _report_fields(path: Path) -> set[str]:
    """The report-only fields of a page's front matter (none when it has none, or it is unreadable)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return set()
    if not text.startswith("---"):
        return set()
    front, _body, _line = split_front_matter(text)
    if front is None:
        return set()
    data, _lines, problem = load_front_matter(front, str(path))
    if problem or not isinstance(data, dict):
        return set()
    return REPORT_FIELDS & set(data)
