"""Near-duplicate sketches, and the near-duplicates themselves, kept between builds.

Replaces: `similarity.fresh_sketches` for every report on every build (at 10,000 reports, 4.6 s
of the near-duplicate job; 0.9 s with kept sketches), and the near-duplicates found afresh among
all reports. Each text's MinHash sketch is stored in the cache folder, keyed by a digest of the
text, so a build sketches only new and edited reports (`SketchStore`). The near-duplicates found
are stored too, with the digest of every text (`KeptNearDuplicates`): the same texts take them as
they are; texts that were only added (none edited or gone: the common case of a build, a few new
reports) bring them up to date, each added text compared with the others by the LSH bands and the
Jaccard estimate `similarity.near_duplicates` uses, which gives the same result (a pair's being a
candidate and its similarity depend on the two sketches alone, and adding one to a list cut at
MAX_SHOWN keeps it the top MAX_SHOWN). Any other change finds them afresh. Proves itself: the same
near-duplicates with and without the store, whatever the file holds (tests/speed/test_sketches.py).
"""
from __future__ import annotations

import hashlib
import logging
import os
import zipfile
from pathlib import Path

import numpy as np

from ..similarity import (MAX_SHOWN, NUM_PERM, SEED, SHINGLE, THRESHOLD, Similar, catalogue_texts, empty_sketch,
                          fresh_sketches, near_duplicates, ranked)
from . import pickled


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

        template = empty_sketch()
        return [MinHash(seed=SEED, hashfunc=int, hashvalues=values, scheme=template.scheme,
                        permutations=template.permutations) for values in self.hash_values(texts)]

    def hash_values(self, texts: list[str], digests: list[bytes] | None = None) -> list[np.ndarray]:
        """The hash values of each text's sketch, in order (`digests`: the texts' own, if known)."""
        kept = self._kept()
        digests = digests if digests is not None else [self.digest(text) for text in texts]
        missing = [i for i, d in enumerate(digests) if d not in kept]
        sketched = dict(zip(missing, (m.hashvalues for m in fresh_sketches(texts[i] for i in missing))))
        values = [sketched[i] if i in sketched else kept[d] for i, d in enumerate(digests)]
        self.reused += len(texts) - len(missing)
        self.sketched += len(missing)
        self._digests, self._values = digests, values
        return values

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



class KeptNearDuplicates:
    """The near-duplicates of the previous build, with the digest of each text they were found
    among: one file, read whole, replaced whole; missing, damaged or of other settings, it is as
    good as empty."""

    FILE_NAME = "near-duplicates.pickle"
    FORMAT = 2
    MAX_ADDED = 1000
    """More texts added than this: found afresh (each added text is compared with all)."""

    def __init__(self, folder: Path):
        self.path = Path(folder) / self.FILE_NAME
        self.how = "found afresh"

    def find(self, texts: dict[str, str], store: SketchStore) -> dict[str, list[Similar]]:
        """`similarity.near_duplicates(texts)`, with the sketches of `store`."""
        keys = sorted(texts)
        digests = {key: store.digest(texts[key]) for key in keys}
        previous = self._load()
        found = None
        if previous is not None:
            before, found_before = previous
            added = [key for key in keys if key not in before]
            if before == digests:
                found, self.how = found_before, "taken as last found"
            elif (len(before) + len(added) == len(digests) and len(added) <= self.MAX_ADDED
                  and all(digests[key] == digest for key, digest in before.items())):
                values = dict(zip(keys, store.hash_values([texts[key] for key in keys], [digests[key] for key in keys])))
                found = with_added(found_before, [key for key in keys if key in before], added, values)
                self.how = f"brought up to date with {len(added):,} added"
        if found is None:
            found = near_duplicates(texts, sketch=store.sketches)
        self._save(digests, found)
        return found

    def _fingerprint(self) -> str:
        return f"{self.FORMAT} {SketchStore.fingerprint()} {THRESHOLD} {MAX_SHOWN}"

    def _load(self):
        data = pickled.load(self.path, self._fingerprint())
        if data is None:
            return None
        return data["digests"], {key: [Similar(*pair) for pair in pairs] for key, pairs in data["found"].items()}

    def _save(self, digests: dict[str, bytes], found: dict[str, list[Similar]]) -> None:
        pickled.save(self.path, self._fingerprint(), {
            "digests": digests, "found": {key: [(s.key, s.similarity) for s in matches] for key, matches in found.items()}})


def with_added(found: dict[str, list[Similar]], kept: list[str], added: list[str],
               values: dict[str, np.ndarray]) -> dict[str, list[Similar]]:
    """`found` (the near-duplicates among `kept`) with each of `added` (sorted) put in, as
    `similarity.near_duplicates` would find them among all: an added text's candidates are the
    texts sharing one of the LSH index's bands with it, kept when their Jaccard estimate reaches
    the threshold; empty sketches are in no band (the index leaves them out)."""
    from datasketch import MinHashLSH

    bands = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM).hashranges
    empty = empty_sketch().hashvalues
    indexed = [key for key in kept if not np.array_equal(values[key], empty)]
    matrix = np.empty((len(indexed) + len(added), NUM_PERM), dtype=empty.dtype)
    if indexed:
        matrix[:len(indexed)] = np.stack([values[key] for key in indexed])
    found = {key: list(matches) for key, matches in found.items()}
    for key in added:
        sketch = values[key]
        if np.array_equal(sketch, empty):
            continue
        rows = matrix[:len(indexed)]
        candidate = np.zeros(len(indexed), dtype=bool)
        for start, end in bands:
            candidate |= (rows[:, start:end] == sketch[start:end]).all(axis=1)
        matches = []
        for at in np.nonzero(candidate)[0]:
            similarity = float(np.count_nonzero(rows[at] == sketch)) / float(NUM_PERM)
            if similarity >= THRESHOLD:
                other = indexed[at]
                matches.append(Similar(other, similarity))
                found[other] = ranked(found.get(other, []) + [Similar(key, similarity)])
        if matches:
            found[key] = ranked(matches)
        matrix[len(indexed)] = sketch
        indexed.append(key)
    return {key: found[key] for key in sorted(found)}


def kept_near_duplicates(catalogue, folder: Path | None):
    """`similarity.catalogue_near_duplicates` with the sketches and near-duplicates kept in `folder`."""
    store = SketchStore(folder)
    if folder is None:
        return near_duplicates(catalogue_texts(catalogue), sketch=store.sketches)
    kept = KeptNearDuplicates(folder)
    found = kept.find(catalogue_texts(catalogue), store)
    store.save()
    logging.getLogger("mkdocs.plugins.archive").info(f"{store.summary()}; near-duplicates {kept.how}")
    return found
