"""scripts/bench.py: the measuring parts that are not a build (memory of a process tree, changed files)."""

from __future__ import annotations

import os
import subprocess
import sys

import bench

HOLD = "import sys, time; b = b'x' * ({mb} * 2**20); print('ready', flush=True); time.sleep({seconds})"


def holding(mb: int, seconds: float) -> subprocess.Popen:
    """A child process that has written `mb` MB of its own memory once it says 'ready'."""
    child = subprocess.Popen([sys.executable, "-c", HOLD.format(mb=mb, seconds=seconds)], stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "ready"
    return child


def test_tree_memory_counts_the_children_too():
    child = holding(200, 60)
    try:
        own = bench.tree_pss_kb(child.pid)
        assert own > 190 * 1024
        assert bench.tree_pss_kb(os.getpid()) >= own  # this process's tree holds the child
    finally:
        child.kill()
        child.wait()


def test_tree_memory_sampler_reports_a_peak():
    child = holding(100, 1)
    sampler = bench.TreeMemory(child.pid, interval=0.05)
    child.wait()
    assert sampler.stop() > 90


def test_changed_files_are_the_changed_added_and_removed(tmp_path):
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "a" / "index.html").write_text("one", encoding="utf-8")
    (site / "b.xml").write_text("same", encoding="utf-8")
    (site / "gone.txt").write_text("x", encoding="utf-8")
    before = bench.site_digest(site)
    (site / "a" / "index.html").write_text("two", encoding="utf-8")
    (site / "gone.txt").unlink()
    (site / "new.txt").write_text("y", encoding="utf-8")
    after = bench.site_digest(site)
    assert bench.changed_files(before, after) == {"a/index.html", "gone.txt", "new.txt"}
