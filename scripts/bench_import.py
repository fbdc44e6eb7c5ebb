#!/usr/bin/env python3
"""Measure the importer against hand-labelled real pages (tests/fixtures/import/corpus.yaml).

    python scripts/bench_import.py [--split tune|test|seeds] [--json] [--errors]

The manifest lists each page with its split: `tune` (sites whose errors may be looked at while
changing the importer), `test` (sites never looked at: the figure to report) and `seeds` (the five
pages the first rules were written on). For each split it runs `import_reports.py --dry-run --json`
(the stable interface) and prints: report boundaries found, pages with the exact report count,
chrome lines removed and report lines wrongly removed, unit, year (stated years found, years
invented), category, and region precision and recall. Units are right when they name the same
body (`unit_key`: script, masks and long/short forms of a name aside). `--errors` lists each miss, and refuses the
test split (looking at its errors would make it a tune split).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import re
import sys
import tempfile
import time
from pathlib import Path

import yaml

import _paths
import import_reports
from archive.text import simplified

MANIFEST = _paths.PROJECT_DIR / "tests" / "fixtures" / "import" / "corpus.yaml"
SPLITS = ("tune", "test", "seeds")


def load_manifest(path: Path = MANIFEST) -> list[dict]:
    pages = yaml.safe_load(path.read_text(encoding="utf-8"))["pages"]
    for page in pages:
        page["path"] = (path.parent / page["file"]).resolve()
    return pages


def run_importer(paths: list[Path]) -> tuple[dict[str, dict], float]:
    with tempfile.TemporaryDirectory() as tmp:
        out = io.StringIO()
        started = time.perf_counter()
        with contextlib.redirect_stdout(out):
            import_reports.main(["--dry-run", "--json", "--out", str(Path(tmp) / "reports"), *map(str, paths)])
        return {str(Path(r["file"]).resolve()): r for r in json.loads(out.getvalue())}, time.perf_counter() - started


def _norm(value):
    return simplified(value) if isinstance(value, str) else value


_MASK = re.compile(r"[xX×*＊_＿\s]+")
_LONG_FORMS = (("科学技术协会", "科协"), ("科学技术局", "科技局"))


def unit_key(name: str | None) -> str | None:
    """Two names of the same body compare equal: simplified script, masks of an anonymised name
    left out (`XX县科协` = `县科协`: the two labellers wrote masks differently), and the long and
    short forms of a name (`全椒县科学技术协会` = `全椒县科协`)."""
    if name is None:
        return None
    key = _MASK.sub("", simplified(name))
    for long, short in _LONG_FORMS:
        key = key.replace(long, short)
    return key


def _line_count(path: Path) -> int:
    return len(path.read_text(encoding="utf-8-sig", errors="replace").split("\n"))


def report_lines(page: dict, texts: list[str]) -> set[int]:
    """Lines of report text by the labels: from each report's first body line up to the next
    report's heading, less chrome, blank lines and a cut-off heading."""
    chrome = set(page.get("chrome") or [])
    reports = page["reports"]
    lines = set()
    for i, report in enumerate(reports):
        end = len(texts)
        if i + 1 < len(reports):
            nxt = reports[i + 1]
            end = (nxt.get("heading_line") or nxt["start"]) - 1
        for no in range(report["start"], end + 1):
            if no not in chrome and texts[no - 1].strip(" \t\u3000") and no != page.get("cut_heading_line"):
                lines.add(no)
    return lines


def matches(predicted: dict, label: dict) -> bool:
    """The predicted report starts where the labelled one does (at its heading or first body line)."""
    first_body = predicted["body_lines"][0] if predicted.get("body_lines") else predicted["start_line"]
    earliest = label.get("heading_line") or label["start"]
    return earliest <= first_body <= label["start"] or predicted["start_line"] in (earliest, label["start"])


