"""Jobs on another core while MkDocs renders pages.

Replaces `archive.mkdocs.jobs.InlineJob`, which runs a job in the build's own process when its
result is first asked for. MkDocs renders pages one after another on one core; the search index,
the near-duplicates and the exports need only the catalogue, so a forked process computes each
meanwhile. The build collects the result when it needs it, and a failure there still fails the
build with the same `JobError`. Proves itself: tests/speed/test_background.py.
"""

from __future__ import annotations

import multiprocessing
import os
from typing import Any, Callable

from ..mkdocs.jobs import call, outcome
from . import gc_pause


class BackgroundJob:
    """`fn(*args)` in a forked process (in-process where fork is unavailable); `result()` waits."""

    def __init__(self, fn: Callable[..., Any], *args: Any, nice: int = 0):
        """`nice` > 0: a job whose result is needed only at the end of the build yields the CPU
        to jobs the pages wait for (on two cores, the pages have one and the jobs share the other)."""
        self._value: tuple[bool, Any] | None = None
        try:
            context = multiprocessing.get_context("fork")
        except ValueError:
            self._value = call(fn, args)
            return
        self._receiver, sender = context.Pipe(duplex=False)
        self._process = context.Process(target=_child, args=(fn, args, sender, nice), daemon=True)
        self._process.start()
        sender.close()

    def result(self) -> Any:
        if self._value is None:
            try:
                self._value = self._receiver.recv()
            except EOFError:
                self._value = (False, "the background process died without a result")
            self._process.join()
        return outcome(self._value)


def _child(fn, args, sender, nice: int = 0) -> None:
    gc_pause.in_forked_child()
    if nice:
        os.nice(nice)
    sender.send(call(fn, args))
    sender.close()
