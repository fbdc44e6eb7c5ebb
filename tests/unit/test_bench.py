"""scripts/bench.py: the measuring parts that are not a build (memory of a process tree, changed files)."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import bench


def test_tree_memory_counts_the_children_too():
    # a child holding ~200 MB: the tree's memory must include it, the parent alone does not
    child = subprocess.Popen([sys.executable, "-c", "import time; b = bytearray(200 * 2**20); time.sleep(30)"])
    try:
        time.sleep(1.5)
        own = bench.tree_pss_kb(child.pid)
        assert own > 190 * 1024
        assert bench.tree_pss_kb(os.getpid()) >= own  # this process's tree holds the child
    finally:
        child.kill()
        child.wait()


def test_tree_memory_sampler_reports_a_peak():
    child = subprocess.Popen([sys.executable, "-c", "import time; b = bytearray(100 * 2**20); time.sleep(2)"])
    sampler = bench.TreeMemory(child.pid, interval=0.05)
    child.wait()
    assert sampler.stop() > 90


def test_site_digest_tells_changed_added_and_removed_files(tmp_path):
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
