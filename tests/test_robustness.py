"""Hostile and odd input: nothing executes, nothing escapes the site folder, nothing crashes;
moved and deleted reports leave no stale pages."""

from __future__ import annotations

import datetime as dt
import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive.regions import region_tree
from archive.schema import Problem, Report, decode, parse_report
from archive.settings import ArchiveSettings
from browser import DESKTOP, chromium, serve
from conftest import ARTIFACTS, ROOT, report

XSS_BODY = """正文开始。

<script>window.__pwned = (window.__pwned || 0) + 1</script>

<img src="x" onerror="window.__pwned = 1">

<a href="javascript:window.__pwned=1">点我</a> <a href="data:text/html,<script>alert(1)</script>">数据</a>

<iframe src="javascript:window.__pwned=1"></iframe><object data="x.swf"></object><embed src="x.swf">

<svg onload="window.__pwned=1"><circle r="5"/></svg>

<div style="background:url(javascript:window.__pwned=1)">样式</div>

<form action="javascript:window.__pwned=1"><button>提交</button></form>

<body onload="window.__pwned=1"> <details open ontoggle="window.__pwned=1">x</details>

[链接](javascript:window.__pwned=1) ![图](javascript:window.__pwned=1)
"""

HOSTILE_FIELDS = dict(
    title='"</title><script>window.__pwned=1</script>标题"',
    unit='"<img src=x onerror=window.__pwned=1>../../单位"',
    extra='source: "javascript:window.__pwned=1"\ntags: ["<script>x=1</script>", "\\"onclick=x"]',
)


@pytest.mark.browser
def test_xss_vectors_do_not_run_in_chromium(project):
    project.write("2015/xss.md", report(body=XSS_BODY, **HOSTILE_FIELDS))
    project.write("2015/ok.md", report(title="正常报告"))
    result = project.build()
    assert result.returncode == 0, result.stderr
    with serve(project.site) as base, chromium() as browser:
        page = browser.new_page(viewport=DESKTOP)
        dialogs = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        for url in ("reports/2015/xss/", "years/2015/", "units/", "", "categories/summary/"):
            page.goto(base + url)
            page.wait_for_load_state("load")
            for link in page.locator(".archive-body a").all():
                link.hover()
            assert page.evaluate("window.__pwned") is None, f"script ran on /{url}"
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.goto(base + "reports/2015/xss/")
        page.screenshot(path=str(ARTIFACTS / "hostile-report.png"), full_page=True)
        assert dialogs == []
        title = page.title()
        assert "</title>" in title and "<script>" in title  # shown as text, not markup


def test_no_field_value_writes_outside_the_site(project, tmp_path):
    project.write("2015/a.md", report(unit='"../../../../outside"', title='"../../../../outside"',
                                      extra="tags: [../../x]\nsource: /etc/passwd"))
    project.write("2015/b.md", report(unit='"%2e%2e%2f%2e%2e"', title="b"))
    before = set(tmp_path.rglob("*"))
    assert project.build().returncode == 0
    created = {p for p in set(tmp_path.rglob("*")) - before}
    cache = project.path / ".cache" / "archive"  # the configured store of rendered bodies, whatever the reports say
    allowed = (project.site, cache)
    outside = sorted(str(p) for p in created if not any(p == a or a in p.parents or p in a.parents for a in allowed))
    assert outside == []
    unit_pages = sorted(p.parent.name for p in (project.site / "units").glob("*/index.html"))
    assert unit_pages == ["2e-2e-2f-2e-2e", "outside"]


def test_moved_report_redirects_and_deleted_report_disappears(project):
    project.write("2015/new-name.md", report(title="迁移后", extra="redirect_from: [2014/old-name.md]"))
    gone = project.write("2015/gone.md", report(title="将被删除"))
    assert project.build().returncode == 0
    old = (project.site / "reports/2014/old-name/index.html").read_text(encoding="utf-8")
    assert 'http-equiv="refresh" content="0; url=../../2015/new-name/"' in old
    assert (project.site / "reports/2015/gone/index.html").exists()

    gone.unlink()
    assert project.build().returncode == 0
    assert not (project.site / "reports/2015/gone").exists()
    leftovers = [p for p in project.site.rglob("*") if p.is_file() and "将被删除" in p.read_text("utf-8", "replace")]
    assert leftovers == []


def test_redirect_onto_a_live_report_is_an_error(project):
    project.write("2015/a.md", report(extra="redirect_from: [2015/b.md]"))
    project.write("2015/b.md", report())
    result = project.validate()
    assert result.returncode == 1
    assert "reports/2015/a.md: redirect_from: reports/2015/b/ is the URL of reports/2015/b.md" in result.stdout


