#!/usr/bin/env python3
"""Measure the importer on the seeds against hand-made truth (tests/fixtures/import/truth.json).

    python scripts/bench_import.py [--seeds DIR] [--json]

Runs `import_reports.py --dry-run --json` (the stable interface) into an empty folder and prints,
per seed, reports split out vs truth; boundary precision/recall (marked and unmarked); accuracy of
unit, year, region and category; stated years found and years invented; wrong regions; time.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import sys
import tempfile
import time
from pathlib import Path

import _paths  # noqa: F401
import import_reports
from archive.text import simplified

TRUTH = _paths.PROJECT_DIR / "tests" / "fixtures" / "import" / "truth.json"


def default_seeds() -> Path:
    return Path(os.environ.get("ARCHIVE_SEEDS_DIR") or _paths.PROJECT_DIR / "tests" / "fixtures" / "seeds")


def run_importer(seeds: list[Path]) -> tuple[list[dict], float]:
    with tempfile.TemporaryDirectory() as tmp:
        out = io.StringIO()
        started = time.perf_counter()
        with contextlib.redirect_stdout(out):
            import_reports.main(["--dry-run", "--json", "--out", str(Path(tmp) / "reports"), *map(str, seeds)])
        return json.loads(out.getvalue()), time.perf_counter() - started


def _norm(value):
    return simplified(value) if isinstance(value, str) else value


def measure(results: list[dict], truth: dict) -> dict:
    figures: dict = {"seeds": {}}
    totals = {k: 0 for k in ("marked_truth", "marked_found", "unmarked_truth", "unmarked_found", "predicted_unmarked",
                             "unmarked_false", "reports", "unit_ok", "category_ok", "year_stated", "year_found",
                             "year_invented", "region_stated", "region_ok", "region_wrong", "region_missed", "matched")}
    for result in results:
        seed = Path(result["file"]).name[:3]
        labels = truth.get(seed)
        if labels is None:
            continue
        predicted = {r["start_line"]: r for r in result["reports"]}
        truth_starts = {t["start"]: t for t in labels}
        marked_starts = {t["start"] for t in labels if t["marked"]}
        seed_figures = {"split": len(result["reports"]), "truth": len(labels), "missed_starts": sorted(set(truth_starts) - set(predicted)),
                        "extra_starts": sorted(set(predicted) - set(truth_starts))}
        figures["seeds"][seed] = seed_figures
        totals["marked_truth"] += len(marked_starts)
        totals["marked_found"] += len(marked_starts & set(predicted))
        unmarked = set(truth_starts) - marked_starts
        totals["unmarked_truth"] += len(unmarked)
        totals["unmarked_found"] += len(unmarked & set(predicted))
        extra = set(predicted) - set(truth_starts)
        predicted_unmarked = {s for s in predicted if s not in marked_starts}
        totals["predicted_unmarked"] += len(predicted_unmarked)
        totals["unmarked_false"] += len(extra)
        for start, label in truth_starts.items():
            totals["reports"] += 1
            report = predicted.get(start)
            if report is None:
                continue
            totals["matched"] += 1
            totals["unit_ok"] += _norm(report["unit"]) == _norm(label["unit"])
            totals["category_ok"] += report["category"] == label["category"]
            if label["year"] is not None:
                totals["year_stated"] += 1
                totals["year_found"] += report["year"] == label["year"]
            if report["year"] is not None and report["year"] != label["year"]:
                totals["year_invented"] += 1
            if label["region"] is not None:
                totals["region_stated"] += 1
            if report["region"] is not None:
                if report["region"] == label["region"]:
                    totals["region_ok"] += 1
                else:
                    totals["region_wrong"] += 1
            elif label["region"] is not None:
                totals["region_missed"] += 1
    t = totals

    def ratio(a, b):
        return round(a / b, 3) if b else None

    figures["boundaries"] = {
        "marked_recall": ratio(t["marked_found"], t["marked_truth"]),
        "unmarked_recall": ratio(t["unmarked_found"], t["unmarked_truth"]),
        "unmarked_precision": ratio(t["predicted_unmarked"] - t["unmarked_false"], t["predicted_unmarked"]),
        "counts": f"marked {t['marked_found']}/{t['marked_truth']}, unmarked {t['unmarked_found']}/{t['unmarked_truth']}, "
                  f"false boundaries {t['unmarked_false']}",
    }
    figures["fields"] = {
        "unit_accuracy": ratio(t["unit_ok"], t["matched"]),
        "category_accuracy": ratio(t["category_ok"], t["matched"]),
        "years_stated_found": f"{t['year_found']}/{t['year_stated']}",
        "years_invented": t["year_invented"],
        "regions_stated_found": f"{t['region_ok']}/{t['region_stated']}",
        "regions_wrong": t["region_wrong"],
        "reports_matched": f"{t['matched']}/{t['reports']}",
    }
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds", type=Path, default=None, help="folder of seed files (default: tests/fixtures/seeds, a copy of ../shared/seeds, or $ARCHIVE_SEEDS_DIR)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    seeds_dir = args.seeds or default_seeds()
    seeds = sorted(seeds_dir.glob("*.txt"))
    if not seeds:
        print(f"no seeds in {seeds_dir}", file=sys.stderr)
        return 2
    truth = json.loads(TRUTH.read_text(encoding="utf-8"))
    results, seconds = run_importer(seeds)
    figures = measure(results, truth)
    figures["seconds"] = round(seconds, 2)
    if args.json:
        print(json.dumps(figures, ensure_ascii=False, indent=2))
        return 0
    print(f"{'seed':<6}{'split':>6}{'truth':>6}  missed starts / extra starts")
    for seed, f in figures["seeds"].items():
        print(f"{seed:<6}{f['split']:>6}{f['truth']:>6}  {f['missed_starts'] or '-'} / {f['extra_starts'] or '-'}")
    print("\nboundaries:", json.dumps(figures["boundaries"], ensure_ascii=False))
    print("fields:    ", json.dumps(figures["fields"], ensure_ascii=False))
    print(f"time:       {figures['seconds']} s for {len(seeds)} files (region tree load included)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
