"""The keys of kept pages (hooks/archive/speed/kept_pages.py `stable_form`, `KeptPages._key`),
in-process: the same inputs give the same form in every process, and any change to an input that
reaches a page (a report's field or text, a timeline neighbour, a near-duplicate, one field of one
link) gives another form; an input with no stable form is never guessed, whatever fast path it
would have taken."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import json
import subprocess
import sys
import time
import types

import pytest
from markupsafe import Markup

from conftest import catalogue_from, report

from archive.pages import Link
from archive.pages.report import Field, ReportViews, SiteInfo
from archive.regions import region_tree
from archive.similarity import Similar
from archive.speed.kept_pages import KeptPages, Unkeyable, _normal, stable_form

FILES = {
    "2014/a.md": report(title="遵义市科协2014年工作总结", year="2014", extra="region: 贵州省/遵义市", body="第一段。\n"),
    "2015/b.md": report(title="遵义市科协2015年工作总结", year="2015", extra="region: 贵州省/遵义市\ndate: 2015-12-20",
                        body="第二段。\n"),
    "2016/c.md": report(title="遵义市科协2016年工作总结", year="2016", body="第三段。\n"),
    "2016/d.md": report(title="县科技局工作总结", unit="县科技局", year="2016", body="别的。\n"),
}
SITE = SiteInfo("工作报告档案馆", "https://example.org/")


def page_form(folder, files=FILES, similar=None, slug="2015/b") -> str:
    """The form of the inputs of report `slug`'s page (its view and comparison links), from a
    catalogue read afresh from `files`."""
    catalogue = catalogue_from(folder, files)
    view = ReportViews(catalogue, similar or {}, SITE).view(catalogue.by_slug[slug])
    return stable_form((view, [Link("对照", "units/x/compare/2014-2015/")]), {})


def test_the_same_inputs_read_twice_give_the_same_form(tmp_path):
    assert page_form(tmp_path / "a") == page_form(tmp_path / "b")


@pytest.mark.parametrize("change", [
    {"2015/b.md": report(title="遵义市科协2015年工作总结（修订）", year="2015", extra="region: 贵州省/遵义市\ndate: 2015-12-20",
                         body="第二段。\n")},  # its own title
    {"2015/b.md": report(title="遵义市科协2015年工作总结", year="2015", extra="region: 贵州省/遵义市\ndate: 2015-12-20",
                         body="第二段，改了。\n")},  # its text
    {"2015/b.md": report(title="遵义市科协2015年工作总结", year="2015", extra="region: 贵州省/遵义市\ndate: 2015-12-21",
                         body="第二段。\n")},  # its date
    {"2016/c.md": report(title="遵义市科协2016年工作要点", year="2016", body="第三段。\n")},  # a timeline neighbour's title
    {"2016/c.md": report(title="遵义市科协2016年工作总结", year="2017", body="第三段。\n")},  # a neighbour's year
    {"2013/e.md": report(title="遵义市科协2013年工作总结", year="2013", body="新的。\n")},  # a report joins the timeline
], ids=["title", "text", "date", "neighbour-title", "neighbour-year", "timeline-grows"])
def test_a_change_to_any_input_of_a_report_page_changes_its_form(tmp_path, change):
    assert page_form(tmp_path / "before") != page_form(tmp_path / "after", {**FILES, **change})


def test_a_near_duplicate_changes_the_form(tmp_path):
    none = page_form(tmp_path / "a")
    one = page_form(tmp_path / "b", similar={"2015/b": [Similar("2014/a", 0.91)]})
    closer = page_form(tmp_path / "c", similar={"2015/b": [Similar("2014/a", 0.95)]})
    other = page_form(tmp_path / "d", similar={"2015/b": [Similar("2016/d", 0.91)]})
    assert len({none, one, closer, other}) == 4


def test_the_page_key_holds_its_paths_template_and_body():
    page = types.SimpleNamespace(file=types.SimpleNamespace(src_uri="reports/a.md", dest_uri="reports/a/index.html"),
                                 url="reports/a/")
    kept = KeptPages.__new__(KeptPages)
    kept._fingerprint, kept._reports = "site", {}
    key = kept._key(page, "archive/report.html", None, [Link("a", "b")], "正文")
    assert key == kept._key(page, "archive/report.html", None, [Link("a", "b")], "正文")
    others = {kept._key(page, "archive/listing.html", None, [Link("a", "b")], "正文"),
              kept._key(page, "archive/report.html", None, [Link("a", "b")], "正文。"),
              kept._key(page, "archive/report.html", None, [Link("a", "b")], None),
              kept._key(page, "archive/report.html", None, [Link("a", "c")], "正文"),
              kept._key(page, "archive/report.html", None, [Link("a", "b")], "")}
    assert len(others) == 5 and key not in others
    page.url = "reports/b/"
    assert kept._key(page, "archive/report.html", None, [Link("a", "b")], "正文") != key
    kept._fingerprint = "other settings"
    page.url = "reports/a/"
    assert kept._key(page, "archive/report.html", None, [Link("a", "b")], "正文") != key


def test_different_values_have_different_forms():
    """The forms of values that differ only in a type, a nesting or the fast path they take are
    all different (the form is one grammar: see kept_pages.py)."""
    child = Link("贵州省", "regions/520000/")
    values = [
        1, True, 1.0, "1", None, "None", "", 0, False, [], (), [[]], [()], ((),), [1], (1,), [[1]], ["1"], [1, 2], [[1, 2]],
        [(1, 2)], [(1,), (2,)], ({1}, ), {1}, frozenset(), {"1": 1}, {1: 1}, {"1": "1"}, [["1", 1]],
        Link("a", "b"), Link("a", "b", 1), Link("a", "b", 0, (child,)), Link("a", "b", 0, (), "note"), Link("a", "b,"),
        Link("a',", "b"), [Link("a", "b")], (Link("a", "b"),), [Link("a", "b"), Link("c", "d")],
        [Link("a", "b", 0, (child,)), Link("c", "d")], [Link("a", "b"), "c"],
        Field("单位", [Link("a", "b")]), Field("单位", [Link("a", "b")], "list"), Field("单位", []),
        dt.date(2015, 1, 2), dt.datetime(2015, 1, 2), "2015-01-02", region_tree().get("520300"),
        region_tree().get("520000"), ("520300", "遵义市", 1, None), Markup("<b>x</b>"), "<b>y</b>",
    ]
    forms = [stable_form(v, {}) for v in values]
    assert len(set(forms)) == len(values), [f for f in forms if forms.count(f) > 1]


def test_sets_and_dicts_are_the_same_whatever_their_order_in_every_process():
    """Sets are sorted by their members' forms (a str's hash differs between processes), dicts by
    their keys'."""
    assert stable_form({"b": 1, "a": [2]}, {}) == stable_form({"a": [2], "b": 1}, {})
    code = ("from archive.speed.kept_pages import stable_form; "
            "print(stable_form([{'遵义市', '贵州省', 'a', 'b', 'c'}, frozenset({('x', 1), ('y', 2)})], {}))")
    outputs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                              env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout for seed in (1, 2, 3)}
    assert len(outputs) == 1


