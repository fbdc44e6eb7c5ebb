"""Citing a report on the built site: the GB/T 7714-2025 line, the Highwire tags read the way
Zotero's Embedded Metadata translator reads them (it must save the page as a `report`), and the
citation files (per report and the whole catalogue) parsed back by bibtexparser, rispy and
citeproc-py. In-process checks of the same: tests/unit/test_export_citations.py."""

from __future__ import annotations

import json
import re
from pathlib import Path

import bibtexparser
import lxml.html
import pytest
import rispy

from conftest import report
from unit.test_export_citations import render

SITE = "https://example.org/"
HOSTILE_TITLE = '"><script>alert(1)</script> 50% {总结'


# -- Zotero's Embedded Metadata translator, as far as these pages need it ---------------------------
# zotero/translators, "Embedded Metadata.js" (lastUpdated 2026-04-27): `init` picks the item type
# from the tag names (citation_technical_report_institution → report; citation_title alone would
# guess journalArticle); `addHighwireMetadata` fills fields from HIGHWIRE_MAPPINGS with
# `getContentText` (the first `html>head>meta[name$=NAME]`, whitespace collapsed), creators from
# every citation_author meta (split at ';'; ZU.cleanAuthor splits a name at its last space),
# tags from citation_keywords (split at ';'), the URL from citation_public_url, else
# citation_abstract_html_url, else the canonical link.

HIGHWIRE_MAPPINGS = {
    "citation_title": "title", "citation_publication_date": "date", "citation_cover_date": "date",
    "citation_date": "date", "citation_journal_title": "publicationTitle", "citation_journal_abbrev": "journalAbbreviation",
    "citation_inbook_title": "publicationTitle", "citation_book_title": "bookTitle", "citation_volume": "volume",
    "citation_issue": "issue", "citation_series_title": "series", "citation_conference_title": "conferenceName",
    "citation_conference": "conferenceName", "citation_dissertation_institution": "university",
    "citation_technical_report_institution": "institution", "citation_technical_report_number": "number",
    "citation_publisher": "publisher", "citation_isbn": "ISBN", "citation_abstract": "abstractNote",
    "citation_doi": "DOI", "citation_public_url": "url", "citation_language": "language",
}
HW_TYPES = {"citation_journal_title": "journalArticle", "citation_technical_report_institution": "report",
            "citation_conference_title": "conferencePaper", "citation_conference": "conferencePaper",
            "citation_book_title": "bookSection", "citation_inbook_title": "bookSection",
            "citation_dissertation_institution": "thesis"}
HW_GUESSES = {"citation_title": "journalArticle", "citation_series_title": "journalArticle", "citation_isbn": "book"}


def trim_internal(text: str) -> str:
    return re.sub(r"[\xa0\r\n\s]+", " ", text).strip()


def clean_author(name: str, use_comma: bool) -> dict:
    name = re.sub(r"^[\s\xa0.,/\[\]:]+", "", name)
    name = re.sub(r"[\s\xa0.,/\[\]:]+$", "", name)
    name = re.sub(r"[\s\xa0]+", " ", name, count=1)
    if use_comma:
        last, _, first = name.partition(",")
        return {"firstName": first.strip(), "lastName": last, "creatorType": "author"}
    space = name.rfind(" ")
    return {"firstName": name[:space] if space > 0 else "", "lastName": name[space + 1:], "creatorType": "author"}


