#!/usr/bin/env python3
"""Generate a synthetic archive for tests and benchmarks, from the sample reports' paragraphs.

    python scripts/synth.py --count 10000 --out /tmp/synth/reports [--seed 1] [--from reports/]

Reports are made by recombining paragraphs of the real sample reports, spread over years
(about 8% 年份不详), real GB/T 2260 regions (about 15% 地区不详), units named after their
region, every category, and a few drafts. The same seed always gives the same files.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from pathlib import Path

import _paths  # noqa: F401
from archive.regions import COUNTY, PREFECTURE, region_tree
from archive.schema import split_front_matter
from archive.settings import load_settings

UNIT_KINDS = ["科协", "科技局", "科技局机关党总支", "总工会", "科协党组", "第一中学", "机车厂科协", "农技协", "妇联", "团委"]
TAGS = ["党建", "工会", "科普", "青少年", "知识产权", "妇女儿童", "学会", "人才", "农村", "科技创新", "企业"]
DRAFT_SHARE = 0.01


def paragraph_pool(reports_dir: Path) -> list[str]:
    """Every non-trivial paragraph of the sample reports' bodies."""
    pool = []
    for path in sorted(reports_dir.rglob("*.md")):
        front, body, _ = split_front_matter(path.read_text(encoding="utf-8-sig"))
        if front is None:
            continue
        pool += [p.strip() for p in body.split("\n\n") if len(p.strip()) >= 20]
    if not pool:
        sys.exit(f"no sample paragraphs found under {reports_dir}")
    return pool


def generate(count: int, out: Path, seed: int, sample_dir: Path, categories: list[str]) -> None:
    rng = random.Random(seed)
    pool = paragraph_pool(sample_dir)
    tree = region_tree()
    places = sorted((d for d in tree.by_code.values() if d.level in (PREFECTURE, COUNTY)), key=lambda d: d.code)
    places = rng.sample(places, min(400, len(places)))
    # A few hundred units per thousand reports, each tied to one place (or none) for life.
    units = []
    for i in range(max(20, count // 4)):
        place = None if rng.random() < 0.15 else rng.choice(places)
        kind = rng.choice(UNIT_KINDS)
        name = f"{place.name}{kind}" if place else f"{rng.choice(['县', '区', '市', '某厂', '某校'])}{kind}{i}"
        units.append((name, place))
    if out.exists():
        shutil.rmtree(out)
    for n in range(count):
        unit, place = rng.choice(units)
        year = None if rng.random() < 0.08 else rng.randint(1995, 2025)
        category = categories[min(int(rng.expovariate(1.0)), len(categories) - 1)]
        body = "\n\n".join(rng.sample(pool, rng.randint(4, 12)))
        folder = str(year) if year else "unknown"
        lines = [
            "---",
            f"title: {unit}{year or ''}{'年' if year else ''}{category}",
            f"unit: {unit}",
            f"year: {year if year else 'null'}",
            f"category: {category}",
        ]
        if place:
            lines.append(f"region: {place.path_name}")
        lines.append(f"tags: [{', '.join(rng.sample(TAGS, rng.randint(0, 3)))}]")
        lines.append(f"source: 合成样例 {seed}-{n}")
        if rng.random() < DRAFT_SHARE:
            lines.append("draft: true")
        lines += ["---", "", body, ""]
        path = out / folder / f"r{n:06d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(lines), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True, help="folder to (re)create with the reports")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--from", dest="sample", type=Path, default=None, help="sample reports (default: reports/)")
    args = parser.parse_args(argv)
    settings = load_settings(_paths.PROJECT_DIR / "mkdocs.yml")
    generate(args.count, args.out, args.seed, args.sample or settings.reports_dir, list(settings.categories))
    print(f"{args.count} reports written to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
