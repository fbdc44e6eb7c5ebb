#!/usr/bin/env python3
"""Search benchmark: Material's lunr search (the baseline) vs the archive's own engine.

    python scripts/bench_search.py                  # 1,000 and 10,000 reports
    python scripts/bench_search.py --sizes 1000     # one size
    python scripts/bench_search.py --with-50k       # adds 50,000 reports (slow: tens of minutes)
    python scripts/bench_search.py --add-one --sizes 2000,10000   # files one added report changes

Per size, on the same synthetic archive (scripts/synth.py, seed 7), for both engines:
build seconds and peak memory (the build with lunr vs ours; ours also alone: index seconds and
peak memory), index bytes, bytes fetched to the first results of a first query from a report page
(all search code and data, as sent on the wire) and for a later query, first-results latency in
headless Chromium cold and warm, and recall / precision over the query set
(tests/fixtures/search/queries.txt) against a substring scan of the folded reports.
Lunr's results come from Material's own search worker run under Node with the built index.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import _paths

import search_reference as ref

ROOT = _paths.PROJECT_DIR

PYTHON = sys.executable
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
BROWSER_QUERIES = ["科普", "總結", "科技局", "知识产权", "全民科学素质", "科普 农村"]

LUNR_NODE = r"""
import { readFileSync } from "node:fs";
import vm from "node:vm";
const [site, queriesFile] = process.argv.slice(2);
const dir = site + "/assets/javascripts/";
const worker = readFileSync(dir + "workers/" + readFileSync(site + "/.lunr-worker", "utf8").trim(), "utf8");
const replies = [];
const ctx = { console, setTimeout, clearTimeout, URL, TextDecoder, TextEncoder,
  location: { href: "file://" + dir + "workers/" }, postMessage: (m) => replies.push(m) };