def zotero_item(html: str) -> dict:
    doc = lxml.html.document_fromstring(html)
    item_type = guess = None
    for meta in doc.iter("meta"):
        names, value = meta.get("name") or meta.get("property"), meta.get("content")
        if not names or not value:
            continue
        for tag in names.split():
            short = tag[tag.rfind("citation_"):] if "citation_" in tag else tag[-1:]
            item_type = HW_TYPES.get(short, item_type)
            guess = guess or HW_GUESSES.get(short)
    head_metas = [m for m in doc.find("head") if m.tag == "meta" and m.get("name")]
    all_metas = [m for part in (doc.find("head"), doc.find("body")) for m in part if m.tag == "meta" and m.get("name")]

    def first(name):  # getContentText: html>head>meta[name$="…"]
        return next((m.get("content") for m in head_metas if m.get("name").endswith(name)), None)

    def every(name):  # getContent: /html/(head|body)/meta[ends-with(@name, …)]/@content
        return [m.get("content") for m in all_metas if m.get("name").endswith(name)]

    item: dict = {"itemType": item_type or guess}
    for name, field in HIGHWIRE_MAPPINGS.items():
        value = first(name)
        if value and value.strip():
            item[field] = trim_internal(value)
    nodes = every("citation_author") or every("citation_authors")
    creators, last = [], None
    for node in nodes:
        names = re.split(r"\s*;\s*", node)
        if len(names) == 1 and len(nodes) == 1:
            by_comma = re.split(r"\s*,\s*", names[0])
            if len(by_comma) > 1 and " " in by_comma[0] and " " in by_comma[1]:
                names = by_comma
        for name in names:
            name = name.strip()
            if not name or not re.search(r"[^\s,\-.;]", name) or name == last:
                continue
            last = name
            creators.append(clean_author(name, "," in name))
    item["creators"] = creators
    item["tags"] = [t.strip() for node in every("citation_keywords") for t in node.strip().split(";") if t.strip()]
    if "url" not in item:
        item["url"] = first("citation_abstract_html_url") or next(
            (link.get("href") for link in doc.find("head") if link.tag == "link" and link.get("rel") == "canonical"), None)
    return item


# -- helpers ---------------------------------------------------------------------------------------


def report_dirs(site: Path) -> list[Path]:
    return sorted(p.parent for p in (site / "reports").rglob("index.html") if (p.parent / "cite.bib").exists())


def parse_bib(text: str):
    library = bibtexparser.parse_string(text)
    assert library.failed_blocks == [], [b.error for b in library.failed_blocks]
    return library


def cite_text(html: str) -> str:
    text = re.search(r'<p class="archive-cite__text"[^>]*>(.*?)</p>', html, re.S).group(1)
    return lxml.html.fragment_fromstring(f"<p>{text}</p>").text_content()


def catalogue_urls(site: Path) -> list[str]:
    return [r["url"] for r in json.loads((site / "catalogue.json").read_text(encoding="utf-8"))["reports"]]


# -- the sample archive ----------------------------------------------------------------------------


def test_every_report_page_is_a_zotero_report_with_a_gbt_7714_2025_citation(sample_site):
    site = sample_site.site
    pages = [p for p in (site / "reports").rglob("index.html")]
    urls = catalogue_urls(site)
    assert len(pages) == len(urls) > 30
    for page in pages:
        html = page.read_text(encoding="utf-8")
        url = SITE + page.parent.relative_to(site).as_posix() + "/"
        item = zotero_item(html)
        title = lxml.html.document_fromstring(html).findtext(".//h1")
        assert item["itemType"] == "report", page
        assert item["title"] == title and item["language"] == "zh" and item["url"] == url
        assert item["institution"] and re.fullmatch(r"\d{4}(/\d\d/\d\d)?", item.get("date", "2000"))
        assert [c["lastName"] for c in item["creators"]] in ([item["institution"]], [])
        citation = cite_text(html)
        assert "[R/OL]. " in citation and citation.endswith(f"{url}.") and "EB/OL" not in citation, citation
        assert "GB/T 7714—2025" in html


def test_a_sample_report_as_zotero_saves_it(sample_site):
    html = sample_site.page("reports/2015/kejiju-dangjian-gongzuo-zongjie/")
    item = zotero_item(html)
    assert item == {
        "itemType": "report", "title": "科技局黨建工作總結", "date": "2015", "institution": "科技局", "language": "zh",
        "url": SITE + "reports/2015/kejiju-dangjian-gongzuo-zongjie/",
        "creators": [{"firstName": "", "lastName": "科技局", "creatorType": "author"}],
        "tags": ["党建", "知识产权", "科普", "农业"],
    }
    assert cite_text(html) == ("科技局. 科技局黨建工作總結[R/OL]. 2015. "
                               "https://example.org/reports/2015/kejiju-dangjian-gongzuo-zongjie/.")


def test_citation_files_beside_every_report_parse_back(sample_site):
    site = sample_site.site
    folders = report_dirs(site)
    assert len(folders) == len(catalogue_urls(site))
    for folder in folders:
        url = SITE + folder.relative_to(site).as_posix() + "/"
        html = (folder / "index.html").read_text(encoding="utf-8")
        for name in ("cite.bib", "cite.ris", "cite.json"):
            assert f'href="{name}"' in html, (folder, name)  # linked from the citation box
        (entry,) = parse_bib((folder / "cite.bib").read_text(encoding="utf-8")).entries
        assert entry.entry_type == "techreport" and entry["url"] == url
        (record,) = rispy.loads((folder / "cite.ris").read_text(encoding="utf-8"))
        assert record["type_of_reference"] == "RPRT" and record["urls"] == [url]
        (item,) = json.loads((folder / "cite.json").read_text(encoding="utf-8"))
        assert item["type"] == "report" and item["URL"] == url
        assert item["title"] == record["title"] == zotero_item(html)["title"]


