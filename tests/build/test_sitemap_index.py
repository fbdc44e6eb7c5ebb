"""Sitemaps by the protocol: past `sitemap_max_urls` URLs, sitemap.xml is an index of sitemap
files of at most that many URLs each, every URL of the site in exactly one of them, with real dates."""

from __future__ import annotations

import gzip
import os
import subprocess
import xml.etree.ElementTree as ET

from conftest import built_synthetic_archive

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def _committed(project) -> None:
    """The reports committed on 2021-06-01, so that every page has a git date."""
    env = {**os.environ, "GIT_AUTHOR_DATE": "2021-06-01T12:00:00+00:00", "GIT_COMMITTER_DATE": "2021-06-01T12:00:00+00:00",
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    for args in (["init", "-q"], ["add", "reports"], ["commit", "-q", "-m", "reports"]):
        subprocess.run(["git", *args], cwd=project.path, env=env, check=True, capture_output=True)


def _lower_limit(project, limit: int) -> None:
    config = (project.path / "mkdocs.yml").read_text(encoding="utf-8")
    assert "    page_size: 100\n" in config
    (project.path / "mkdocs.yml").write_text(config.replace("    page_size: 100\n", f"    page_size: 100\n    sitemap_max_urls: {limit}\n"),
                                             encoding="utf-8")


def test_a_2000_report_archive_gets_a_sitemap_index_of_files_within_the_limit(tmp_path):
    limit = 500
    site = built_synthetic_archive(tmp_path / "synth", 2000, seed=5, before_build=lambda p: (_committed(p), _lower_limit(p, limit)))
    index = ET.parse(site.site / "sitemap.xml").getroot()
    assert index.tag == f"{SM}sitemapindex"
    parts = index.findall(f"{SM}sitemap")
    assert len(parts) >= 2000 // limit
    urls, lastmods = [], []
    for part in parts:
        loc = part.find(f"{SM}loc").text
        assert loc.startswith("https://example.org/sitemaps/sitemap-")
        path = site.site / loc.removeprefix("https://example.org/")
        root = ET.parse(path).getroot()
        assert root.tag == f"{SM}urlset"
        entries = root.findall(f"{SM}url")
        assert 1 <= len(entries) <= limit
        dates = [e.find(f"{SM}lastmod").text for e in entries if e.find(f"{SM}lastmod") is not None]
        lastmod = part.find(f"{SM}lastmod")
        assert (lastmod.text if lastmod is not None else None) == max(dates, default=None)
        lastmods.append(lastmod)
        with gzip.open(path.with_name(path.name + ".gz")) as f:
            assert f.read() == path.read_bytes()
        urls += [e.find(f"{SM}loc").text for e in entries]
    assert len(urls) == len(set(urls))
    assert all(m is not None and m.text == "2021-06-01" for m in lastmods)
    # every report page is listed (a moved report's redirect page is not a page to index)
    report_pages = {p.parent.relative_to(site.site).as_posix() + "/" for p in (site.site / "reports").rglob("index.html")
                    if 'name="robots" content="noindex"' not in p.read_text(encoding="utf-8")}
    listed = {u.removeprefix("https://example.org/") for u in urls}
    assert len(report_pages) > 1500 and report_pages <= listed


def test_below_the_limit_sitemap_xml_is_the_sitemap_itself(sample_site):
    root = ET.parse(sample_site.site / "sitemap.xml").getroot()
    assert root.tag == f"{SM}urlset"
    assert not (sample_site.site / "sitemaps").exists()


def test_a_limit_over_the_protocols_is_refused(project):
    _lower_limit(project, 60_000)
    project.write("a.md", "---\ntitle: 甲\nunit: 某县科协\nyear: 2015\ncategory: 工作总结\n---\n\n正文。\n")
    result = project.build()
    assert result.returncode != 0
    assert "sitemap_max_urls must be at most 50000" in result.stderr
    assert "Traceback" not in result.stderr
