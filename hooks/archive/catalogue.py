"""The catalogue: every report of the archive, read and validated in one pass, then grouped.

Two phases, as in Pelican: first read and check every file (collecting every problem), then
group. Nothing here knows about MkDocs; the hooks and the scripts both use it.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from pathlib import Path

from .accounting import docs_report_problems, ignored_report_problems
from .regions import Division, RegionTree, region_tree
from .links import link_problems, loose_file_problems
from .files import PathNamer, below, hidden_reports, read_report_file, report_files, shown_path
from .schema import Problem, Report, check_path, parse_report
from .settings import ArchiveSettings
from .slugs import pinyin_initial, pinyin_slug, unique_slugs
from .urls import UNKNOWN as UNKNOWN_SEGMENT

UNKNOWN = None
"""The year, region or unit of a report that does not state it (年份不详 / 地区不详 / 单位不详)."""

RESERVED_UNIT_SLUGS = frozenset({UNKNOWN_SEGMENT, "by-initial", "by-region"})
"""URL segments below units/ that are the site's own (the 单位不详 bucket, the unit groups):
a unit whose pinyin is one of them gets a hash appended, as homophones do."""


def report_order(report: Report) -> tuple:
    """Newest first; reports without a year last; then by date, title and path for a stable order."""
    return (
        report.year is None,
        -(report.year or 0),
        -(report.date.toordinal() if report.date else 0),
        report.title,
        report.slug,
    )


def timeline_order(report: Report) -> tuple:
    """Oldest first, 年份不详 last: the order a unit's history is read in."""
    return (report.year is None, report.year or 0, report.date or dt.date.min, report.slug)


@dataclass
class Unit:
    """An issuing unit (科协, 科技局, 工会 …) and its reports, as a timeline."""

    name: str
    slug: str
    reports: list[Report] = field(default_factory=list)

    @property
    def initial(self) -> str:
        return pinyin_initial(self.name)

    @property
    def timeline(self) -> list[Report]:
        return sorted(self.reports, key=timeline_order)


@dataclass
class RegionNode:
    """A division that has reports, with the reports filed under it and below it."""

    division: Division | None
    """None for the 地区不详 bucket."""
    children: dict[str, RegionNode] = field(default_factory=dict)
    reports: list[Report] = field(default_factory=list)
    """Reports of this division and every division below it."""

    @property
    def sorted_children(self) -> list[RegionNode]:
        return sorted(self.children.values(), key=lambda n: n.division.code)


