"""Full-text search: folding, the static index, and what the build hands to it.

Plain Python (no MkDocs): `hooks/archive/site.py` calls `write_search_index`, the benchmark and
the tests call the same function. The browser side is `docs/assets/search/`.
"""

from __future__ import annotations

from pathlib import Path

from ..schema import decode, split_front_matter
from .documents import SearchDoc, search_doc
from .fold import fold, query_terms
from .index import IndexError_, IndexStats, build_index

DATA_DIR = "search/data"
"""Where the index goes, below the site folder (the search page itself is `search/`)."""


class SearchIndexError(ValueError):
    """A published report could not be put into the search index: the build must fail."""


def search_docs(reports, reports_dir: Path) -> list[SearchDoc]:
    """The SearchDoc of every published report, in catalogue order (document id = position)."""
    docs = []
    for report in reports:
        if report.draft:
            raise SearchIndexError(f"reports/{report.source_path}: a draft was handed to the search index")
        path = reports_dir / report.source_path
        text, problem = decode(path.read_bytes(), f"reports/{report.source_path}")
        if problem:
            raise SearchIndexError(str(problem))
        front, body, _ = split_front_matter(text)
        if front is None:
            raise SearchIndexError(f"reports/{report.source_path}: {body}")
        docs.append(search_doc(report, body))
    return docs


def write_search_index(reports, reports_dir: Path, site_dir: Path) -> IndexStats:
    """Index every given (published) report into `site_dir/search/data/`; fail rather than drop one."""
    docs = search_docs(reports, reports_dir)
    try:
        stats = build_index(docs, Path(site_dir) / DATA_DIR)
    except IndexError_ as e:
        raise SearchIndexError(str(e)) from e
    if stats.docs != len(reports):
        raise SearchIndexError(f"the search index holds {stats.docs} reports of {len(reports)}")
    return stats


__all__ = ["DATA_DIR", "SearchDoc", "SearchIndexError", "fold", "query_terms", "search_docs", "write_search_index"]
