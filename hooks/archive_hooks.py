"""MkDocs build hooks of the work-report archive: the table of contents of the build.

Each event calls domain code in `hooks/archive/`; see DESIGN.md for what the build must do.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # MkDocs loads hooks by path, not as a package

from archive import collector  # noqa: E402
from archive.site import ArchiveSite, PreviewState  # noqa: E402
from archive.urls import report_url  # noqa: E402

site: ArchiveSite | None = None
preview: PreviewState | None = None
"""Kept across the rebuilds of `mkdocs serve --dirty` (make serve): parse cache, page fingerprints."""
dirty_build = False


def on_startup(command, dirty):
    """`mkdocs serve --dirty` rebuilds only what an edit changed."""
    global preview, dirty_build
    preview = PreviewState() if command == "serve" and dirty else None
    dirty_build = dirty


def on_config(config):
    """Read and check the archive's settings (extra.archive); reset state for each serve rebuild.
    The garbage collector rests until the pages are rendered (collector.py)."""
    global site
    collector.pause()
    site = ArchiveSite(config, preview)
    return config


def on_files(files, config):
    """Load and validate the catalogue, then add report pages and index pages; start writing the
    feeds, sitemap and open data, and making the pages' files, on another core (the search index
    started in `load`)."""
    site.load()
    files = site.add_pages(files, config)
    if not site.is_preview_rebuild:
        site.start_exports(config)
    if not dirty_build:  # a dirty build writes only the pages it finds changed
        site.start_page_files()
    return files


def on_page_markdown(markdown, page, config, files):
    """Attach template, title and view to generated pages."""
    site.describe_page(page)
    return markdown


def on_page_content(html, page, config, files):
    """Report text is untrusted: sanitise the rendered HTML (and keep it for the next build)."""
    return site.report_content(html, page) if site.is_report(page) else html


def on_nav(nav, config, files):
    """Remember which pages are nav entries (their navigation shows an active state)."""
    site.remember_nav(nav)
    return nav


def on_env(env, config, files):
    """Figures for the home page, URL helpers, the navigation cache and the page shells;
    the site's structure is complete: the garbage collector resumes for the pages' garbage."""
    env.globals["archive_home"] = site.home
    env.globals["report_url"] = report_url
    site.fragments.install(env)
    site.prepare_templates(env)
    collector.resume()
    return env


def on_page_context(context, page, config, nav):
    """Generated pages outside the nav: Material's frame is rendered once per kind of page."""
    site.render_page(page, context)
    return context


def on_post_page(output, page, config):
    """Every page: without the templates' indentation (same rendering, fewer bytes)."""
    return site.minified(output, page)


def on_post_build(config):
    """Redirects of moved reports; wait for the search index and the exports.
    A preview rebuild (make serve) keeps the site-wide files of its first build."""
    site.write_redirects(config)
    if not site.is_preview_rebuild:
        site.wait_for_background_work()
    site.finish_build()


def on_build_error(error):
    """A build that fails before its pages are rendered must not leave the collector paused
    (`mkdocs serve` goes on in the same process)."""
    collector.resume()
