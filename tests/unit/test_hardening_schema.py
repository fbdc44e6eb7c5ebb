"""Hardening (issue 16), in-process: what a hostile or careless report does to the schema, the
body limits, the sanitiser and the unit slugs. Each bad report gives one problem naming the
file, the line and the field, in bounded time and memory, never an exception."""

from __future__ import annotations

import time

import pytest

from archive.limits import body_limits
from archive.regions import region_tree
from archive.sanitize import ID_PREFIX, sanitize_html
from archive.schema import MAX_SHOWN, check_path, parse_report
from archive.slugs import MAX_SLUG_CHARS, pinyin_slug, unique_slugs
from conftest import report
from import_helpers import SETTINGS

ALIAS_BOMB = "\n".join(["---", "title: t", "unit: u", "year: 2015", "category: 工作总结",
                        'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
                       + [f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},"
                          f"*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)}]" for i in range(9)]
                       + ["---", "", "正文", ""])

# name → (file text, field, line, words the message must hold)
CASES = {
    # YAML anchors and aliases
    "alias_bomb": (ALIAS_BOMB, "front matter", 6, "anchor"),
    "alias_in_title": (report(title="*x"), "front matter", 2, "alias"),
    "merge_key": (report(extra="<<: &base {source: x}"), "front matter", 6, "anchor"),
    # control and invisible characters written with YAML escapes
    "title_escape": (report(title='"报告\\e[31m"'), "title", 2, "U+001B"),
    "title_nul_escape": (report(title='"报告\\0"'), "title", 2, "U+0000"),
    "title_noncharacter": (report(title='"报告\\uFFFE"'), "title", 2, "U+FFFE"),
    "unit_bidi": (report(unit='"遵义市\\u202e协科"'), "unit", 3, "U+202E"),
    "unit_zero_width": (report(unit='"遵义市\\u200b科协"'), "unit", 3, "U+200B"),
    "title_only_invisible": (report(title='"\\u200b\\u200d\\u2060"'), "title", 2, "is empty"),
    "unit_only_invisible": (report(unit='"\\ufeff\\u3164"'), "unit", 3, "is empty"),
    "tag_control": (report(extra='tags: ["党建\\x07"]'), "tags", 6, "U+0007"),
    "source_control": (report(extra='source: "网页\\x1b"'), "source", 6, "U+001B"),
    # a list or a mapping where one value is expected
    "category_list": (report(category="[工作总结]"), "category", 5, "is not one category"),
    "category_mapping": (report(category="{a: 1}"), "category", 5, "is not one category"),
    "unit_list": (report(unit="[遵义市科协]"), "unit", 3, "a list is not text"),
    "title_mapping": (report(title="{a: b}"), "title", 2, "a mapping is not text"),
    "key_is_list": (report(extra="? [a, b]\n: c"), "front matter", 6, "field name is a list"),
    # keys YAML reads as null or booleans, YAML 1.1 numbers, dates
    "null_key": (report(extra="null: x"), "null", 6, "unknown field"),
    "on_key": (report(extra="on: x"), "on", 6, "unknown field"),
    "year_hex": (report(year="0x7DF"), "year", 4, "'0x7DF' is not a year"),
    "year_sexagesimal": (report(year="33:35"), "year", 4, "'33:35' is not a year"),
    "year_underscore": (report(year="2_015"), "year", 4, "'2_015' is not a year"),
    "date_basic_format": (report(extra="date: 20150301"), "date", 6, "is not an ISO date"),
    "date_week_format": (report(extra='date: "2015-W10-1"'), "date", 6, "is not an ISO date"),
    # lines inside block lists
    "tag_item_line": (report(extra="tags:\n  - 党建\n  - [嵌套]\n  - 科普"), "tags", 8, "is not text"),
    "tag_separator": (report(extra="tags: [党建|科普]"), "tags", 6, "separator"),
    # bodies
    "body_only_comment": (report(body="<!-- 待补充 -->\n"), "body", 7, "no text"),
    "nested_brackets": (report(body="正文\n\n" + "[" * 30_000 + "x" + "]" * 30_000 + "\n"), "body", 10, "nest more than"),
    "unclosed_brackets": (report(body="正文\n\n" + "[a" * 30_000 + "\n"), "body", 10, "left open"),
    "open_link_targets": (report(body="正文\n\n" + "[a](" * 20_000 + "\n"), "body", 10, "left open"),
    "nested_list": (report(body="正文\n\n" + "".join("    " * i + "- 项\n" for i in range(300))), "body", 50, "levels deep"),
    "nested_quote": (report(body="正文\n\n" + "> " * 300 + "引文\n"), "body", 10, "levels deep"),
    "emphasis_run": (report(body="正文\n\n" + "*" * 3000 + "强调" + "*" * 3000 + "\n"), "body", 10, "a run of 3000"),
    "control_byte_in_body": (report(body="正文\n\n第二段\x1b[0m。\n"), "file", 10, "U+001B"),
    "nel_in_front_matter": (report(title="标题\x85续"), "file", 2, "U+0085"),
}


