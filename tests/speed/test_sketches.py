"""Near-duplicate sketches kept between builds (archive.speed.sketches.SketchStore): the same
near-duplicates with and without the store, only new and edited texts sketched, and whatever the
file holds (damaged, other settings) it is sketched over, never an error."""

from __future__ import annotations

import random

import numpy as np

from archive.similarity import near_duplicates
from archive.speed.sketches import SketchStore


def test_near_duplicate_sketches_kept_between_builds(tmp_path):
    base = "".join(f"第{i}条，科协组织开展科普宣传活动，服务群众{i * 7}人次。" for i in range(60))
    texts = {f"r{n}": base.replace("科普", f"科普{n}", 3) + f"新增{n}段。" for n in range(30)}
    unrelated = random.Random(7)
    texts.update({f"other{n}": "".join(chr(unrelated.randrange(0x4E00, 0x9FA5)) for _ in range(600)) for n in range(30)})
    expected = near_duplicates(texts)
    assert len(expected) == 30

    def run(texts):
        store = SketchStore(tmp_path)
        found = near_duplicates(texts, sketch=store.sketches)
        store.save()
        return found, (store.reused, store.sketched)

    assert run(texts) == (expected, (0, 60))
    assert run(texts) == (expected, (60, 0))
    # An edited text is sketched again: r0 no longer shares anything with the others.
    texts["r0"] = "".join(chr(unrelated.randrange(0x4E00, 0x9FA5)) for _ in range(600))
    found, counts = run(texts)
    assert counts == (59, 1) and "r0" not in found and found == near_duplicates(texts)
    # A deleted text leaves the store with the build that no longer has it.
    del texts["r1"]
    assert run(texts)[1] == (59, 0)
    with np.load(tmp_path / SketchStore.FILE_NAME) as kept:
        assert kept["digests"].shape == (59, 16) and kept["values"].shape == (59, 64)
    assert [path.name for path in tmp_path.iterdir()] == [SketchStore.FILE_NAME]  # no partial file left
    # A damaged file, or one from other settings, is sketched over, never an error.
    (tmp_path / SketchStore.FILE_NAME).write_bytes(b"PK\x03\x04 not a zip file")
    assert run(texts) == (near_duplicates(texts), (0, 59))
    stored = dict(np.load(tmp_path / SketchStore.FILE_NAME))
    np.savez(tmp_path / SketchStore.FILE_NAME, **dict(stored, fingerprint=np.array("0 5 64 1 datasketch 0")))
    assert run(texts)[1] == (0, 59)
