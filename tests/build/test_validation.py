"""Bad front matter: each kind gets its own clear message (file, line, field, what is accepted)
from the validator and from the build, which then publishes nothing; other files are still checked."""

from __future__ import annotations

import pytest

from conftest import report

# The corpus of bad reports: name → (file text or bytes, field, expected line, words the message must contain).
# Each is written as reports/2015/<name with dashes>.md unless BAD_FILES gives another path.
CASES = {
    # front matter block
    "no_front_matter": ("只有正文，没有元数据。\n", "front matter", 1, "does not start with a front matter block"),
    "front_matter_not_closed": ("---\ntitle: t\nunit: u\nyear: 2015\n\n正文\n", "front matter", None, "never closed"),
    "malformed_yaml": ("---\ntitle: [unclosed\nunit: u\nyear: 2015\ncategory: 工作总结\n---\n\n正文\n", "front matter", None, "malformed YAML"),
    "yaml_tab_indent": ("---\ntitle: t\n\tunit: u\nyear: 2015\ncategory: 工作总结\n---\n\n正文\n", "front matter", 3, "malformed YAML"),
    "front_matter_is_list": ("---\n- title\n- unit\n---\n\n正文\n", "front matter", 2, "is not a list of 'field: value' lines"),
    "unknown_field": (report(extra="catagory: 工作总结"), "catagory", 6, "unknown field"),
    "duplicate_field": (report(extra="year: 2016"), "year", 6, "given twice"),
    # required fields and types
    "missing_year": ("---\ntitle: t\nunit: u\ncategory: 工作总结\n---\n\n正文\n", "year", 2, "missing"),
    "missing_unit": ("---\ntitle: t\nyear: 2015\ncategory: 工作总结\n---\n\n正文\n", "unit", 2, "missing"),
    "empty_title": (report(title='""'), "title", 2, "is empty"),
    "title_not_text": (report(title="2015"), "title", 2, "2015 is not text"),
    "empty_unit": (report(unit='""'), "unit", 3, "is empty"),
    "year_20xx": (report(year="20xx"), "year", 4, "'20xx' is not a year"),
    "year_with_suffix": (report(year='"2015年"'), "year", 4, "'2015年' is not a year"),
    "year_bool": (report(year="true"), "year", 4, "True is not a year"),
    "year_float": (report(year="2015.5"), "year", 4, "2015.5 is not a year"),
    "year_out_of_range": (report(year="3015"), "year", 4, "3015 is out of range"),
    "year_too_old": (report(year="1900"), "year", 4, "1900 is out of range"),
    "unknown_category": (report(category="工作心得"), "category", 5, "not in the archive's vocabulary"),
    "empty_category": (report(category='""'), "category", 5, "not in the archive's vocabulary"),
    "date_mismatch": (report(extra="date: 2016-03-01"), "date", 6, "2016-03-01 is in 2016 but year is 2015"),
    "date_with_null_year": (report(year="null", extra="date: 2015-03-01"), "date", 6, "is in 2015 but year is null"),
    "bad_date": (report(extra="date: 2015-13-45"), "date", 6, "is not an ISO date"),
    "unknown_region": (report(extra="region: 太平湖"), "region", 6, "unknown region"),
    "ambiguous_region": (report(extra="region: 朝阳区"), "region", 6, "ambiguous region"),
    "region_not_text": (report(extra="region: [贵州省]"), "region", 6, "is not a region name"),
    "tags_not_list": (report(extra="tags: 党建"), "tags", 6, "is not a list"),
    "tag_too_long": (report(extra="tags: [" + "很长" * 11 + "]"), "tags", 6, "longer than 20 characters"),
    "tag_twice": (report(extra="tags: [党建, 党建]"), "tags", 6, "listed twice"),
    "review_not_list": (report(extra="review: 待核实"), "review", 6, "is not a list"),
    "draft_not_bool": (report(extra="draft: maybe"), "draft", 6, "is not true or false"),
    "redirect_outside": (report(extra="redirect_from: [../../etc/passwd.md]"), "redirect_from", 6, "is not a report path"),
    "empty_body": (report(body="\n\n"), "body", 7, "no text"),
    # bytes of the file
    "not_utf8": (report().encode("gbk"), "file", None, "looks GBK/GB18030-encoded"),
    "nul_byte": (report(body="正文\x00二进制\n").encode("utf-8"), "file", 8, "NUL byte"),
    "utf8_bom": (b"\xef\xbb\xbf" + report().encode("utf-8"), "file", 1, "byte-order mark"),
    "crlf_line_ends": (report().replace("\n", "\r\n").encode("utf-8"), "file", 1, "CRLF"),
    "five_megabytes": (report(body="很长的报告。" * 300_000).encode("utf-8"), "file", None, "over the 2 MB limit"),
    # where the file is
    "chinese_file_name": (report(), "file name", None, "cannot be part of a URL"),
    "space_in_file_name": (report(), "file name", None, "cannot be part of a URL"),
    "reserved_index": (report(), "file name", None, "index.md is reserved"),
    "not_markdown": ("随手记的笔记", "file", None, "not a Markdown report"),
}
BAD_FILES = {
    "chinese_file_name": "2015/遵义科协.md",
    "space_in_file_name": "2015/zunyi kexie.md",
    "reserved_index": "2015/index.md",
    "not_markdown": "2015/notes.txt",
}


