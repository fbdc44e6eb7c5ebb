"""The speed switch (archive.speed): `ARCHIVE_SPEEDUPS=0` builds with stock MkDocs and Material
(one process, no caches, every page rendered in full), and the default build, with every speed
mechanism on, must publish the same bytes. And what a speed mechanism keeps between builds is
never trusted as markup: a tampered store of rendered bodies cannot put a script on a page."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
from pathlib import Path

from conftest import PYTHON, ROOT, ArchiveProject, run

FAST = {"ARCHIVE_SPEEDUPS": "1"}  # the default, set explicitly: whatever the environment running the tests says
STOCK = {"ARCHIVE_SPEEDUPS": "0"}
CACHE = Path(".cache") / "archive"
STORE = CACHE / "rendered-bodies.sqlite"
INJECTED = "<script>alert(1)</script><img src=x onerror=alert(2)>"


def site_files(project: ArchiveProject) -> dict[str, bytes]:
    return {p.relative_to(project.site).as_posix(): p.read_bytes() for p in sorted(project.site.rglob("*")) if p.is_file()}


def first_difference(a: bytes, b: bytes) -> str:
    at = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    show = lambda data: data[max(0, at - 80): at + 80].decode("utf-8", "replace")  # noqa: E731
    return f"at byte {at} ({len(a)} vs {len(b)} bytes)\n  fast:  …{show(a)!r}…\n  stock: …{show(b)!r}…"


def assert_same_site(fast: ArchiveProject, stock: ArchiveProject) -> int:
    """The two sites have the same files with the same bytes; returns how many files."""
    got, want = site_files(fast), site_files(stock)
    assert len(want) > 100, f"the stock build wrote only {len(want)} files"
    only_fast, only_stock = sorted(set(got) - set(want)), sorted(set(want) - set(got))
    assert not only_fast and not only_stock, \
        f"file lists differ: only in the fast site {only_fast[:5]}, only in the stock site {only_stock[:5]}"
    differing = [name for name in want if got[name] != want[name]]
    assert not differing, (f"{len(differing)} of {len(want)} files differ; the first, {differing[0]}, "
                           + first_difference(got[differing[0]], want[differing[0]]))
    return len(want)


def build_both_ways(tmp_path: Path, reports: Path, page_size: int | None = None) -> tuple[ArchiveProject, ArchiveProject]:
    """`reports` built in two fresh copies of the project: with the speedups and with ARCHIVE_SPEEDUPS=0
    (`page_size`: the lists' page size instead of the configured 100)."""
    fast = ArchiveProject(tmp_path / "fast", reports=reports)
    stock = ArchiveProject(tmp_path / "stock", reports=reports)
    for project, env in ((fast, FAST), (stock, STOCK)):
        if page_size is not None:
            config = project.path / "mkdocs.yml"
            config.write_text(config.read_text(encoding="utf-8").replace("page_size: 100", f"page_size: {page_size}"),
                              encoding="utf-8")
        result = project.build(env=env)
        assert result.returncode == 0, result.stderr
    assert (fast.path / CACHE).is_dir(), "the fast build keeps its caches in .cache/archive"
    assert not (stock.path / CACHE).exists(), "the stock build (ARCHIVE_SPEEDUPS=0) used a cache"
    return fast, stock


def test_sample_archive_same_bytes_with_and_without_speedups(tmp_path):
    fast, stock = build_both_ways(tmp_path, ROOT / "reports")
    assert_same_site(fast, stock)
    # again with every cache warm (bodies and sketches reused): still the stock bytes
    result = fast.build(env=FAST)
    assert result.returncode == 0, result.stderr
    assert_same_site(fast, stock)


def test_lists_cut_into_buckets_same_bytes_with_and_without_speedups(tmp_path):
    """Page size 4: the sample's long lists are cut into buckets, with redirects from old page numbers."""
    fast, stock = build_both_ways(tmp_path, ROOT / "reports", page_size=4)
    assert (stock.site / "categories/summary/unknown/page/2/index.html").exists()
    assert (stock.site / "categories/summary/page/2/index.html").exists()
    assert_same_site(fast, stock)


def test_synthetic_300_same_bytes_with_and_without_speedups(tmp_path):
    reports = tmp_path / "synth-reports"
    made = run([PYTHON, str(ROOT / "scripts" / "synth.py"), "--count", "300", "--seed", "3", "--out", str(reports)])
    assert made.returncode == 0, made.stderr
    assert len(list(reports.rglob("*.md"))) >= 290
    fast, stock = build_both_ways(tmp_path, reports)
    assert_same_site(fast, stock)


def test_stock_build_keeps_no_cache(tmp_path):
    """With ARCHIVE_SPEEDUPS=0 nothing is kept for a next build, even after two builds."""
    project = ArchiveProject(tmp_path / "stock", reports=ROOT / "reports")
    for _ in range(2):
        result = project.build(env=STOCK)
        assert result.returncode == 0, result.stderr
        assert not (project.path / CACHE).exists(), sorted(p.name for p in (project.path / CACHE).iterdir())


def verbose_build(project: ArchiveProject) -> str:
    """A fast build with INFO logging; its log."""
    result = run([PYTHON, "-m", "mkdocs", "build", "--strict", "-f", str(project.path / "mkdocs.yml"),
                  "-d", str(project.site)], cwd=project.path, env=FAST)
    assert result.returncode == 0, result.stderr
    return result.stderr


def pages_with(site: Path, pattern: re.Pattern) -> list[str]:
    return [p.relative_to(site).as_posix() for p in sorted(site.rglob("*.html"))
            if pattern.search(p.read_text(encoding="utf-8"))]


def test_a_tampered_rendered_body_cannot_inject_markup(tmp_path):
    """The rendered-bodies store is a file anyone with the cache folder can write (a CI cache, a
    shared checkout): every stored HTML is given a script and an event handler, and the next build,
    which reuses those entries, still publishes neither."""
    hostile = re.compile(r"<script>alert|onerror=", re.I)
    project = ArchiveProject(tmp_path / "project", reports=ROOT / "reports")
    verbose_build(project)
    assert pages_with(project.site, hostile) == [], "the sample itself already has the markup looked for"

    with sqlite3.connect(project.path / STORE) as db:
        rows = db.execute("SELECT key, value FROM bodies").fetchall()
        assert len(rows) >= 20, f"only {len(rows)} rendered bodies kept"
        for key, value in rows:
            html, *rest = json.loads(value)
            db.execute("UPDATE bodies SET value = ? WHERE key = ?", (json.dumps([INJECTED + html, *rest]), key))
    db.close()

    shutil.rmtree(project.site)
    log = verbose_build(project)
    reused = re.search(r"rendered report bodies: ([\d,]+) reused", log)
    assert reused and int(reused.group(1).replace(",", "")) > 0, \
        f"the second build did not reuse the tampered bodies, so this test proves nothing:\n{log}"
    assert pages_with(project.site, hostile) == []
