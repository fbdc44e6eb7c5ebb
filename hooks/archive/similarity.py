"""Near-duplicate reports (相似报告): the same text reused under another title, unit or year.

Each report body becomes a set of character 5-grams (punctuation and spaces removed, so that
re-typeset copies still match); each set is sketched with MinHash and the sketches are indexed
with MinHash LSH (`datasketch`), so that only reports sharing an LSH band are ever compared:
the cost grows with the number of reports, not with the number of pairs. Similarity is the
estimated Jaccard similarity of the two 5-gram sets.

Sketching every text is most of that work, and between two builds almost every report is
unchanged: `SketchStore` keeps each text's sketch between builds (in the build's cache folder,
beside the rendered bodies), keyed by a digest of the text, so a build sketches only new and
edited reports. The near-duplicates themselves are found afresh every time.

Plain Python: nothing here knows about MkDocs.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

import numpy as np

SHINGLE = 5
"""Characters per shingle: long enough that two unrelated reports share few, short enough to survive edits."""
NUM_PERM = 64
"""MinHash permutations: the estimate's standard error is sqrt(J(1-J)/64), at most 0.06."""
THRESHOLD = 0.5
"""Estimated Jaccard similarity of the 5-gram sets from which two reports count as near-duplicates."""
MAX_SHOWN = 5
"""Near-duplicates listed per report, most similar first."""
SEED = 1

_NOISE = re.compile(r"[\W_]+", re.UNICODE)
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


def normalise(text: str) -> str:
    """Letters, digits and CJK characters only: layout, spacing and punctuation do not count."""
    return _NOISE.sub("", text).lower()


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
def _empty_sketch():
    """The MinHash every sketch starts from: making its permutations costs more than copying it."""
    from datasketch import MinHash

    # The shingles are hashed already: `int` is the identity on them, and being built in it costs
    # a fraction of a Python function called for each of millions of shingles.
    return MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=int)


def fresh_sketches(texts: Iterable[str]) -> Iterator:
    """A new `datasketch.MinHash` of each text's distinct shingles, in order (also the importer's)."""
    for text in texts:
        sketch = _empty_sketch().copy()
        sketch.update_batch(shingle_hashes(text).tolist())
        yield sketch


class SketchStore:
    """MinHash sketches of earlier builds' texts: one file, read whole, replaced whole.

    `sketches` gives each text's sketch, from the file where the text is unchanged, and remembers
    them all for `save`, which keeps exactly those (a report deleted since is dropped). A file
    that is missing, unreadable or made with other settings is as good as empty: the texts are
    sketched afresh, never reported as an error (it is a cache)."""

    FILE_NAME = "near-duplicate-sketches.npz"
    FORMAT = 1
    """Bumped when what is sketched changes (`normalise`, `shingle_hashes`)."""

    def __init__(self, folder: Path | None):
        self.path = Path(folder) / self.FILE_NAME if folder is not None else None
        self.reused = self.sketched = 0
        self._digests: list[bytes] = []
        self._values: list[np.ndarray] = []

    @staticmethod
    def fingerprint() -> str:
        from datasketch import __version__ as datasketch_version

        return f"{SketchStore.FORMAT} {SHINGLE} {NUM_PERM} {SEED} datasketch {datasketch_version}"

    @staticmethod
    def digest(text: str) -> bytes:
        return hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()

    def _kept(self) -> dict[bytes, np.ndarray]:
        if self.path is None or not self.path.exists():
            return {}
        try:
            with np.load(self.path, allow_pickle=False) as data:
                if str(data["fingerprint"]) != self.fingerprint():
                    return {}
                digests, values = data["digests"], data["values"]
        except (OSError, ValueError, KeyError, zipfile.BadZipFile):
            return {}
        if values.shape != (len(digests), NUM_PERM):
            return {}
        return {d.tobytes(): v for d, v in zip(digests, values)}

    def sketches(self, texts: list[str]) -> list:
        """A `datasketch.MinHash` of each text, in order."""
        from datasketch import MinHash

        template = _empty_sketch()
        kept = self._kept()
        digests = [self.digest(text) for text in texts]
        missing = [i for i, d in enumerate(digests) if d not in kept]
        sketched = dict(zip(missing, fresh_sketches(texts[i] for i in missing)))
        result = []
        for i, d in enumerate(digests):
            sketch = sketched.get(i)
            if sketch is None:
                sketch = MinHash(seed=SEED, hashfunc=int, hashvalues=kept[d], scheme=template.scheme,
                                 permutations=template.permutations)
            result.append(sketch)
        self.reused += len(texts) - len(missing)
        self.sketched += len(missing)
        self._digests, self._values = digests, [m.hashvalues for m in result]
        return result

    def save(self) -> None:
        """Keep the sketches of the last `sketches` call (replacing the file in one step, so that
        a build that stops halfway or a second build at the same time leaves a whole file)."""
        if self.path is None or not self._digests:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_name(f".{self.path.name}.{os.getpid()}.npz")
        try:
            np.savez(partial, fingerprint=np.array(self.fingerprint()), values=np.stack(self._values),
                     # bytes as rows of uint8: numpy's fixed-width bytes type drops trailing zero bytes
                     digests=np.frombuffer(b"".join(self._digests), dtype=np.uint8).reshape(len(self._digests), -1))
            os.replace(partial, self.path)
        finally:
            partial.unlink(missing_ok=True)

    def summary(self) -> str:
        return f"near-duplicate sketches: {self.reused:,} reused, {self.sketched:,} made"


def near_duplicates(texts: dict[str, str], threshold: float = THRESHOLD, limit: int = MAX_SHOWN,
                    store: SketchStore | None = None) -> dict[str, list[Similar]]:
    """For each key of `texts`, the other keys whose text is a near-duplicate, most similar first.

    Keys without any near-duplicate are left out. The result does not depend on the order of
    `texts` (ties are broken by key), nor on whether `store` held the sketches already.
    """
    # Imported here: datasketch pulls in scipy (~0.7 s), and the build runs this in a background process.
    from datasketch import MinHashLSH

    keys = sorted(texts)
    store = store or SketchStore(None)
    minhashes = dict(zip(keys, store.sketches([texts[k] for k in keys])))
    store.save()
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
            matches.sort(key=lambda s: (-s.similarity, s.key))
            found[key] = matches[:limit]
    return found


def catalogue_near_duplicates(catalogue, cache_dir: Path | None = None) -> dict[str, list[Similar]]:
    """Near-duplicates among the published reports of a `Catalogue`, keyed by report slug; with
    `cache_dir`, the texts' sketches are kept there between builds."""
    store = SketchStore(cache_dir)
    found = near_duplicates({report.slug: report.body for report in catalogue.reports}, store=store)
    if cache_dir is not None:
        logging.getLogger("mkdocs.plugins.archive").info(store.summary())
    return found