@dataclasses.dataclass
class Holder:
    value: object
    other: str = ""


class Hidden:
    """An object whose repr would not show what it holds."""

    def __init__(self, content):
        self.content = content

    def __repr__(self):
        return "Hidden()"

    def __len__(self):  # falsy, as an empty list would be
        return 0


@pytest.mark.parametrize("value", [
    Hidden(1), [Hidden(1)], (Hidden(1),), [("a", Hidden(1))], [["a", Hidden(1)]], Holder(Hidden(1)), [Holder(Hidden(1))],
    [Holder("a"), Holder(Hidden(1))], Link("a", "b", 0, (Hidden(1),)), [Link("a", "b", Hidden(1))], {"a": Hidden(1)},
    {Holder}, Holder(lambda x: x),
], ids=lambda v: type(v).__name__)
def test_an_input_with_no_stable_form_is_never_guessed(value):
    with pytest.raises(Unkeyable):
        stable_form(value, {})


def test_a_list_of_a_dataclass_has_one_form_whether_or_not_the_class_was_met_before():
    @dataclasses.dataclass(frozen=True)
    class Fresh:
        a: str
        b: int = 0

    first = stable_form([Fresh("x"), Fresh("y")], {})
    assert stable_form(Fresh("x"), {}).startswith(f"{__name__}.")
    assert stable_form([Fresh("x"), Fresh("y")], {}) == first


def test_a_lazy_field_is_its_result_and_a_subclass_of_a_plain_type_is_its_value():
    assert stable_form(Holder(lambda: [1]), {}) == stable_form(Holder([1]), {})
    assert stable_form(Holder(lambda: [1]), {}) != stable_form(Holder(lambda: [2]), {})
    assert stable_form(Markup("x"), {}) == stable_form("x", {})

    class Count(int):
        pass

    assert stable_form(Count(3), {}) != stable_form(Count(4), {})


def test_a_report_is_its_fields_and_text(tmp_path):
    catalogue = catalogue_from(tmp_path, FILES)
    b = catalogue.by_slug["2015/b"]
    known: dict[int, str] = {}
    form = stable_form(b, known)
    assert form == stable_form(b, {}) and list(known) == [id(b)]
    for change in ({"title": "别的"}, {"body": b.body + "。"}, {"tags": ("科普",)}, {"extra": {"x": 1}},
                   {"region": region_tree().get("520000")}, {"chars": b.chars + 1}):
        assert stable_form(dataclasses.replace(b, **change), {}) != form, change