def test_the_whole_catalogue_as_bibtex_and_csl_json(sample_site):
    site = sample_site.site
    urls = catalogue_urls(site)
    library = parse_bib((site / "catalogue.bib").read_text(encoding="utf-8"))
    assert [e["url"] for e in library.entries] == urls
    assert len({e.key for e in library.entries}) == len(urls)
    items = json.loads((site / "catalogue.csl.json").read_text(encoding="utf-8"))
    assert [i["URL"] for i in items] == urls
    assert len(render(items)) == len(urls)
    data = sample_site.page("data/")
    assert 'href="../catalogue.bib"' in data and 'href="../catalogue.csl.json"' in data


# -- hostile text, no unit, no year ---------------------------------------------------------------


@pytest.fixture(scope="module")
def odd_site(tmp_path_factory):
    from conftest import ArchiveProject

    project = ArchiveProject(tmp_path_factory.mktemp("citations") / "project")
    project.write("2015/hostile.md", report(title=json.dumps(HOSTILE_TITLE), unit=json.dumps("某单位;分会&Co"),
                                            extra='date: 2015-06-30\ntags: ["a;b", "<i>"]'))
    project.write("unknown/anonymous.md", report(title="职工技术创新活动工作计划", unit="null", year="null",
                                                 category="工作计划"))
    result = project.build()
    assert result.returncode == 0, result.stderr
    return project


def test_hostile_values_in_the_tags_and_files(odd_site):
    html = odd_site.page("reports/2015/hostile/")
    assert "<script>alert" not in html
    item = zotero_item(html)
    assert item["itemType"] == "report" and item["title"] == HOSTILE_TITLE and item["date"] == "2015/06/30"
    # one body, not two (Zotero splits at ';'); a name with a space Zotero splits into first and last name
    assert item["creators"] == [{"firstName": "", "lastName": "某单位；分会&Co", "creatorType": "author"}]
    assert item["tags"] == ["a；b", "<i>"]
    folder = odd_site.site / "reports/2015/hostile"
    (entry,) = parse_bib((folder / "cite.bib").read_text(encoding="utf-8")).entries
    assert entry["title"] == r'{"><script>alert(1)</script> 50\% \textbraceleft{}总结}'  # LaTeX-escaped, braces balanced
    (record,) = rispy.loads((folder / "cite.ris").read_text(encoding="utf-8"))
    assert record["title"] == HOSTILE_TITLE and record["authors"] == ["某单位;分会&Co"]
    (csl,) = json.loads((folder / "cite.json").read_text(encoding="utf-8"))
    assert csl["title"] == HOSTILE_TITLE
    assert any(HOSTILE_TITLE in r for r in render([csl]))


def test_a_report_without_unit_or_year(odd_site):
    html = odd_site.page("reports/unknown/anonymous/")
    item = zotero_item(html)
    assert item["itemType"] == "report" and item["creators"] == [] and "date" not in item
    assert item["institution"] == "单位不详"
    assert cite_text(html) == "职工技术创新活动工作计划[R/OL]. https://example.org/reports/unknown/anonymous/."
    folder = odd_site.site / "reports/unknown/anonymous"
    (entry,) = parse_bib((folder / "cite.bib").read_text(encoding="utf-8")).entries
    assert {f.key for f in entry.fields} == {"title", "type", "url", "langid"}
    (record,) = rispy.loads((folder / "cite.ris").read_text(encoding="utf-8"))
    assert "authors" not in record and "year" not in record
    (csl,) = json.loads((folder / "cite.json").read_text(encoding="utf-8"))
    assert "author" not in csl and "issued" not in csl
    (rendered,) = render([csl])
    assert "职工技术创新活动工作计划" in rendered and "None" not in rendered
    for text in ((folder / n).read_text(encoding="utf-8") for n in ("cite.bib", "cite.ris", "cite.json")):
        assert "None" not in text and "null" not in text and "单位不详" not in text
