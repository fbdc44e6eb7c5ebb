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


def test_near_duplicates_kept_taken_whole_or_brought_up_to_date_with_added_texts(tmp_path):
    """The near-duplicates of the last build are taken as they are for the same texts, brought up
    to date when texts were only added, and found afresh after an edit or a deletion: always
    what `near_duplicates` finds among all the texts."""
    from archive.speed.sketches import KeptNearDuplicates

    rng = random.Random(11)
    words = ["科协", "科普", "活动", "群众", "服务", "组织", "宣传", "培训", "会员", "学会", "创新", "基层"]
    families = ["".join(rng.choice(words) + f"{rng.randrange(99)}，" for _ in range(150)) for _ in range(6)]
    texts = {}
    for n in range(90):  # families of near-copies, some with more members than are shown (MAX_SHOWN)
        base = families[n % 6]
        cut = rng.randrange(len(base) // 3)
        texts[f"r{n:02d}"] = base[cut:] + "".join(rng.choice(words) for _ in range(rng.randrange(30)))
    texts.update({f"u{n}": "".join(chr(rng.randrange(0x4E00, 0x9FA5)) for _ in range(500)) for n in range(20)})
    for n in range(8):  # pairs, and a threesome
        base = "".join(rng.choice(words) + f"{rng.randrange(999)}；" for _ in range(120))
        texts.update({f"p{n}a": base + "一", f"p{n}b": "二" + base})
    texts["p0c"] = texts["p0a"][5:]
    texts.update({"empty": "", "short": "科协"})  # empty sketches: in no band

    def run(texts):
        kept = KeptNearDuplicates(tmp_path)
        found = kept.find(texts, SketchStore(tmp_path))
        return found, kept.how

    everything = near_duplicates(texts)
    assert max(len(v) for v in everything.values()) == 5 and sum(len(v) < 5 for v in everything.values()) >= 16
    first = {key: texts[key] for key in sorted(texts)[::2]}
    assert run(first) == (near_duplicates(first), "found afresh")
    assert run(first) == (near_duplicates(first), "taken as last found")
    found, how = run(texts)
    assert how == f"brought up to date with {len(texts) - len(first)} added"
    assert found == everything and list(found) == list(everything)
    assert run(texts) == (everything, "taken as last found")
    edited = dict(texts, r00=texts["r00"] + "。")
    assert run(edited) == (near_duplicates(edited), "found afresh")
    del edited["r01"]
    assert run(edited) == (near_duplicates(edited), "found afresh")
    (tmp_path / KeptNearDuplicates.FILE_NAME).write_bytes(b"\x80\x05 damaged")
    assert run(edited) == (near_duplicates(edited), "found afresh")


def test_added_sketches_meet_as_the_lsh_index_meets_them():
    """`with_added` on sketches made to sit at the LSH index's edges: a pair alike in 50 of 64
    values but in none of the index's bands is never compared (no near-duplicate, as the index
    finds), one whole band alike makes it a candidate; the same result as the index on all."""
    from datasketch import MinHash, MinHashLSH

    from archive.similarity import NUM_PERM, SEED, THRESHOLD, empty_sketch
    from archive.speed.sketches import with_added

    rng = np.random.default_rng(5)
    bands = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM).hashranges
    values = {}
    for n in range(30):
        base = rng.integers(0, 2**32, NUM_PERM, dtype=np.uint64)
        values[f"b{n:02d}"] = base
        for variant, kept_bands in (("none", 0), ("one", 1), ("two", 2)):
            partner = base.copy()
            for start, end in bands[kept_bands:]:  # one value changed in each band but the first kept_bands
                partner[rng.integers(start, end)] += np.uint64(1 + kept_bands)  # never as another variant's
            values[f"b{n:02d}{variant}"] = partner
        tail = base.copy()
        tail[bands[-1][1]:] += np.uint64(1)  # only the values no band holds differ
        values[f"b{n:02d}tail"] = tail
    values["empty"] = empty_sketch().hashvalues.copy()
    template = empty_sketch()

    def index(texts):
        return [MinHash(seed=SEED, hashfunc=int, hashvalues=values[t], scheme=template.scheme,
                        permutations=template.permutations) for t in texts]

    everything = near_duplicates({key: key for key in values}, sketch=index)
    assert "b00none" not in everything and {s.key for s in everything["b00one"]} == {"b00", "b00two", "b00tail"}
    keys = sorted(values)
    for kept in (keys[::3], keys[1::2], []):
        added = [key for key in keys if key not in kept]
        before = near_duplicates({key: key for key in kept}, sketch=index)
        assert with_added(before, kept, added, values) == everything


def test_a_build_with_a_near_copy_added_brings_the_kept_near_duplicates_up_to_date(tmp_path):
    """On real builds of the sample archive: a report added as a near-copy of another is listed
    on both pages as a build from scratch lists it, from the kept near-duplicates."""
    import re

    from conftest import ROOT, ArchiveProject

    from .test_kept_pages import build, digest, from_scratch

    sample = ArchiveProject(tmp_path / "sample", reports=ROOT / "reports")
    assert "near-duplicates found afresh" in build(sample).stderr
    assert "near-duplicates taken as last found" in build(sample).stderr
    source = next(p for p in sorted(sample.reports.rglob("*.md")) if "draft: true" not in p.read_text(encoding="utf-8"))
    text = source.read_text(encoding="utf-8")
    copy = re.sub(r"^title: .*$", "title: 转载的一篇工作总结", text, count=1, flags=re.M)
    sample.write("2016/zz-near-copy.md", copy + "\n转载时加了一句。\n")
    assert "near-duplicates brought up to date with 1 added" in build(sample).stderr
    original = source.relative_to(sample.reports).with_suffix("").as_posix()
    for page, other in (("2016/zz-near-copy", original), (original, "2016/zz-near-copy")):  # each names the other
        html = (sample.site / "reports" / page / "index.html").read_text(encoding="utf-8")
        similar = html.split('<ol class="archive-similar">', 1)[1].split("</ol>", 1)[0]
        assert f"{other}/" in similar, (page, similar)
    assert digest(sample.site) == from_scratch(sample, tmp_path / "scratch")
