"""The importer's steps for one input file, and for a batch against an existing archive.

`Importer.run(path)` reads, cleans, splits and describes one file and checks every report
against the archive and the batch so far; nothing is written until `Importer.write(file)`. Each
report is checked with the archive's own schema (`archive.schema.parse_report`) before it is
written; a report the schema refuses is reported, never written.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ..files import read_report_file, report_files
from ..regions import RegionTree
from ..schema import load_front_matter, parse_report, split_front_matter
from ..settings import ArchiveSettings
from . import writer
from .clean import clean
from .decode import WHOLE_PAGE, DecodeError, SUPPORTED_SUFFIXES, read_document
from .duplicates import DuplicateIndex
from .metadata import FIELDS, Describer
from .split import split

BODY_START_CHARS = 30

WRITE, DUPLICATE, ALREADY_IMPORTED, INVALID = "write", "duplicate", "already imported", "invalid"


@dataclass
class ImportedReport:
    """One report found in an input file, described, and what the importer will do with it."""

    title: str
    unit: str | None
    """None when the text names no unit: written as `unit: null` (单位不详), with a review note."""
    year: int | None
    region: str | None
    category: str
    tags: list[str]
    review: list[str]
    source: str
    paragraphs: list[str]
    start_line: int
    status: dict[str, str]
    """Per field: found, unsure or not stated."""
    body_lines: list[int] = field(default_factory=list)
    """Line numbers (in the decoded input) of the lines the body is made of."""
    year_comment: str | None = None
    path: str | None = None
    """Where it is (or would be) written, relative to the project; None when not written."""
    action: str = WRITE
    duplicate_of: str | None = None
    near_duplicate_of: str | None = None
    problems: list[str] = field(default_factory=list)

    @property
    def body_text(self) -> str:
        return "\n".join(self.paragraphs)

    def front_fields(self) -> dict:
        fields = {"title": self.title, "unit": self.unit, "year": self.year, "category": self.category}
        if self.region:
            fields["region"] = self.region
        fields["source"] = self.source
        if self.tags:
            fields["tags"] = self.tags
        if self.review:
            fields["review"] = self.review
        return fields

    def render(self) -> str:
        return writer.render(self.front_fields(), self.paragraphs, self.year_comment)

    def to_json(self) -> dict:
        body = "".join(p.strip() for p in self.paragraphs)
        return {
            "title": self.title, "unit": self.unit, "year": self.year, "region": self.region,
            "category": self.category, "tags": self.tags, "review": self.review,
            "body_start": body[:BODY_START_CHARS], "body_chars": len(body),
            "duplicate_of": self.duplicate_of,
            "near_duplicate_of": self.near_duplicate_of, "path": self.path, "action": self.action,
            "source": self.source, "start_line": self.start_line, "status": self.status,
            "problems": self.problems, "body_lines": self.body_lines,
        }


@dataclass
class ImportedFile:
    file: str
    reports: list[ImportedReport] = field(default_factory=list)
    removed_lines: list[str] = field(default_factory=list)
    removed_line_numbers: list[int] = field(default_factory=list)
    error: str | None = None
    encoding: str | None = None
    compilation_title: str | None = None

    def to_json(self) -> dict:
        data = {"file": self.file, "reports": [r.to_json() for r in self.reports], "removed_lines": self.removed_lines,
                "removed_line_numbers": self.removed_line_numbers}
        if self.error:
            data["error"] = self.error
        data["encoding"] = self.encoding
        return data


def input_files(paths: list[Path]) -> list[Path]:
    """Files named, and supported files inside folders named, in a stable order."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES
                                and not any(part.startswith(".") for part in p.relative_to(path).parts)))
        else:
            found.append(path)
    return found


