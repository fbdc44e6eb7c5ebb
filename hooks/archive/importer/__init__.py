"""The importer: raw work-report pages and documents → clean, split, described reports.

Plain Python (no MkDocs), one concept per module, in pipeline order:

- `decode`     read .txt/.md/.html/.htm/.docx in UTF-8, UTF-8 with BOM or GB18030/GBK into lines of text;
- `clean`      drop website chrome and pinyin annotations, remembering every line dropped;
  (`chrome`: the hand rules; `line_features` + `line_model`: the learned classifier combined with them);
- `split`      cut a compilation into reports at explicit markers and unmarked boundaries;
- `metadata`   find title, unit, year, region, category and tags where the text states them;
- `duplicates` recognise exact and near duplicates (MinHash LSH over character shingles);
- `writer`     turn a described report into Markdown with front matter, never overwriting;
- `pipeline`   the steps above for one input file, and for a batch against an archive.
"""

from .pipeline import ImportedFile, ImportedReport, Importer

__all__ = ["ImportedFile", "ImportedReport", "Importer"]
