"""Duplicates: the same report reached the archive twice, or almost.

An exact duplicate has the same text once whitespace and punctuation are ignored. A near
duplicate shares most of its character shingles (the same report with words swapped, 能力/潜力):
MinHash signatures in an LSH index find candidates fast, however large the archive grows.
Traditional and simplified versions of one text compare as the same text for near duplicates.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass

from datasketch import MinHash, MinHashLSH

from .script import simplified

SHINGLE = 5
"""Characters per shingle: long enough that shared shingles mean shared phrasing."""
NUM_PERM = 128
THRESHOLD = 0.5
"""Estimated Jaccard similarity from which a report is flagged as a near duplicate."""


def normalise(text: str) -> str:
    """Letters and digits only (no whitespace, punctuation or Markdown escapes), lower-cased."""
    return "".join(ch for ch in text if unicodedata.category(ch)[0] in "LN").lower()


def fingerprint(text: str) -> str:
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()


def minhash(text: str) -> MinHash:
    norm = normalise(simplified(text)) if len(text) < 200000 else normalise(text)
    shingles = {norm[i : i + SHINGLE] for i in range(max(1, len(norm) - SHINGLE + 1))}
    m = MinHash(num_perm=NUM_PERM, seed=1)
    m.update_batch([s.encode("utf-8") for s in sorted(shingles)])
    return m


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

    def __init__(self, threshold: float = THRESHOLD):
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
