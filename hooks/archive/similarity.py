"""Near-duplicate reports (相似报告): the same text reused under another title, unit or year.

Each report body becomes a set of character 5-grams (punctuation and spaces removed, so that
re-typeset copies still match); each set is sketched with MinHash and the sketches are indexed
with MinHash LSH (`datasketch`), so that only reports sharing an LSH band are ever compared:
the cost grows with the number of reports, not with the number of pairs. Similarity is the
estimated Jaccard similarity of the two 5-gram sets.

Sketching every text is most of that work: `near_duplicates` takes the sketching function, so that
the build's speedups can reuse sketches of unchanged texts (archive/speed/sketches.py).

Plain Python: nothing here knows about MkDocs.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator

import numpy as np

from .text import NEAR_DUPLICATE_THRESHOLD as THRESHOLD
from .text import normalise

SHINGLE = 5
"""Characters per shingle: long enough that two unrelated reports share few, short enough to survive edits."""
NUM_PERM = 64
"""MinHash permutations: the estimate's standard error is sqrt(J(1-J)/64), at most 0.06."""
MAX_SHOWN = 5
"""Near-duplicates listed per report, most similar first."""
SEED = 1

_MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)


@dataclass(frozen=True)
class Similar:
    """A near-duplicate of some report: its key and the estimated share of text they have in common."""

    key: str
    similarity: float
    """Estimated Jaccard similarity of the two texts' 5-gram sets, 0 … 1."""

    @property
    def percent(self) -> int:
        return round(self.similarity * 100)


def shingle_hashes(text: str, k: int = SHINGLE) -> np.ndarray:
    """The distinct 32-bit hashes of the text's character k-grams (vectorised; deterministic)."""
    chars = np.frombuffer(normalise(text).encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    if len(chars) < k:
        return np.unique(chars.astype(np.uint32)) if len(chars) else np.zeros(0, dtype=np.uint32)
    n = len(chars) - k + 1
    h = np.zeros(n, dtype=np.uint64)
    for j in range(k):  # polynomial hash of each window; uint64 arithmetic wraps, as intended
        h = h * _MULTIPLIER + chars[j : j + n]
    return np.unique((h ^ (h >> np.uint64(32))).astype(np.uint32))


@functools.lru_cache(maxsize=None)
def empty_sketch():
    """The MinHash every sketch starts from: making its permutations costs more than copying it."""
    from datasketch import MinHash

    # The shingles are hashed already: `int` is the identity on them, and being built in it costs
    # a fraction of a Python function called for each of millions of shingles.
    return MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=int)


def fresh_sketches(texts: Iterable[str]) -> Iterator:
    """A new `datasketch.MinHash` of each text's distinct shingles, in order (also the importer's)."""
    for text in texts:
        sketch = empty_sketch().copy()
        sketch.update_batch(shingle_hashes(text).tolist())
        yield sketch


def near_duplicates(texts: dict[str, str], threshold: float = THRESHOLD, limit: int = MAX_SHOWN,
                    sketch: Callable[[list[str]], list] | None = None) -> dict[str, list[Similar]]:
    """For each key of `texts`, the other keys whose text is a near-duplicate, most similar first.

    Keys without any near-duplicate are left out. The result does not depend on the order of
    `texts` (ties are broken by key). `sketch` gives the MinHash of each of a list of texts, in
    order, the same as `fresh_sketches` would (the default).
    """
    # Imported here: datasketch pulls in scipy (~0.7 s), and the build runs this in a background process.
    from datasketch import MinHashLSH

    keys = sorted(texts)
    sketch = sketch or (lambda values: list(fresh_sketches(values)))
    minhashes = dict(zip(keys, sketch([texts[k] for k in keys])))
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    with lsh.insertion_session() as session:
        for key in keys:
            if not minhashes[key].is_empty():
                session.insert(key, minhashes[key], check_duplication=False)
    found: dict[str, list[Similar]] = {}
    for key in keys:
        m = minhashes[key]
        if m.is_empty():
            continue
        matches = [Similar(other, m.jaccard(minhashes[other])) for other in lsh.query(m) if other != key]
        matches = [s for s in matches if s.similarity >= threshold]
        if matches:
            found[key] = ranked(matches, limit)
    return found


def catalogue_near_duplicates(catalogue, sketch: Callable[[list[str]], list] | None = None) -> dict[str, list[Similar]]:
    """Near-duplicates among the published reports of a `Catalogue`, keyed by report slug."""
    return near_duplicates(catalogue_texts(catalogue), sketch=sketch)


def catalogue_texts(catalogue) -> dict[str, str]:
    """What is compared: each published report's body, by slug."""
    return {report.slug: report.body for report in catalogue.reports}


def ranked(matches: list[Similar], limit: int = MAX_SHOWN) -> list[Similar]:
    """Most similar first (ties by key), at most `limit`."""
    return sorted(matches, key=lambda s: (-s.similarity, s.key))[:limit]
