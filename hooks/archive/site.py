"""The MkDocs side of the archive: turns the catalogue into MkDocs files and page metadata.

This is the only module of the package that imports MkDocs. `hooks/archive_hooks.py` calls it
from each build event; everything it needs to know about reports comes from the domain modules.
"""

from __future__ import annotations

import logging
import os
import posixpath
from pathlib import Path

from jinja2.bccache import Bucket, BytecodeCache
from markupsafe import Markup, escape

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure import pages as mkdocs_pages
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from .background import BackgroundError, BackgroundJob, LazyMapping
from .catalogue import Catalogue, ParseCache, load_catalogue
from .export import PageDates, public_files
from .export.history import FileHistory, git_history
from .fragments import FragmentCache
from .pages import Listing, all_listings
from .pages.home import HomeView, home_view
from .pages.report import ReportViews, SiteInfo, json_for_script
from .regions import region_tree
from .rendered import RenderedBodies, RenderedBody
from .sanitize import sanitize_html
from .schema import Report
from .search import write_search_index
from .similarity import catalogue_near_duplicates
from .settings import ArchiveSettings, SettingsError
from .inline import use_quick_inline
from .minify import collapse_indentation
from .shells import PageShells, ShellMismatch
from .urls import report_url, src_uri


class PreviewState:
    """What a `mkdocs serve --dirty` session keeps between rebuilds, so that an edit to one report
    re-renders only the pages that show it."""

    def __init__(self) -> None:
        self.parse_cache = ParseCache()
        self.fingerprints: dict[str, int] = {}
        self.builds = 0
        """Builds finished in this session."""
        self.history: dict | None = None
        self.similar: dict | None = None
        """Git dates and near-duplicates of the first build, reused by later ones (they cost seconds)."""
        self.template_bytecode = _MemoryBytecodeCache()
        """Compiled Jinja templates: MkDocs makes a new environment for every rebuild."""


class ArchiveFile(File):
    """A generated page that can tell a preview rebuild it has not changed since the last one."""

    unchanged = False

    def is_modified(self) -> bool:
        return not self.unchanged or not Path(self.abs_dest_path).exists()


