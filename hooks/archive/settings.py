"""The archive's settings: the `extra.archive` block of mkdocs.yml, declared once with defaults.

MkDocs hooks cannot declare options of their own, so the settings live under `extra:` and are
validated here, both for the build (in `on_config`) and for the command-line scripts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

DEFAULT_CATEGORIES = {
    "工作总结": "summary",
    "工作计划": "plan",
    "工作报告": "report",
    "述职报告": "duty-report",
    "其他": "other",
}

_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class SettingsError(ValueError):
    """A bad value under `extra.archive` in mkdocs.yml."""


@dataclass(frozen=True)
class ArchiveSettings:
    """Everything configurable about the archive, with the defaults a new archive gets."""

    reports_dir: Path
    """Folder of report Markdown files (absolute), `reports/` beside mkdocs.yml by default."""
    categories: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_CATEGORIES))
    """The controlled category vocabulary: Chinese name → ASCII URL slug. Defined only here."""
    page_size: int = 100
    """Entries per page of an index list before it is paginated."""
    latest_count: int = 10
    """How many reports the home page lists as latest additions."""
    sitemap_max_urls: int = 50_000
    """URLs per sitemap file; past that, sitemap.xml is an index of several (the protocol's limit)."""
    max_report_kb: int = 2000
    """Largest report file accepted: a bigger one is almost always a wrong paste, and slows every page."""
    cache_dir: Path | None = None
    """Where rendered report bodies are kept between builds (hooks/archive/rendered.py), absolute;
    `.cache/archive/` beside mkdocs.yml by default; None (`cache_dir: false`): not kept."""

    @property
    def max_report_bytes(self) -> int:
        return self.max_report_kb * 1000

    @classmethod
    def from_extra(cls, extra: dict | None, config_dir: Path) -> ArchiveSettings:
        block = (extra or {}).get("archive") or {}
        if not isinstance(block, dict):
            raise SettingsError("extra.archive must be a mapping")
        unknown = set(block) - {"reports_dir", "categories", "page_size", "latest_count", "max_report_kb", "cache_dir",
                             "sitemap_max_urls"}
        if unknown:
            raise SettingsError(f"extra.archive: unknown setting(s) {sorted(unknown)}")
        categories = block.get("categories", DEFAULT_CATEGORIES)
        if not isinstance(categories, dict) or not categories:
            raise SettingsError("extra.archive.categories must map each category name to a URL slug")
        for name, slug in categories.items():
            if not isinstance(name, str) or not isinstance(slug, str) or not _SLUG.match(slug):
                raise SettingsError(
                    f"extra.archive.categories: {name!r}: {slug!r} is not a slug (lowercase ASCII letters, digits, '-')"
                )
        if len(set(categories.values())) != len(categories):
            raise SettingsError("extra.archive.categories: two categories share a slug")
        settings = {}
        for key in ("page_size", "latest_count", "max_report_kb", "sitemap_max_urls"):
            if key in block:
                value = block[key]
                if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                    raise SettingsError(f"extra.archive.{key} must be a positive integer, not {value!r}")
                settings[key] = value
        if settings.get("sitemap_max_urls", 1) > 50_000:
            raise SettingsError("extra.archive.sitemap_max_urls must be at most 50000 (the sitemap protocol's limit)")
        reports_dir = (config_dir / block.get("reports_dir", "reports")).resolve()
        cache_dir = block.get("cache_dir", ".cache/archive")
        if cache_dir is False or cache_dir is None:
            settings["cache_dir"] = None
        elif isinstance(cache_dir, str) and cache_dir.strip():
            settings["cache_dir"] = (config_dir / cache_dir).resolve()
        else:
            raise SettingsError(f"extra.archive.cache_dir must be a folder path or false, not {cache_dir!r}")
        return cls(reports_dir=reports_dir, categories=dict(categories), **settings)


class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml outside MkDocs: MkDocs-specific tags (`!ENV`, `!relative`) become plain values."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def load_settings(config_file: Path) -> ArchiveSettings:
    """Settings for scripts run outside a build (validator, importer, benchmarks)."""
    config_file = Path(config_file).resolve()
    with open(config_file, encoding="utf-8") as f:
        text = f.read()
    check_duplicate_settings(text)
    config = yaml.load(text, Loader=_TolerantLoader) or {}
    return ArchiveSettings.from_extra(config.get("extra"), config_file.parent)


def check_duplicate_settings(text: str) -> None:
    """YAML keeps the last of two equal keys without a word: under `extra.archive` (a category
    given twice, say) that is an error. Raises SettingsError naming the line."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return  # MkDocs (or the loader above) says what is wrong with the file
    block = _child(_child(root, "extra"), "archive")
    if block is not None:
        _no_duplicates(block, "extra.archive")


def _child(node, key: str):
    if not isinstance(node, yaml.MappingNode):
        return None
    for key_node, value in node.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
            return value
    return None


def _no_duplicates(node, where: str) -> None:
    if isinstance(node, yaml.MappingNode):
        seen = set()
        for key_node, value in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else repr(key_node.value)[:40]
            if key in seen:
                raise SettingsError(f"line {key_node.start_mark.line + 1}: {where}.{key} is given twice (each key once)")
            seen.add(key)
            _no_duplicates(value, f"{where}.{key}")
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _no_duplicates(item, where)
