"""Citing a report, in-process: the GB/T 7714-2025 line (pages/report.py `citation`), the Highwire
tags for Zotero, and the citation files of export/citations.py (BibTeX, RIS, CSL-JSON), each
parsed back by a well-kept parser: bibtexparser, rispy, citeproc-py. Hostile values (BibTeX's
special characters, line breaks that would start a new RIS tag) and reports without a unit or a
year are in every format. The real build of the same: tests/build/test_citations_build.py."""

from __future__ import annotations

import json

import bibtexparser
import pytest
import rispy
from bibtexparser.middlewares import LatexDecodingMiddleware
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from pylatexenc.latex2text import LatexNodes2Text, MacroTextSpec, get_default_latex_context_db

from archive.export.citations import (CATALOGUE_BIB, CATALOGUE_CSL, bibtex_entry, bibtex_text, cite_key,
                                      csl_item, ris_record, write_citations)
from archive.pages.report import ReportViews, SiteInfo, citation, highwire_tags
from conftest import catalogue_from, report

SITE = "https://example.org/"
NAME = "工作报告档案馆"
HOSTILE_TITLE = r"50% 完成 & {未闭合 \end #1 $x$ a_b ^ ~ 总结"
RIS_INJECTION = "工作总结\nER  - \nTY  - JOUR"


@pytest.fixture
def catalogue(tmp_path):
    files = {
        "2015/a.md": report(title="遵义市科协2015年工作总结", unit="遵义市科协", year="2015",
                            extra="region: 贵州省/遵义市\ndate: 2015-12-20\ntags: [科普, 学会]"),
        "2016/n1.md": report(title="科技创新总结报告", unit="null", year="2016"),
        "unknown/n2.md": report(title="职工技术创新活动工作计划", unit="null", year="null", category="工作计划"),
        "unknown/u.md": report(title="县科技局工作总结", unit="县科技局", year="null"),
        "2014/h.md": report(title=json.dumps(HOSTILE_TITLE), unit=json.dumps("某 {单位} 100%"), year="2014",
                            extra="tags: [\"a;b\", \"c,d\"]\nsource: " + json.dumps(RIS_INJECTION)),
    }
    return catalogue_from(tmp_path, files)


def get(catalogue, slug):
    return catalogue.by_slug[slug]


# -- GB/T 7714-2025 --------------------------------------------------------------------------------


def test_citation_follows_gbt_7714_2025_for_a_report(catalogue):
    url = SITE + "reports/2015/a/"
    assert citation(get(catalogue, "2015/a"), url) == f"遵义市科协. 遵义市科协2015年工作总结[R/OL]. 2015-12-20. {url}."
    # no unit: no responsible body (2025's numeric style leaves 佚名 out); no year: no date
    assert citation(get(catalogue, "2016/n1"), "u") == "科技创新总结报告[R/OL]. 2016. u."
    assert citation(get(catalogue, "unknown/n2"), "u") == "职工技术创新活动工作计划[R/OL]. u."
    assert citation(get(catalogue, "unknown/u"), "u") == "县科技局. 县科技局工作总结[R/OL]. u."


def test_report_view_carries_citation_highwire_tags_and_downloads(catalogue):
    view = ReportViews(catalogue, site=SiteInfo(NAME, SITE)).view(get(catalogue, "2015/a"))
    assert view.citation.endswith("[R/OL]. 2015-12-20. https://example.org/reports/2015/a/.")
    assert "EB/OL" not in view.citation and "引用日期" not in view.citation
    assert [(d.title, d.url) for d in view.downloads] == [
        ("BibTeX", "reports/2015/a/cite.bib"), ("RIS", "reports/2015/a/cite.ris"), ("CSL-JSON", "reports/2015/a/cite.json")]
    assert dict(view.highwire)["citation_title"] == "遵义市科协2015年工作总结"
    assert not any(name.endswith("_url") for name, _ in view.highwire)  # the canonical link says it