def parse(text: str):
    return parse_report(text, "2015/x.md", "reports/2015/x.md", SETTINGS, region_tree(), 2026)


def decoded_problems(text: str):
    from archive.schema import decode

    decoded, problem = decode(text.encode("utf-8"), "reports/2015/x.md")
    if problem:
        return [problem]
    return parse(decoded)[1]


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_bad_report_is_one_clear_problem(name):
    text, field, line, words = CASES[name]
    region_tree()  # loaded once per process (seconds on a busy machine): not the schema's time
    started = time.perf_counter()
    problems = decoded_problems(text)
    assert time.perf_counter() - started < 2, "the schema's checks are bounded in time"
    mine = [p for p in problems if p.field == field and p.line == line]
    assert mine, f"{name}: no {field} problem on line {line} in {[str(p) for p in problems]}"
    assert any(words in p.message for p in mine), [str(p) for p in mine]
    assert all(p.accepted for p in problems), "every problem says what is accepted"
    for problem in problems:
        assert len(str(problem)) < 600, "messages are bounded, whatever the value"


def test_alias_bomb_is_refused_before_expansion():
    started = time.perf_counter()
    report_, problems = parse(ALIAS_BOMB)
    assert report_ is None and time.perf_counter() - started < 1
    assert str(problems[0]).startswith("reports/2015/x.md:6: front matter: uses an anchor (&)")


def test_messages_quote_values_bounded():
    huge = "很" * 100_000
    _, problems = parse(report(extra=f"draft: {huge}\ntags: {huge}\nregion: {huge}"))
    assert {p.field for p in problems} >= {"draft", "tags", "region"}
    for problem in problems:
        assert len(problem.message) < MAX_SHOWN + 150, problem.message


def test_traditional_region_suggests_simplified():
    _, problems = parse(report(extra="region: 貴州省/遵義市"))
    assert problems and problems[0].field == "region" and "贵州省/遵义市" in problems[0].accepted


def test_plain_escapes_still_accepted():
    """Tabs and newlines from escapes are whitespace, folded like any other; CJK text is fine."""
    report_, problems = parse(report(title='"遵义市\\t科协\\n工作总结"', extra='tags: ["科普"]'))
    assert problems == [] and report_.title == "遵义市 科协 工作总结"


@pytest.mark.parametrize("path", ["2015/x..md", "2015./x.md", "2015/.x.md"])
def test_file_names_with_dot_edges_are_refused(path):
    problem = check_path(path, "reports/" + path)
    assert problem is not None and problem.field == "file name"


def test_real_bodies_are_within_the_limits():
    body = ("一、主要工作\n\n- 第一项[1]\n    - 细项 [链接](https://example.org/(a))\n\n> 引文\n\n" + "正文。" * 200 + "\n\n") * 200
    body += "姓名：" + "_" * 40 + "\n\n" + "*" * 80 + "\n"
    assert body_limits(body) == []


# ---- the sanitiser: report ids never equal the page's own --------------------------------------

