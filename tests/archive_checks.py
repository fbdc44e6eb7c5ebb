"""Assertions on a built site: every published report on its page and in every index it belongs to."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urljoin

from archive.catalogue import Catalogue, load_catalogue
from archive.settings import load_settings
from archive.labels import unit_label
from archive.urls import category_url, region_url, report_url, unit_url, year_url

HREF = re.compile(r'href="([^"#]*)')


def catalogue_of(project) -> Catalogue:
    catalogue = load_catalogue(load_settings(project.path / "mkdocs.yml"), project_dir=project.path)
    assert not catalogue.errors, catalogue.errors
    return catalogue


BUCKET = {"years": re.compile(r"\d{6}|unknown"), "other": re.compile(r"\d{4}|unknown")}
"""A bucket's segment below its list (archive/pages/__init__.py): a year list's by province, the others' by year."""


def list_pages(site: Path, listing_url: str) -> list[Path]:
    """A list's pages: its first page, its further pages (…/page/N/) and, when it is cut into
    buckets, each bucket the first page links to, with the bucket's further pages."""
    folder = site / listing_url
    first = folder / "index.html"
    assert first.exists(), f"no page at /{listing_url}"
    pattern = BUCKET["years" if listing_url.startswith("years/") else "other"]
    buckets = []
    for href in HREF.findall(first.read_text(encoding="utf-8")):
        target = unquote(urljoin("/" + listing_url, href)).lstrip("/")
        rest = target.removeprefix(listing_url).rstrip("/")
        if target.startswith(listing_url) and pattern.fullmatch(rest) and site / target not in buckets:
            buckets.append(site / target)
    pages = [first, *sorted((folder / "page").glob("*/index.html"))]
    for bucket in buckets:
        pages += [bucket / "index.html", *sorted((bucket / "page").glob("*/index.html"))]
    return pages


def linked_reports(site: Path, listing_url: str) -> set[str]:
    """Report URLs linked from a list's pages (`list_pages`)."""
    found = set()
    for page in list_pages(site, listing_url):
        page_url = page.parent.relative_to(site).as_posix() + "/"
        html = page.read_text(encoding="utf-8")
        if 'name="robots" content="noindex"' in html:
            continue  # an old page number of a bucketed list: a redirect
        for href in HREF.findall(html):
            absolute = unquote(urljoin("/" + page_url, href)).lstrip("/")
            if absolute.startswith("reports/"):
                found.add(absolute)
    return found


def assert_every_report_indexed(project) -> dict[str, int]:
    """Each published report: its own page, and a link from its year, category, unit and every
    region level (or 地区不详). Returns counts of what was checked."""
    catalogue = catalogue_of(project)
    site = project.site
    slugs = catalogue.settings.categories
    cache: dict[str, set[str]] = {}

    def listed(url: str) -> set[str]:
        if url not in cache:
            cache[url] = linked_reports(site, url)
        return cache[url]

    checked = 0
    for r in catalogue.reports:
        url = report_url(r.slug)
        html = (site / url / "index.html").read_text(encoding="utf-8")
        assert f"<h1>{_escape(r.title)}</h1>" in html, f"{url}: title missing"
        assert 'class="archive-meta"' in html and _escape(unit_label(r.unit)) in html
        # a report without a unit is listed in the 单位不详 bucket (units/unknown/)
        indexes = [year_url(r.year), category_url(slugs[r.category]), unit_url(catalogue.unit_slug(r.unit))]
        if r.region:
            indexes += [region_url([d.code for d in r.region.path[: i + 1]]) for i in range(len(r.region.path))]
        else:
            indexes.append(region_url(None))
        for index in indexes:
            assert url in listed(index), f"{url} is not listed on /{index}"
        checked += 1
    # and nothing else is listed: no draft, no stale report
    published = {report_url(r.slug) for r in catalogue.reports}
    for url, reports in cache.items():
        assert reports <= published, f"/{url} links to unpublished {sorted(reports - published)[:3]}"
    return {"reports": checked, "indexes": len(cache), "drafts": len(catalogue.drafts)}


def assert_drafts_nowhere(project) -> int:
    """No draft has a page, and no file of the site (pages, feeds, data, search index) names a draft's URL."""
    catalogue = catalogue_of(project)
    if not catalogue.drafts:
        return 0
    for draft in catalogue.drafts:
        assert not (project.site / report_url(draft.slug)).exists()
    draft_urls = re.compile("|".join(re.escape(f"reports/{d.slug}/") for d in catalogue.drafts))
    for path in project.site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".json", ".csv", ".txt", ".js", ".gz"):
            data = path.read_bytes()
            if path.suffix == ".gz":
                import gzip
                data = gzip.decompress(data)
            found = draft_urls.search(data.decode("utf-8", "replace"))
            assert found is None, f"{path.relative_to(project.site)} names the draft {found.group(0)}"
    return len(catalogue.drafts)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&#34;")
