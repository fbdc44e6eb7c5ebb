"""`ArchiveBuild`: the state of one build, with one method per step the hooks take.

A fresh instance is made in `on_config`, because `mkdocs serve` keeps hook modules loaded between
rebuilds; only a `PreviewState` is carried from one rebuild to the next. Speed mechanisms are
reached only through `self.speed` (archive.speed: `Speedups`, or `Stock` with ARCHIVE_SPEEDUPS=0).
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from .. import speed as speedups
from ..arrival import arrival_order
from ..assets import names_source_map, unused_theme_file, without_source_map
from ..catalogue import Catalogue, load_catalogue
from ..export import PageDates, public_files
from ..export.history import FileHistory, git_history
from ..files import relative_posix
from ..labels import template_globals
from ..pages import moved_pages
from ..pages.home import home_view
from ..pages.report import ReportViews, SiteInfo, json_for_script
from ..regions import region_tree
from ..sanitize import prefix_anchors, prefix_toc, prefixed, sanitize_html
from ..search import write_search_index
from ..settings import ArchiveSettings, SettingsError, check_duplicate_settings
from ..urls import report_url
from .jobs import JobError, LazyMapping
from .pages import GeneratedPages
from .preview import PreviewState
from .redirects import write_redirects


EXPORTS = "feeds, sitemap and open data"
"""The exports' job: it returns the paths it wrote."""
SEARCH = "search index"
"""The search index's job: its IndexStats list the files it left when written in place."""


