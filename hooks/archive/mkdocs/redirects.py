"""A moved report's old URL keeps working: a small page that sends readers to the new one. So does
an old page of a long list (`…/page/N/`), now cut into buckets (pages/__init__.py `moved_pages`)."""

from __future__ import annotations

import posixpath
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

from ..catalogue import Catalogue
from ..urls import report_url


def write_redirects(catalogue: Catalogue, config, files: Files,
                    moved_listings: list[tuple[str, str, str, str]] = ()) -> list[Path]:
    """Write the redirect pages (none may stand where a page of the build, one of `files`, is);
    returns their paths."""
    template = config.theme.get_env().get_template("archive/redirect.html")
    pages = {f.dest_uri for f in files.documentation_pages()}
    written = []
    for old_slug, report in catalogue.redirects():
        old_url, new_url = report_url(old_slug), report_url(report.slug)
        if posixpath.join(old_url, "index.html") in pages:
            raise PluginError(f"reports/{report.source_path}: redirect_from: /{old_url} is already a page of the site")
        written.append(_write(template, config, old_url, new_url, title=report.title))
    for old_url, new_url, title, buckets in moved_listings:
        if posixpath.join(old_url, "index.html") in pages:
            raise PluginError(f"/{old_url}: an old page of the list {title} is a page of the site again")
        number = old_url.rstrip("/").rsplit("/", 1)[-1]
        written.append(_write(template, config, old_url, new_url, title=title, number=number, buckets=buckets))
    return written


def _write(template, config, old_url: str, new_url: str, **values) -> Path:
    """The page at `old_url` that sends its reader to `new_url`."""
    target = Path(config.site_dir) / old_url / "index.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    relative = posixpath.relpath(new_url, old_url) + "/"
    html = template.render(target=relative, canonical=config.site_url and config.site_url + new_url, **values)
    target.write_text(html, encoding="utf-8")
    return target
