"""Full-text search: folding, the static index, and what the build hands to it.

Plain Python (no MkDocs): the build (archive/mkdocs/build.py) calls `write_search_index`, the benchmark and
the tests call the same function. The browser side is `docs/assets/search/`.
"""

from __future__ import annotations

from pathlib import Path

from ..arrival import Arrival
from .documents import SearchDoc, search_doc
from .fold import fold, query_terms
from .index import IndexBuildError, IndexStats, build_index

DATA_DIR = "search/data"
"""Where the index goes, below the site folder (the search page itself is `search/`)."""


class SearchIndexError(ValueError):
    """A published report could not be put into the search index: the build must fail."""


def search_docs(reports, arrival: Arrival | None = None) -> list[SearchDoc]:
    """The SearchDoc of every published report, in arrival order (archive/arrival.py; document id =
    position; without an `arrival`, path order); the text is the body the catalogue read with the
    front matter (the files are not read again)."""
    arrival = arrival or Arrival()
    docs = []
    for report in sorted(reports, key=lambda r: arrival.key(r.source_path)):
        if report.draft:
            raise SearchIndexError(f"reports/{report.source_path}: a draft was handed to the search index")
        docs.append(search_doc(report, report.body))
    return docs


def write_search_index(reports, site_dir: Path, arrival: Arrival | None = None, kept=None, put=None) -> IndexStats:
    """Index every given (published) report into `site_dir/search/data/`, in arrival order;
    fail rather than drop one. `kept`: full segments of earlier builds; `put`: how files are
    written over the previous index (`build_index`)."""
    docs = search_docs(reports, arrival)
    try:
        stats = build_index(docs, Path(site_dir) / DATA_DIR, kept, put)
    except IndexBuildError as e:
        raise SearchIndexError(str(e)) from e
    if stats.docs != len(reports):
        raise SearchIndexError(f"the search index holds {stats.docs} reports of {len(reports)}")
    return stats


__all__ = ["DATA_DIR", "SearchDoc", "SearchIndexError", "fold", "query_terms", "search_docs", "write_search_index"]