class ArchiveBuild:
    """Settings, catalogue, generated pages and the jobs of one build."""

    def __init__(self, config, preview: PreviewState | None = None, keeps_site: bool = False) -> None:
        """`keeps_site`: a full `mkdocs build`, whose pages may be taken from the previous site/."""
        try:
            check_duplicate_settings(Path(config.config_file_path).read_text(encoding="utf-8"))
            self.settings = ArchiveSettings.from_extra(config.extra, Path(config.config_file_path).parent)
        except SettingsError as e:
            raise PluginError(f"mkdocs.yml: {e}") from e
        self.project_dir = Path(config.config_file_path).resolve().parent
        self.preview = preview
        self.speed = speedups.for_build(config, preview, self.settings.cache_dir, keeps_site)
        self.speed.build_starts()
        self.speed.content_hook(self.report_content)
        # The sitemap is written with the exports, with each page's real dates: MkDocs' own one
        # (build date) is neither rendered (here) nor copied as a file (GeneratedPages.add).
        config.theme.static_templates.discard("sitemap.xml")
        # The icons every page draws by reference (docs/overrides/assets/icons.svg)
        config.theme.static_templates.add("assets/icons.svg")
        self.site_dir, self.docs_dir = Path(config.site_dir), Path(config.docs_dir)
        self.site_info = SiteInfo(config.site_name or "", _with_slash(config.site_url or ""))
        self.pages = GeneratedPages()
        self.catalogue: Catalogue | None = None
        self.views: ReportViews | None = None
        self.home = None
        self.history: dict[str, FileHistory] = {}
        self.files: Files | None = None
        self.jobs: dict[str, object] = {}
        """Name → job (search index, exports), collected in `finish_jobs`."""

    @property
    def is_preview_rebuild(self) -> bool:
        return self.preview is not None and self.preview.is_rebuild

    # -- on_files ---------------------------------------------------------------------------

    def load(self) -> Catalogue:
        """Read and validate every report; any error (not a draft's warning) ends the build.
        Near-duplicates and the search index need only the catalogue: their jobs start here."""
        self.speed.site_emptied()  # nothing is written into site/ before this
        catalogue = load_catalogue(self.settings, region_tree(), self.project_dir, cache=self.speed.parse_cache)
        for problem in catalogue.problems:
            if problem.warning:
                _log().warning(str(problem))
        if catalogue.errors:
            lines = "\n".join(f"  {p}" for p in catalogue.errors)
            raise PluginError(f"{len(catalogue.errors)} problem(s) in the reports; nothing was published:\n{lines}\n"
                              "Run `python scripts/validate.py` to check the reports without building.")
        self.catalogue = catalogue
        if self.is_preview_rebuild:
            self.history, similar = self.preview.history, self.preview.similar
        else:
            similar = LazyMapping(self.speed.near_duplicates_job(catalogue))
            # The index is needed only at the end: it yields the CPU to the jobs pages wait for
            arrival = arrival_order(self.settings.reports_dir)
            if arrival.note:
                _log().info(arrival.note)
            self.jobs[SEARCH] = self.speed.job(write_search_index, catalogue.reports, self.site_dir, arrival,
                                               self.speed.search_segments(), self.speed.search_writer(), nice=5)
            self.history = git_history(self.project_dir, self.settings.reports_dir, self.docs_dir)
            if self.preview:
                self.preview.history, self.preview.similar = self.history, similar
        self.views = ReportViews(catalogue, similar, self.site_info)
        self.home = home_view(catalogue, {slug: h.added for slug, h in self.report_history().items()})
        return catalogue

    def report_history(self) -> dict[str, FileHistory]:
        """Git dates of each published report, by slug (none outside a git checkout)."""
        reports_dir = relative_posix(self.settings.reports_dir, self.project_dir)
        paths = {report.slug: f"{reports_dir}/{report.source_path}" for report in self.catalogue.reports} if reports_dir else {}
        return {slug: self.history[path] for slug, path in paths.items() if path in self.history}

    def add_pages(self, files: Files, config, dirty: bool) -> Files:
        """Report and listing pages; then the exports' job, and the page files made ahead."""
        files = self.files = self.pages.add(_used_theme_files(files, config), self.catalogue,
                                            self.settings.reports_dir, config, self.speed)
        if not self.is_preview_rebuild:
            self.start_exports(files, config)
        self.speed.page_files(files, dirty)
        return files

    def start_exports(self, files: Files, config) -> None:
        """Feeds, sitemap and the open-data catalogue: a job, collected in `finish_jobs`."""
        pages = []  # (url, the reports the page shows, git dates of its own source file)
        everything = self.catalogue.reports
        for file in files.documentation_pages():
            url = "" if file.url == "./" else file.url
            shown = self.pages.shown_reports(file, everything)
            if shown is not None:
                pages.append(PageDates(url, shown))
            else:
                path = relative_posix(Path(file.abs_src_path), self.project_dir) if file.abs_src_path else None
                pages.append(PageDates(url, everything if url == "" else [], self.history.get(path)))
        self.jobs[EXPORTS] = self.speed.job(
            public_files, self.catalogue, self.report_history(), pages, self.site_info,
            config.site_description or "", self.site_dir, self.speed.export_writer(), nice=5)

    # -- per page ---------------------------------------------------------------------------

    def describe_page(self, page) -> None:
        if self.pages.describe(page):
            self.speed.page_template(page)

    def report_content(self, html: str, page) -> str:
        """Report text is untrusted: every report page's HTML is sanitised, however it was made."""
        if not self.pages.is_report(page) or self.speed.is_deferred(page):
            return html  # a deferred report's body is sanitised when it is rendered
        html = sanitize_html(html, page.url)
        # The sanitiser prefixed the body's ids (user-content-…): so are the page's records of them
        prefix_toc(page.toc)
        if page.present_anchor_ids is not None:
            page.present_anchor_ids = prefix_anchors(page.present_anchor_ids)
        for to_file, links in (page.links_to_anchors or {}).items():
            if to_file.src_uri in self.pages.reports:
                page.links_to_anchors[to_file] = {prefixed(anchor): url for anchor, url in links.items()}
        self.speed.keep_rendered(page, html)
        return html

    def render_page(self, page, context) -> None:
        """Just before a page's template: what only this page needs, then the speed layer's part
        (unless the page is the previous build's, made from the same inputs)."""
        if self.speed.kept_page(page, context, lambda: self.pages.inputs(page, self.views)):
            return
        self.pages.rendering(page, self.views)
        self.speed.render_page(page, context)

    def page_written(self, html: str, page) -> str:
        """A page's output is rendered: let go of what only it needed; the speed layer's last word."""
        self.pages.written(page)
        return self.speed.post_page(html, page)

    def prepare_templates(self, env) -> None:
        env.globals.update(template_globals(), archive_home=self.home, report_url=report_url,
                           archive_compare_links=self.pages.compare_links)
        env.filters["archive_json"] = json_for_script
        self.speed.structure_ready(env)

    # -- on_post_build ----------------------------------------------------------------------

    def finish(self, config) -> None:
        """Redirects; wait for the jobs (a preview rebuild keeps its first build's site-wide
        files); check the pages were written."""
        written = write_redirects(self.catalogue, config, self.files, moved_pages(self.pages.listings.values()))
        for name, job in self.jobs.items():
            try:
                result = job.result()
            except JobError as e:
                raise PluginError(f"{name}: {e}") from e
            if name == EXPORTS:
                written += result
            elif name == SEARCH:
                written += result.paths
        self.speed.check_output(self.files, written)
        self.speed.finish(full_build=self.preview is None)
        if self.preview:
            self.preview.builds += 1


def _used_theme_files(files: Files, config) -> Files:
    """The theme's files without those no page uses (archive/assets.py), and its minified
    files without the comment naming a source map that is not published."""
    for file in list(files):
        if file.generated_by is not None or file.is_documentation_page():
            continue
        if unused_theme_file(file.dest_uri):
            files.remove(file)
        elif names_source_map(file.dest_uri):
            text = file.content_string
            if without_source_map(text) != text:
                files.remove(file)
                files.append(File.generated(config, file.src_uri, content=without_source_map(text)))
    return files


def _with_slash(url: str) -> str:
    return url if not url or url.endswith("/") else url + "/"


def _log():
    return logging.getLogger("mkdocs.plugins.archive")
