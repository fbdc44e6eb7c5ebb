"""The search index's segments on real builds of a git archive: a report committed after the
others changes a handful of the index's files, and a build that kept site/ and .cache/ gives the
bytes of a build from scratch."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess

import pytest

import search_reference as ref
from conftest import built_synthetic_archive, report
from build.test_search import search

from archive.search.segments import segments

CHANGED_SEARCH_FILES = 40
"""Most files of site/search/ one appended report may change: the tail segment's shards (at
most TAIL_SHARDS, 32), the manifest, the facet columns, units and facets, the last m/ block
and t/ file."""


def git(path, *args):
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=path, check=True,
                   capture_output=True)


def digest(folder):
    return {p.relative_to(folder).as_posix(): hashlib.blake2b(p.read_bytes(), digest_size=16).digest()
            for p in folder.rglob("*") if p.is_file()}


@pytest.mark.slow
def test_one_committed_report_changes_a_few_index_files_and_the_same_bytes_as_from_scratch(tmp_path):
    built = built_synthetic_archive(tmp_path / "archive", 2000, seed=7,
                                    before_build=lambda p: (git(p.path, "init", "-q"), git(p.path, "add", "reports"),
                                                            git(p.path, "commit", "-qm", "archive")))
    before = digest(built.site)
    manifest = json.loads((built.site / "search/data/manifest.json").read_text())
    full = [[s.start, s.docs] for s in segments(manifest["docs"])]
    assert [s[:2] for s in manifest["segments"]] == full and full[0] == [0, 1600], manifest["segments"]
    built.write("2015/zz-added.md", report(title="新增的科协工作总结", body="今年新增一篇，写到无人机科普大篷车。\n"))
    git(built.path, "add", "reports")
    git(built.path, "commit", "-qm", "one more")
    assert built.build().returncode == 0
    kept = digest(built.site)
    changed = sorted(p for p in before.keys() | kept.keys() if before.get(p) != kept.get(p) and p.startswith("search/"))
    assert len(changed) <= CHANGED_SEARCH_FILES, changed
    after = json.loads((built.site / "search/data/manifest.json").read_text())["segments"]
    assert [s[:2] for s in after] == [[s.start, s.docs] for s in segments(manifest["docs"] + 1)]
    kept_segments = [f"search/data/g/{start}/" for start, docs, shards in manifest["segments"] if [start, docs, shards] in after]
    assert len(kept_segments) >= 2, "no merge: the full segments are kept"
    assert not [p for p in changed if p.startswith(tuple(kept_segments))], "the full segments' files are the same"
    shared = [p.removeprefix("search/data/") for p in changed if not p.startswith("search/data/g/")]
    assert len(shared) <= 6 and set(shared) <= {"manifest.json", "cols.gz", "units.gz", "facets.gz"} | {
        p for p in shared if p.startswith(("m/", "t/"))}, shared
    # the new report is found, and so are old ones, exactly as a scan finds them
    assert [r["path"] for r in search(built.site, "无人机科普大篷车")] == ["reports/2015/zz-added.md"]
    corpus = ref.load(built.reports)
    for query in ("科普", "科技局 工作", "全民科学素质"):
        assert {r["path"] for r in search(built.site, query)} == ref.scan(corpus, query), query
    shutil.rmtree(built.site)
    shutil.rmtree(built.path / ".cache", ignore_errors=True)
    assert built.build().returncode == 0
    scratch = digest(built.site)
    assert scratch == kept, sorted(p for p in scratch.keys() | kept.keys() if scratch.get(p) != kept.get(p))[:10]