def test_highwire_tags(catalogue):
    tags = highwire_tags(get(catalogue, "2015/a"))
    assert tags == [
        ("citation_title", "遵义市科协2015年工作总结"), ("citation_author", "遵义市科协"),
        ("citation_publication_date", "2015/12/20"), ("citation_technical_report_institution", "遵义市科协"),
        ("citation_language", "zh"), ("citation_keywords", "科普"), ("citation_keywords", "学会")]
    anonymous = dict(highwire_tags(get(catalogue, "unknown/n2")))
    assert "citation_author" not in anonymous and "citation_publication_date" not in anonymous
    assert anonymous["citation_technical_report_institution"] == "单位不详"  # what makes Zotero save a report
    hostile = highwire_tags(get(catalogue, "2014/h"))
    assert ("citation_keywords", "a；b") in hostile  # Zotero splits a keyword at ';'


# -- BibTeX ----------------------------------------------------------------------------------------


def latex_decoder() -> LatexNodes2Text:
    """pylatexenc with the textcomp names of '{', '}' and '^' (its defaults drop the braces and
    give U+02C6 for \\textasciicircum)."""
    db = get_default_latex_context_db()
    db.add_context_category("archive", prepend=True, macros=[
        MacroTextSpec("textbraceleft", "{"), MacroTextSpec("textbraceright", "}"), MacroTextSpec("textasciicircum", "^")])
    return LatexNodes2Text(latex_context=db, math_mode="verbatim", keep_braced_groups=False)


def parse_bibtex(text: str):
    library = bibtexparser.parse_string(text, append_middleware=[LatexDecodingMiddleware(decoder=latex_decoder())])
    assert library.failed_blocks == [], [b.error for b in library.failed_blocks]
    return library


def test_bibtex_entry_parses_back(catalogue):
    library = parse_bibtex(bibtex_entry(get(catalogue, "2015/a"), SITE))
    (entry,) = library.entries
    assert entry.entry_type == "techreport" and entry.key == "2015:a"
    fields = {f.key: f.value for f in entry.fields}
    assert fields == {"author": "遵义市科协", "title": "遵义市科协2015年工作总结", "institution": "遵义市科协",
                      "type": "工作总结", "address": "贵州省遵义市", "year": "2015", "date": "2015-12-20",
                      "url": SITE + "reports/2015/a/", "keywords": "科普, 学会", "langid": "chinese"}


def test_bibtex_escapes_every_special_character(catalogue):
    hostile = get(catalogue, "2014/h")
    text = bibtex_entry(hostile, SITE) + bibtex_entry(get(catalogue, "2015/a"), SITE)
    library = parse_bibtex(text)
    assert [e.key for e in library.entries] == ["2014:h", "2015:a"]  # the unbalanced brace ended nothing early
    fields = {f.key: f.value for f in library.entries[0].fields}
    assert fields["title"] == HOSTILE_TITLE
    assert fields["author"] == "某 {单位} 100%" == fields["institution"]
    assert fields["keywords"] == "a;b, c，d"  # a comma inside a tag is not a keyword separator
    raw = bibtex_entry(hostile, SITE)
    assert raw.count("{") == raw.count("}")
    assert "%" not in raw.replace(r"\%", "")  # a bare % would be a comment in LaTeX


def test_bibtex_without_unit_or_year(catalogue):
    (entry,) = parse_bibtex(bibtex_entry(get(catalogue, "unknown/n2"), SITE)).entries
    fields = {f.key: f.value for f in entry.fields}
    assert "author" not in fields and "institution" not in fields and "year" not in fields and "date" not in fields
    assert fields["title"] == "职工技术创新活动工作计划" and fields["type"] == "工作计划"
    assert "None" not in bibtex_entry(get(catalogue, "unknown/n2"), SITE)


def test_bibtex_text_is_one_line():
    assert bibtex_text("一\n\n二\t三 ") == "一 二 三"