# -- stale files: folders' listings recorded by the previous build --------------------------------


def site_build(tmp_path, files: list[str], written: list[str], age_folders: bool = True) -> KeptPages:
    """One build's kept pages over site/ in `tmp_path`: the previous site (if its index is
    there) comes back, `files` (paths below site/) are made, and the files of `written` are what
    the build says it made; stale files are removed and the index saved. `age_folders`: every
    folder's time is set 10 s back first, as a folder untouched for a while has it."""
    config = types.SimpleNamespace(site_dir=str(tmp_path / "site"), theme=types.SimpleNamespace(dirs=[]))
    kept = KeptPages(config, tmp_path / "cache")
    (tmp_path / "site").mkdir(exist_ok=True)  # MkDocs makes (or empties) it
    kept.restore()
    site = tmp_path / "site"
    for name in files:
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(name, encoding="utf-8")
    if age_folders:
        for folder in [site, *(p for p in site.rglob("*") if p.is_dir())]:
            os.utime(folder, ns=(folder.stat().st_atime_ns, folder.stat().st_mtime_ns - 10_000_000_000))
    kept.remove_stale([], [str(site / name) for name in written])
    kept.save()
    return kept


def site_files(tmp_path) -> set[str]:
    return {p.relative_to(tmp_path / "site").as_posix() for p in (tmp_path / "site").rglob("*") if p.is_file()}


FIRST = ["index.html", "reports/a/index.html", "reports/a/cite.bib", "reports/b/index.html", "reports/b/cite.bib",
         "units/x/index.html", "units/x/feed.xml", "search/data/t/0.gz", "search/data/t/1.gz"]


def test_a_file_the_build_did_not_make_goes_whether_its_folder_is_as_recorded_or_not(tmp_path):
    first = site_build(tmp_path, FIRST, FIRST)
    assert first.stale == 0 and site_files(tmp_path) == set(FIRST)
    assert set(first.folders) == {"", "reports", "reports/a", "reports/b", "units", "units/x", "search",
                                  "search/data", "search/data/t"}
    (tmp_path / "site/units/stray.txt").write_text("put here by hand", encoding="utf-8")
    time.sleep(0.05)  # the stray file and the first build's are older than the second build's marker
    # report b is gone: its folder is as recorded (not listed again), its files are not made
    made = [name for name in FIRST if not name.startswith("reports/b/")]
    second = site_build(tmp_path, [], made, age_folders=False)
    assert site_files(tmp_path) == set(made)
    assert not (tmp_path / "site/reports/b").exists()
    assert second.stale == 3
    # units/ was listed (a file was added in it), and so maybe site/ itself (moved twice); the rest
    # as recorded
    assert 1 <= second.listed <= 2, second.listed
    assert "reports/b" not in second.folders and second.folders["reports"][2] == ["a"]
    # the folders this build changed are listed again next time
    assert second.folders["reports"][0] is None and second.folders["units"][0] is None
    third = site_build(tmp_path, [], made, age_folders=False)
    assert third.stale == 0 and site_files(tmp_path) == set(made)


def test_a_folder_time_recorded_in_the_last_moments_before_the_record_is_not_trusted(tmp_path):
    site_build(tmp_path, FIRST, FIRST, age_folders=False)  # every folder just made
    second = site_build(tmp_path, [], FIRST[:-1], age_folders=False)
    assert second.listed == len(second.folders) == 9
    assert site_files(tmp_path) == set(FIRST[:-1])


def test_a_build_from_scratch_records_its_folders_for_the_next_build(tmp_path):
    first = site_build(tmp_path, FIRST, FIRST)
    assert first.listed == len(first.folders) == 9 and first.stale == 0
    index = json.loads((tmp_path / "cache/kept-pages.json").read_text(encoding="utf-8"))
    assert index["folders"]["reports/a"][1:] == ["cite.bib/index.html", ""] or \
        index["folders"]["reports/a"][1:] == ["index.html/cite.bib", ""]
    assert sorted(index["folders"][""][2].split("/")) == ["reports", "search", "units"]


@pytest.mark.parametrize("path", ["/a/b", "/a/b/", "/a//b", "/a/./b", "/a/../b", "/a/.hidden", "//a", "///a", "/", "a/b",
                                  "./a", "../a", ".", "", "/a/b/.", "/a/b/..", "/a/b.c", "/a/..b", "/a/b..", "/站点/报告"])
def test_a_path_is_normal_as_normpath_makes_it(path):
    assert _normal(path) == os.path.normpath(path)