def test_report_ids_and_names_are_prefixed():
    html = sanitize_html('<div id="__config">{"base":"https://evil.example/"}</div><p id="cite-text">x</p>'
                         '<h2 id="yi">一</h2><a href="#yi">跳</a><a href="https://example.org/#yi">外</a>')
    assert 'id="__config"' not in html and 'id="cite-text"' not in html
    assert f'id="{ID_PREFIX}__config"' in html and f'id="{ID_PREFIX}cite-text"' in html
    assert f'href="#{ID_PREFIX}yi"' in html and 'href="https://example.org/#yi"' in html


def test_sanitising_twice_changes_nothing():
    once = sanitize_html('<h2 id="a">t</h2><a href="#a">a</a><span id="user-content-b">b</span>')
    assert sanitize_html(once) == once


# ---- unit slugs ------------------------------------------------------------------------------

def test_unit_named_like_a_hashed_slug_gets_its_own_url():
    homophones = unique_slugs(["科协", "柯谐"])
    impostor = homophones["科协"]
    slugs = unique_slugs(["科协", "柯谐", impostor])
    assert len(set(slugs.values())) == 3


def test_reserved_and_hashed_clash():
    slugs = unique_slugs(["unknown", unique_slugs(["unknown"], reserved=frozenset({"unknown"}))["unknown"]],
                         reserved=frozenset({"unknown"}))
    assert len(set(slugs.values())) == 2 and "unknown" not in slugs.values()


def test_long_unit_names_give_bounded_unique_slugs():
    long_a = "很长的单位名称" * 40 + "甲"
    long_b = "很长的单位名称" * 40 + "乙"
    slugs = unique_slugs([long_a, long_b, "遵义市科协"])
    assert all(len(s) <= MAX_SLUG_CHARS for s in slugs.values())
    assert len(set(slugs.values())) == 3 and slugs["遵义市科协"] == pinyin_slug("遵义市科协")


# ---- the sanitiser: a report makes the page load nothing from another host ---------------------

# Every way we know of that HTML can make a browser fetch something; each names evil.example.
FETCHING_HTML = {
    "img https": '<img src="https://evil.example/a.png" alt="图">',
    "img http upper case": '<img src="HTTP://evil.example/a.png">',
    "img protocol-relative": '<img src="//evil.example/a.png">',
    "img entity slashes": '<img src="&#47;&#47;evil.example/a.png">',
    "img tab inside": '<img src="/&#9;/evil.example/a.png">',
    "img newline inside": '<img src="/\n/evil.example/a.png">',
    "img backslashes": '<img src="\\\\evil.example/a.png">',
    "img slash backslash": '<img src="/\\evil.example/a.png">',
    "img leading space": '<img src=" //evil.example/a.png">',
    "img data": '<img src="data:image/svg+xml,<svg xmlns=\'http://www.w3.org/2000/svg\'><image href=\'https://evil.example/x\'/></svg>">',
    "srcset": '<img src="a.png" srcset="https://evil.example/a.png 2x">',
    "picture source": '<picture><source srcset="https://evil.example/a.webp"><img src="a.png"></picture>',
    "iframe": '<iframe src="https://evil.example/"></iframe>',
    "object": '<object data="https://evil.example/x.swf"></object>',
    "embed": '<embed src="https://evil.example/x.swf">',
    "link stylesheet": '<link rel="stylesheet" href="https://evil.example/x.css">',
    "link prefetch": '<link rel="prefetch" href="https://evil.example/x">',
    "meta refresh": '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    "base": '<base href="https://evil.example/">',
    "style element": '<style>@import "https://evil.example/x.css"; p{background:url(https://evil.example/b.png)}</style>',
    "style attribute": '<p style="background-image:url(https://evil.example/b.png)">字</p>',
    "svg use": '<svg><use href="https://evil.example/s.svg#a"></use></svg>',
    "svg image": '<svg><image xlink:href="https://evil.example/a.png"></image></svg>',
    "video poster": '<video poster="https://evil.example/p.png" src="https://evil.example/v.mp4"></video>',
    "audio": '<audio src="https://evil.example/a.mp3" autoplay></audio>',
    "track": '<video><track src="https://evil.example/t.vtt"></video>',
    "script": '<script src="https://evil.example/x.js"></script>',
    "form action": '<form action="https://evil.example/"><input type="image" src="https://evil.example/i.png"></form>',
    "table background": '<table background="https://evil.example/t.png"><tr><td background="https://evil.example/c.png">格</td></tr></table>',
    "body background": '<body background="https://evil.example/b.png">',
    "a ping": '<a href="x.md" ping="https://evil.example/p">链</a>',
    "mermaid class": '<pre class="mermaid">graph TD; A--&gt;B</pre>',
    "math class": '<div class="arithmatex">\\(x\\)</div>',
    "mermaid id": '<div id="mermaid">clobbers the global Material tests</div>',
}


