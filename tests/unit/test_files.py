"""How report files are named to an editor (files.PathNamer, files.below) and which paths are
accepted (schema.check_path): the string shortcuts give what pathlib gives."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

import pytest
from hypothesis import given
from hypothesis import strategies as st

from archive.files import PathNamer, below
from archive.schema import _SEGMENT, check_path


def pathlib_name(path, project_dir: Path) -> str:
    """The definition: the folder resolved (not the file), relative to the project, else as given."""
    path = Path(path)
    try:
        return (path.parent.resolve() / path.name).relative_to(Path(project_dir).resolve()).as_posix()
    except ValueError:
        return str(path)


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    (tmp_path / "project" / "reports" / "2015").mkdir(parents=True)
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "project" / "linked").symlink_to(tmp_path / "elsewhere")
    monkeypatch.chdir(tmp_path / "project")
    return tmp_path / "project"


def test_shown_names_are_pathlibs(project):
    outside = project.parent / "elsewhere" / "x.md"
    paths = ["reports/2015/a.md", "a.md", "./reports/b.md", "reports//2015/c.md", "reports/2015/../d.md",
             "reports/", str(project), str(project / "reports" / "e.md"), "linked/f.md", str(outside),
             "../project/g.md", "/etc/hosts", Path("reports/2015/h.md"), project / "reports"]
    named = PathNamer(project)
    for path in paths + paths:  # the second time from the folders it knows
        assert named(path) == pathlib_name(path, project), path
    assert named("reports/2015/a.md") == "reports/2015/a.md" and named(str(project)) == "."
    assert named(outside) == str(outside) and named("linked/f.md") == "linked/f.md"


def test_below_is_relative_to(tmp_path):
    root = tmp_path / "reports"
    paths = [root / "a.md", root / "2015" / "b.md", root / "x" / "y" / "z.md"]
    assert below(paths, root) == [p.relative_to(root).as_posix() for p in paths]


def pathlib_check(source_path: str) -> bool:
    """The definition: an .md file whose every segment is plain ASCII, not index.md."""
    pure = PurePosixPath(source_path)
    return (pure.suffix == ".md" and all(_SEGMENT.match(s) for s in PurePosixPath(source_path[:-3]).parts)
            and pure.stem.lower() != "index")


@given(st.lists(st.sampled_from(["a", "9", "b-c", "d_e", "f.g", ".", "..", "", " ", "中", "-x", "x.", "index", "INDEX",
                                 ".md", "x.md"]), min_size=1, max_size=4),
       st.sampled_from(["", ".md", ".MD", ".txt"]))
def test_accepted_paths_are_pathlibs(segments, suffix):
    source_path = "/".join(segments) + suffix
    assert (check_path(source_path, "shown") is None) == pathlib_check(source_path), source_path