class ArchiveSite:
    """State of one build: settings, catalogue, and which generated page shows what.

    A fresh instance is made in `on_config`, because `mkdocs serve` keeps hook modules loaded
    between rebuilds; only a `PreviewState` is carried from one rebuild to the next.
    """

    def __init__(self, config, preview: PreviewState | None = None) -> None:
        try:
            self.settings = ArchiveSettings.from_extra(config.extra, Path(config.config_file_path).parent)
        except SettingsError as e:
            raise PluginError(f"mkdocs.yml: {e}") from e
        self.project_dir = Path(config.config_file_path).resolve().parent
        # The sitemap is written with the exports, with each page's real dates: MkDocs' own one
        # (build date) is neither rendered (here) nor copied as a file (add_pages).
        config.theme.static_templates.discard("sitemap.xml")
        self.catalogue: Catalogue | None = None
        self.reports_by_src: dict[str, Report] = {}
        self.listings_by_src: dict[str, Listing] = {}
        self.report_views: ReportViews | None = None
        self.home: HomeView | None = None
        self.preview = preview
        self.site_dir = Path(config.site_dir)
        self.search_job: BackgroundJob | None = None
        self.exports_job: BackgroundJob | None = None
        self.page_files_job: BackgroundJob | None = None
        self.site_info = SiteInfo(config.site_name or "", _with_slash(config.site_url or ""))
        self.docs_dir = Path(config.docs_dir)
        self.history: dict[str, FileHistory] = {}
        self.history_by_slug: dict[str, FileHistory] = {}
        """The same dates, of published reports, by slug."""
        self.files: Files | None = None
        self.nav_urls: set[str] = set()
        self.shelled: dict[str, str] = {}
        """Generated pages rendered through a page shell: source URI → their real template."""
        self.shells: PageShells | None = None
        self.markdown = SharedMarkdown()
        self.rendered = RenderedBodies(self.settings.cache_dir, _rendering_fingerprint(config))

    # -- on_files ---------------------------------------------------------------------------

    def load(self) -> Catalogue:
        """Read and validate every report; any error (not a draft's warning) ends the build."""
        cache = self.preview.parse_cache if self.preview else None
        catalogue = load_catalogue(self.settings, region_tree(), self.project_dir, cache=cache)
        for problem in catalogue.problems:
            if problem.warning:
                _log().warning(str(problem))
        if catalogue.errors:
            lines = "\n".join(f"  {p}" for p in catalogue.errors)
            raise PluginError(
                f"{len(catalogue.errors)} problem(s) in the reports; nothing was published:\n{lines}\n"
                "Run `python scripts/validate.py` to check the reports without building."
            )
        self.catalogue = catalogue
        if self.is_preview_rebuild:
            self.history, similar = self.preview.history, self.preview.similar
        else:
            # Near-duplicates and the search index need only the catalogue: they are computed on
            # another core while MkDocs renders the pages. The report pages wait for the
            # near-duplicates; the index is needed only at the end, so it yields to them.
            similar = LazyMapping(BackgroundJob(catalogue_near_duplicates, catalogue, self.settings.cache_dir))
            self.search_job = BackgroundJob(write_search_index, catalogue.reports, self.site_dir, nice=5)
            self.history = git_history(self.project_dir, self.settings.reports_dir, self.docs_dir)
            if self.preview:
                self.preview.history, self.preview.similar = self.history, similar
        self.report_views = ReportViews(catalogue, similar, self.site_info)
        self.history_by_slug = self._report_history()
        self.home = home_view(catalogue, {slug: h.added for slug, h in self.history_by_slug.items()})
        return catalogue

    def _report_history(self) -> dict[str, FileHistory]:
        """Git dates of each published report, by slug (none outside a git checkout)."""
        found = {}
        reports_dir = _relative(self.settings.reports_dir, self.project_dir)
        for report in self.catalogue.reports:
            path = f"{reports_dir}/{report.source_path}" if reports_dir else None
            if path in self.history:
                found[report.slug] = self.history[path]
        return found

    def add_pages(self, files: Files, config) -> Files:
        """One page per published report and per index listing; none of them a nav entry."""
        theme_sitemap = files.get_file_from_path("sitemap.xml")
        if theme_sitemap is not None:
            files.remove(theme_sitemap)
        if self.preview:
            # A report page shows its own file and its unit's timeline (near-duplicates are frozen
            # at the first build of a preview).
            unit_states = {}
            for report in self.catalogue.reports:
                unit_states.setdefault(report.unit, []).append((report.slug, report.title, report.year, report.date))
            unit_states = {unit: hash(tuple(sorted(state, key=repr))) for unit, state in unit_states.items()}
        for report in self.catalogue.reports:
            uri = src_uri(report_url(report.slug))
            source = self.settings.reports_dir / report.source_path
            file = ArchiveFile.generated(config, uri, abs_src_path=str(source), inclusion=InclusionLevel.NOT_IN_NAV)
            self._add(files, file)
            ReportPage(None, file, config).use(report.body, self.markdown, self.rendered)
            self.reports_by_src[uri] = report
            if self.preview:
                stat = source.stat()
                self._fingerprint(file, (stat.st_mtime_ns, stat.st_size, unit_states[report.unit]))
        for listing in all_listings(self.catalogue):
            uri = src_uri(listing.url)
            inclusion = InclusionLevel.INCLUDED if listing.in_nav else InclusionLevel.NOT_IN_NAV
            file = ArchiveFile.generated(config, uri, content=f"# {listing.title}\n", inclusion=inclusion)
            self._add(files, file)
            self.listings_by_src[uri] = listing
            if not listing.in_nav:
                ListingPage(None, file, config)  # becomes file.page; MkDocs makes the nav entries' pages
            if self.preview:
                self._fingerprint(file, repr(listing))
        self.files = files
        return files

    def _fingerprint(self, file: ArchiveFile, state) -> None:
        """In a preview, a page whose content is the same as in the previous build is not rebuilt."""
        fingerprint = hash(state)
        file.unchanged = self.preview.fingerprints.get(file.src_uri) == fingerprint
        self.preview.fingerprints[file.src_uri] = fingerprint

    @property
    def is_preview_rebuild(self) -> bool:
        """True for the rebuilds of `mkdocs serve --dirty` after its first build: costly site-wide
        outputs (search index, exports, near-duplicates) are left as the first build made them."""
        return self.preview is not None and self.preview.builds >= 1

    def finish_build(self) -> None:
        if self.shells:
            _log().info(self.shells.summary())
        self.rendered.save(prune=self.preview is None)
        self.rendered.close()
        _log().info(self.rendered.summary())
        if self.preview:
            self.preview.builds += 1

    @staticmethod
    def _add(files: Files, file: File) -> None:
        existing = files.get_file_from_path(file.src_uri)
        if existing is not None:
            raise PluginError(f"Two pages would publish at {file.url}: {existing.src_uri} in docs/ and a generated page; "
                              f"remove or rename the file in docs/")
        files.append(file)

    # -- per page ---------------------------------------------------------------------------

    def describe_page(self, page) -> None:
        """Give a generated page its template, title and view (read by the Jinja templates).

        Title and description are passed pre-escaped (Markup): Material prints `page.meta.title`
        and `page.meta.description` unescaped."""
        uri = page.file.src_uri
        if uri in self.reports_by_src:
            report = self.reports_by_src[uri]
            view = self.report_views.view(report)
            page.meta.update(template="archive/report.html", title=escape(report.title), view=view,
                             description=escape(view.description))
        elif uri in self.listings_by_src:
            listing = self.listings_by_src[uri]
            page.meta.update(template="archive/listing.html", title=escape(listing.title), view=listing)
        else:
            return
        if page.url not in self.nav_urls:  # a nav entry's frame shows it as the active one
            self.shelled[uri] = page.meta["template"]
            page.meta["template"] = "archive/prerendered.html"

    def render_page(self, page, context) -> None:
        """A generated page outside the nav: its HTML from its kind's page shell (shells.py)."""
        template = self.shelled.get(page.file.src_uri)
        if template is not None:
            try:
                context["archive_html"] = Markup(self.shells.render(template, context))
            except ShellMismatch as e:
                raise PluginError(str(e)) from e

    def prepare_templates(self, env) -> None:
        if self.preview:
            env.bytecode_cache = self.preview.template_bytecode
        env.filters["archive_json"] = json_for_script
        self.shells = PageShells(env, minify=collapse_indentation)

    def remember_nav(self, nav) -> None:
        self.nav_urls = {page.url for page in nav.pages}
        self.fragments = FragmentCache(self.nav_urls)

    def report_content(self, html: str, page) -> str:
        """A report's HTML, sanitised (report text is untrusted), and kept for the next build."""
        if page.from_store:
            return html  # sanitised before it was stored
        html = sanitize_html(html)
        self.rendered.put(page.store_key, RenderedBody(html, page.toc_tokens, page._title_from_render,
                                                       sorted(page.present_anchor_ids)))
        return html

    def minified(self, html: str, page) -> str:
        """Every page without the templates' indentation; shell-made pages are minified already."""
        return html if page.file.src_uri in self.shelled else collapse_indentation(html)

    def is_report(self, page) -> bool:
        return page.file.src_uri in self.reports_by_src

    # -- on_post_build ----------------------------------------------------------------------

    def start_exports(self, config) -> None:
        """Feeds, sitemap (MkDocs' own is turned off in on_config) and the open-data catalogue,
        written on another core while MkDocs renders the pages; `wait_for_background_work` collects."""
        pages = []  # (url, the reports the page shows, git dates of its own source file)
        everything = self.catalogue.reports
        for file in self.files.documentation_pages():
            src, url = file.src_uri, "" if file.url == "./" else file.url
            if src in self.reports_by_src:
                pages.append(PageDates(url, [self.reports_by_src[src]]))
            elif src in self.listings_by_src:
                pages.append(PageDates(url, self.listings_by_src[src].reports or everything))
            else:
                path = _relative(Path(file.abs_src_path), self.project_dir) if file.abs_src_path else None
                pages.append(PageDates(url, everything if url == "" else [], self.history.get(path)))
        self.exports_job = BackgroundJob(public_files, self.catalogue, self.history_by_slug, pages, self.site_info,
                                         config.site_description or "", Path(config.site_dir), nice=5)

    def start_page_files(self) -> None:
        """Every page's folder and (empty) file, made on another core before MkDocs writes them.
        With directory URLs that is a folder and a file per page: creating 13,000 of each blocked
        the build for seconds while the other jobs wrote too; MkDocs now only fills them in."""
        self.page_files_job = BackgroundJob(_make_page_files, sorted(f.abs_dest_path for f in self.files.documentation_pages()))

    def write_redirects(self, config) -> None:
        """A moved report's old URL keeps working: a small page that sends readers to the new one."""
        template = config.theme.get_env().get_template("archive/redirect.html")
        site_dir = Path(config.site_dir)
        for old_slug, report in self.catalogue.redirects():
            old_url, new_url = report_url(old_slug), report_url(report.slug)
            target = site_dir / old_url / "index.html"
            if target.exists():
                raise PluginError(f"reports/{report.source_path}: redirect_from: /{old_url} is already a page of the site")
            target.parent.mkdir(parents=True, exist_ok=True)
            relative = posixpath.relpath(new_url, old_url) + "/"
            html = template.render(title=report.title, target=relative, canonical=config.site_url and config.site_url + new_url)
            target.write_text(html, encoding="utf-8")

    def wait_for_background_work(self) -> None:
        """The search index (started in `load`), the exports (`start_exports`) and the empty page
        files (`start_page_files`) were written on another core; the build waits for them and
        fails with them."""
        for name, job in (("search index", self.search_job), ("feeds, sitemap and open data", self.exports_job),
                          ("page files", self.page_files_job)):
            try:
                if job is not None:
                    job.result()
            except BackgroundError as e:
                raise PluginError(f"{name}: {e}") from e
        if self.page_files_job is None:
            return
        # MkDocs does not write a page whose output is empty: its pre-made file would stay empty
        empty = [f.src_uri for f in self.files.documentation_pages() if os.stat(f.abs_dest_path).st_size == 0]
        if empty:
            raise PluginError(f"{len(empty)} page(s) rendered empty, e.g. {', '.join(empty[:5])}")