def measure(pages: list[dict], results: dict[str, dict], errors: list[str] | None = None) -> dict:
    t = dict.fromkeys(("pages", "exact_pages", "reports", "found", "chrome", "chrome_removed", "text_lines",
                       "text_removed", "unit_ok", "category_ok", "year_stated", "year_found", "year_invented",
                       "region_predicted", "region_right", "region_stated", "region_recalled", "unit_written", "unit_written_ok",
                       "unit_wrong_unflagged", "unit_right_flagged"), 0)
    note = errors.append if errors is not None else (lambda _: None)
    for page in pages:
        result = results[str(page["path"])]
        texts = page["path"].read_text(encoding="utf-8-sig").split("\n")
        predicted = result["reports"]
        kept = {no for r in predicted for no in r.get("body_lines", [])}
        t["pages"] += 1
        t["exact_pages"] += len(predicted) == len(page["reports"])
        if len(predicted) != len(page["reports"]):
            note(f"{page['file']}: {len(predicted)} reports found, {len(page['reports'])} labelled")
        if page.get("chrome") is not None:
            chrome = set(page["chrome"])
            t["chrome"] += len(chrome)
            t["chrome_removed"] += len(chrome - kept)
            for no in sorted(chrome & kept):
                note(f"{page['file']}:{no}: chrome kept: {texts[no - 1][:40]}")
            text = report_lines(page, texts)
            t["text_lines"] += len(text)
            t["text_removed"] += len(text - kept)
            for no in sorted(text - kept):
                note(f"{page['file']}:{no}: report text removed: {texts[no - 1][:40]}")
        for label in page["reports"]:
            t["reports"] += 1
            found = next((r for r in predicted if matches(r, label)), None)
            if found is None:
                note(f"{page['file']}:{label['start']}: report not found ({label.get('heading')})")
                continue
            t["found"] += 1
            for name, key in (("unit", unit_key), ("category", _norm)):
                ok = key(found[name]) == key(label[name])
                t[f"{name}_ok"] += ok
                if not ok:
                    note(f"{page['file']}:{label['start']}: {name} {found[name]!r}, labelled {label[name]!r}")
                if name == "unit" and found["unit"] is not None:
                    t["unit_written"] += 1
                    t["unit_written_ok"] += ok
                    # a wrong unit no review note points at: what an editor would publish unawares
                    noted = any(n.startswith("unit") for n in found.get("review", []))
                    t["unit_wrong_unflagged"] += not ok and not noted
                    # a right unit an editor is still asked to check: the cost of the notes
                    t["unit_right_flagged"] += ok and noted
            if label["year"] is not None:
                t["year_stated"] += 1
                t["year_found"] += found["year"] == label["year"]
            if found["year"] is not None and found["year"] != label["year"]:
                t["year_invented"] += 1
            if found["year"] != label["year"]:
                note(f"{page['file']}:{label['start']}: year {found['year']!r}, labelled {label['year']!r}")
            truth = label.get("region")
            if found["region"] is not None:
                t["region_predicted"] += 1
                right = truth is not None and (truth == found["region"] or truth.startswith(found["region"] + "/"))
                t["region_right"] += right
            if truth is not None:
                t["region_stated"] += 1
                t["region_recalled"] += found["region"] == truth
            if found["region"] != truth:
                note(f"{page['file']}:{label['start']}: region {found['region']!r}, labelled {truth!r}")
    return t


def _pct(a: int, b: int) -> str:
    return f"{100 * a / b:.0f} % ({a}/{b})" if b else "-"


def summary(t: dict) -> dict[str, str]:
    return {
        "boundaries": _pct(t["found"], t["reports"]),
        "exact count": _pct(t["exact_pages"], t["pages"]),
        "chrome removed": _pct(t["chrome_removed"], t["chrome"]),
        "text removed": _pct(t["text_removed"], t["text_lines"]),
        "unit": _pct(t["unit_ok"], t["found"]),
        "unit precision": _pct(t["unit_written_ok"], t["unit_written"]),
        "wrong unit, no note": _pct(t["unit_wrong_unflagged"], t["unit_written"]),
        "right unit, noted": _pct(t["unit_right_flagged"], t["unit_written_ok"]),
        "year stated found": _pct(t["year_found"], t["year_stated"]),
        "years invented": str(t["year_invented"]),
        "category": _pct(t["category_ok"], t["found"]),
        "region precision": _pct(t["region_right"], t["region_predicted"]),
        "region recall": _pct(t["region_recalled"], t["region_stated"]),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--manifest", type=Path, default=MANIFEST)
    parser.add_argument("--split", choices=SPLITS, action="append", help="only this split (repeatable)")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--errors", action="store_true", help="list every miss (tune and seeds splits only)")
    parser.add_argument("--added", metavar="TEXT", help="only pages whose `added:` label contains TEXT (a corpus "
                                                         "round, e.g. 'sixth round': its pages as a fresh sample)")
    args = parser.parse_args(argv)
    splits = args.split or list(SPLITS)
    if args.errors and "test" in splits:
        parser.error("--errors lists the misses of the tune and seeds splits only: give --split tune or --split seeds")
    pages = [p for p in load_manifest(args.manifest) if p["split"] in splits and (args.added or "") in (p.get("added") or "")]
    results, seconds = run_importer([p["path"] for p in pages])
    figures, errors = {}, []
    for split in splits:
        chosen = [p for p in pages if p["split"] == split]
        sites = len({p.get("website", p["site"]) for p in chosen})
        figures[split] = {"pages": len(chosen), "sites": sites,
                          **summary(measure(chosen, results, errors if args.errors else None))}
    if args.json:
        print(json.dumps({"splits": figures, "seconds": round(seconds, 2)}, ensure_ascii=False, indent=2))
        return 0
    for split, f in figures.items():
        print(f"{split} ({f['pages']} pages, {f['sites']} sites)")
        for name, value in f.items():
            if name not in ("pages", "sites"):
                print(f"  {name:<18} {value}")
    for line in errors:
        print(line)
    print(f"time: {seconds:.2f} s for {len(pages)} pages (region tree load included)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
