"""Each page's HTML released once the page is written (archive/speed/release.py), against stock
MkDocs, which keeps every page's body until the build ends: the same bytes written, the bodies
gone afterwards, and what MkDocs' anchor check after the pages reads of each page the same."""

from __future__ import annotations

import logging

import mkdocs.commands.build as mkdocs_build
from mkdocs.config import load_config

from conftest import ArchiveProject, report
from speed.test_switch import first_difference, site_files


def build_in_process(project: ArchiveProject, monkeypatch, speedups: str) -> list:
    """`mkdocs build` of the project in this process; the pages MkDocs built, as it left them."""
    monkeypatch.setenv("ARCHIVE_SPEEDUPS", speedups)
    built = []
    real = mkdocs_build._build_page

    def recording(page, *args, **kwargs):
        built.append(page)
        return real(page, *args, **kwargs)

    monkeypatch.setattr(mkdocs_build, "_build_page", recording)
    mkdocs_build.build(load_config(str(project.path / "mkdocs.yml"), site_dir=str(project.site)))
    monkeypatch.undo()
    return built


def anchors(page) -> tuple:
    """What MkDocs' anchor check after the pages reads of a page."""
    links = {to.src_uri: dict(found) for to, found in (page.links_to_anchors or {}).items()}
    return sorted(page.present_anchor_ids or ()), links


def test_bodies_released_after_writing_same_bytes_and_anchors_kept(tmp_path, monkeypatch):
    sites, checked = {}, {}
    for name, speedups in (("fast", "1"), ("stock", "0")):
        project = ArchiveProject(tmp_path / name)
        project.write("2015/zunyi.md", report(body="## 工作回顾\n\n正文第一段，见[另一份](../2016/zunyi.md#zhu-yao-cheng-ji)。\n"))
        project.write("2016/zunyi.md", report(year="2016", title="遵义市科协2016年工作总结",
                                              body="## 主要成绩\n\n正文第二段。\n"))
        pages = build_in_process(project, monkeypatch, speedups)
        reports = sorted((p for p in pages if p.file.src_uri.startswith("reports/")), key=lambda p: p.file.src_uri)
        assert len(reports) == 2
        if speedups == "1":
            assert all(p.content is None for p in reports), [p.file.src_uri for p in reports if p.content is not None]
            assert all(not list(p.toc) for p in reports)
        else:  # stock MkDocs keeps every page's body and table of contents
            assert all(isinstance(p.content, str) and "正文" in p.content for p in reports)
            assert all(list(p.toc) for p in reports)
        checked[name] = [anchors(p) for p in reports]
        sites[name] = project
    assert checked["fast"] == checked["stock"]
    assert checked["fast"][0][1] == {"reports/2016/zunyi.md": {"user-content-zhu-yao-cheng-ji": "../2016/zunyi.md#zhu-yao-cheng-ji"}}
    assert "user-content-zhu-yao-cheng-ji" in checked["fast"][1][0]
    got, want = site_files(sites["fast"]), site_files(sites["stock"])
    assert sorted(got) == sorted(want) and len(want) > 50
    differing = [name for name in want if got[name] != want[name]]
    assert not differing, f"{differing[:5]}: {first_difference(got[differing[0]], want[differing[0]])}"
