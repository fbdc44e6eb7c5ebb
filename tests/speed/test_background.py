"""Work done on another core during the build: results come back, failures still fail."""

import os

import pytest

from archive.mkdocs.jobs import JobError, LazyMapping
from archive.speed.background import BackgroundJob


def _pid_and_double(x):
    return os.getpid(), 2 * x


def _fail(message):
    raise ValueError(message)


def test_result_comes_from_another_process():
    pid, value = BackgroundJob(_pid_and_double, 21).result()
    assert value == 42 and pid != os.getpid()


def test_failure_is_raised_with_its_message():
    job = BackgroundJob(_fail, "reports/2015/x.md: cannot be indexed")
    with pytest.raises(JobError, match="reports/2015/x.md: cannot be indexed"):
        job.result()


def test_lazy_mapping():
    mapping = LazyMapping(BackgroundJob(dict, {"a": 1}))
    assert mapping.get("a") == 1 and mapping.get("b", 0) == 0
