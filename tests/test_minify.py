"""Indentation is dropped from every page, except where whitespace is content."""

import re

from archive.minify import collapse_indentation


def test_collapse_keeps_pre_and_textarea():
    html = '<div>\n   <p>a</p>\n\n\n  <pre class="x">  x\n    y</pre>\n   <textarea>\n  t</textarea>\n  <b>z</b></div>'
    assert collapse_indentation(html) == '<div>\n<p>a</p>\n<pre class="x">  x\n    y</pre>\n<textarea>\n  t</textarea>\n<b>z</b></div>'


def test_built_pages_have_no_indentation(sample_site):
    page = (sample_site.site / "reports").rglob("index.html").__next__().read_text(encoding="utf-8")
    outside_pre = re.sub(r"<pre\b.*?</pre>", "", page, flags=re.S)
    assert not re.search(r"\n[ \t]+<", outside_pre)
