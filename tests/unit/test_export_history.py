"""Report dates from git (archive.export.history): the log parsed into first-added and last-modified
times. On a real repository: tests/build/test_public_build.py::test_sitemap_and_feed_dates_come_from_git."""

from __future__ import annotations

from archive.export.history import parse_log


def test_git_log_parsing():
    log = "\x1e200\n\nreports/a.md\nreports/b.md\n\x1e100\n\nreports/a.md\n"
    history = parse_log(log)
    assert history["reports/a.md"].added.timestamp() == 100 and history["reports/a.md"].modified.timestamp() == 200
    assert history["reports/b.md"].added.timestamp() == 200
