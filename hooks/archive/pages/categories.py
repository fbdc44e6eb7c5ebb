"""按类别: /categories/ and one list per category of the vocabulary (cut by year when long: pages/__init__.py)."""

from __future__ import annotations

from ..catalogue import Catalogue
from ..urls import CATEGORIES, category_url
from . import BY_YEAR, Link, Listing, list_pages

ROOT = Link("按类别", CATEGORIES)


def listings(catalogue: Catalogue) -> list[Listing]:
    slugs = catalogue.settings.categories
    groups = catalogue.by_category()
    links = [Link(name, category_url(slugs[name]), len(reports)) for name, reports in groups]
    index = Listing(kind="categories", url=CATEGORIES, title="按类别浏览", links=links, total=len(catalogue.reports))
    pages = [index]
    for name, reports in groups:
        pages += list_pages("category", category_url(slugs[name]), name, reports, catalogue.settings.page_size,
                            facet=name, bucketing=BY_YEAR, breadcrumbs=[ROOT])
    return pages
