"""Pages kept from the previous build (hooks/archive/speed/kept_pages.py): on real builds of the
sample archive, a build that keeps pages gives the bytes of a build from scratch, an edit renders
again only the pages it reaches, and neither a hand-edited site/ nor a failed build can carry a
stale page into the next build."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import PYTHON, ROOT, ArchiveProject, run

from archive.regions import region_tree
from archive.speed.kept_pages import Unkeyable, stable_form


def build(project: ArchiveProject, env: dict | None = None):
    """A strict build with MkDocs' INFO lines (the speed layer's summaries)."""
    result = run([PYTHON, "-m", "mkdocs", "build", "--strict", "-f", str(project.path / "mkdocs.yml"),
                  "-d", str(project.site)], cwd=project.path, env=env)
    assert result.returncode == 0, result.stderr[-3000:]
    return result


def kept_counts(result) -> tuple[int, int]:
    """(pages taken from the previous build, pages rendered) from the build's log."""
    found = re.search(r"kept pages: ([\d,]+) taken from the previous build, ([\d,]+) rendered", result.stderr)
    assert found, result.stderr[-2000:]
    return int(found[1].replace(",", "")), int(found[2].replace(",", ""))


def digest(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): hashlib.blake2b(p.read_bytes(), digest_size=16).digest()
            for p in folder.rglob("*") if p.is_file()}


def from_scratch(project: ArchiveProject, folder: Path) -> dict[str, bytes]:
    """The same archive built in another folder, with no cache and no previous site."""
    fresh = ArchiveProject(folder, reports=project.reports)
    build(fresh)
    return digest(fresh.site)


@pytest.fixture
def sample(tmp_path) -> ArchiveProject:
    project = ArchiveProject(tmp_path / "sample", reports=ROOT / "reports")
    first = build(project)
    assert kept_counts(first)[0] == 0
    return project


def test_a_second_build_keeps_every_page_it_can_and_writes_the_same_bytes(sample):
    before = digest(sample.site)
    index = json.loads((sample.path / ".cache/archive/kept-pages.json").read_text())["pages"]
    second = build(sample)
    kept, rendered = kept_counts(second)
    assert digest(sample.site) == before
    # every page of the index is kept but the few of each kind rendered again to check them
    assert kept + rendered == len(index) and rendered <= 3 * 2, (kept, rendered)
    kinds = {uri.split("/")[0] for uri in index}
    assert {"reports", "units", "years", "regions", "categories"} <= kinds, kinds
    assert "Page skipped" not in second.stderr
    assert not (sample.path / ".cache/archive/previous-site").exists()
    # the exports' files are known from last time: each citation file and feed is not even made
    exports = re.search(r"kept files \(exports\): ([\d,]+) unchanged \(([\d,]+) not made\), ([\d,]+) compared", second.stderr)
    assert exports, second.stderr[-2000:]
    unchanged, unmade, compared = (int(g.replace(",", "")) for g in exports.groups())
    assert compared == 0 and unmade == unchanged > 3 * 35, exports[0]
    search = re.search(r"kept files \(search\): ([\d,]+) unchanged \(0 not made\), 0 compared", second.stderr)
    assert search and int(search[1].replace(",", "")) > 0, second.stderr[-2000:]


def test_an_edited_report_renders_again_only_the_pages_it_reaches_and_matches_a_build_from_scratch(sample, tmp_path):
    build(sample)
    source = sorted(sample.reports.rglob("*.md"))[3]
    text = source.read_text(encoding="utf-8")
    source.write_text(text.rstrip("\n") + "\n\n今年还新增了一段关于青少年科技创新大赛的总结。\n", encoding="utf-8")
    edited = build(sample)
    kept, rendered = kept_counts(edited)
    assert rendered < (kept + rendered) // 10, (kept, rendered)  # its page, its near-duplicates, its comparison
    assert digest(sample.site) == from_scratch(sample, tmp_path / "scratch")


