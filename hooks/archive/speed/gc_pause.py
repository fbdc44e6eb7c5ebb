"""The cyclic garbage collector paused while the site's structure is built.

Replaces: Python's collector running its usual thresholds through the whole build (stock).
Proves itself: the collector changes no output, and the build is diffed against
`ARCHIVE_SPEEDUPS=0` (tests/speed/test_switch.py); `mkdocs serve` rebuilds do not keep one more
site's worth each (tests/build/test_preview.py).

Loading the catalogue and making the pages creates hundreds of thousands of long-lived objects
and next to no garbage cycles. Every allocation still counts towards the collector's thresholds,
and each full collection walks every object made so far: at 10,000 reports, ten full
collections spent 1.7 s (of ~16 s of main-process CPU) and found almost nothing. So the
collector is paused while the site's structure is built; before the pages are rendered, the
survivors are frozen (out of the collector's reach) and collection resumes for the per-page
garbage, which does include cycles.
"""

from __future__ import annotations

import gc


def pause() -> None:
    """At the start of a build. `mkdocs serve` rebuilds in the same process: the previous
    build's frozen objects are handed back to the collector and its garbage freed first (else
    this build would freeze it again, and each rebuild would keep one more site's worth)."""
    if gc.get_freeze_count():
        gc.unfreeze()
        gc.collect()
    gc.disable()


def resume() -> None:
    """Once the catalogue, pages and navigation exist; also when a build fails before that."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def in_forked_child() -> None:
    """A forked background job inherits the parent's heap: frozen, the collector leaves it
    alone (and does not write to its pages, which the two processes share until written)."""
    gc.freeze()
    gc.enable()
