"""Work that runs on another core while MkDocs renders pages.

MkDocs renders pages one after another on one core. The search index and the near-duplicate
search need only the catalogue, so a forked process computes them meanwhile; the build collects
the result when it needs it, and a failure there still fails the build.
"""

from __future__ import annotations

import multiprocessing
import os
import traceback
from typing import Any, Callable

from . import collector


class BackgroundError(RuntimeError):
    """The background function raised: carries its message and traceback."""


class BackgroundJob:
    """`fn(*args)` in a forked process (in-process where fork is unavailable); `result()` waits."""

    def __init__(self, fn: Callable[..., Any], *args: Any, nice: int = 0):
        """`nice` > 0: a job whose result is needed only at the end of the build yields the CPU
        to jobs the pages wait for (on two cores, the pages have one and the jobs share the other)."""
        self._done = False
        self._value: Any = None
        try:
            context = multiprocessing.get_context("fork")
        except ValueError:
            self._value, self._done = _call(fn, args), True
            return
        self._receiver, sender = context.Pipe(duplex=False)
        self._process = context.Process(target=_child, args=(fn, args, sender, nice), daemon=True)
        self._process.start()
        sender.close()

    def result(self) -> Any:
        if not self._done:
            try:
                self._value = self._receiver.recv()
            except EOFError:
                self._value = (False, "the background process died without a result")
            self._process.join()
            self._done = True
        ok, value = self._value
        if not ok:
            raise BackgroundError(value)
        return value


class LazyMapping:
    """A mapping that is the result of a BackgroundJob, fetched on first use."""

    def __init__(self, job: BackgroundJob):
        self._job = job

    def get(self, key, default=None):
        return self._job.result().get(key, default)

    def resolved(self) -> dict:
        return self._job.result()


def _call(fn, args) -> tuple[bool, Any]:
    try:
        return True, fn(*args)
    except Exception as e:  # reported to the parent, which fails the build with it
        return False, f"{e}\n{traceback.format_exc()}"


def _child(fn, args, sender, nice: int = 0) -> None:
    collector.in_forked_child()
    if nice:
        os.nice(nice)
    sender.send(_call(fn, args))
    sender.close()
