#!/usr/bin/env python3
"""Import raw work-report pages and documents into the archive as Markdown reports.

    python scripts/import_reports.py raw/page.html raw/folder/        # write into reports/
    python scripts/import_reports.py --dry-run --json raw/*.txt         # write nothing; print JSON
    python scripts/import_reports.py --out reports/2024-batch/ raw/

Accepts .txt, .md, .html/.htm and .docx in UTF-8 (with or without BOM) or GB18030/GBK. Cleans
website chrome and pinyin annotations, splits compilations into reports, finds the metadata the
text states (null plus a review note where it does not), skips exact duplicates and flags near
ones. Never overwrites a file; running it again on the same input writes nothing new.

--json prints one object per input file: {"file", "reports": [{"title", "unit", "year", "region",
"category", "tags", "review", "body_start", "body_chars", "duplicate_of", …}], "removed_lines"}.
Exit status: 0 when every file was read, 1 when some file could not be read or a report was invalid,
2 when the command cannot start (no input files, bad settings, a missing or damaged model file:
--line-model / --unit-model try another one).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import _paths  # puts hooks/ on sys.path; shared CLI options
from archive.importer import Importer
from archive.labels import UNKNOWN_REGION, unit_label, year_label
from archive.importer import line_model, unit_model
from archive.importer.linear import ModelError
from archive.importer.metadata import FIELDS, FOUND, NOT_STATED, UNSURE
from archive.importer.pipeline import ALREADY_IMPORTED, DUPLICATE, INVALID, WRITE, input_files
from archive.regions import region_tree


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("inputs", nargs="+", metavar="FILE_OR_DIR", help="raw documents, or folders of them")
    parser.add_argument("--dry-run", action="store_true", help="write nothing; show what would be written")
    parser.add_argument("--json", action="store_true", help="print the result as JSON (the stable interface)")
    parser.add_argument("--out", help="reports folder to write into (default: extra.archive.reports_dir of mkdocs.yml)")
    parser.add_argument("--line-model", metavar="JSON", help="chrome-line model file to use instead of the shipped line-model.json")
    parser.add_argument("--unit-model", metavar="JSON", help="unit-ranker model file to use instead of the shipped unit-model.json")
    _paths.add_config_option(parser)
    args = parser.parse_args(argv)
    _models_or_exit(args)

    settings = _paths.settings_or_exit(args.config)
    out_dir = Path(args.out).resolve() if args.out else settings.reports_dir
    project_dir = Path(args.config).resolve().parent
    files = input_files([Path(p) for p in args.inputs])
    if not files:
        print("no input files", file=sys.stderr)
        return 2

    importer = Importer(settings, region_tree(), out_dir, project_dir)
    results = []
    progress = _progress(files, quiet=args.json)
    for path in progress:
        imported = importer.run(path)
        if not args.dry_run and not imported.error:
            importer.write(imported)
        results.append(imported)

    if args.json:
        json.dump([r.to_json() for r in results], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print_summary(results, dry_run=args.dry_run)
    failed = any(r.error for r in results) or any(rep.action == INVALID for r in results for rep in r.reports)
    return 1 if failed else 0


def _models_or_exit(args) -> None:
    """Read and check both model files before any page is imported: a missing, damaged or
    mismatched file is a one-line error (file, field, what is wrong, what is accepted, how to
    regenerate it) and exit status 2, with nothing written."""
    for model, path in ((line_model.MODEL, args.line_model), (unit_model.MODEL, args.unit_model)):
        try:
            model.read_from(Path(path)) if path else model.shipped()
        except ModelError as e:
            print(f"error: {e}", file=sys.stderr)
            sys.exit(2)


def _progress(files: list[Path], quiet: bool):
    if quiet or len(files) < 2:
        return files
    from tqdm import tqdm

    return tqdm(files, desc="importing", unit="file", file=sys.stderr)


def print_summary(results, dry_run: bool) -> None:
    """Per file: reports found, written, skipped; per field: found / not stated / unsure."""
    verb = "would write" if dry_run else "written"
    header = f"{'file':<32} {'reports':>7} {verb:>11} {'dup':>4} {'old':>4}  " + "  ".join(f"{f:<8}" for f in FIELDS)
    print(header)
    print(f"{'':<32} {'':>7} {'':>11} {'':>4} {'':>4}  " + "  ".join(f"{'f/n/u':<8}" for _ in FIELDS))
    print("-" * len(header))
    for result in results:
        name = Path(result.file).name
        name = name if len(name) <= 32 else name[:29] + "..."
        if result.error:
            print(f"{name:<32} error: {result.error}")
            continue
        reports = result.reports
        counts = {a: sum(1 for r in reports if r.action == a) for a in (WRITE, DUPLICATE, ALREADY_IMPORTED, INVALID)}
        cells = []
        for field_name in FIELDS:
            statuses = [r.status[field_name] for r in reports]
            cells.append(f"{statuses.count(FOUND)}/{statuses.count(NOT_STATED)}/{statuses.count(UNSURE)}".ljust(8))
        print(f"{name:<32} {len(reports):>7} {counts[WRITE]:>11} {counts[DUPLICATE]:>4} {counts[ALREADY_IMPORTED]:>4}  " + "  ".join(cells))
    print()
    for result in results:
        if result.error:
            continue
        print(f"{result.file}: {len(result.reports)} report(s), {len(result.removed_lines)} line(s) of website chrome dropped")
        for r in result.reports:
            where = r.path if r.action in (WRITE, INVALID) else f"skipped: {r.action} of {r.duplicate_of}"
            print(f"  line {r.start_line:>4}  {r.title}  [{unit_label(r.unit)} · {year_label(r.year)} · {r.region or UNKNOWN_REGION} · {r.category}]  → {where}")
            for problem in r.problems:
                print(f"      error: {problem}")
            notes = len(r.review)
            if notes:
                print(f"      {notes} review note(s)")
    written = sum(1 for r in results for rep in r.reports if rep.action == WRITE)
    errors = sum(1 for r in results if r.error)
    print(f"\n{written} report(s) {verb}; {errors} file(s) could not be read", file=sys.stderr)


def _run() -> int:
    """`main`, with a reader that stops reading (`… --json | head`) ending it quietly, as other
    command-line tools do, instead of with a traceback."""
    try:
        code = main()
        sys.stdout.flush()
        return code
    except BrokenPipeError:
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit
        return 1


if __name__ == "__main__":
    sys.exit(_run())
