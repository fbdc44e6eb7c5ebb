"""Importer, reading raw documents (archive.importer.decode): text in UTF-8, GBK or GB18030, HTML
and Word; undecodable bytes are a clear error, never a crash."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archive.importer.decode import DecodeError, decode_bytes
from conftest import examples
from import_helpers import REPORT, dry_json, page_lines


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8-sig", "utf-8"])
def test_text_encodings(tmp_path, encoding):
    raw = tmp_path / f"report-{encoding}.txt"
    raw.write_bytes(REPORT.encode(encoding))
    result = dry_json(tmp_path, raw)[0]
    assert "error" not in result
    report = result["reports"][0]
    assert (report["unit"], report["year"], report["region"]) == ("遵义市科协", 2016, "贵州省/遵义市")
    assert report["title"] == "遵义市科协2016年工作总结"
    assert not report["body_start"].startswith("\ufeff")


def test_html_input(tmp_path):
    raw = tmp_path / "page.html"
    heading, body = REPORT.split("\n")[:2]
    raw.write_bytes((f'<html><head><meta charset="gbk"><title>范文网</title><script>alert(1)</script></head><body>'
                     f'<nav>首页 &gt; 范文 &gt; 正文</nav><h1>{heading}</h1><p>{body}</p>'
                     f'<footer>版权所有</footer></body></html>').encode("gbk"))
    report = dry_json(tmp_path, raw)[0]["reports"][0]
    assert report["title"] == heading and report["year"] == 2016
    assert "alert" not in report["body_start"]


def test_docx_input(tmp_path):
    import docx

    document = docx.Document()
    heading, body = REPORT.split("\n")[:2]
    document.add_heading(heading, level=1)
    document.add_paragraph(body)
    raw = tmp_path / "report.docx"
    document.save(raw)
    report = dry_json(tmp_path, raw)[0]["reports"][0]
    assert (report["title"], report["unit"], report["region"]) == (heading, "遵义市科协", "贵州省/遵义市")


@settings(max_examples=examples(300), deadline=None)
@given(st.one_of(st.binary(max_size=300), page_lines.map(lambda t: t.encode("gb18030", "replace"))))
def test_fuzz_importer_decoding(raw):
    try:
        text, encoding = decode_bytes(raw, "raw.txt")
    except DecodeError as e:
        assert "raw.txt" in str(e)
    else:
        assert isinstance(text, str) and encoding
