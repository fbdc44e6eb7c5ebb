"""The generated pages: one per published report, one per index listing and one per year-on-year
comparison, none a nav entry except the top index of each kind, and the metadata each page hands
to its template."""

from __future__ import annotations

from pathlib import Path

from markupsafe import escape
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from ..catalogue import Catalogue
from ..pages import Listing, all_listings
from ..pages.compare import Comparison, comparisons
from ..pages.report import ReportViews
from ..schema import Report
from ..urls import report_url, src_uri

REPORT_TEMPLATE = "archive/report.html"
LISTING_TEMPLATE = "archive/listing.html"
COMPARE_TEMPLATE = "archive/compare.html"


class ReportPage(Page):
    """A report's page: its Markdown is the body the catalogue read with the front matter (a body
    that starts with `---` is text, not metadata: MkDocs must not read the file again)."""

    def use(self, body: str) -> None:
        self._body = body

    def read_source(self, config) -> None:
        self.markdown, self.meta = self._body, {}


class GeneratedPages:
    """Which generated file shows what: a report or a listing, by MkDocs source path."""

    def __init__(self) -> None:
        self.reports: dict[str, Report] = {}
        self.listings: dict[str, Listing] = {}
        self.comparisons: dict[str, Comparison] = {}
        self.compare_links: dict[str, list[Comparison]] = {}
        """Report slug → the comparison pages it takes part in (linked from the report's page)."""

    def add(self, files: Files, catalogue: Catalogue, reports_dir: Path, config, speed) -> Files:
        """One page per published report and per index listing; only the top index of each
        kind is a nav entry (every page embeds the whole nav)."""
        theme_sitemap = files.get_file_from_path("sitemap.xml")
        if theme_sitemap is not None:  # written with the exports, with each page's real dates
            files.remove(theme_sitemap)
        timelines = _timeline_states(catalogue) if speed.marks_preview else {}
        handwritten = {f.dest_uri: f for f in files.documentation_pages()}
        for report in catalogue.reports:
            # The page pretends to be the report's own file (reports/2015/x.md), so that MkDocs
            # resolves the report's relative links from where the file is: `../2014/y.md` is the
            # other report's page, as the validator (links.py) checks. It publishes at the slug.
            uri = report_source_uri(report)
            source = reports_dir / report.source_path
            file = File.generated(config, uri, abs_src_path=str(source), inclusion=InclusionLevel.NOT_IN_NAV)
            file.dest_uri = report_url(report.slug) + "index.html"
            _add(files, file, handwritten)
            speed.report_page(file, config).use(report.body)
            self.reports[uri] = report
            if speed.marks_preview:
                stat = source.stat()
                speed.mark_preview(file, (stat.st_mtime_ns, stat.st_size, timelines[report.unit]))
        for listing in all_listings(catalogue, speed.region_maps()):
            uri = src_uri(listing.url)
            # A nav entry's page is made by MkDocs from its Markdown (the heading is its title)
            content = f"# {listing.title}\n" if listing.in_nav else ""
            inclusion = InclusionLevel.INCLUDED if listing.in_nav else InclusionLevel.NOT_IN_NAV
            file = File.generated(config, uri, content=content, inclusion=inclusion)
            _add(files, file, handwritten)
            self.listings[uri] = listing
            if not listing.in_nav:
                speed.listing_page(file, config)
            if speed.marks_preview:
                speed.mark_preview(file, repr(listing))
        for page in comparisons(catalogue):
            uri = src_uri(page.url)
            file = File.generated(config, uri, content="", inclusion=InclusionLevel.NOT_IN_NAV)
            _add(files, file, handwritten)
            self.comparisons[uri] = page
            for report in (page.older, page.newer):
                self.compare_links.setdefault(report.slug, []).append(page)
            speed.listing_page(file, config)
            if speed.marks_preview:
                speed.mark_preview(file, (page.older.body, page.newer.body, page.older.title, page.newer.title))
        return files

    def is_report(self, page) -> bool:
        return page.file.src_uri in self.reports

    def describe(self, page) -> bool:
        """Give a generated page its template, title and, for a listing, its view (read by the Jinja
        templates); False for a hand-written page. Title and description are passed pre-escaped
        (Markup): Material prints `page.meta.title` and `page.meta.description` unescaped. A report's
        or a comparison's view is made when the page is rendered (`rendering`): MkDocs describes
        every page before it renders any, and 100,000 reports' views held at once are gigabytes."""
        uri = page.file.src_uri
        if uri in self.reports:
            page.meta.update(template=REPORT_TEMPLATE, title=escape(self.reports[uri].title))
        elif uri in self.listings:
            listing = self.listings[uri]
            page.meta.update(template=LISTING_TEMPLATE, title=escape(listing.title), view=listing)
        elif uri in self.comparisons:
            comparison = self.comparisons[uri]
            page.meta.update(template=COMPARE_TEMPLATE, title=escape(comparison.title))
        else:
            return False
        return True

    def inputs(self, page, views: ReportViews):
        """What a generated page is made from, besides the templates and settings every page shares
        (for speed/kept_pages.py): a report's view (the report, its timeline, near-duplicates,
        citation) and its comparison links; a listing; a comparison's two reports and links (its
        rows follow from them). None for a hand-written page."""
        uri = page.file.src_uri
        if uri in self.reports:
            report = self.reports[uri]
            view = page.meta["view"] = views.view(report)  # `rendering` takes it if the page is rendered
            return view, self.compare_links.get(report.slug, [])
        if uri in self.listings:
            return self.listings[uri]
        if uri in self.comparisons:
            return self.comparisons[uri]
        return None

    def rendering(self, page, views: ReportViews) -> None:
        """A page is about to be rendered: a report's view is made, a comparison's sentences are
        compared, and each gives the page its description."""
        uri = page.file.src_uri
        if uri in self.reports:
            view = page.meta.get("view") or views.view(self.reports[uri])
            page.meta.update(view=view, description=escape(view.description))
        elif uri in self.comparisons:
            comparison = self.comparisons[uri]
            page.meta.update(view=comparison, description=escape(comparison.description))

    def written(self, page) -> None:
        """A page's output is rendered: what was made only for it is let go."""
        uri = page.file.src_uri
        if uri in self.reports or uri in self.comparisons:
            page.meta.pop("view", None)
            page.meta.pop("description", None)
        if uri in self.comparisons:
            self.comparisons[uri].forget()

    def shown_reports(self, file: File, everything: list[Report]) -> list[Report] | None:
        """The reports a generated page shows (for its last-modified date); None for other pages."""
        if file.src_uri in self.reports:
            return [self.reports[file.src_uri]]
        if file.src_uri in self.listings:
            return self.listings[file.src_uri].reports or everything
        if file.src_uri in self.comparisons:
            return [self.comparisons[file.src_uri].older, self.comparisons[file.src_uri].newer]
        return None


def _timeline_states(catalogue: Catalogue) -> dict[str, int]:
    """Per unit, a hash of its timeline: a report page shows its unit's other reports."""
    states: dict[str, list] = {}
    for report in catalogue.reports:
        states.setdefault(report.unit, []).append((report.slug, report.title, report.year, report.date))
    return {unit: hash(tuple(sorted(state, key=repr))) for unit, state in states.items()}


def report_source_uri(report: Report) -> str:
    """The MkDocs source path of a report's page: its file's path below `reports/`."""
    return REPORTS_PREFIX + report.source_path


REPORTS_PREFIX = "reports/"


def _add(files: Files, file: File, handwritten: dict[str, File]) -> None:
    existing = files.get_file_from_path(file.src_uri) or handwritten.get(file.dest_uri)
    if existing is not None:
        raise PluginError(f"Two pages would publish at {file.url}: {existing.src_uri} in docs/ and a generated page; "
                          f"remove or rename the file in docs/")
    files.append(file)

