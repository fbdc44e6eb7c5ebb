"""The catalogue's parse results kept between builds (hooks/archive/speed/kept_catalogue.py): a
file is taken as last read only while it is the same file, and a build with them gives the bytes
and the problems of a build without."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from conftest import ROOT, ArchiveProject, report

from archive.catalogue import load_catalogue
from archive.regions import region_tree
from archive.settings import ArchiveSettings
from archive.speed.kept_catalogue import FILE, KeptCatalogue

from .test_kept_pages import build, digest, from_scratch

FILES = {
    "2015/zunyi.md": report(extra="region: 贵州省/遵义市"),
    "2010/xiangfan.md": report(title="襄樊市科协工作总结", unit="襄樊市科协", year="2010", extra="region: 湖北省/襄樊市"),
    "unknown/nameless.md": report(title="某单位工作总结", unit="null", year="null"),
    "2016/draft.md": report(title="草稿", year="2099", extra="draft: true"),
}


def load(folder: Path, fingerprint: str = "same settings"):
    """The catalogue of `folder`'s reports through a kept cache (as a build loads it), and the cache."""
    cache = KeptCatalogue(folder / "cache", fingerprint, region_tree(), folder)
    catalogue = load_catalogue(ArchiveSettings(reports_dir=folder / "reports"), region_tree(), folder, cache=cache)
    cache.save()
    return catalogue, cache


def as_read(catalogue) -> list:
    """Everything a report holds, its body, extras and region object included, and the problems."""
    return ([(r, r.body, r.extra, r.region) for r in catalogue.reports + catalogue.drafts], catalogue.problems)


@pytest.fixture
def folder(tmp_path) -> Path:
    for name, text in FILES.items():
        (tmp_path / "reports" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "reports" / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_unchanged_files_are_taken_as_read_with_the_region_trees_own_divisions(folder):
    first, cache = load(folder)
    assert (cache.taken, cache.read) == (0, 4)
    assert any(p.warning and p.field == "year" for p in first.problems)  # the draft's year, a warning
    second, cache = load(folder)
    assert (cache.taken, cache.read) == (4, 0)
    assert as_read(second) == as_read(first)
    regions = {r.source_path: r.region for r in second.reports}
    assert regions["2015/zunyi.md"] is region_tree().resolve("贵州省/遵义市")
    assert regions["2010/xiangfan.md"] is region_tree().resolve("湖北省/襄樊市") and regions["2010/xiangfan.md"].historical
    assert regions["unknown/nameless.md"] is None


def test_a_file_edited_behind_the_same_size_and_modification_time_is_read_again(folder):
    load(folder)
    path = folder / "reports/2015/zunyi.md"
    before = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace("遵义市科协", "遵义县科协"), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size and path.stat().st_mtime_ns == before.st_mtime_ns
    catalogue, cache = load(folder)
    assert (cache.taken, cache.read) == (3, 1)
    assert {r.unit for r in catalogue.reports} == {"遵义县科协", "襄樊市科协", None}


def test_a_new_checkout_of_the_same_files_is_taken_by_their_bytes(folder):
    """Every file new (another inode and times, as in a CI checkout), one of them changed: the
    others are taken by their digest, not parsed; the changed one is read."""
    first, _ = load(folder)
    for path in sorted((folder / "reports").rglob("*.md")):
        data = path.read_bytes()
        path.unlink()
        path.write_bytes(data.replace("正文第一段".encode(), "正文第二段".encode()) if "zunyi" in path.name else data)
    catalogue, cache = load(folder)
    assert (cache.taken, cache.restamped, cache.read) == (3, 3, 1)
    assert [r.body for r in catalogue.reports if r.source_path == "2015/zunyi.md"] == ["\n正文第二段。\n"]
    # the new stamps were kept: the next build takes every file without reading it
    _, cache = load(folder)
    assert (cache.taken, cache.restamped, cache.read) == (4, 0, 0)


def test_other_settings_or_a_damaged_file_read_everything_again(folder):
    first, _ = load(folder)
    _, cache = load(folder, fingerprint="other settings")
    assert (cache.taken, cache.read) == (0, 4)
    (folder / "cache" / FILE).write_bytes(b"\x80\x05 damaged")
    again, cache = load(folder)
    assert (cache.taken, cache.read) == (0, 4)
    assert as_read(again) == as_read(first)


def test_a_file_that_could_not_be_read_is_not_kept_and_its_problem_stays(folder):
    (folder / "reports/2015/latin1.md").write_bytes(report().encode("gb18030"))
    load(folder)
    catalogue, cache = load(folder)
    assert cache.read == 1 and any(p.path.endswith("latin1.md") and not p.warning for p in catalogue.problems)


def kept_catalogue_counts(result) -> tuple[int, int]:
    found = re.search(r"kept catalogue: ([\d,]+) report files taken as last read(?: \([^)]*\))?, ([\d,]+) read", result.stderr)
    assert found, result.stderr[-2000:]
    return int(found[1].replace(",", "")), int(found[2].replace(",", ""))


def test_builds_with_the_kept_catalogue_publish_what_a_build_from_scratch_does(tmp_path):
    sample = ArchiveProject(tmp_path / "sample", reports=ROOT / "reports")
    files = sorted(sample.reports.rglob("*.md"))
    assert kept_catalogue_counts(build(sample)) == (0, len(files))
    assert kept_catalogue_counts(build(sample)) == (len(files), 0)
    # an edit that keeps the file's size and modification time (a year changed in place)
    source = next(p for p in files if re.search(r"^year: 20\d\d$", p.read_text(encoding="utf-8"), re.M))
    before = source.stat()
    text = source.read_text(encoding="utf-8")
    year = re.search(r"^year: (20\d\d)$", text, re.M)[1]
    source.write_text(text.replace(f"year: {year}", f"year: {int(year) - 1}", 1), encoding="utf-8")
    os.utime(source, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert kept_catalogue_counts(build(sample)) == (len(files) - 1, 1)
    assert digest(sample.site) == from_scratch(sample, tmp_path / "scratch")
