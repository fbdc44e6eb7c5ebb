#!/usr/bin/env python3
"""HTML input, main-content extraction (trafilatura) against the whole page's text.

    .venv/bin/python scripts/bench_html_import.py            # the pages of tests/fixtures/import/html/
    .venv/bin/python scripts/bench_html_import.py --pages    # and one line per page

For every page of the HTML test set (tests/fixtures/import/html/manifest.yaml: which lines are
report text, which are chrome) it decodes the page twice, as the importer's first stage does:
once through trafilatura (archive.importer.decode.read_document, whatever extractor it settles on)
and once as today's whole-page text, and prints for each:

  chrome reaching the pipeline: chrome lines found in the decoded text / chrome lines of the pages
  report lines kept:            report lines found in the decoded text / report lines of the pages

A labelled line is "found" when a line of the decoded text equals it (whitespace ignored) or, for
lines of 8 characters or more, when a line that is not itself another labelled line (nor the
<title>) contains it: an extractor may join lines. The page's <title>, which
the trafilatura path puts first on purpose, is counted apart. The HTML test set is BUILT from the
corpus's tune pages (see its README.md), not saved web pages: read the figures with that in mind.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

import _paths  # noqa: F401  (the project folder; `archive` is installed by make install)
from archive.importer.decode import _html_decode, _normalise, read_document, whole_page_text

ROOT = Path(__file__).resolve().parent.parent
HTML = ROOT / "tests" / "fixtures" / "import" / "html"
_MIN_CONTAINED = 8


def _key(text: str) -> str:
    return "".join(text.split())


def found(label: str, lines: list[str], index: set[str], others: set[str]) -> bool:
    """Whether a labelled line reached the decoded text: as a line of its own or, when it is long
    enough, inside a line that is not itself another labelled line or the <title>."""
    key = _key(label)
    if key in index:
        return True
    return len(key) >= _MIN_CONTAINED and any(key in line for line in lines if line not in others)


def score(text: str, page: dict) -> dict[str, int]:
    lines = [_key(line) for line in text.split("\n")]
    lines = [line for line in lines if line]
    index = set(lines)
    report = [_key(line) for line in page["report_lines"] if _key(line)]
    chrome = [_key(line) for line in page["chrome_lines"] if _key(line)]
    title = _key(page["title"])
    return {
        "report": len(report), "report_kept": sum(found(line, lines, index, set(chrome) | {title}) for line in report),
        "chrome": len(chrome), "chrome_kept": sum(found(line, lines, index, set(report) | {title}) for line in chrome),
        "title_kept": int(title in index),
    }


def whole_page(path: Path) -> str:
    from bs4 import BeautifulSoup

    markup, _ = _html_decode(path.read_bytes(), str(path))
    return _normalise(whole_page_text(BeautifulSoup(markup, "html.parser")))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", action="store_true", help="one line per page as well")
    parser.add_argument("--dir", type=Path, default=HTML, help="folder with manifest.yaml and the pages")
    args = parser.parse_args(argv)
    manifest = yaml.safe_load((args.dir / "manifest.yaml").read_text(encoding="utf-8"))
    totals = {name: {"report": 0, "report_kept": 0, "chrome": 0, "chrome_kept": 0, "title_kept": 0}
              for name in ("trafilatura", "whole page")}
    fallbacks = []
    for page in manifest["pages"]:
        path = args.dir / page["file"]
        document = read_document(path)
        if document.extractor != "trafilatura":
            fallbacks.append(f"{page['file']}: {document.extractor_note}")
        results = {"trafilatura": score(document.text, page), "whole page": score(whole_page(path), page)}
        for name, result in results.items():
            for key, value in result.items():
                totals[name][key] += value
        if args.pages:
            cells = "  ".join(f"{name}: chrome {r['chrome_kept']:2d}/{r['chrome']:2d}, report {r['report_kept']:2d}/{r['report']:2d}"
                              for name, r in results.items())
            print(f"{page['file']:<28} [{page['layout']:<5} {document.extractor}] {cells}")
    pages = len(manifest["pages"])
    print(f"{pages} HTML pages (built from the corpus's tune pages; {sum(len(p['report_lines']) for p in manifest['pages'])} report lines, "
          f"{sum(len(p['chrome_lines']) for p in manifest['pages'])} chrome lines)")
    print(f"{'':<14}{'chrome reaching the pipeline':>32}{'report lines kept':>24}{'<title> line first':>22}")
    for name, t in totals.items():
        chrome = f"{t['chrome_kept']}/{t['chrome']} = {t['chrome_kept'] / t['chrome']:.1%}"
        report = f"{t['report_kept']}/{t['report']} = {t['report_kept'] / t['report']:.1%}"
        print(f"{name:<14}{chrome:>32}{report:>24}{t['title_kept']:>19}/{pages}")
    for line in fallbacks:
        print(f"fell back to the whole page: {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
