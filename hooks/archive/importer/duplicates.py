"""Duplicates: the same report reached the archive twice, or almost.

An exact duplicate has the same text once whitespace and punctuation are ignored. A near
duplicate shares most of its character shingles (the same report with words swapped, 能力/潜力):
MinHash signatures in an LSH index find candidates fast, however large the archive grows; the
shingles and sketches are the site's own (hooks/archive/similarity.py). Traditional and
simplified versions of one text compare as the same text for near duplicates.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from datasketch import MinHash, MinHashLSH

from ..similarity import NUM_PERM, fresh_sketches
from ..text import NEAR_DUPLICATE_THRESHOLD, normalise, simplified



def fingerprint(text: str) -> str:
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()


def minhash(text: str) -> MinHash:
    """The site's near-duplicate sketch (similarity.py), of the text in simplified characters."""
    return next(fresh_sketches([simplified(text) if len(text) < 200000 else text]))


@dataclass(frozen=True)
class Match:
    key: str
    """The other report: its file path (or planned path) relative to the project."""
    similarity: float
    """1.0 for an exact duplicate; otherwise the estimated Jaccard similarity of shingles."""

    @property
    def exact(self) -> bool:
        return self.similarity >= 1.0


class DuplicateIndex:
    """Reports seen so far (the archive, then the batch), for exact and near-duplicate look-ups."""

    def __init__(self, threshold: float = NEAR_DUPLICATE_THRESHOLD):
        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._exact: dict[str, str] = {}
        self._hashes: dict[str, MinHash] = {}

    def __len__(self) -> int:
        return len(self._hashes)

    def add(self, key: str, text: str, signature: MinHash | None = None) -> None:
        if key in self._hashes:
            return
        self._exact.setdefault(fingerprint(text), key)
        signature = signature or minhash(text)
        self._hashes[key] = signature
        self._lsh.insert(key, signature)

    def find(self, text: str, signature: MinHash | None = None) -> tuple[Match | None, MinHash]:
        """The exact duplicate of `text` if any, else its most similar near duplicate, if any."""
        signature = signature or minhash(text)
        key = self._exact.get(fingerprint(text))
        if key is not None:
            return Match(key, 1.0), signature
        best = None
        for candidate in sorted(self._lsh.query(signature)):
            similarity = signature.jaccard(self._hashes[candidate])
            if similarity >= self.threshold and (best is None or similarity > best.similarity):
                best = Match(candidate, min(similarity, 0.99))
        return best, signature
