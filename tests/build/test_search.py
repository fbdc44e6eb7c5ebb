"""Search correctness on real builds: every query of the query set returns exactly what a
substring scan over the folded reports finds, through scripts/search_cli (the site's own JS).
The index and folding in-process: tests/unit/test_search_grams.py, test_search_fold.py."""

from __future__ import annotations

import gzip
import json
import subprocess

import pytest
from lxml import html as lxml_html

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


# -- sections, year ranges and sorts (issue 17, points 2 and 3) ----------------------------------

RANGES = [({"from": "2015", "to": "2015"}, 2015, 2015, False), ({"from": "2016", "to": "2019"}, 2016, 2019, False),
          ({"from": "2017"}, 2017, 9999, False), ({"to": "2016", "undated": "1"}, 0, 2016, True),
          ({"undated": "0"}, 0, 9999, False), ({"from": "2019", "to": "2015", "undated": "1"}, 2015, 2019, True)]
"""(filters, first year, last year, 年份不详 in) as the search page writes them to its URL; a reversed
range is the same range."""


def engine_runs(site, tmp_path, runs: list[dict]) -> list[list[dict]]:
    """Every run ({query, filters, sort}) through the site's engine.js in one Node process: per run,
    [{path, year, section}] in result order, section being the one `place` gives (or null)."""
    script = tmp_path / "runs.mjs"
    script.write_text(
        f'import {{ SearchEngine }} from "{(site / "assets/search/engine.js").as_uri()}";\n'
        'import { readFile } from "node:fs/promises";\n'
        f'const e = new SearchEngine(async (r) => new Uint8Array(await readFile("{site}/search/data/" + r)));\n'
        f'const runs = {json.dumps(runs, ensure_ascii=False)};\n'
        'const out = [];\n'
        'for (const run of runs) {\n'
        '  const r = await e.all(run.query, { filters: run.filters, sort: run.sort });\n'
        '  const rows = [];\n'
        '  for (const h of r.hits) {\n'
        '    const m = await e.meta(h.id);\n'
        '    const p = r.terms.length ? await e.place(h.id, r.terms) : { section: null };\n'
        '    rows.push({ path: m.path, year: m.year, section: p.section });\n'
        '  }\n'
        '  out.push(rows);\n'
        '}\n'
        'console.log(JSON.stringify(out));\n', encoding="utf-8")
    out = subprocess.run(["node", str(script)], capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def index_rows(site) -> dict[str, tuple[list[str], list[list]]]:
    """path → (segments, sections) of every document, read from the index's own files."""
    data = site / "search" / "data"
    manifest = json.loads((data / "manifest.json").read_text())
    out = {}
    for block in sorted((data / "t").rglob("*.gz")):
        for k, row in enumerate(json.loads(gzip.decompress(block.read_bytes()))):
            d = int(block.stem) * manifest["texts"] + k
            meta = json.loads(gzip.decompress((data / "m" / f"{d // manifest['block']}.gz").read_bytes()))
            out[meta[d % manifest["block"]][1]] = row
    return out


def check_section_anchors(built) -> int:
    """Every stored section is a heading of the report's page: the id (prefix and anchor) and the
    text, in order, and no heading of the body is missing; returns the number of sections."""
    manifest = json.loads((built.site / "search" / "data" / "manifest.json").read_text())
    rows = index_rows(built.site)
    assert len(rows) == manifest["docs"]
    urls = {r["path"]: r["url"] for r in search(built.site, "", "undated=1")}
    checked = 0
    for path, (segments, sections) in rows.items():
        page = lxml_html.fromstring((built.site / urls[path] / "index.html").read_bytes())
        headings = [(h.get("id"), h.text_content().strip()) for h in
                    page.xpath("//div[@class='archive-body']//*[self::h1 or self::h2 or self::h3 or self::h4 or self::h5 or self::h6]")]
        assert [(manifest["anchorPrefix"] + a, h) for _, a, h in sections] == headings, path
        body = segments[-1].encode("utf-16-le")
        for offset, _, _ in sections:
            assert body[2 * offset:].decode("utf-16-le").startswith("#"), (path, offset)
        checked += len(sections)
    return checked


def test_section_anchors_are_the_headings_of_the_built_pages(sample_site):
    assert check_section_anchors(sample_site) >= 100, "the sample archive has sections"


@pytest.mark.slow
def test_section_anchors_on_a_synthetic_archive(synth_1000):
    assert check_section_anchors(synth_1000) >= 500, "the synthetic archive has sections (834 with seed 7)"


def _year_ok(year, first, last, undated) -> bool:
    return undated if year is None else first <= year <= last


def check_year_ranges(built, tmp_path, ranges) -> None:
    """Every query of the set, within each year range: exactly the reports the scan finds in it;
    year orders put the years in order and 年份不详 last."""
    corpus = ref.load(built.reports)
    years = {p: meta.get("year") for p, _, meta in corpus}
    queries = ref.queries()
    runs = [{"query": q, "filters": f, "sort": s} for q in queries for f, *_ in ranges for s in ("relevance", "year-asc")]
    runs += [{"query": q, "filters": {}, "sort": "year-desc"} for q in queries] + [{"query": "", "filters": ranges[1][0], "sort": "year-asc"}]
    results = iter(engine_runs(built.site, tmp_path, runs))
    wrong = []
    for q in queries:
        found = ref.scan(corpus, q)
        for filters, first, last, undated in ranges:
            want = {p for p in found if _year_ok(years[p], first, last, undated)}
            for sort in ("relevance", "year-asc"):
                rows = next(results)
                paths = [r["path"] for r in rows]
                if set(paths) != want or len(paths) != len(want):
                    wrong.append((q, filters, sort, sorted(set(paths) ^ want)[:3]))
                if sort == "year-asc":
                    keys = [(r["year"] is None, r["year"] or 0) for r in rows]
                    assert keys == sorted(keys), (q, filters)
    assert not wrong, wrong
    for q in queries:
        keys = [(r["year"] is None, -(r["year"] or 0)) for r in next(results)]
        assert keys == sorted(keys), q
    listing = next(results)
    assert {r["path"] for r in listing} == {p for p in years if _year_ok(years[p], *ranges[1][1:])} != set()


def test_year_ranges_are_exact_and_sorts_order_by_year(sample_site, tmp_path):
    check_year_ranges(sample_site, tmp_path, RANGES)


@pytest.mark.slow
def test_year_ranges_on_a_synthetic_archive(synth_1000, tmp_path):
    check_year_ranges(synth_1000, tmp_path, [({"from": "2001", "to": "2010"}, 2001, 2010, False),
                                             ({"from": "2020", "undated": "1"}, 2020, 9999, True),
                                             ({"to": "1996"}, 0, 1996, False)])


def test_search_cli_takes_the_range_and_sort(sample_site):
    corpus = ref.load(sample_site.reports)
    years = {p: meta.get("year") for p, _, meta in corpus}
    want = {p for p in ref.scan(corpus, "工作") if years[p] in (2015, 2016, 2017)}
    got = search(sample_site.site, "工作", "from=2015", "to=2017")
    assert {r["path"] for r in got} == want and want
    out = subprocess.run([CLI, "--site", str(sample_site.site), "--sort", "year-asc", "--section", "--filter", "from=2015", "--", "总结"],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    rows = json.loads(out.stdout)
    assert rows and all("section" in r for r in rows) and any(r["section"] for r in rows)
    bad = subprocess.run([CLI, "--site", str(sample_site.site), "--filter", "from=20xx", "--", "总结"], capture_output=True, text=True, timeout=120)
    assert bad.returncode == 1 and bad.stderr.strip() == "search_cli: from=20xx: a year is four digits, such as 2015"


def test_a_hit_names_the_section_of_its_first_match(sample_site, tmp_path):
    """The section `place` gives is the one holding the hit's first match in the body; none when the
    match comes before the first heading or is not in the body."""
    rows = index_rows(sample_site.site)
    queries = ["总结", "科普", "總結", "工会", "青少年", "党建", "工作 计划"]
    results = engine_runs(sample_site.site, tmp_path, [{"query": q, "filters": {}, "sort": "relevance"} for q in queries])
    named = 0
    for q, hits in zip(queries, results):
        terms = [ref.fold(t) for t in q.split()]
        for hit in hits:
            segments, sections = rows[hit["path"]]
            units = segments[-1].encode("utf-16-le")
            text = lambda a, b=None: units[2 * a:None if b is None else 2 * b].decode("utf-16-le")  # noqa: E731
            starts = [s[0] for s in sections]
            if hit["section"] is None:
                body = ref.fold(text(0, starts[0] if starts else None))
                assert not any(t in ref.fold(text(0)) for t in terms) or any(t in body for t in terms), (q, hit["path"])
                continue
            named += 1
            k = [s[1] for s in sections].index(hit["section"]["anchor"].removeprefix("user-content-"))
            assert hit["section"]["heading"] == sections[k][2]
            assert not any(t in ref.fold(text(0, starts[k])) for t in terms), (q, hit["path"], "an earlier match")
            assert any(t in ref.fold(text(starts[k], starts[k + 1] if k + 1 < len(starts) else None)) for t in terms), (q, hit["path"])
    assert named >= 20
