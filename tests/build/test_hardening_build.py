"""Hardening (issue 16), through the real command lines: every hostile or careless report of the
corpus gives the same `path:line: field:` from the validator and from `mkdocs build --strict`,
with no traceback, in bounded time; what the validator passes, the strict build builds."""

from __future__ import annotations

import re
import time

import pytest

from conftest import report
from unit.test_hardening_schema import CASES as SCHEMA_CASES

WHERE = re.compile(r"^\s*(?:warning: )?((?:reports|docs)/[^:]+(?::\d+)?): ([^:]+):")


def _where(output: str) -> set[tuple[str, str]]:
    """(path[:line], field) of every problem line of a validator's or a build's output."""
    found = set()
    for line in output.splitlines():
        match = WHERE.match(line)
        if match:
            found.add(match.groups())
    return found


def _write_catalogue_cases(project, tmp_path) -> dict[str, tuple[str, str]]:
    """Bad reports that only the whole archive shows: links, hidden files, symlinks, a report git
    ignores, reports put in docs/. Returns name → (path[:line], field) expected."""
    import shutil
    import subprocess

    from conftest import ROOT

    docs = project.path / "docs"
    docs.unlink()
    shutil.copytree(ROOT / "docs", docs, symlinks=True)  # a docs/ of the test's own
    (docs / "reports" / "2016").mkdir(parents=True)
    (docs / "reports" / "2016" / "misplaced.md").write_text(report(year="2016"), encoding="utf-8")
    (docs / "notes.md").write_text(report(title="写在docs里的报告"), encoding="utf-8")
    (project.path / ".gitignore").write_text("site/\n*.bak.md\n", encoding="utf-8")
    subprocess.run(["git", "init", "-q", "."], cwd=project.path, check=True)
    project.write("2015/copy.bak.md", report(title="备份"))
    project.write("2014/target.md", report(year="2014", title="2014年总结"))
    project.write("2014/wip.md", report(year="2014", extra="draft: true"))
    project.write("2015/missing-attachment.md", report(body="正文。\n\n见[附件](attachment.md)。\n"))
    project.write("2015/missing-image.md", report(body="正文。\n\n![图](img/a.png)\n"))
    project.write("2015/missing-report.md", report(body="正文。\n\n[2013年总结](../2013/x.md)\n"))
    project.write("2015/link-to-draft.md", report(body="正文。\n\n[草稿](../2014/wip.md)\n"))
    project.write("2015/external-image.md", report(body="正文。\n\n![图](https://evil.example/a.png)\n"))
    project.write("2015/external-raw-image.md", report(body='正文。\n\n<p><img src="//evil.example/a.png"></p>\n'))
    project.write("2015/missing-section.md", report(body="正文。\n\n[见](../2014/target.md#bu-cun-zai)\n"))
    project.write("2015/missing-own-section.md", report(body="正文。\n\n[见](#bu-cun-zai)\n\n## 一、主要工作\n"))
    project.write("2015/.hidden.md", report())
    project.write(".folder/y.md", report())
    (project.reports / "2015" / "dangling.md").symlink_to(tmp_path / "gone.md")
    (project.reports / "2015" / "twice.md").symlink_to(project.reports / "2014" / "target.md")
    return {
        "missing attachment": ("reports/2015/missing-attachment.md:10", "body"),
        "missing image": ("reports/2015/missing-image.md:10", "body"),
        "missing report": ("reports/2015/missing-report.md:10", "body"),
        "link to a draft": ("reports/2015/link-to-draft.md:10", "body"),
        "image on another host": ("reports/2015/external-image.md:10", "body"),
        "raw image on another host": ("reports/2015/external-raw-image.md:10", "body"),
        "missing section of another report": ("reports/2015/missing-section.md:10", "body"),
        "missing section of the report": ("reports/2015/missing-own-section.md:10", "body"),
        "report git ignores": ("reports/2015/copy.bak.md", "file"),
        "report at a report's path in docs/": ("docs/reports/2016/misplaced.md", "file"),
        "report front matter in docs/": ("docs/notes.md", "file"),
        "hidden file": ("reports/2015/.hidden.md", "file name"),
        "hidden folder": ("reports/.folder/y.md", "file name"),
        "dangling symlink": ("reports/2015/dangling.md", "file"),
        "symlink inside": ("reports/2015/twice.md", "file"),
    }