def test_a_hand_edited_page_in_site_is_rendered_again_not_kept(sample):
    expected = digest(sample.site)
    page = next(p for p in sorted((sample.site / "reports").rglob("index.html")))
    page.write_bytes(page.read_bytes().replace(b"</body>", b"<p>edited by hand</p></body>"))
    build(sample)
    assert digest(sample.site) == expected
    # a citation file and a search index file edited by hand, now that the exports and the index
    # know their files from the last build
    citation = next(p for p in sorted((sample.site / "reports").rglob("cite.bib")))
    citation.write_bytes(citation.read_bytes().replace(b"@", b"%"))
    texts = next(p for p in sorted((sample.site / "search" / "data" / "t").rglob("*.gz")))
    texts.write_bytes(b"edited by hand")
    build(sample)
    assert digest(sample.site) == expected


def test_a_failed_build_leaves_no_index_and_the_next_build_renders_every_page(sample):
    expected = digest(sample.site)
    bad = sample.write("2015/zz-bad.md", "---\ntitle: 缺少单位\nyear: 2015\n---\n\n正文。\n")
    failed = run([PYTHON, "-m", "mkdocs", "build", "--strict", "-f", str(sample.path / "mkdocs.yml"),
                  "-d", str(sample.site)], cwd=sample.path)
    assert failed.returncode != 0
    assert not (sample.path / ".cache/archive/kept-pages.json").exists()
    bad.unlink()
    kept, rendered = kept_counts(build(sample))
    assert kept == 0 and rendered > 100
    assert digest(sample.site) == expected


def test_a_kept_page_is_left_untouched_in_site(sample):
    """Nothing is read back, moved or written for a kept page, nor written for an export or search
    index file whose bytes are the same: same inode, same modification time (a deploy by time sees
    them unchanged)."""
    build(sample)  # the first kept build: every kept page's size and time are now in the index
    pages = sorted((sample.site / "reports").rglob("index.html"))
    exports = sorted((sample.site / "reports").rglob("cite.*")) + sorted((sample.site / "units").rglob("feed.xml"))
    index = sorted(p for p in (sample.site / "search" / "data").rglob("*") if p.is_file())
    exports += index
    before = {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in pages + exports}
    kept, _ = kept_counts(build(sample))
    untouched = [p for p in pages if (p.stat().st_ino, p.stat().st_mtime_ns) == before[p]]
    touched = sorted(p.parent.name for p in pages if p not in untouched)
    assert kept > 0 and len(untouched) >= len(pages) - 3 * 2, (len(untouched), len(pages), touched)
    # the citation files, feeds and the search index's files (its kept segments and its tail) are
    # the same bytes: read and compared, not written again
    assert len(index) > 50 and {p.relative_to(sample.site / "search" / "data").parts[0] for p in index} >= {"g", "m", "t"}
    changed = [p for p in exports if (p.stat().st_ino, p.stat().st_mtime_ns) != before[p]]
    assert len(exports) > 100 and not changed, changed[:5]


def test_a_deleted_report_leaves_nothing_behind_and_a_stray_file_goes(sample, tmp_path):
    """What the previous site held and this build does not make is removed: the deleted report's
    page, its citation files and its folder, and a file put into site/ by hand."""
    source = sorted(sample.reports.rglob("*.md"))[5]
    slug = source.relative_to(sample.reports).with_suffix("").as_posix()
    assert (sample.site / "reports" / slug / "cite.bib").is_file()
    stray = sample.site / "units" / "stray.txt"
    stray.write_text("put here by hand", encoding="utf-8")
    stray_index = sample.site / "search" / "data" / "t" / "9" / "stray.gz"
    stray_index.parent.mkdir()
    stray_index.write_bytes(b"not part of the index")
    source.unlink()
    result = build(sample)
    assert kept_counts(result)[0] > 50
    assert not (sample.site / "reports" / slug).exists() and not stray.exists()
    assert not stray_index.parent.exists()  # the search index, written in place, leaves only its own files
    removed = int(re.search(r"([\d,]+) files of the previous site removed", result.stderr)[1].replace(",", ""))
    assert removed >= 5  # the page, its three citation files, the stray file (and the pages it was on)
    assert digest(sample.site) == from_scratch(sample, tmp_path / "scratch")


