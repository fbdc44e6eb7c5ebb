"""Search correctness on real builds: every query of the query set returns exactly what a
substring scan over the folded reports finds, through scripts/search_cli (the site's own JS).
The index and folding in-process: tests/unit/test_search_grams.py, test_search_fold.py."""

from __future__ import annotations

import json
import subprocess

import pytest

import search_reference as ref
from conftest import ROOT, report


CLI = str(ROOT / "scripts" / "search_cli")


def search(site, query: str, *filters: str) -> list[dict]:
    args = [CLI, "--site", str(site)]
    for f in filters:
        args += ["--filter", f]
    out = subprocess.run([*args, "--", query], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def check_query_set(built) -> None:
    corpus = ref.load(built.reports)
    assert len(ref.queries()) >= 40
    wrong = []
    for query in ref.queries():
        got = search(built.site, query)
        paths = [r["path"] for r in got]
        want = ref.scan(corpus, query)
        if set(paths) != want or len(paths) != len(set(paths)):
            wrong.append((query, len(paths), len(want), sorted(set(paths) ^ want)[:3]))
        for r in got:
            assert (built.site / r["url"] / "index.html").exists(), r
    assert not wrong, wrong


def test_query_set_on_the_sample_archive(sample_site):
    check_query_set(sample_site)


@pytest.mark.slow
def test_query_set_on_a_synthetic_archive(synth_1000):
    check_query_set(synth_1000)


def test_title_and_unit_matches_rank_first(sample_site):
    corpus = {path: meta for path, _, meta in ref.load(sample_site.reports)}
    got = [r["path"] for r in search(sample_site.site, "科协")]
    in_head = [ref.fold("科协") in ref.fold(corpus[p]["title"] + "\0" + (corpus[p]["unit"] or "")) for p in got]
    assert in_head == sorted(in_head, reverse=True), "head matches must come first"


def test_facet_listing_without_query(sample_site):
    corpus = ref.load(sample_site.reports)
    want = {p for p, _, meta in corpus if meta.get("year") == 2015}
    got = {r["path"] for r in search(sample_site.site, "", "year=2015")}
    assert got == want and want


def test_filters_and_region_at_any_level(project):
    project.write("2015/a.md", report(title="甲", unit="遵义市科协", extra="region: 贵州省/遵义市", body="科普工作。\n"))
    project.write("2015/b.md", report(title="乙", unit="贵阳市科协", extra="region: 贵州省/贵阳市", body="科普工作。\n"))
    project.write("2016/c.md", report(title="丙", unit="成都市科协", year="2016", extra="region: 四川省/成都市", body="科普工作。\n"))
    project.write("2016/d.md", report(title="丁", unit="某厂科协", year="null", category="工作计划", body="科普工作。\n"))
    project.write("2016/e.md", report(title="戊", unit="某厂科协", extra="draft: true", body="科普工作。\n"))
    assert project.build().returncode == 0
    paths = lambda *f: sorted(r["path"] for r in search(project.site, "科普", *f))  # noqa: E731
    assert paths() == ["reports/2015/a.md", "reports/2015/b.md", "reports/2016/c.md", "reports/2016/d.md"]
    assert paths("region=贵州省") == ["reports/2015/a.md", "reports/2015/b.md"]
    assert paths("region=遵义市") == ["reports/2015/a.md"]
    assert paths("region=unknown") == ["reports/2016/d.md"]
    assert paths("year=2016") == ["reports/2016/c.md"]
    assert paths("year=unknown") == ["reports/2016/d.md"]
    assert paths("category=工作计划") == ["reports/2016/d.md"]
    assert paths("unit=某厂科协") == ["reports/2016/d.md"]
    assert paths("year=2015", "region=贵州省/贵阳市") == ["reports/2015/b.md"]
    assert search(project.site, "戊") == [], "drafts are never indexed"


def test_traditional_punctuation_and_pinyin_fold(project):
    project.write("2015/a.md", report(title="總結", body="科學技術(jì shù)協會，工作 總結。\n"))
    assert project.build().returncode == 0
    for query in ("科学技术协会", "科學技術協會", "工作总结", "技术协", "協", "ＡＢ" if False else "总结"):
        assert [r["path"] for r in search(project.site, query)] == ["reports/2015/a.md"], query
    assert search(project.site, "jìshù") == [] and search(project.site, "术协会工") != []


def test_browser_fold_equals_python_fold(sample_site, tmp_path):
    """The JS folding of engine.js gives the Python fold for every character of the sample and a set of edge cases."""
    from archive.search.fold import fold

    text = "".join(sorted({c for p in sample_site.reports.rglob("*.md") for c in p.read_text(encoding="utf-8")}))
    samples = [text, "總結(zǒng jié)：ＡＢＣ１２３ 乾隆, 科技局!", "Ⅻ ½ ① 𠀋𡈽 ﹏ ー ・ 〇", "版本(v) 科(a) 工作(gōng zuò)"]
    script = tmp_path / "fold.mjs"
    script.write_text(
        f'import {{ SearchEngine, fold }} from "{(sample_site.site / "assets/search/engine.js").as_uri()}";\n'
        'import { readFile } from "node:fs/promises";\n'
        f'const e = new SearchEngine(async (r) => new Uint8Array(await readFile("{sample_site.site}/search/data/" + r)));\n'
        'await e.init();\n'
        f'console.log(JSON.stringify({json.dumps(samples, ensure_ascii=False)}.map((s) => fold(s, e.table))));\n',
        encoding="utf-8")
    out = subprocess.run(["node", str(script)], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == [fold(s) for s in samples]


def test_every_published_report_is_indexed(sample_site):
    manifest = json.loads((sample_site.site / "search" / "data" / "manifest.json").read_text())
    assert manifest["docs"] == len(ref.load(sample_site.reports))
