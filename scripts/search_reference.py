"""The reference for search correctness: a plain substring scan over every published report.

Deliberately independent of the index code: folding here calls OpenCC on each character itself,
and the searchable fields are read straight from the front matter.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path

import opencc
import yaml

_T2S = opencc.OpenCC("t2s")
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_NOTE = re.compile(rf"(?<=[^\s(（])[(（](?=[^)）]*[{_TONED}])[a-zü{_TONED}]{{1,6}}(?: [a-zü{_TONED}]{{1,6}}){{0,3}}[)）]")
QUERIES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "search" / "queries.txt"


@functools.lru_cache(maxsize=None)
def _char(c: str) -> str:
    if "\uff01" <= c <= "\uff5e":
        c = chr(ord(c) - 0xFEE0)
    if "A" <= c <= "Z":
        c = c.lower()
    s = _T2S.convert(c)
    c = s if len(s) == 1 else c
    return c if unicodedata.category(c)[0] in "LN" else ""


def fold(text: str) -> str:
    return "".join(_char(c) for c in _NOTE.sub("", text))


def queries() -> list[str]:
    return [line.strip() for line in QUERIES.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


def load(reports_dir: Path, regions=None) -> list[tuple[str, list[str], dict]]:
    """(path, folded fields, front matter) of every non-draft report."""
    from archive.labels import unit_label
    from archive.regions import region_tree

    regions = regions or region_tree()
    out = []
    for path in sorted(reports_dir.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        _, front, body = text.split("---", 2)
        meta = yaml.safe_load(front)
        if meta.get("draft") is True:
            continue
        fields = [meta["title"], unit_label(meta["unit"]), f"{meta['year']}年" if meta.get("year") else "年份不详", meta["category"]]
        fields += regions.resolve(meta["region"]).path_name.split("/") if meta.get("region") else ["地区不详"]
        fields += [str(meta.get("date") or ""), str(meta.get("source") or ""), *(meta.get("tags") or []), body]
        out.append(("reports/" + path.relative_to(reports_dir).as_posix(), [fold(f) for f in fields], meta))
    return out


def scan(corpus, query: str) -> set[str]:
    terms = [t for t in (fold(p) for p in query.split()) if t]
    return {path for path, fields, _ in corpus if terms and all(any(t in f for f in fields) for t in terms)}