def _attributes(html: str) -> list[tuple[str, str, str]]:
    """(tag, attribute, value) of every attribute in `html`, read by Python's HTML parser."""
    from html.parser import HTMLParser

    found = []

    class Scan(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.extend((tag, name, value or "") for name, value in attrs)

    scan = Scan(convert_charrefs=True)
    scan.feed(html)
    scan.close()
    return found


@pytest.mark.parametrize("name", sorted(FETCHING_HTML))
def test_sanitised_report_html_fetches_nothing_from_another_host(name):
    html = sanitize_html("<p>正文</p>\n" + FETCHING_HTML[name] + "\n<p>结尾</p>", "reports/2015/a/")
    for tag, attribute, value in _attributes(html):
        assert attribute not in ("class", "style", "srcset", "poster", "data", "background", "ping", "action"), html
        if attribute == "src":
            assert "evil" not in value and ":" not in value and not value.lstrip().startswith(("//", "/\\", "\\")), html
        if "evil" in value:
            assert (tag, attribute) == ("a", "href"), f"{name}: {html}"
    assert "<style" not in html and "<script" not in html and "url(" not in html
    assert 'id="mermaid"' not in html  # a global `mermaid` element would make Material fetch it
    assert "正文" in html and "结尾" in html


@pytest.mark.parametrize("source", ["img/a.png", "../../images/a.png", "/assets/a.png", "a%20b.png"])
def test_images_of_the_site_keep_their_source(source):
    html = sanitize_html(f'<img src="{source}" alt="图">')
    assert ("img", "src", source) in _attributes(html)


def test_links_to_a_section_of_another_report_get_its_prefix():
    html = sanitize_html('<a href="../../2014/x/#yi">甲</a><a href="../b/#user-content-er">乙</a>'
                         '<a href="../../../editors/#yi-xin-zeng">指南</a><a href="https://example.org/x/#yi">外</a>'
                         '<a href="#san">本篇</a>', page_url="reports/2015/a/")
    hrefs = [value for tag, name, value in _attributes(html) if name == "href"]
    assert hrefs == ["../../2014/x/#user-content-yi", "../b/#user-content-er", "../../../editors/#yi-xin-zeng",
                     "https://example.org/x/#yi", "#user-content-san"]
    assert sanitize_html(html, page_url="reports/2015/a/") == html


@pytest.mark.parametrize("source, local, remote", [
    ("img/a.png", True, False), ("/assets/a.png", True, False), ("../../images/a.png", True, False),
    ("https://evil.example/a.png", False, True), ("HTTP://evil.example/a.png", False, True),
    ("//evil.example/a.png", False, True), ("/\t/evil.example/a.png", False, True), ("\\\\evil.example/a.png", False, True),
    (" http:evil.example/a.png", False, True), ("javascript:alert(1)", False, False), ("data:image/png;base64,AA", False, False),
])
def test_image_sources_local_remote_or_neither(source, local, remote):
    """The sanitiser keeps only local sources; the validator refuses, with the line, remote ones
    (a `javascript:` or `data:` image loads nothing from another host and is just dropped)."""
    from archive.sanitize import local_source, remote_source

    assert (local_source(source), remote_source(source)) == (local, remote)
