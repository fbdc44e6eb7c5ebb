"""Indentation is dropped from every page, except where whitespace is content (archive.minify).
On built pages: tests/build/test_build.py::test_built_pages_have_no_indentation."""

from archive.minify import collapse_indentation


def test_collapse_keeps_pre_and_textarea():
    html = '<div>\n   <p>a</p>\n\n\n  <pre class="x">  x\n    y</pre>\n   <textarea>\n  t</textarea>\n  <b>z</b></div>'
    assert collapse_indentation(html) == '<div>\n<p>a</p>\n<pre class="x">  x\n    y</pre>\n<textarea>\n  t</textarea>\n<b>z</b></div>'