@dataclass
class Catalogue:
    """All reports, grouped the ways readers browse them."""

    settings: ArchiveSettings
    reports: list[Report]
    """Published (non-draft) reports, newest first."""
    drafts: list[Report]
    problems: list[Problem]
    """Every problem found; those with `warning=False` fail the build."""
    by_slug: dict[str, Report] = field(init=False)

    def __post_init__(self) -> None:
        self.reports.sort(key=report_order)
        self.by_slug = {r.slug: r for r in self.reports}

    def redirects(self) -> list[tuple[str, Report]]:
        """(old slug, report) for every moved report, in a stable order."""
        return sorted(((old, r) for r in self.reports for old in r.redirect_from), key=lambda pair: pair[0])

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if not p.warning]

    def by_year(self) -> list[tuple[int | None, list[Report]]]:
        """Years newest first, 年份不详 last."""
        groups: dict[int | None, list[Report]] = {}
        for report in self.reports:
            groups.setdefault(report.year, []).append(report)
        return sorted(groups.items(), key=lambda kv: (kv[0] is None, -(kv[0] or 0)))

    def by_category(self) -> list[tuple[str, list[Report]]]:
        """In the vocabulary's own order, each category with its reports (possibly none)."""
        groups: dict[str, list[Report]] = {name: [] for name in self.settings.categories}
        for report in self.reports:
            groups[report.category].append(report)
        return list(groups.items())

    def units(self) -> list[Unit]:
        """Every unit with a published report, by pinyin. Reports that name no unit (单位不详)
        are no unit of their own: see `unknown_unit`."""
        groups: dict[str, list[Report]] = {}
        for report in self.reports:
            if report.unit is not None:
                groups.setdefault(report.unit, []).append(report)
        units = [Unit(name, self.unit_slugs[name], reports) for name, reports in groups.items()]
        return sorted(units, key=lambda u: (u.slug, u.name))

    def unknown_unit(self) -> list[Report]:
        """The reports that name no issuing body (单位不详), in the catalogue's order."""
        return [report for report in self.reports if report.unit is None]

    @functools.cached_property
    def unit_slugs(self) -> dict[str, str]:
        """Each unit's URL slug (pinyin; made unique across the catalogue; never a reserved segment)."""
        names = sorted({report.unit for report in self.reports if report.unit is not None})
        return unique_slugs(names, reserved=RESERVED_UNIT_SLUGS)

    def unit_slug(self, unit: str | None) -> str | None:
        """The unit's slug; None (the 单位不详 bucket, `urls.unit_url(None)`) for no unit."""
        return None if unit is None else self.unit_slugs[unit]

    def region_tree(self) -> RegionNode:
        """Root node: provinces below it, and an `unknown` child (地区不详) when some report has no region."""
        root = RegionNode(division=None)
        unknown = RegionNode(division=None)
        for report in self.reports:
            root.reports.append(report)
            if report.region is None:
                unknown.reports.append(report)
                continue
            node = root
            for division in report.region.path:
                node = node.children.setdefault(division.code, RegionNode(division))
                node.reports.append(report)
        root.unknown = unknown  # type: ignore[attr-defined]
        return root

    def same_unit(self, report: Report) -> list[Report]:
        """The unit's reports as a timeline (the report itself included), in the unit page's order;
        none for a report that names no unit (单位不详 is not a unit with a history)."""
        if report.unit is None:
            return []
        return self._timelines[report.unit]

    @functools.cached_property
    def _timelines(self) -> dict[str, list[Report]]:
        index: dict[str, list[Report]] = {}
        for report in self.reports:
            if report.unit is not None:
                index.setdefault(report.unit, []).append(report)
        return {unit: sorted(reports, key=timeline_order) for unit, reports in index.items()}


def load_catalogue(settings: ArchiveSettings, regions: RegionTree | None = None,
                   project_dir: Path | None = None, current_year: int | None = None,
                   cache=None) -> Catalogue:
    """Read and check every file under the reports folder; never stop at the first problem.
    `cache` (get/put by path) may hold earlier results (archive.speed.preview.ParseCache)."""
    regions = regions or region_tree()
    root = settings.reports_dir
    project_dir = project_dir or root.parent
    reports: list[Report] = []
    drafts: list[Report] = []
    problems: list[Problem] = []
    claimed: dict[str, str] = {}

    if not root.is_dir():
        problems.append(Problem(str(root), None, "reports_dir", "the reports folder does not exist",
                                "a folder of .md reports, set by extra.archive.reports_dir"))
        return Catalogue(settings, reports, drafts, problems)

    for path in hidden_reports(root):
        problems.append(Problem(shown_path(path, project_dir), None, "file name",
                                "is hidden (a name starting with '.' is never published)",
                                "rename the file or its folder so that no part starts with '.', or mark it draft: true"))
    files = report_files(root)
    problems += ignored_report_problems(files, root, project_dir)
    problems += docs_report_problems(project_dir / "docs", project_dir, root)
    name = PathNamer(project_dir)
    shown_as: dict[str, str] = {}
    for path, source_path in zip(files, below(files, root)):
        shown = shown_as[source_path] = name(path)
        problem = _check_location(path, root, source_path, shown)
        if problem:
            problems.append(problem)
            continue
        cached = cache.get(path) if cache else None
        if cached is None:
            report, found = _read_report(path, source_path, shown, settings, regions, current_year, cache)
        else:
            report, found = cached
        problems.extend(found)
        if report is None:
            continue
        if report.slug in claimed:
            problems.append(Problem(shown, None, "url", f"reports/{report.slug}/ is also the URL of {claimed[report.slug]}",
                                    "rename one of the two files (URLs ignore upper/lower case)"))
            continue
        claimed[report.slug] = shown
        (drafts if report.draft else reports).append(report)
    problems += _redirect_clashes(reports, claimed, shown_as)
    problems += link_problems(reports, {r.source_path: shown_as[r.source_path] for r in reports}, project_dir / "docs")
    problems.sort()
    return Catalogue(settings, reports, drafts, problems)


