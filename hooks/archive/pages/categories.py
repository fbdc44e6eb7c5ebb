"""按类别: /categories/ and one paginated list per category of the vocabulary."""

from __future__ import annotations

from ..catalogue import Catalogue
from ..urls import CATEGORIES, category_url
from . import Link, Listing, paginated

ROOT = Link("按类别", CATEGORIES)


def listings(catalogue: Catalogue) -> list[Listing]:
    slugs = catalogue.settings.categories
    groups = catalogue.by_category()
    links = [Link(name, category_url(slugs[name]), len(reports)) for name, reports in groups]
    index = Listing(kind="categories", url=CATEGORIES, title="按类别浏览", links=links, total=len(catalogue.reports))
    pages = [index]
    for name, reports in groups:
        pages += paginated("category", category_url(slugs[name]), name, reports, catalogue.settings.page_size,
                           facet=name, breadcrumbs=[ROOT])
    return pages