# -- RIS -------------------------------------------------------------------------------------------


def test_ris_record_parses_back(catalogue):
    (record,) = rispy.loads(ris_record(get(catalogue, "2015/a"), SITE))
    assert record["type_of_reference"] == "RPRT"
    assert record["authors"] == ["遵义市科协"] and record["title"] == "遵义市科协2015年工作总结"
    assert record["year"] == "2015" and record["date"] == "2015/12/20"
    assert record["publisher"] == "遵义市科协" and record["place_published"] == "贵州省遵义市"
    assert record["keywords"] == ["科普", "学会"] and record["urls"] == [SITE + "reports/2015/a/"]
    assert record["language"] == "zh" and record["type_of_work"] == "工作总结" and record["id"] == "2015:a"


def test_ris_values_cannot_start_a_new_tag(catalogue, tmp_path):
    hostile = get(catalogue, "2014/h")
    text = ris_record(hostile, SITE)
    assert all(line[2:6] == "  - " for line in text.split("\r\n") if line), text
    records = rispy.loads(text + ris_record(get(catalogue, "unknown/n2"), SITE))
    assert len(records) == 2
    assert records[0]["title"] == HOSTILE_TITLE and records[0]["authors"] == ["某 {单位} 100%"]
    assert "authors" not in records[1] and "year" not in records[1] and "publisher" not in records[1]


# -- CSL-JSON --------------------------------------------------------------------------------------


def render(items: list[dict]) -> list[str]:
    """citeproc-py renders the items with its bundled Harvard style, in plain text."""
    style = CitationStylesStyle("harvard-cite-them-right", locale="zh-CN", validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    return [str(entry) for entry in bibliography.bibliography()]


def test_csl_items_render_with_citeproc(catalogue):
    items = json.loads(json.dumps([csl_item(get(catalogue, slug), SITE, NAME)
                                   for slug in ("2015/a", "unknown/n2", "2014/h")], ensure_ascii=False))
    assert items[0]["type"] == "report" and items[0]["author"] == [{"literal": "遵义市科协"}]
    assert items[0]["issued"] == {"date-parts": [[2015, 12, 20]]} and items[0]["archive"] == NAME
    assert "author" not in items[1] and "issued" not in items[1] and "publisher" not in items[1]
    rendered = render(items)
    assert len(rendered) == 3
    named = next(r for r in rendered if "遵义市科协2015年工作总结" in r)
    assert named.startswith("遵义市科协") and "2015" in named and "https://example.org/reports/2015/a/" in named
    assert any(HOSTILE_TITLE in r for r in rendered)
    assert all("None" not in r for r in rendered)


# -- the files -------------------------------------------------------------------------------------


def test_write_citations_per_report_and_for_the_catalogue(catalogue, tmp_path):
    site = tmp_path / "site"
    written = write_citations(catalogue, SITE, NAME, site)
    assert len(written) == 3 * len(catalogue.reports) + 2
    for r in catalogue.reports:
        folder = site / "reports" / r.slug
        assert (folder / "cite.bib").read_text(encoding="utf-8") == bibtex_entry(r, SITE)
        assert (folder / "cite.ris").read_bytes() == ris_record(r, SITE).encode("utf-8")
        assert json.loads((folder / "cite.json").read_text(encoding="utf-8")) == [csl_item(r, SITE, NAME)]
    library = parse_bibtex((site / CATALOGUE_BIB).read_text(encoding="utf-8"))
    assert [e.key for e in library.entries] == [cite_key(r) for r in catalogue.reports]
    items = json.loads((site / CATALOGUE_CSL).read_text(encoding="utf-8"))
    assert [i["id"] for i in items] == [cite_key(r) for r in catalogue.reports]
    assert len(render(items)) == len(catalogue.reports)
    again = tmp_path / "again"
    write_citations(catalogue, SITE, NAME, again)
    assert all((again / p.relative_to(site)).read_bytes() == p.read_bytes() for p in written)
