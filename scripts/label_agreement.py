#!/usr/bin/env python3
"""How far two people labelling the importer's corpus agree, and how the importer scores against each.

    python scripts/label_agreement.py [--split tune|test] [--errors] [--json]

The first labels are the corpus manifest's (tests/fixtures/import/corpus.yaml); the second are
`tests/fixtures/import/audit/second-labels.yaml`, made by someone who saw neither the first labels
nor the importer's output, for the same reports (their boundaries copied from the first labels).
A field still `TODO` there is not yet labelled and is left out, and so is a report marked
`blind: false` (its first labels were shown to the second labeller as examples). For each split and field (unit,
year, region, category) it prints:

- `labellers agree`: the share of reports both labelled alike (units compared as bench_import
  compares them: simplified script, masks and long/short forms aside);
- `importer = first`, `importer = second`: the importer's value equal to either label;
- `where they agree`: the importer's score on the reports the two labellers agree on, the figure
  that label noise does not cap.

Agreement bounds what a figure against one labeller can say: a unit figure of 54 % means little
if two labellers agree on 70 %. `--errors` lists the disagreements of the tune split only (the
test split's pages are never looked at while the importer changes).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import yaml

import _paths
import bench_import

SECOND = _paths.PROJECT_DIR / "tests" / "fixtures" / "import" / "audit" / "second-labels.yaml"
FIELDS = ("unit", "year", "region", "category")
TODO = "TODO"


class LabelError(ValueError):
    pass


def load_second(path: Path = SECOND) -> dict[tuple[str, int], dict]:
    """The second labels by (page file, first body line)."""
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    labels: dict[tuple[str, int], dict] = {}
    for page in doc.get("pages") or []:
        for report in page.get("reports") or []:
            key = (page["file"], report["start"])
            if key in labels:
                raise LabelError(f"{path}: {page['file']} lists the report starting on line {report['start']} twice")
            labels[key] = report
    return labels


def same(field: str, a, b) -> bool:
    if field == "unit":
        return bench_import.unit_key(a) == bench_import.unit_key(b)
    if field == "category":
        return bench_import._norm(a) == bench_import._norm(b)
    return a == b


def compare(pages: list[dict], second: dict[tuple[str, int], dict], results: dict[str, dict],
            disagreements: list[str] | None = None) -> dict[str, dict[str, int]]:
    """Counts per field: labelled by both, agreeing, importer equal to first / second, and on the
    agreed reports the importer's hits. A report the importer did not find counts as a miss."""
    counts = {f: dict.fromkeys(("both", "agree", "first", "second", "agreed_hit"), 0) for f in FIELDS}
    for page in pages:
        predicted = results[str(page["path"])]["reports"]
        for label in page["reports"]:
            other = second.get((page["file"], label["start"]))
            if other is None or other.get("blind") is False:
                continue  # not labelled twice, or labelled after seeing the first label
            found = next((r for r in predicted if bench_import.matches(r, label)), None)
            for field in FIELDS:
                if other.get(field) == TODO or field not in other:
                    continue
                c = counts[field]
                c["both"] += 1
                agree = same(field, label.get(field), other[field])
                c["agree"] += agree
                value = found[field] if found else TODO
                c["first"] += found is not None and same(field, value, label.get(field))
                c["second"] += found is not None and same(field, value, other[field])
                c["agreed_hit"] += agree and found is not None and same(field, value, label.get(field))
                if not agree and disagreements is not None:
                    disagreements.append(f"{page['file']}:{label['start']}: {field} first {label.get(field)!r}, "
                                         f"second {other[field]!r}, importer {value!r}")
    return counts


def summary(counts: dict[str, dict[str, int]]) -> dict[str, dict[str, str]]:
    pct = bench_import._pct
    return {field: {"labelled by both": str(c["both"]), "labellers agree": pct(c["agree"], c["both"]),
                    "importer = first": pct(c["first"], c["both"]), "importer = second": pct(c["second"], c["both"]),
                    "where they agree": pct(c["agreed_hit"], c["agree"])}
            for field, c in counts.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--manifest", type=Path, default=bench_import.MANIFEST)
    parser.add_argument("--second", type=Path, default=SECOND)
    parser.add_argument("--split", choices=("tune", "test"), action="append", help="only this split (repeatable)")
    parser.add_argument("--errors", action="store_true", help="list the disagreements (tune split only)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    splits = args.split or ["tune", "test"]
    if args.errors and "test" in splits:
        parser.error("--errors lists the tune split's disagreements only: give --split tune")
    try:
        second = load_second(args.second)
    except (OSError, yaml.YAMLError, LabelError, KeyError, TypeError) as e:
        print(f"error: {args.second}: cannot read the second labels: {e}", file=sys.stderr)
        return 2
    files = {f for (f, _), report in second.items() if any(report.get(k) != TODO for k in FIELDS)}
    pages = [p for p in bench_import.load_manifest(args.manifest) if p["split"] in splits and p["file"] in files]
    results, _ = bench_import.run_importer([p["path"] for p in pages])
    figures, disagreements = {}, []
    for split in splits:
        chosen = [p for p in pages if p["split"] == split]
        figures[split] = {"pages": len(chosen),
                          **summary(compare(chosen, second, results, disagreements if args.errors else None))}
    if args.json:
        print(json.dumps(figures, ensure_ascii=False, indent=2))
        return 0
    for split, f in figures.items():
        print(f"{split} ({f['pages']} pages labelled twice)")
        for field in FIELDS:
            print(f"  {field:<9}" + "  ".join(f"{k} {v}" for k, v in f[field].items()))
    for line in disagreements:
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
