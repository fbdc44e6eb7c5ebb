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


def linked_reports(site: Path, listing_url: str) -> set[str]:
    """Report URLs linked from a listing and all its further pages (…/page/N/)."""
    found = set()
    folder = site / listing_url
    pages = [folder / "index.html"] + sorted((folder / "page").glob("*/index.html"))
    assert pages[0].exists(), f"no page at /{listing_url}"
    for page in pages:
        page_url = page.parent.relative_to(site).as_posix() + "/"
        for href in HREF.findall(page.read_text(encoding="utf-8")):
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
