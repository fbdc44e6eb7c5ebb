"""Page shells (archive.speed.shells): a page made from its kind's shared frame is byte for byte
the page Material's templates render for it."""

from __future__ import annotations

import os
import re
from types import SimpleNamespace

import jinja2

from archive.speed.shells import PageShells, ShellMismatch
from conftest import PYTHON, ROOT, ArchiveProject, report, run

HEADINGS_BODY = "## 一、总体情况\n\n今年完成了科普宣传。\n\n## 二、下一步打算\n\n继续做好工作。\n"


def test_every_page_from_a_shell_is_what_material_renders(tmp_path):
    """The sample archive, plus a report with headings (its own table of contents and skip link)
    and one whose title has markup characters, built with every shell-made page also rendered in
    full and compared: any difference fails the build."""
    project = ArchiveProject(tmp_path / "project", reports=ROOT / "reports")
    project.write("2016/headings.md", report(title="有小标题的总结", year="2016", body=HEADINGS_BODY))
    project.write("2016/markup.md", report(title='标题含 <b> & "引号"', unit="科技局", year="2016"))
    os.environ["ARCHIVE_VERIFY_SHELLS"] = "1"
    try:
        result = run([PYTHON, "-m", "mkdocs", "build", "--strict", "-f", str(project.path / "mkdocs.yml"),
                      "-d", str(project.site)], cwd=project.path)
    finally:
        del os.environ["ARCHIVE_VERIFY_SHELLS"]
    assert result.returncode == 0, result.stderr
    summary = re.search(r"page shells: ([\d,]+) pages from (\d+) shells; ([\d,]+) compared", result.stderr)
    assert summary, result.stderr
    pages, shells, compared = (int(g.replace(",", "")) for g in summary.groups())
    report_pages = len(list((project.site / "reports").rglob("index.html")))
    assert pages == compared >= report_pages == 37 and shells >= 4

    page = project.page("reports/2016/headings")
    assert re.search(r'<a href="#([^"]+)" class="md-skip">', page)
    toc = page.split('class="archive-toc"')[1].split("</nav>")[0]
    assert "一、总体情况" in toc and "二、下一步打算" in toc
    markup = project.page("reports/2016/markup")
    assert "<title>标题含 &lt;b&gt; &amp; &#34;引号&#34; - " in markup
    assert "<b>" not in markup.split("<body")[1].split('class="md-content"')[0]


def _page(url: str, title: str):
    return SimpleNamespace(url=url, meta={"title": title}, toc=[], canonical_url=None,
                           file=SimpleNamespace(src_uri=url + "index.md"))


def _env(frame: str) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.DictLoader({
        "archive/x.html": frame,
        "archive/x/head.html": "",
        "archive/x/body.html": "<p>{{ page.meta.title }}</p>",
        "partials/language.html": "", "partials/toc.html": "",
    }))
    return env


def test_a_frame_that_depends_on_something_else_is_turned_off_not_shared(caplog):
    """A frame showing a page value the shell does not know about (here its URL) must not be
    copied to other pages: the comparison finds it and those pages are rendered in full."""
    env = _env("<title>{{ page.meta.title }}</title><i>{{ page.url }}</i>"
               "{% if archive_probe %}{{ archive_probe.content }}{% else %}{% include 'archive/x/body.html' %}{% endif %}")
    shells = PageShells(env, verify_all=False)
    pages = [_page(f"reports/2015/r{i}/", f"报告{i}") for i in range(4)]
    for page in pages:
        html = shells.render("archive/x.html", {"page": page, "base_url": "../../.."})
        assert html == f"<title>{page.meta['title']}</title><i>{page.url}</i><p>{page.meta['title']}</p>"
    assert "turned off" in shells.summary() and "differs from a full rendering" in caplog.text


def test_verify_mode_fails_on_a_difference():
    env = _env("<i>{{ page.url }}</i>"
               "{% if archive_probe %}{{ archive_probe.content }}{% else %}{% include 'archive/x/body.html' %}{% endif %}")
    shells = PageShells(env, verify_all=True)
    shells.render("archive/x.html", {"page": _page("a/b/", "一"), "base_url": ".."})
    try:
        shells.render("archive/x.html", {"page": _page("a/c/", "二"), "base_url": ".."})
    except ShellMismatch as e:
        assert "a/c/index.md" in str(e)
    else:
        raise AssertionError("a frame that differs was shared")


def test_shared_frame_is_filled_with_each_pages_own_values():
    env = _env("<title>{{ page.meta.title }}</title>"
               "{% if archive_probe %}{{ archive_probe.content }}{% else %}{% include 'archive/x/body.html' %}{% endif %}")
    shells = PageShells(env, verify_all=False)
    out = [shells.render("archive/x.html", {"page": _page(f"r/{i}/", f"第{i}篇"), "base_url": ".."}) for i in range(5)]
    assert out == [f"<title>第{i}篇</title><p>第{i}篇</p>" for i in range(5)]
    assert shells.pages == 5 and len(shells.shells) == 1 and "turned off" not in shells.summary()
