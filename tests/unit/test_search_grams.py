"""The search index's gram counting (archive.search.grams): the postings of every gram length are
exactly what a plain count finds."""

from __future__ import annotations


def test_index_postings_equal_a_direct_count():
    """The index sorts only the longest grams and derives the shorter ones from them; every gram
    length must still give exactly the (gram, document, tf) triples a plain count finds, including
    grams of rare characters (ids too large to pack four to a sort value, sorted apart)."""
    import random
    from collections import Counter

    import numpy as np

    from archive.search.grams import GramStream
    from archive.search.layout import MAX_GRAM

    rng = random.Random(5)
    ids, starts, want = [], [], Counter()
    for doc in range(300):
        starts.append(len(ids))
        for _ in range(rng.randint(1, 4)):
            # mostly frequent characters (small ids), some rare ones (ids over the 13 bits a character of a
            # 4-gram gets with 300 documents), lengths 1-60
            segment = [rng.randint(1, 40) if rng.random() < 0.8 else rng.randint(41, 20_000) for _ in range(rng.randint(1, 60))]
            for n in range(1, MAX_GRAM + 1):
                for i in range(len(segment) - n + 1):
                    want[(n, tuple(segment[i:i + n]), doc)] += 1
            ids += [*segment, 0]
    starts.append(len(ids))
    stream = GramStream(np.array(ids, dtype=np.uint16), np.array(starts, dtype=np.int64))
    got = Counter()
    for n, keys, bits, doc_ids, tfs in stream.grams():
        mask = (1 << bits) - 1
        for key, doc, tf in zip(keys.tolist(), doc_ids.tolist(), tfs.tolist()):
            gram = tuple((key >> (bits * (n - 1 - j))) & mask for j in range(n))
            assert (n, gram, doc) not in got, "a (gram, document) pair came twice"
            got[(n, gram, doc)] = tf
    assert got == want