def test_a_moved_report_keeps_its_redirect_and_builds_again(sample, tmp_path):
    """A redirect page written by the previous build is not a page of the site (the check is
    against this build's pages, not what site/ holds)."""
    source = sorted(sample.reports.rglob("*.md"))[2]
    old = source.relative_to(sample.reports).as_posix()
    text = source.read_text(encoding="utf-8")
    moved = source.with_name("moved-" + source.name)
    moved.write_text(text.replace("---\n", f"---\nredirect_from: [{old}]\n", 1), encoding="utf-8")
    source.unlink()
    build(sample)
    redirect = sample.site / "reports" / old.removesuffix(".md") / "index.html"
    assert "moved-" in redirect.read_text(encoding="utf-8")
    build(sample)
    assert redirect.is_file()
    assert digest(sample.site) == from_scratch(sample, tmp_path / "scratch")


def test_a_previous_site_from_other_code_is_not_kept(sample):
    """Under other code or installed versions the previous site/ may be laid out otherwise:
    MkDocs empties it, as in a build from scratch."""
    expected = digest(sample.site)
    index_path = sample.path / ".cache/archive/kept-pages.json"
    index = json.loads(index_path.read_text())
    index["code"] = "0" * 40
    index_path.write_text(json.dumps(index))
    stray = sample.site / "stray.html"
    stray.write_text("left from an earlier build", encoding="utf-8")
    kept, rendered = kept_counts(build(sample))
    assert kept == 0 and rendered > 100 and not stray.exists()
    assert digest(sample.site) == expected


def test_verify_every_kept_page(sample):
    """ARCHIVE_VERIFY_KEPT=1: every page that would be kept is rendered and compared (none differs)."""
    expected = digest(sample.site)
    result = build(sample, env={"ARCHIVE_VERIFY_KEPT": "1"})
    kept, rendered = kept_counts(result)
    compared = int(re.search(r"\(([\d,]+) of them compared", result.stderr)[1].replace(",", ""))
    assert kept == 0 and compared == rendered > 100
    assert digest(sample.site) == expected


def test_without_speedups_the_site_is_emptied_as_stock_mkdocs_does(sample):
    stale = sample.site / "stale.html"
    stale.write_text("left from an earlier build", encoding="utf-8")
    build(sample, env={"ARCHIVE_SPEEDUPS": "0"})
    assert not stale.exists()
    assert not (sample.path / ".cache/archive/previous-site").exists()


# -- stable forms ------------------------------------------------------------------------------


def test_stable_form_of_the_same_content_is_the_same_and_unknown_objects_are_not_guessed():
    from archive.pages import Link

    a = [Link("2015年", "years/2015/", 3, (Link("贵州省", "regions/520000/"),))]
    b = [Link("2015年", "years/2015/", 3, (Link("贵州省", "regions/520000/"),))]
    assert stable_form(a, {}) == stable_form(b, {})
    assert stable_form(a, {}) != stable_form([Link("2015年", "years/2015/", 4)], {})
    assert stable_form({"lazy": [1]}, {}) == stable_form({"lazy": [1]}, {})
    with pytest.raises(Unkeyable):
        stable_form(object(), {})
    zunyi = region_tree().get("520300")  # a region is its code and name, not its whole subtree
    assert stable_form(zunyi, {}).startswith("<division ('520300', '遵义市', ")


def test_the_code_fingerprint_follows_the_build_code_not_the_importer(tmp_path):
    """An importer-only change (it writes reports/, not site/) keeps the previous site; a change to
    any code the build runs does not."""
    hooks = tmp_path / "hooks"
    shutil.copytree(ROOT / "hooks" / "archive", hooks / "archive", ignore=shutil.ignore_patterns("__pycache__"))
    probe = ("import types, archive; from archive.speed.kept_pages import code_fingerprint; "
             f"assert archive.__file__.startswith({str(hooks)!r}), archive.__file__; "
             "print(code_fingerprint(types.SimpleNamespace(theme=types.SimpleNamespace(dirs=[]))))")

    def fingerprint() -> str:
        result = run([PYTHON, "-c", probe], cwd=tmp_path, env={"PYTHONPATH": str(hooks)})
        assert result.returncode == 0, result.stderr[-2000:]
        return result.stdout.strip()

    first = fingerprint()
    assert fingerprint() == first
    (hooks / "archive" / "importer" / "years.py").write_text("# edited\n", encoding="utf-8")
    assert fingerprint() == first
    search = hooks / "archive" / "search" / "fold.py"
    search.write_text(search.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert fingerprint() != first
