"""What the importer tests share: the seed files and their hand-made labels, scripts/import_reports.py
run in-process, and a Hypothesis strategy of raw pages (tests/unit/test_importer_*.py,
tests/build/test_import_cli.py). The dry run of all seeds is the session fixture `seeds_json`
(tests/conftest.py)."""

from __future__ import annotations

import contextlib
import io
import json
import os
from pathlib import Path

import yaml
from hypothesis import strategies as st

import import_reports
from archive.settings import ArchiveSettings

PROJECT = Path(__file__).resolve().parents[1]
SEEDS = Path(os.environ.get("ARCHIVE_SEEDS_DIR") or Path(__file__).resolve().parent / "fixtures" / "seeds")
CORPUS = PROJECT / "tests" / "fixtures" / "import" / "corpus.yaml"
TRUTH = {Path(page["file"]).name[:3]: page["reports"]
         for page in yaml.safe_load(CORPUS.read_text(encoding="utf-8"))["pages"] if page["split"] == "seeds"}
"""The seeds' hand-made labels (the `seeds` group of the importer corpus), by file prefix."""
EXPECTED_COUNTS = {"000": 1, "001": 17, "002": 9, "003": 5, "004": 13}
SETTINGS = ArchiveSettings(reports_dir=PROJECT / "reports")

REPORT = ("遵义市科协2016年工作总结\n2016年，遵义市科协在市委、市政府的领导下，认真开展科普工作，"
          "组织青少年科技创新大赛，举办学会学术交流活动十余次，培训农民五千人次，成绩显著。\n")


def seed(prefix: str) -> Path:
    found = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    assert found, f"seed {prefix} missing from {SEEDS} (set ARCHIVE_SEEDS_DIR to the seeds folder)"
    return found[0]


def run(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = import_reports.main([*map(str, args)])
    return code, out.getvalue()


def dry_json(tmp_path: Path, *inputs: Path) -> list[dict]:
    code, out = run("--dry-run", "--json", "--out", tmp_path / "reports", *inputs)
    return json.loads(out)


def seeds_dry_run(tmp: Path) -> dict[str, dict]:
    """The dry run of every seed file, by the seed's three-digit prefix."""
    assert SEEDS.is_dir() and list(SEEDS.glob("*.txt")), f"no seeds in {SEEDS}: set ARCHIVE_SEEDS_DIR"
    results = dry_json(tmp, *sorted(SEEDS.glob("*.txt")))
    return {Path(r["file"]).name[:3]: r for r in results}


def by_start(result: dict) -> dict[int, dict]:
    return {r["start_line"]: r for r in result["reports"]}


page_lines = st.lists(st.one_of(
    st.sampled_from(["首页 > 范文大全 > 正文", "开篇:润墨网以专业的文秘视角", "时间:2022-05-28 来源:网络 作者:某某", "[bookmark: _Toc1]",
                     "科技局工作總結(jié)5篇", "篇一", "第2篇:县科协工作计划", "一、加强学会建设", "遵义市科协", "20xx年12月30日",
                     "二〇〇九年科协工作总结", "(更多内容请访问首页：)", "- 1 -", "", "   ", "（）", "(a)", "总结(zǒng jié)"]),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=60),
), max_size=40).map("\n".join)
"""Lines of a raw page: the boilerplate the importer knows, and any text."""