class Importer:
    """Imports files into one reports folder, remembering what the archive and the batch hold."""

    def __init__(self, settings: ArchiveSettings, regions: RegionTree, out_dir: Path, project_dir: Path,
                 current_year: int | None = None):
        self.settings, self.regions = settings, regions
        self.out_dir, self.project_dir = Path(out_dir).resolve(), Path(project_dir).resolve()
        self.current_year = current_year or dt.date.today().year
        self.describer = Describer(regions, list(settings.categories), self.current_year)
        self.index = DuplicateIndex()
        self.sources: dict[str, str] = {}
        self.taken: set[str] = set()
        self._load_archive()

    def shown(self, relative: str) -> str:
        path = self.out_dir / relative
        try:
            return path.relative_to(self.project_dir).as_posix()
        except ValueError:
            return path.as_posix()

    def _load_archive(self) -> None:
        if not self.out_dir.is_dir():
            return
        for path in report_files(self.out_dir):  # the catalogue's own list and reader
            relative = path.relative_to(self.out_dir).as_posix()
            self.taken.add(relative.lower())
            if path.suffix != ".md" or not path.is_file():
                continue
            text, problem = read_report_file(path, relative)
            if problem:
                continue
            front, body, _ = split_front_matter(text)
            if front is None:
                continue
            shown = self.shown(relative)
            self.index.add(shown, body)
            data, _, problem = load_front_matter(front, relative)
            if problem is None and isinstance(data.get("source"), str):
                self.sources.setdefault(data["source"], shown)

    def run(self, path: Path) -> ImportedFile:
        """Read and describe one file; plan (but do not write) each report."""
        result = ImportedFile(str(path))
        try:
            document = read_document(path)
        except DecodeError as e:
            result.error = str(e)
            return result
        result.encoding = document.encoding
        cleaned = clean(document.text)
        parts = split(cleaned.lines)
        result.compilation_title = parts.compilation_title
        removed = sorted(cleaned.removed + parts.removed, key=lambda r: r.no)
        result.removed_lines = [r.text for r in removed]
        result.removed_line_numbers = sorted({r.no for r in removed})
        name = Path(path).name
        for part in parts.parts:
            if len(parts.parts) == 1 and not part.marker:
                label, source = "全文", name
            else:
                label = part.marker or f"第{part.index}篇"
                source_marker = part.marker or f"第{part.index}篇（原文未标）"
                source = f"{name}: {parts.compilation_title}, {source_marker}" if parts.compilation_title else f"{name}, {source_marker}"
            site_lines = [r.text for r in removed if r.no < part.start] if part is parts.parts[0] else []
            described = self.describer.describe(part.lines, part.marker_title, parts.compilation_title, label,
                                                only_report=len(parts.parts) == 1, site_lines=site_lines)
            paragraphs = [line.stripped for line in described.body_lines if line.stripped]
            if not paragraphs:
                continue
            review = described.review + part.notes
            if parts.truncated and part is parts.parts[-1]:
                review.append("text: the page ends in the middle of this report (no closing sentence or signature); "
                              "the text may be incomplete: compare with the source")
            if document.extractor == WHOLE_PAGE:
                review.append(f"source: {document.extractor_note}; check the report for the website's own text")
            year_comment = None
            if described.year.value is None and described.year.note and "anonymises" in described.year.note:
                year_comment = "the text anonymises the year: not stated"
            report = ImportedReport(
                title=str(described.title.value), unit=described.unit.value, year=described.year.value,
                region=described.region.value, category=str(described.category.value),
                tags=list(described.tags.value or []), review=review, source=source, paragraphs=paragraphs,
                start_line=part.start, year_comment=year_comment,
                body_lines=[line.no for line in described.body_lines if line.stripped],
                status={name: getattr(described, name).status for name in FIELDS},
            )
            self._place(report)
            result.reports.append(report)
        return result

    def _place(self, report: ImportedReport) -> None:
        """Decide: already imported, exact duplicate, or new (then where, with any near duplicate)."""
        if report.source in self.sources:
            report.action, report.duplicate_of = ALREADY_IMPORTED, self.sources[report.source]
            return
        match, signature = self.index.find(report.body_text)
        if match and match.exact:
            report.action, report.duplicate_of = DUPLICATE, match.key
            return
        if match:
            report.near_duplicate_of = match.key
            report.review.append(f"near-duplicate of {match.key} (similarity {match.similarity:.2f}): "
                                 "the same report with some words changed? keep one or say how they differ")
        category_slug = self.settings.categories.get(report.category, "other")
        relative = writer.plan_path(report.unit, report.year, category_slug, self.taken)
        report.path = self.shown(relative)
        text = report.render()
        parsed, problems = parse_report(text, relative, report.path, self.settings, self.regions, self.current_year)
        if problems:
            report.action = INVALID
            report.problems = [str(p) for p in problems]
            return
        self.index.add(report.path, report.body_text, signature)
        self.sources[report.source] = report.path

    def write(self, imported: ImportedFile) -> list[str]:
        """Write the file's new reports; return the paths written."""
        written = []
        for report in imported.reports:
            if report.action != WRITE or report.path is None:
                continue
            target = self.project_dir / report.path if not Path(report.path).is_absolute() else Path(report.path)
            try:
                writer.write_new(target, report.render())
            except FileExistsError:
                report.action = ALREADY_IMPORTED
                report.problems.append(f"{report.path} exists: not overwritten")
                continue
            written.append(report.path)
        return written
