"""The build's jobs: work that needs only the catalogue (search index, near-duplicates, feeds,
sitemap and open data), started in `on_files` and collected when its result is needed.

`InlineJob` is the stock way: the job runs in the build's own process, when its result is first
asked for. With the speed switch on, `archive.speed.background.BackgroundJob` runs the same job on
another core instead; either way a failure fails the build with the job's message.
"""

from __future__ import annotations

import traceback
from typing import Any, Callable, Protocol


class JobError(RuntimeError):
    """The job's function raised: carries its message and traceback."""


class Job(Protocol):
    def result(self) -> Any: ...


def call(fn: Callable[..., Any], args: tuple) -> tuple[bool, Any]:
    """(True, value) or (False, message and traceback): what a job hands back."""
    try:
        return True, fn(*args)
    except Exception as e:  # handed to the build, which fails with it
        return False, f"{e}\n{traceback.format_exc()}"


def outcome(value: tuple[bool, Any]) -> Any:
    ok, result = value
    if not ok:
        raise JobError(result)
    return result


class InlineJob:
    """`fn(*args)` in this process, the first time `result()` is called."""

    def __init__(self, fn: Callable[..., Any], *args: Any, nice: int = 0):
        self._fn, self._args = fn, args
        self._value: tuple[bool, Any] | None = None

    def result(self) -> Any:
        if self._value is None:
            self._value = call(self._fn, self._args)
        return outcome(self._value)


class LazyMapping:
    """A mapping that is the result of a job, fetched on first use."""

    def __init__(self, job: Job):
        self._job = job

    def get(self, key, default=None):
        return self._job.result().get(key, default)
