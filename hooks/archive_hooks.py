"""MkDocs build hooks of the work-report archive: the table of contents of the build.

One function per event, in the order MkDocs calls them; each hands over to `ArchiveBuild`
(hooks/archive/mkdocs/build.py), which calls the domain code. See DESIGN.md for what the build
must do. `ARCHIVE_SPEEDUPS=0` builds with stock MkDocs/Material rendering (hooks/archive/speed/).
"""

from __future__ import annotations

from archive.mkdocs.build import ArchiveBuild
from archive.mkdocs.hook_state import HookState

state = HookState()
"""What lives across the events of one build (and the rebuilds of `mkdocs serve`)."""


def on_startup(command, dirty):
    """`mkdocs serve --dirty` (make serve) keeps a preview state from one rebuild to the next."""
    state.start(serving=command == "serve", dirty=dirty)


def on_config(config):
    """Read and check the archive's settings (extra.archive); a fresh build for each rebuild."""
    state.build = ArchiveBuild(config, state.preview, state.keeps_site)
    return config


def on_files(files, config):
    """Load and validate the catalogue (starting the search index and near-duplicates), then add
    the report and index pages and start the exports."""
    state.build.load()
    return state.build.add_pages(files, config, state.dirty)


def on_nav(nav, config, files):
    """Nav entries (the top index of each kind) keep their active state in the navigation."""
    state.build.speed.nav_ready({page.url for page in nav.pages})
    return nav


def on_page_markdown(markdown, page, config, files):
    """Attach template, title and view to generated pages."""
    state.build.describe_page(page)
    return markdown


def on_page_content(html, page, config, files):
    """Report text is untrusted: sanitise the rendered HTML."""
    return state.build.report_content(html, page)


def on_env(env, config, files):
    """Labels, figures for the home page and URL helpers for the templates."""
    state.build.prepare_templates(env)
    return env


def on_page_context(context, page, config, nav):
    """Just before the template: what only this page needs (a comparison's sentences)."""
    state.build.render_page(page, context)
    return context


def on_post_page(output, page, config):
    """Let go of what only this page needed; every page without the templates' indentation."""
    return state.build.page_written(output, page)


def on_post_build(config):
    """Redirects of moved reports; wait for the search index and the exports."""
    state.build.finish(config)


def on_build_error(error):
    """A failed build leaves nothing paused (`mkdocs serve` goes on in the same process)."""
    state.failed()