def test_corpus_validator_and_build_agree(project, tmp_path):
    """The whole bad-input corpus in one run: the validator and the strict build name the same
    file, line and field for each; neither prints a traceback; the build publishes nothing."""
    expected = {}
    for name, (text, field, line, _words) in SCHEMA_CASES.items():
        path = f"2015/{name.replace('_', '-')}.md"
        project.write(path, text)
        expected[name] = (f"reports/{path}:{line}", field)
    expected.update(_write_catalogue_cases(project, tmp_path))
    project.write("2015/good.md", report())

    started = time.perf_counter()
    validated = project.validate()
    validate_seconds = time.perf_counter() - started
    built = project.build()
    assert validated.returncode == 1 and built.returncode != 0
    assert "Traceback" not in validated.stderr + validated.stdout and "Traceback" not in built.stderr
    assert validate_seconds < 30
    from_validator, from_build = _where(validated.stdout), _where(built.stderr)
    for name, where in expected.items():
        assert where in from_validator, f"{name}: validator has no {where}:\n{validated.stdout}"
        assert where in from_build, f"{name}: build has no {where}:\n{built.stderr[-5000:]}"
    assert from_validator == from_build, "validator and build report the same problems"
    assert not any("good.md" in l for l in validated.stdout.splitlines())
    assert not (project.site / "reports" / "2015" / "good" / "index.html").exists()


def test_pathological_markdown_is_refused_fast(project):
    """60 kB of nested brackets took the build 79 s: now an error with the line, in seconds."""
    project.write("2015/good.md", report())
    project.write("2015/brackets.md", report(body="正文\n\n" + "[" * 30_000 + "x" + "]" * 30_000 + "\n"))
    started = time.perf_counter()
    built = project.build()
    assert time.perf_counter() - started < 30
    assert built.returncode != 0 and "Traceback" not in built.stderr
    assert "reports/2015/brackets.md:10: body: brackets '[' nest more than 32 deep" in built.stderr
    validated = project.validate()
    assert "reports/2015/brackets.md:10: body: brackets '[' nest more than 32 deep" in validated.stdout


def test_links_between_reports_resolve_from_the_reports_file(project):
    """`[2014年总结](../2014/x.md)` links to that report's page, and `b.md#x` to the section of
    `b` (its id is prefixed user-content-, so is the link); the strict build passes."""
    project.write("2014/x.md", report(year="2014", title="2014年总结", body="## 一、主要工作\n\n正文。\n"))
    project.write("2015/a.md", report(body="正文，见[2014年总结](../2014/x.md)与[同年](b.md#yi-zhu-yao)，"
                                       "[上年的主要工作](../2014/x.md#yi-zhu-yao-gong-zuo)，"
                                       "[复制来的](../2014/x.md#user-content-yi-zhu-yao-gong-zuo)。\n"))
    project.write("2015/b.md", report(title="另一份", body="## 一、主要 {#yi-zhu-yao}\n\n正文。\n"))
    validated = project.validate()
    assert validated.returncode == 0, validated.stdout
    built = project.build()
    assert built.returncode == 0, built.stderr
    page = project.page("reports/2015/a")
    assert 'href="../../2014/x/"' in page and 'href="../b/#user-content-yi-zhu-yao"' in page
    assert page.count('href="../../2014/x/#user-content-yi-zhu-yao-gong-zuo"') == 2
    assert 'id="user-content-yi-zhu-yao-gong-zuo"' in project.page("reports/2014/x")
    assert 'id="user-content-yi-zhu-yao"' in project.page("reports/2015/b")


def test_units_that_could_share_a_url_do_not(project):
    """Homophones get hashed slugs; a unit named like one of them, and a very long name, still
    get a URL of their own, and the strict build passes."""
    from archive.slugs import unique_slugs

    impostor = unique_slugs(["科协", "柯谐"])["科协"]
    long_name = "很长的单位名称" * 40
    for index, unit in enumerate(["科协", "柯谐", impostor, long_name]):
        project.write(f"2015/u{index}.md", report(unit=f'"{unit}"', title=f"报告{index}"))
    built = project.build()
    assert built.returncode == 0, built.stderr
    unit_pages = [p for p in (project.site / "units").iterdir() if p.is_dir() and (p / "index.html").exists()]
    mine = [p for p in unit_pages if p.name not in ("unknown", "by-initial", "by-region")]
    assert len(mine) >= 4
    assert all(len(p.name) <= 80 for p in mine)