def bad_path(name: str) -> str:
    return BAD_FILES.get(name, f"2015/{name.replace('_', '-')}.md")


@pytest.mark.parametrize("name", sorted(CASES))
def test_validator_names_file_line_field_and_accepted(project, name):
    text, field, line, words = CASES[name]
    project.write("2015/good.md", report())
    project.write(bad_path(name), text)
    project.write("2015/also-bad.md", report(category="随便"))  # another file: must still be reported

    result = project.validate()
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    where = f"reports/{bad_path(name)}" + (f":{line}" if line else "")
    mine = [l for l in lines if l.startswith(where) and f": {field}: " in l]
    assert mine, f"no line for {where} / {field} in:\n{result.stdout}"
    assert words in mine[0]
    assert mine[0].rstrip().endswith(")"), "each message says what is accepted, in parentheses"
    assert any(l.startswith("reports/2015/also-bad.md") for l in lines), "the other bad file is reported too"
    assert not any("good.md" in l for l in lines)


def test_corpus_is_large_enough():
    assert len(CASES) + 2 >= 30  # + the URL clash and the symlink below


def test_whole_corpus_in_one_run_validator_and_build(project, tmp_path):
    """All bad files at once, beside good ones: one run reports every one of them, and the build
    prints the same messages and publishes nothing."""
    for name, (text, *_rest) in CASES.items():
        project.write(bad_path(name), text)
    project.write("2015/good.md", report())
    project.write("2016/good.md", report(year="2016"))
    outside = tmp_path / "secret.md"
    outside.write_text(report(), encoding="utf-8")
    (project.reports / "2015" / "link.md").symlink_to(outside)

    validated = project.validate()
    built = project.build()
    assert validated.returncode == 1 and built.returncode != 0
    for name, (_text, field, line, words) in CASES.items():
        where = f"reports/{bad_path(name)}" + (f":{line}" if line else "")
        for output in (validated.stdout, built.stderr):
            assert any(l.strip().startswith(where) and f": {field}: " in l and words in l for l in output.splitlines()), \
                f"{name}: no '{where}: {field}: …{words}…'"
    for output in (validated.stdout, built.stderr):
        assert "reports/2015/link.md: file: is a link to" in output
        assert "good.md" not in output
    assert not project.site.exists() or not any(project.site.rglob("reports/*/good/index.html"))


def test_build_fails_with_the_validators_messages(project):
    project.write("2015/good.md", report())
    project.write("2015/bad.md", report(year="20xx"))
    result = project.build()
    assert result.returncode != 0
    assert "reports/2015/bad.md:4: year: '20xx' is not a year" in result.stderr
    assert not (project.site / "reports" / "2015" / "good" / "index.html").exists()


def test_two_files_claiming_one_url(project):
    project.write("2015/Zunyi.md", report())
    project.write("2015/zunyi.md", report())
    result = project.validate()
    assert result.returncode == 1
    assert "url: reports/2015/zunyi/ is also the URL of reports/2015/Zunyi.md" in result.stdout


@pytest.mark.parametrize("name", ["遵义 科协.md", "有空格 a.md"])
def test_file_names_must_be_ascii(project, name):
    project.write(f"2015/{name}", report())
    result = project.validate()
    assert result.returncode == 1
    assert "file name:" in result.stdout and "cannot be part of a URL" in result.stdout


def test_null_year_and_region_path_are_valid(project):
    project.write("unknown/a.md", report(year="null", extra="region: 贵州省/遵义市\ntags: [科普, 学会]"))
    project.write("old/b.md", report(year="2005", extra="region: 襄樊市"))  # abolished in 2010: still resolves
    result = project.validate()
    assert result.returncode == 0, result.stdout
    assert "2 valid report(s)" in result.stderr


def test_invalid_draft_warns_but_does_not_fail(project):
    project.write("2015/good.md", report())
    project.write("2015/wip.md", report(year="20xx", extra="draft: true"))
    result = project.validate()
    assert result.returncode == 0
    assert result.stdout.startswith("warning: reports/2015/wip.md:4: year:")


def test_review_queue_lists_drafts_and_notes(project):
    project.write("2015/a.md", report(extra='review: ["年份待核实"]'))
    project.write("2015/b.md", report(extra="draft: true"))
    project.write("2015/c.md", report())
    result = project.validate("--review")
    assert result.returncode == 0
    assert "reports/2015/a.md: published: 遵义市科协工作总结" in result.stdout
    assert "    review: 年份待核实" in result.stdout
    assert "reports/2015/b.md: draft:" in result.stdout
    assert "c.md" not in result.stdout
