#!/usr/bin/env python3
"""Check report files against the schema: one line per problem, exit 1 on any error.

    python scripts/validate.py                 # the whole archive (reports/ of mkdocs.yml)
    python scripts/validate.py reports/2015/   # only files below these paths (the rest is still read,
                                               # so that URL clashes with other files are found)
    python scripts/validate.py --review        # the editors' queue: drafts and reports with review notes
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

import _paths  # puts hooks/ on sys.path; shared CLI options
from archive.catalogue import load_catalogue


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", help="report files or folders to report on (default: all)")
    _paths.add_config_option(parser)
    parser.add_argument("--reports", help="reports folder (default: extra.archive.reports_dir of mkdocs.yml)")
    parser.add_argument("--review", action="store_true", help="list drafts and reports carrying review notes")
    args = parser.parse_args(argv)

    settings = _paths.settings_or_exit(args.config)
    if args.reports:
        settings = dataclasses.replace(settings, reports_dir=Path(args.reports).resolve())
    project_dir = Path(args.config).resolve().parent
    catalogue = load_catalogue(settings, project_dir=project_dir)

    if args.review:
        return print_review_queue(catalogue, project_dir)

    selected = [Path(p).resolve() for p in args.paths]
    shown = [p for p in catalogue.problems if not selected or _within(project_dir / p.path, selected)]
    outside = [p for p in selected if not _within(p, [settings.reports_dir])]
    checked_outside = 0
    if outside:  # an editor checks a report before moving it into the archive
        from archive.catalogue import check_loose_files

        loose, checked_outside = check_loose_files(outside, settings, project_dir)
        shown += loose
    for problem in shown:
        print(problem)
    errors = [p for p in shown if not p.warning]
    total = len(catalogue.reports) + len(catalogue.drafts) + checked_outside
    print(f"{total} valid report(s) ({len(catalogue.drafts)} draft), {len(errors)} error(s), "
          f"{len(shown) - len(errors)} warning(s)", file=sys.stderr)
    return 1 if errors else 0


def print_review_queue(catalogue, project_dir: Path) -> int:
    """Drafts and reports whose importer or editor left `review` notes: what editors still owe."""
    reports_dir = catalogue.settings.reports_dir.relative_to(project_dir).as_posix()
    queue = [r for r in catalogue.drafts + catalogue.reports if r.draft or r.review]
    for report in sorted(queue, key=lambda r: r.source_path):
        state = "draft" if report.draft else "published"
        print(f"{reports_dir}/{report.source_path}: {state}: {report.title}")
        for note in report.review:
            print(f"    review: {note}")
    print(f"{len(queue)} report(s) waiting for an editor", file=sys.stderr)
    return 0


def _within(path: Path, selected: list[Path]) -> bool:
    path = path.resolve()
    return any(path == s or s in path.parents for s in selected)


if __name__ == "__main__":
    sys.exit(main())