def test_report_ids_are_prefixed_in_the_built_page(project):
    project.write("2015/a.md", report(body='<div id="__config">{"base":"https://evil.example/"}</div>\n\n'
                                       '<p id="cite-text">假引用</p>\n\n## 主要工作\n\n[回到](#cite-text)\n'))
    built = project.build()
    assert built.returncode == 0, built.stderr
    page = project.page("reports/2015/a")
    assert page.count('id="__config"') == 1 and page.count('id="cite-text"') == 1
    assert 'id="user-content-__config"' in page and 'href="#user-content-cite-text"' in page
    # the page's config comes before any content
    assert page.index('id="__config"') < page.index("<body")


@pytest.mark.parametrize("speedups", ["1", "0"])
def test_toc_links_match_prefixed_headings(project, speedups):
    project.write("2015/a.md", report(body="## 一、主要工作\n\n正文。\n\n## 二、存在问题\n\n正文。\n"))
    built = project.build(env={"ARCHIVE_SPEEDUPS": speedups})
    assert built.returncode == 0, built.stderr
    page = project.page("reports/2015/a")
    ids = set(re.findall(r'<h2 id="([^"]+)"', page))
    toc_block = re.search(r'<details class="archive-toc">(.*?)</details>', page, re.S).group(1)
    toc = set(re.findall(r'<a href="#([^"]+)"', toc_block))
    assert ids and all(i.startswith("user-content-") for i in ids if i not in ("cite", "similar", "same-unit"))
    assert {t for t in toc if t.startswith("user-content-")} == {i for i in ids if i.startswith("user-content-")}


def test_duplicate_key_in_archive_settings_is_an_error(project):
    config = project.path / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "      工作总结: summary\n" in text
    config.write_text(text.replace("      工作总结: summary\n", "      工作总结: summary\n      工作总结: plan-b\n", 1),
                      encoding="utf-8")
    project.write("2015/good.md", report())
    validated, built = project.validate(), project.build()
    assert validated.returncode != 0 and built.returncode != 0
    for output in (validated.stderr, built.stderr):
        assert "extra.archive.categories.工作总结 is given twice" in output and "Traceback" not in output


def test_validator_checks_a_file_outside_the_archive(project, tmp_path):
    """An editor checks a report before moving it into reports/."""
    loose = tmp_path / "incoming"
    loose.mkdir()
    (loose / "new.md").write_text(report(year="20xx"), encoding="utf-8")
    result = project.validate(str(loose))
    assert result.returncode == 1
    assert "new.md:4: year: '20xx' is not a year" in result.stdout



def test_validator_checks_images_and_own_sections_of_a_file_outside_the_archive(project, tmp_path):
    """What the strict build would refuse and can be known before the file has its place: an image
    from another host, a link to a section the report does not have. Links to other files wait."""
    loose = tmp_path / "incoming"
    loose.mkdir()
    body = "## 一、工作\n\n正文。\n\n![图](https://example.com/a.png)\n\n见[上文](#mei-you)，[本节](#yi-gong-zuo)，[旧报告](../2014/old.md)。\n"
    (loose / "new.md").write_text(report(body=body), encoding="utf-8")
    result = project.validate(str(loose / "new.md"))
    assert result.returncode == 1 and "Traceback" not in result.stdout + result.stderr
    lines = [line for line in result.stdout.splitlines() if "new.md:" in line]
    assert len(lines) == 2, result.stdout
    assert "'https://example.com/a.png' is on another host" in lines[0]
    assert "the section #mei-you of this report, which has no such section" in lines[1]
    assert "#yi-gong-zuo" in lines[1]  # what is accepted: the sections it has
    (loose / "new.md").write_text(report(body=body.replace("![图](https://example.com/a.png)", "").replace("#mei-you", "#yi-gong-zuo")),
                                  encoding="utf-8")
    assert project.validate(str(loose / "new.md")).returncode == 0