class SharedMarkdown:
    """One Python-Markdown parser for every report of a build. MkDocs builds a new one, with all
    its extensions and patterns, for each page: ~0.6 ms a page, more than a report's own text.
    Its inline stage skips text that no inline pattern can match (inline.py)."""

    def __init__(self) -> None:
        self.parser = None

    def get(self, config):
        if self.parser is None:
            import markdown

            self.parser = markdown.Markdown(extensions=config["markdown_extensions"],
                                            extension_configs=config["mdx_configs"] or {})
            use_quick_inline(self.parser)
        self.parser.reset()
        return self.parser


class ReportPage(Page):
    """A report's page: its Markdown is the body of its file (the catalogue has read the front
    matter: a body that starts with `---` is text, not metadata), rendered with the build's
    shared parser."""

    from_store = False
    """Rendered by an earlier build (rendered.py): content is sanitised already."""
    store_key: str | None = None
    toc_tokens: list = []

    def use(self, body: str, markdown: SharedMarkdown, store: RenderedBodies) -> None:
        """`body`: the report's Markdown as the catalogue read it with the front matter."""
        self._body, self._markdown, self._store = body, markdown, store

    def read_source(self, config) -> None:
        self.markdown, self.meta = self._body, {}

    def render(self, config, files) -> None:
        self.store_key = self._store.key(self.markdown, self.file.src_uri)
        stored = self._store.get(self.store_key)
        if stored is not None:
            self.from_store = True
            self.content, self.toc_tokens, self._title_from_render = stored.html, stored.toc_tokens, stored.title
            self.toc, self.present_anchor_ids = get_toc(stored.toc_tokens), set(stored.anchors)
            return
        # MkDocs 1.6's Page.render line for line, but with the shared parser: MkDocs' own
        # processors (anchors, relative links, title) are registered again for this page's file,
        # replacing the previous page's under the same names.
        md = self._markdown.get(config)
        raw_html_ext = mkdocs_pages._RawHTMLPreprocessor()
        raw_html_ext._register(md)
        extract_anchors_ext = mkdocs_pages._ExtractAnchorsTreeprocessor(self.file, files, config)
        extract_anchors_ext._register(md)
        relative_path_ext = mkdocs_pages._RelativePathTreeprocessor(self.file, files, config)
        relative_path_ext._register(md)
        extract_title_ext = mkdocs_pages._ExtractTitleTreeprocessor()
        extract_title_ext._register(md)
        self.content = md.convert(self.markdown)
        self.toc_tokens = getattr(md, "toc_tokens", [])
        self.toc = get_toc(self.toc_tokens)
        self._title_from_render = extract_title_ext.title
        self.present_anchor_ids = extract_anchors_ext.present_anchor_ids | raw_html_ext.present_anchor_ids
        if mkdocs_pages.log.getEffectiveLevel() > logging.DEBUG:
            self.links_to_anchors = relative_path_ext.links_to_anchors