def _read_report(path, source_path, shown, settings, regions, current_year, cache) -> tuple[Report | None, list[Problem]]:
    text, problem = read_report_file(path, shown, settings.max_report_bytes)
    if problem:
        return None, [problem]
    report, found = parse_report(text, source_path, shown, settings, regions, current_year)
    if cache is not None:
        cache.put(path, path.stat(), report, found, text)
    return report, found


def _redirect_clashes(reports: list[Report], claimed: dict[str, str], shown_as: dict[str, str]) -> list[Problem]:
    """An old URL that redirects must not be a live report's URL, nor redirect to two places."""
    problems = []
    redirected: dict[str, str] = {}
    for report in reports:
        shown = shown_as[report.source_path]
        for old in report.redirect_from:
            if old in claimed:
                problems.append(Problem(shown, None, "redirect_from", f"reports/{old}/ is the URL of {claimed[old]}",
                                        "only paths no report uses any more"))
            elif old in redirected:
                problems.append(Problem(shown, None, "redirect_from", f"reports/{old}/ already redirects to {redirected[old]}",
                                        "each old path in one report's redirect_from"))
            else:
                redirected[old] = shown
    return problems


def _check_location(path: Path, root: Path, source_path: str, shown: str) -> Problem | None:
    if path.is_symlink():
        target = path.resolve()
        if not path.exists():
            return Problem(shown, None, "file", f"is a link to {target}, which does not exist",
                           "a real file inside reports/; remove the link or copy the text")
        if not target.is_relative_to(root.resolve()) or path.is_dir():
            return Problem(shown, None, "file", f"is a link to {target}, outside the reports folder",
                           "a real file inside reports/; copy the text instead of linking")
        return Problem(shown, None, "file", f"is a link to reports/{target.relative_to(root.resolve()).as_posix()}, "
                       "which is published at its own URL already",
                       "one real file per report; to keep an old URL working, use redirect_from in the report")
    if path.is_dir():
        return Problem(shown, None, "file", "is a linked folder", "real folders inside reports/")
    return check_path(source_path, shown)


def check_loose_files(paths: list[Path], settings: ArchiveSettings, project_dir: Path,
                      regions: RegionTree | None = None) -> tuple[list[Problem], int]:
    """Check report files outside the reports folder (before they are moved in): every `.md` file
    at or below `paths`, by the same schema. Returns the problems and how many files were valid."""
    regions = regions or region_tree()
    problems: list[Problem] = []
    valid = 0
    for given in paths:
        if given.is_dir():
            files = [p for p in sorted(given.rglob("*.md")) if p.is_file()]
        elif given.exists():
            files = [given]
        else:
            problems.append(Problem(str(given), None, "file", "does not exist", "a report file or a folder of them"))
            continue
        for path in files:
            shown = shown_path(path, project_dir)
            source_path = path.relative_to(given).as_posix() if given.is_dir() else path.name
            problem = check_path(source_path, shown)
            if problem:
                problems.append(problem)
                continue
            report, found = _read_report(path, source_path, shown, settings, regions, None, None)
            if report is not None:
                found += loose_file_problems([report], {source_path: shown})
            problems += found
            valid += report is not None and not any(not p.warning for p in found)
    return problems, valid
