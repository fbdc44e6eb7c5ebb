"""Reading the archive's files: which files under the reports folder are reports, how a path is
shown to an editor, and the one reader of a report file (the catalogue and the importer both use it).
"""

from __future__ import annotations

import os
from pathlib import Path

from .schema import Problem, decode


def report_files(root: Path) -> list[Path]:
    """Every file below the reports folder, in a stable order; hidden files and folders are not
    reports (`hidden_reports` lists the Markdown files among them). A linked folder is listed (as
    itself) so that the catalogue can report it."""
    found = []
    for folder, dirs, files in os.walk(root, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        base = Path(folder)
        for name in sorted(files):
            if not name.startswith("."):
                found.append(base / name)
        for name in dirs:
            if (base / name).is_symlink():
                found.append(base / name)
    return sorted(found)


def hidden_reports(root: Path) -> list[Path]:
    """Markdown files below the reports folder that are hidden (`.x.md`) or inside a hidden
    folder (`.drafts/y.md`): never published, so each is reported rather than dropped silently.
    Git's own folders are not looked into."""
    found = []
    for folder, dirs, files in os.walk(root, followlinks=False):
        dirs[:] = sorted(d for d in dirs if d != ".git")
        base = Path(folder)
        inside_hidden = any(part.startswith(".") for part in base.relative_to(root).parts)
        for name in sorted(files):
            if name.lower().endswith(".md") and (inside_hidden or name.startswith(".")):
                found.append(base / name)
    return sorted(found)


def read_report_file(path: Path, shown: str, max_bytes: int | None = None) -> tuple[str | None, Problem | None]:
    """The file's text, or the problem that keeps it from being read (size, encoding, line ends;
    a link to a missing file)."""
    try:
        raw = path.read_bytes()
    except OSError as e:
        return None, Problem(shown, None, "file", f"cannot be read ({e.strerror or e})",
                             "a readable file inside reports/ (a link must point to an existing file)")
    return decode(raw, shown, max_bytes)


def below(paths: list[Path], root: Path) -> list[str]:
    """Each of `paths` (found below `root`, as `report_files` gives them) as a POSIX path relative
    to `root`; the same as `path.relative_to(root).as_posix()`, without pathlib for each."""
    prefix = os.path.join(os.fspath(root), "")
    return [text[len(prefix):].replace(os.sep, "/") if text.startswith(prefix) else Path(text).relative_to(root).as_posix()
            for text in map(os.fspath, paths)]


def relative_posix(path: Path, root: Path) -> str | None:
    """`path` below `root` as a POSIX path, or None when it is not below it."""
    path = Path(path)
    try:  # the folder resolved, not the file: a link is named as itself, not as its target
        return (path.parent.resolve() / path.name).relative_to(Path(root).resolve()).as_posix()
    except ValueError:
        return None


def shown_path(path: Path, project_dir: Path) -> str:
    """How a file is named in a message: relative to the project when it is inside it."""
    return PathNamer(project_dir)(path)


class PathNamer:
    """`shown_path` for the many files of one catalogue load: the project folder and each folder of
    reports resolved once (as `relative_posix` does: the folder resolved, not the file)."""

    def __init__(self, project_dir: Path):
        self.project_dir = Path(project_dir).resolve()
        self._folders: dict[str, tuple[Path, str | None]] = {}
        """Folder as given → (its resolved path, that path relative to the project or None)."""

    def __call__(self, path: Path) -> str:
        folder, name = os.path.split(os.fspath(path))
        if not name:  # `folder/`: pathlib's own reading of it
            path = Path(path)
            folder, name = os.fspath(path.parent), path.name
        known = self._folders.get(folder)
        if known is None:
            resolved = Path(folder).resolve()
            try:
                known = resolved, resolved.relative_to(self.project_dir).as_posix()
            except ValueError:
                known = resolved, None
            self._folders[folder] = known
        resolved, relative = known
        if relative is None:  # outside the project (or the project folder itself, named from its parent)
            if resolved == self.project_dir.parent and name == self.project_dir.name:
                return "."
            return str(path) if isinstance(path, Path) else str(Path(path))
        return name if relative == "." else f"{relative}/{name}"