# -- fuzzing: the front-matter loader never crashes, whatever the bytes --------------------------

SETTINGS = ArchiveSettings(reports_dir=ROOT / "reports")
FIELD_NAMES = ["title", "unit", "year", "category", "region", "date", "source", "tags", "draft", "review", "redirect_from"]
yaml_scalars = st.one_of(
    st.integers(-10_000, 10_000).map(str), st.sampled_from(["null", "~", "true", "no", "20xx", "2015-02-30", "[", "{", "*a", "&a", "!!python/object:os.system", "|", ">", "'", '"', "- x", "？", "遵义市", "朝阳区", "工作总结"]),
    st.text(alphabet=string.printable + "年月日科协遵义市：，、", max_size=30),
)
front_matter = st.lists(st.tuples(st.sampled_from(FIELD_NAMES + ["x"]), yaml_scalars), max_size=12).map(
    lambda pairs: "---\n" + "\n".join(f"{k}: {v}" for k, v in pairs) + "\n---\n\n正文\n")


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(front_matter, st.text(max_size=300), st.binary(max_size=300).map(lambda b: b.decode("latin-1"))))
def test_fuzz_front_matter_loader(text):
    result, problems = parse_report(text, "2015/x.md", "reports/2015/x.md", SETTINGS, region_tree(), 2026)
    assert (result is None) == bool(problems)
    if result is not None:
        assert isinstance(result, Report) and result.title and result.unit
        assert result.year is None or 1949 <= result.year <= 2026
    for problem in problems:
        assert isinstance(problem, Problem) and problem.field and problem.message
        assert str(problem).removeprefix("warning: ").startswith("reports/2015/x.md")
        assert str(problem).startswith("warning: ") == problem.warning  # a draft's problems are warnings


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_fuzz_decode(raw):
    text, problem = decode(raw, "reports/x.md", max_bytes=1000)
    assert (text is None) != (problem is None)
    if text is not None:
        assert "\r" not in text and "\x00" not in text


# -- fuzzing the importer: cleaning and decoding raw pages never crash, and keep the text ---------

from archive.importer.clean import clean  # noqa: E402
from archive.importer.decode import DecodeError, decode_bytes  # noqa: E402
from archive.importer.pipeline import Importer  # noqa: E402

page_lines = st.lists(st.one_of(
    st.sampled_from(["首页 > 范文大全 > 正文", "开篇:润墨网以专业的文秘视角", "时间:2022-05-28 来源:网络 作者:某某", "[bookmark: _Toc1]",
                     "科技局工作總結(jié)5篇", "篇一", "第2篇:县科协工作计划", "一、加强学会建设", "遵义市科协", "20xx年12月30日",
                     "二〇〇九年科协工作总结", "(更多内容请访问首页：)", "- 1 -", "", "   ", "（）", "(a)", "总结(zǒng jié)"]),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=60),
), max_size=40).map("\n".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(page_lines)
def test_fuzz_importer_cleaning_keeps_or_accounts_for_every_line(text):
    cleaned = clean(text)
    numbers = [line.no for line in cleaned.lines]
    assert numbers == sorted(set(numbers))
    original = text.split("\n")
    for line in cleaned.lines:
        assert 1 <= line.no <= len(original)
        assert line.text.strip()
        # a kept line only ever loses annotations and bookmarks, never gains text
        assert len(line.text) <= len(original[line.no - 1].rstrip())
    for removed in cleaned.removed:
        assert 1 <= removed.no <= len(original)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.binary(max_size=300), page_lines.map(lambda t: t.encode("gb18030", "replace"))))
def test_fuzz_importer_decoding(raw):
    try:
        text, encoding = decode_bytes(raw, "raw.txt")
    except DecodeError as e:
        assert "raw.txt" in str(e)
    else:
        assert isinstance(text, str) and encoding


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(page_lines)
def test_fuzz_importer_plans_only_valid_reports(tmp_path, text):
    raw = tmp_path / "page.txt"
    raw.write_text(text or "空", encoding="utf-8")
    importer = Importer(SETTINGS, region_tree(), tmp_path / "out", tmp_path, current_year=2026)
    result = importer.run(raw)
    assert result.error is None or "page.txt" in result.error
    for planned in result.reports:
        assert planned.problems == []
        report, problems = parse_report(planned.render(), "2015/x.md", "reports/2015/x.md", SETTINGS, region_tree(), 2026)
        assert problems == [] and report is not None