ctx.self = ctx; ctx.window = undefined;
ctx.importScripts = (...urls) => { for (const u of urls) vm.runInContext(readFileSync(new URL(u, "file://" + dir + "workers/").pathname, "utf8"), ctx); };
ctx.addEventListener = (type, fn) => { if (type === "message") ctx.onmessage = fn; };
vm.createContext(ctx);
vm.runInContext(worker, ctx);
const send = async (m) => { replies.length = 0; await ctx.onmessage({ data: m }); for (let i = 0; i < 50 && !replies.length; i++) await new Promise((r) => setTimeout(r, 10)); return replies[0]; };
const index = JSON.parse(readFileSync(site + "/search/search_index.json", "utf8"));
index.options = { suggest: true };
await send({ type: 0, data: index });
const out = {};
for (const q of JSON.parse(readFileSync(queriesFile, "utf8"))) {
  const r = await send({ type: 2, data: q });
  out[q] = [...new Set(r.data.items.map((group) => group[0].location.split("#")[0]))];
}
console.log(JSON.stringify(out));
"""


def run_timed(args, cwd=None) -> tuple[float, float, subprocess.CompletedProcess]:
    """Wall seconds and peak RSS (MB) of a child process (GNU time's %M)."""
    start = time.perf_counter()
    done = subprocess.run(["/usr/bin/time", "-f", "PEAK_KB %M", *map(str, args)], cwd=cwd, env=ENV, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode:
        raise SystemExit(f"{' '.join(map(str, args))} failed:\n{done.stderr[-3000:]}")
    peak = int(done.stderr.rsplit("PEAK_KB", 1)[1].split()[0])
    return seconds, peak / 1024, done


def make_project(folder: Path, reports: Path, lunr: bool) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    if lunr:
        config = config.replace("plugins: []", "plugins:\n  - search:\n      lang: zh")
        (folder / "docs").mkdir(exist_ok=True)
        for item in (ROOT / "docs").iterdir():  # Material's own header partial, not ours
            if item.name != "overrides":
                (folder / "docs" / item.name).symlink_to(item)
        shutil.copytree(ROOT / "docs" / "overrides", folder / "docs" / "overrides", ignore=shutil.ignore_patterns("partials", "search-page.html"))
        (folder / "docs" / "search.md").unlink()
    else:
        (folder / "docs").symlink_to(ROOT / "docs")
    (folder / "mkdocs.yml").write_text(config, encoding="utf-8")
    (folder / "hooks").symlink_to(ROOT / "hooks")
    (folder / "reports").symlink_to(reports)
    return folder


def tree_bytes(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def our_results(site: Path, queries: list[str]) -> dict[str, list[str]]:
    out = {}
    for q in queries:
        done = subprocess.run([str(ROOT / "scripts" / "search_cli"), "--site", str(site), "--", q], capture_output=True, text=True)
        out[q] = [r["path"] for r in json.loads(done.stdout)]
    return out


def lunr_results(site: Path, queries: list[str], url_to_path: dict[str, str]) -> dict[str, list[str]]:
    worker = next((site / "assets/javascripts/workers").glob("search.*.min.js")).name
    (site / ".lunr-worker").write_text(worker)
    with tempfile.TemporaryDirectory() as tmp:
        script, qfile = Path(tmp) / "lunr.mjs", Path(tmp) / "q.json"
        script.write_text(LUNR_NODE)
        qfile.write_text(json.dumps(queries, ensure_ascii=False))
        done = subprocess.run(["node", str(script), str(site), str(qfile)], capture_output=True, text=True)
    if done.returncode:
        print("  lunr under Node failed:", done.stderr[-500:])
        return {}
    raw = json.loads(done.stdout)
    return {q: [url_to_path[u] for u in urls if u in url_to_path] for q, urls in raw.items()}


def score(results: dict[str, list[str]], corpus) -> tuple[float, float, int]:
    """Mean recall and precision over the queries (an empty truth with empty results counts 1), and exact-match count."""
    recalls, precisions, exact = [], [], 0
    for q, got in results.items():
        want, got = ref.scan(corpus, q), set(got)
        recalls.append(len(got & want) / len(want) if want else 1.0 if not got else 1.0)
        precisions.append(len(got & want) / len(got) if got else 1.0 if not want else 0.0)
        exact += got == want
    return statistics.mean(recalls), statistics.mean(precisions), exact


def browser_measure(site: Path, lunr: bool) -> dict:
    """Bytes and latency of the header search on a report page, in headless Chromium."""
    sys.path.insert(0, str(ROOT / "tests"))
    from headless import chromium, serve

    report = next(p for p in sorted((site / "reports").rglob("index.html")))
    report_url = report.parent.relative_to(site).as_posix() + "/"
    box_sel = 'input.md-search__input'
    done_js = ("() => { const m = document.querySelector('.md-search-result__meta'); const t = m && m.textContent || '';"
               " return /找到|没有找到|符合|No matching|\\d/.test(t) && !/正在|初始化|Initializing|输入/.test(t); }")
    out = {"cold_ms": [], "warm_ms": [], "first_bytes": [], "later_bytes": [], "cold_page_ms": [], "warm_page_ms": []}
    page_ms = "q => { const d = document.querySelector('[data-archive-search=dropdown]'); return d.dataset.msFor === q && Number(d.dataset.ms); }"
    with serve(site) as base, chromium() as browser:
        for q_index, query in enumerate(BROWSER_QUERIES[:3]):
            context = browser.new_context()
            page = context.new_page()
            sizes: list[int] = []
            tracking = {"on": False}

            def on_response(r):
                if tracking["on"] and r.url.startswith(base):
                    path = r.url[len(base):]
                    if "search" in path or "lunr" in path:
                        try:
                            sizes.append(len(r.body()))
                        except Exception:
                            pass

            def record(kind: str, bytes_key: str, start: float, text: str) -> None:
                """Latency to the first results (and the page's own figure), then the bytes once
                the excerpts' requests are done too."""
                out[f"{kind}_ms"].append((time.perf_counter() - start) * 1000)
                if not lunr:
                    out[f"{kind}_page_ms"].append(page.wait_for_function(page_ms, arg=text).json_value())
                page.wait_for_timeout(300)
                page.wait_for_load_state("networkidle")
                out[bytes_key].append(sum(sizes))

            page.on("response", on_response)
            tracking["on"] = True
            page.goto(base + report_url)
            page.wait_for_load_state("networkidle")
            box = page.locator(box_sel)
            box.click() if lunr else page.keyboard.press("/")
            start = time.perf_counter()
            box.fill(query)
            page.wait_for_function(done_js, timeout=120_000)
            page.wait_for_selector(".md-search-result__item", timeout=120_000)
            record("cold", "first_bytes", start, query)
            for later in BROWSER_QUERIES[3:]:
                previous = page.locator(".md-search-result__meta").inner_text()
                sizes.clear()
                start = time.perf_counter()
                box.fill("")
                box.fill(later)
                if lunr:
                    page.wait_for_function("t => document.querySelector('.md-search-result__meta').textContent !== t", arg=previous, timeout=120_000)
                else:
                    page.wait_for_function("q => document.querySelector('[data-archive-search=dropdown]').dataset.query === q", arg=later, timeout=120_000)
                record("warm", "later_bytes", start, later)
            context.close()
    return {k: statistics.median(v) if v else None for k, v in out.items()} | {"max_later_bytes": max(out["later_bytes"] or [0])}


def bench(size: int, work: Path, skip_lunr_browser: bool) -> dict:
    reports = work / f"r{size}" / "reports"
    if not reports.exists():
        subprocess.run([PYTHON, str(ROOT / "scripts" / "synth.py"), "--count", str(size), "--seed", "7", "--out", str(reports)],
                       check=True, env=ENV, capture_output=True)
    corpus = ref.load(reports)
    queries = ref.queries()
    row: dict = {"size": size, "published": len(corpus)}

    ours = make_project(work / f"ours{size}", reports, lunr=False)
    row["ours_build_s"], row["ours_build_mb"], _ = run_timed([PYTHON, "-m", "mkdocs", "build", "-q", "-d", str(ours / "site")], cwd=ours)
    # The index alone, in a process of its own: wall seconds of write_search_index (in the build it
    # runs in a process forked after the catalogue is loaded), and the peak memory of that process
    # (catalogue included).
    row["index_process_s"], row["index_mb"], done = run_timed([PYTHON, "-c", (
        "import sys, time; from pathlib import Path; import tempfile;"
        "from archive.catalogue import load_catalogue; from archive.settings import load_settings;"
        "from archive.search import write_search_index;"
        "s = load_settings(Path('mkdocs.yml')); c = load_catalogue(s, None, Path('.'));"
        "out = Path(tempfile.mkdtemp()); start = time.perf_counter();"
        "write_search_index(c.reports, out); print('INDEX_S', time.perf_counter() - start);"
        "import shutil; shutil.rmtree(out)")], cwd=ours)
    row["index_s"] = float(done.stdout.rsplit("INDEX_S", 1)[1].split()[0])
    row["ours_index_bytes"] = tree_bytes(ours / "site" / "search" / "data")
    start = time.perf_counter()
    mine = our_results(ours / "site", queries)
    row["ours_cli_s_per_query"] = (time.perf_counter() - start) / len(queries)
    row["ours_recall"], row["ours_precision"], row["ours_exact"] = score(mine, corpus)
    row.update({f"ours_{k}": v for k, v in browser_measure(ours / "site", lunr=False).items()})

    base = make_project(work / f"lunr{size}", reports, lunr=True)
    row["lunr_build_s"], row["lunr_build_mb"], _ = run_timed([PYTHON, "-m", "mkdocs", "build", "-q", "-d", str(base / "site")], cwd=base)
    row["lunr_index_bytes"] = (base / "site" / "search" / "search_index.json").stat().st_size
    url_to_path = {f"reports/{p[len('reports/'):-3].lower()}/": p for p, _, _ in corpus}
    theirs = lunr_results(base / "site", queries, url_to_path)
    if theirs:
        row["lunr_recall"], row["lunr_precision"], row["lunr_exact"] = score(theirs, corpus)
    if not skip_lunr_browser:
        try:
            row.update({f"lunr_{k}": v for k, v in browser_measure(base / "site", lunr=True).items()})
        except Exception as e:  # noqa: BLE001 - a baseline that times out is a result too
            row["lunr_browser"] = f"failed: {str(e).splitlines()[0][:120]}"
    row["index_share_of_build"] = row["index_s"] / row["ours_build_s"]
    return row


def git(project: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=bench", "-c", "user.email=bench@example.org", *args], cwd=project,
                   check=True, capture_output=True)


def add_one(size: int, work: Path) -> dict:
    """One report added to a git archive of `size` reports whose site/ and .cache/ are kept (as
    scripts/bench.py's AddOne, but the archive is a git repository with one commit, and the added
    report is committed, so that the index follows the arrival order): the files of site/ and of
    site/search/ that changed, and whether the bytes equal a build from scratch of the same commit."""
    import bench

    reports = work / f"r{size}" / "reports"
    if not reports.exists():
        subprocess.run([PYTHON, str(ROOT / "scripts" / "synth.py"), "--count", str(size), "--seed", "7", "--out", str(reports)],
                       check=True, env=ENV, capture_output=True)
    project = work / f"addone{size}"
    shutil.rmtree(project, ignore_errors=True)
    project.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    for copied in ("docs", "hooks"):
        shutil.copytree(ROOT / copied, project / copied, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(reports, project / "reports")
    git(project, "init", "-q")
    git(project, "add", "reports")
    git(project, "commit", "-qm", "archive")
    build = [PYTHON, "-m", "mkdocs", "build", "-q", "-d", "site"]
    row: dict = {"size": size}
    row["scratch_s"], _, _ = run_timed(build, cwd=project)
    before = bench.site_digest(project / "site")
    target, text = bench.added_report(project / "reports", 7)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    git(project, "add", "reports")
    git(project, "commit", "-qm", "one more report")
    row["kept_s"], _, _ = run_timed(build, cwd=project)
    kept = bench.site_digest(project / "site")
    changed = bench.changed_files(before, kept)
    row["site_files"] = len(kept)
    row["changed"] = len(changed)
    row["changed_search"] = sorted(p for p in changed if p.startswith("search/"))
    manifest = json.loads((project / "site" / "search" / "data" / "manifest.json").read_text())
    row["segments"] = manifest["segments"]
    shutil.rmtree(project / "site")
    shutil.rmtree(project / ".cache", ignore_errors=True)
    row["scratch_again_s"], _, _ = run_timed(build, cwd=project)
    scratch = bench.site_digest(project / "site")
    row["identical_to_scratch"] = scratch == kept
    row["differs"] = sorted(bench.changed_files(scratch, kept))[:20]
    return row


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--with-50k", action="store_true", help="also 50,000 reports (slow)")
    parser.add_argument("--work", type=Path, default=None, help="keep archives and sites here (default: a temporary folder)")
    parser.add_argument("--skip-lunr-browser", action="store_true", help="no Chromium run of the lunr baseline")
    parser.add_argument("--json", type=Path, help="also write the rows as JSON")
    parser.add_argument("--add-one", action="store_true", help="only count the files one added report changes (git archive, site/ and .cache/ kept)")
    args = parser.parse_args(argv)
    if args.add_one:
        work = args.work or Path(tempfile.mkdtemp(prefix="bench-search-"))
        for size in [int(s) for s in args.sizes.split(",") if s]:
            row = add_one(size, work)
            row["changed_search_count"] = len(row["changed_search"])
            print(json.dumps(row, ensure_ascii=False), flush=True)
        return 0
    sizes = [int(s) for s in args.sizes.split(",") if s] + ([50000] if args.with_50k else [])
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-search-"))
    rows = []
    for size in sizes:
        row = bench(size, work, args.skip_lunr_browser)
        rows.append(row)
        print(json.dumps(row, ensure_ascii=False), flush=True)
        if args.json:
            args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1))
    print()
    keys = sorted({k for r in rows for k in r})
    print("metric".ljust(28) + "".join(f"{r['size']:>16}" for r in rows))
    for k in keys:
        if k == "size":
            continue
        cells = []
        for r in rows:
            v = r.get(k)
            cells.append(f"{v:>16.3f}" if isinstance(v, float) else f"{str(v):>16}")
        print(k.ljust(28) + "".join(cells))
    return 0


if __name__ == "__main__":
    sys.exit(main())