class ListingPage(Page):
    """An index page outside the nav. All of its HTML comes from its template and its view, so
    there is no Markdown to read or render (at 10,000 reports, thousands of pages)."""

    def read_source(self, config) -> None:
        self.markdown, self.meta = "", {}

    def render(self, config, files) -> None:
        self.content, self.toc, self.present_anchor_ids = "", get_toc([]), set()


class _MemoryBytecodeCache(BytecodeCache):
    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


def _rendering_fingerprint(config) -> str:
    """What a report body's HTML depends on besides its text and path (rendered.py's keys)."""
    import markdown

    from mkdocs import __version__ as mkdocs_version

    from .sanitize import RULES

    return repr((mkdocs_version, markdown.__version__, list(config.markdown_extensions),
                 sorted((str(k), repr(v)) for k, v in (config.mdx_configs or {}).items()), RULES))


def _make_page_files(paths: list[str]) -> int:
    """Create each (empty) page file and its folder."""
    folder = None
    for path in paths:
        if os.path.dirname(path) != folder:
            folder = os.path.dirname(path)
            os.makedirs(folder, exist_ok=True)
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o644))
    return len(paths)


def _with_slash(url: str) -> str:
    return url if not url or url.endswith("/") else url + "/"


def _relative(path: Path, root: Path) -> str | None:
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return None


def _log():
    return logging.getLogger("mkdocs.plugins.archive")
