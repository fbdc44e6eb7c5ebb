"""A moved report's old URL keeps working: a small page that sends readers to the new one. So does
an old page of a long list (`…/page/N/`), now cut into buckets (pages/__init__.py `moved_pages`)."""

from __future__ import annotations

import posixpath
from pathlib import Path

from mkdocs.exceptions import PluginError

from ..catalogue import Catalogue
from ..urls import report_url


def write_redirects(catalogue: Catalogue, config, moved_listings: list[tuple[str, str, str, str]] = ()) -> None:
    template = config.theme.get_env().get_template("archive/redirect.html")
    site_dir = Path(config.site_dir)
    for old_slug, report in catalogue.redirects():
        old_url, new_url = report_url(old_slug), report_url(report.slug)
        target = site_dir / old_url / "index.html"
        if target.exists():
            raise PluginError(f"reports/{report.source_path}: redirect_from: /{old_url} is already a page of the site")
        target.parent.mkdir(parents=True, exist_ok=True)
        relative = posixpath.relpath(new_url, old_url) + "/"
        html = template.render(title=report.title, target=relative, canonical=config.site_url and config.site_url + new_url)
        target.write_text(html, encoding="utf-8")
    listing_template = config.theme.get_env().get_template("archive/listing/redirect.html")
    for old_url, new_url, title, buckets in moved_listings:
        target = site_dir / old_url / "index.html"
        if target.exists():
            raise PluginError(f"/{old_url}: an old page of the list {title} is a page of the site again")
        target.parent.mkdir(parents=True, exist_ok=True)
        relative = posixpath.relpath(new_url, old_url) + "/"
        number = old_url.rstrip("/").rsplit("/", 1)[-1]
        html = listing_template.render(title=title, target=relative, number=number, buckets=buckets,
                                       canonical=config.site_url and config.site_url + new_url)
        target.write_text(html, encoding="utf-8")
