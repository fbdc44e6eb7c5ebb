"""The search index's file formats and sizes (see index.py for the layout of the output folder),
shared by the gram sorter (grams.py), the shard writer (shards.py) and the index builder."""

FORMAT = 4
MAX_GRAM = 4
BLOCK = 32
"""Documents per metadata block file."""
TEXTS = 2
"""Documents per text file (half the files of one each, for a few kB more per excerpt)."""
SHARD_TARGET = 8_000
"""Raw bytes of a shard file of a large segment, on average (a query term fetches one shard per
segment)."""
SMALL_TARGET = 1_500
"""Raw bytes of a shard file of the smallest full segment: smaller segments get smaller shards,
so that the many small segments cost a query about as much as the few large ones (segments.py)."""
TAIL = 16
"""Documents of the smallest unit of segments; the tail segment has fewer (segments.py)."""
FACTOR = 10
"""Each level of segments holds up to FACTOR - 1 units of the level below, in one segment."""
LEVELS = 5
"""Levels of segments (of 16, 160, 1,600, 16,000 documents; the highest takes what is above)."""
LARGE = 8_192
"""Documents of a segment from which its shards are SHARD_TARGET bytes."""
TAIL_SHARDS = 32
"""Most shards of the tail segment: the files a report appended to the archive changes."""
EXTERNAL = 16_000
"""A posting of more bytes gets its own file."""
FOLD_DOCS = 2_000
"""Documents folded at once."""
KEY_BLOCK = 1 << 20
"""Positions turned into sort values at once (bounds temporary memory)."""
RUN = 1 << 16
"""Values sorted at once before the runs are merged (see `_sort`)."""
SLICE = 1 << 20
"""Sorted (gram, document) values encoded at once."""
GATHER_BYTES = 1 << 22
"""Spooled entry bytes gathered into shards at once."""
SPARSE, BITMAP, EXTERNAL_KIND = 0, 1, 2
FNV_OFFSET, FNV_PRIME = 2166136261, 16777619


class IndexBuildError(ValueError):
    """The index could not be built for every document."""
