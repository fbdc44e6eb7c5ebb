"""The report parser's inline stage (archive.speed.inline) skips text that no inline pattern
can match: its HTML must be exactly Python-Markdown's own, whatever the text."""

from __future__ import annotations

import markdown
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive.speed.inline import QuickInlineProcessor, use_quick_inline
from conftest import ROOT, examples


def build_markdown_settings() -> dict:
    """The Markdown extensions and their settings of the build (mkdocs.yml)."""
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"))
    return dict(extensions=config.markdown_extensions, extension_configs=config.mdx_configs or {})


EXTENSIONS = build_markdown_settings()

MARKDOWN_BITS = ["`", "\\", "[", "]", "(", ")", "!", "<", ">", "&", ";", "*", "_", "  \n", "\n", "\n\n", "#", "- ",
                 "1. ", "|", ":", "{", "}", "{: .x}", "http://a.b/", "a@b.cn", "&amp;", "&#20013;", "<b>", "</b>",
                 "<!-- c -->", "    ", "---", "[x]: /y", "一、", "总结", "工作", "。", "，", "2019年", " "]


def parsers() -> tuple[markdown.Markdown, markdown.Markdown, QuickInlineProcessor]:
    stock, quick = markdown.Markdown(**EXTENSIONS), markdown.Markdown(**EXTENSIONS)
    return stock, quick, use_quick_inline(quick)


def convert(md: markdown.Markdown, text: str) -> tuple[str, list]:
    md.reset()
    return md.convert(text), md.toc_tokens


def test_sample_reports_render_exactly_as_python_markdown_renders_them():
    stock, quick, inline = parsers()
    bodies = [path.read_text(encoding="utf-8").split("\n---\n", 1)[1] for path in sorted((ROOT / "reports").rglob("*.md"))]
    assert len(bodies) > 30
    for body in bodies:
        assert convert(quick, body) == convert(stock, body)
    # the shortcut is taken for most texts, and not for those with markup
    assert inline.skipped > 5 * inline.processed > 0


@settings(max_examples=examples(400), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(MARKDOWN_BITS) | st.text(max_size=4), max_size=40))
def test_any_text_renders_exactly_as_python_markdown_renders_it(bits):
    stock, quick, _ = parsers()
    text = "".join(bits)
    assert convert(quick, text) == convert(stock, text)


def test_a_pattern_of_unknown_trigger_turns_the_shortcut_off():
    """An extension's own inline pattern (here: ~~strike~~) could match text without any of the
    known triggers: then every text goes through every pattern."""
    from markdown.inlinepatterns import SimpleTagInlineProcessor

    stock, quick, inline = parsers()
    for md in (stock, quick):  # registered after the shortcut was installed
        md.inlinePatterns.register(SimpleTagInlineProcessor(r"(~~)(.+?)~~", "del"), "strike", 75)
    assert convert(quick, "删除~~线~~。") == convert(stock, "删除~~线~~。") == ("<p>删除<del>线</del>。</p>", [])
    assert inline.skipped == 0
