"""Near-duplicate sketches kept between builds.

Replaces: `similarity.fresh_sketches` for every report on every build (at 10,000 reports, 4.6 s
of the near-duplicate job; 0.9 s with kept sketches). Each text's MinHash sketch is stored in the
cache folder, keyed by a digest of the text, so a build sketches only new and edited reports; the
near-duplicates themselves are found afresh every time. Proves itself: the same near-duplicates
with and without the store, whatever the file holds (tests/speed/test_sketches.py).
"""

from __future__ import annotations

import hashlib
import logging
import os
import zipfile
from pathlib import Path

import numpy as np

from ..similarity import NUM_PERM, SEED, SHINGLE, empty_sketch, catalogue_near_duplicates, fresh_sketches


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



def kept_near_duplicates(catalogue, folder: Path | None):
    """`similarity.catalogue_near_duplicates` with the sketches kept in `folder`."""
    store = SketchStore(folder)
    found = catalogue_near_duplicates(catalogue, sketch=store.sketches)
    store.save()
    if folder is not None:
        logging.getLogger("mkdocs.plugins.archive").info(store.summary())
    return found
