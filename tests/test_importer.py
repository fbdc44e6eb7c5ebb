"""The importer (issue 4) on the real seeds and on small fixtures made here: splitting, metadata,
cleaning, encodings and formats, duplicates, idempotence and never overwriting."""

from __future__ import annotations

import contextlib
import io
import json
import os
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT / "hooks"))
sys.path.insert(0, str(PROJECT / "scripts"))

import import_reports  # noqa: E402
from archive.importer.duplicates import DuplicateIndex  # noqa: E402
from archive.importer.script import traditional  # noqa: E402
from archive.regions import region_tree  # noqa: E402
from archive.schema import parse_report  # noqa: E402
from archive.settings import load_settings  # noqa: E402

SEEDS = Path(os.environ.get("ARCHIVE_SEEDS_DIR") or Path(__file__).resolve().parent / "fixtures" / "seeds")
TRUTH = {k: v for k, v in json.loads((PROJECT / "tests" / "fixtures" / "import" / "truth.json").read_text(encoding="utf-8")).items()
         if not k.startswith("_")}
EXPECTED_COUNTS = {"000": 1, "001": 17, "002": 9, "003": 5, "004": 13}


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


@pytest.fixture(scope="module")
def seeds_json(tmp_path_factory) -> dict[str, dict]:
    assert SEEDS.is_dir() and list(SEEDS.glob("*.txt")), f"no seeds in {SEEDS}: set ARCHIVE_SEEDS_DIR"
    tmp = tmp_path_factory.mktemp("dry")
    results = dry_json(tmp, *sorted(SEEDS.glob("*.txt")))
    return {Path(r["file"]).name[:3]: r for r in results}


def by_start(result: dict) -> dict[int, dict]:
    return {r["start_line"]: r for r in result["reports"]}


# -- splitting ---------------------------------------------------------------------------------

@pytest.mark.parametrize("prefix,count", sorted(EXPECTED_COUNTS.items()))
def test_reports_split_out_of_each_seed(seeds_json, prefix, count):
    assert len(seeds_json[prefix]["reports"]) == count


@pytest.mark.parametrize("prefix", sorted(EXPECTED_COUNTS))
def test_boundaries_match_truth(seeds_json, prefix):
    starts = [r["start_line"] for r in seeds_json[prefix]["reports"]]
    assert starts == [t["start"] for t in TRUTH[prefix]]


def test_json_interface_keys(seeds_json):
    result = seeds_json["000"]
    assert {"file", "reports", "removed_lines"} <= set(result)
    keys = {"title", "unit", "year", "region", "category", "tags", "review", "body_start", "body_chars", "duplicate_of"}
    assert keys <= set(result["reports"][0])
    assert len(result["reports"][0]["body_start"]) == 30


# -- metadata ----------------------------------------------------------------------------------

def test_zunyi_region_and_anonymised_year(seeds_json):
    report = by_start(seeds_json["001"])[405]
    assert report["unit"] == "遵义市科协"
    assert report["region"] == "贵州省/遵义市"
    assert report["year"] is None
    assert any("20**年" in note for note in report["review"])


def test_traditional_report_keeps_its_script_and_year(seeds_json):
    first = seeds_json["003"]["reports"][0]
    assert first["year"] == 2015
    assert first["title"] == "科技局機關黨總支工作報告"
    assert first["unit"] == "科技局機關黨總支"
    second = seeds_json["003"]["reports"][1]
    assert second["title"] == "科技局工會工作總結"


def test_no_region_from_places_merely_mentioned(seeds_json):
    locomotive = seeds_json["000"]["reports"][0]  # an outing to 张家界 is not the factory's region
    assert locomotive["unit"] == "机车厂科协" and locomotive["region"] is None
    for prefix, result in seeds_json.items():
        for report in result["reports"]:
            assert report["region"] is None or not report["region"].endswith(("张家界市", "平湖市"))


def test_no_invented_year_and_no_wrong_region(seeds_json):
    for prefix, labels in TRUTH.items():
        reports = by_start(seeds_json[prefix])
        for label in labels:
            report = reports[label["start"]]
            if report["year"] is not None:
                assert report["year"] == label["year"], (prefix, label["start"])
            if report["region"] is not None:
                assert report["region"] == label["region"], (prefix, label["start"])


def test_every_stated_year_found(seeds_json):
    for prefix, labels in TRUTH.items():
        reports = by_start(seeds_json[prefix])
        for label in labels:
            if label["year"] is not None:
                assert reports[label["start"]]["year"] == label["year"], (prefix, label["start"])


def test_taipinghu_is_not_pinghu(tmp_path):
    raw = tmp_path / "taipinghu.txt"
    raw.write_text("太平湖景区管委会2016年工作总结\n2016年，太平湖景区管委会在区委、区政府的领导下，"
                   "围绕平湖旅游发展，开展科普宣传和环境整治工作，组织游客参观太平湖。\n", encoding="utf-8")
    report = dry_json(tmp_path, raw)[0]["reports"][0]
    assert report["year"] == 2016
    assert report["region"] is None


def test_chinese_numeral_year(tmp_path):
    raw = tmp_path / "cn.txt"
    raw.write_text("二〇〇九年县科协工作总结\n二〇〇九年，县科协在县委的领导下，认真开展科普工作，取得较好成绩。"
                   "全年举办科普讲座十二次，培训农民三千人次。\n", encoding="utf-8")
    report = dry_json(tmp_path, raw)[0]["reports"][0]
    assert report["year"] == 2009
    assert report["category"] == "工作总结"



def test_unit_the_text_makes_the_subject_of_its_work(seeds_json, tmp_path):
    expected = {("002", 327): "临沂市科技馆", ("002", 353): "网络安全工作委员会", ("002", 67): "心理实践社",
                ("004", 100): "温度医化中心"}
    for (prefix, start), unit in expected.items():
        report = by_start(seeds_json[prefix])[start]
        assert report["unit"] == unit
        assert any(note.startswith("unit:") and unit in note for note in report["review"])
    assert by_start(seeds_json["002"])[327]["region"] == "山东省/临沂市"
    assert by_start(seeds_json["001"])[53]["unit"] is None  # 我村… and 页岩油化工厂…: two bodies speak
    raw = tmp_path / "centre.txt"
    text = ("工作计划\n一、加强队伍建设\n年内，城东检测中心积极组织人员参加培训和能力比对，提高检测水平，"
            "全年参加比对三次，取得满意结果。\n二、拓展业务\n今年我中心到市外检测十余次，业务收入稳步增长。\n")
    raw.write_text(text, encoding="utf-8")
    report = dry_json(tmp_path, raw)[0]["reports"][0]
    assert report["unit"] == "城东检测中心" and any("城东检测中心" in n for n in report["review"])
    raw.write_text(text + "三、我村科普\n我村科普示范户增加。\n", encoding="utf-8")
    assert dry_json(tmp_path / "b", raw)[0]["reports"][0]["unit"] is None

# -- cleaning ----------------------------------------------------------------------------------

def test_boilerplate_lines_removed(seeds_json):
    removed = [line for r in seeds_json.values() for line in r["removed_lines"]]
    for expected in ("首页 > 范文大全 > 正文", "文档为doc格式", "[bookmark: _Toc1]", "中词库 / www.zciku.com"):
        assert expected in removed
    assert any(line.startswith("开篇:") for line in removed)
    assert any(line.startswith("来源：网络") for line in removed)
    assert any(line.startswith("前言:") for line in removed)


def test_site_text_and_page_numbers_inside_lines_removed(seeds_json, tmp_path):
    removed = seeds_json["004"]["removed_lines"]
    assert "(更多内容请访问首页：)" in removed and "- 1 -" in removed
    raw = tmp_path / "page.txt"
    raw.write_text("遵义市科协工作总结\n今年我们打好(更多内容请访问首页：)了基础,加强 - 2 -\n科技宣传工作。第1-3项已完成。\n", encoding="utf-8")
    report = dry_json(tmp_path, raw)[0]["reports"][0]
    assert report["body_start"].startswith("今年我们打好了基础,加强") and "更多" not in report["body_start"]
    out = tmp_path / "reports"
    run("--out", out, raw)
    text = next(out.rglob("*.md")).read_text(encoding="utf-8")
    assert "更多内容" not in text and "- 2 -" not in text and "第1-3项已完成" in text


def test_pinyin_annotations_gone(tmp_path):
    out = tmp_path / "reports"
    code, _ = run("--out", out, seed("003"))
    assert code == 0
    texts = [p.read_text(encoding="utf-8") for p in out.rglob("*.md")]
    assert len(texts) == 5
    joined = "\n".join(texts)
    assert "(jié)" not in joined and "(shí)" not in joined
    assert "總結" in joined  # the traditional text itself is kept
    assert "導語" not in joined and "時間:2022" not in joined


# -- writing: schema, idempotence, never overwrite -----------------------------------------------

def test_written_reports_pass_schema_and_second_run_writes_nothing(tmp_path):
    out = tmp_path / "reports"
    settings = load_settings(PROJECT / "mkdocs.yml")
    code, _ = run("--out", out, *sorted(SEEDS.glob("*.txt")))
    assert code == 0
    files = sorted(out.rglob("*.md"))
    assert len(files) == sum(EXPECTED_COUNTS.values()) - 2  # two exact duplicates are skipped
    for path in files:
        rel = path.relative_to(out).as_posix()
        report, problems = parse_report(path.read_text(encoding="utf-8"), rel, rel, settings, region_tree())
        assert not problems, problems
    before = {p: p.read_bytes() for p in files}
    code, out_json = run("--json", "--out", out, *sorted(SEEDS.glob("*.txt")))
    assert code == 0
    assert {p: p.read_bytes() for p in out.rglob("*.md")} == before
    assert all(r["action"] != "write" for f in json.loads(out_json) for r in f["reports"])


def test_never_overwrites(tmp_path):
    out = tmp_path / "reports"
    planned = dry_json(tmp_path, seed("000"))[0]["reports"][0]["path"]
    target = Path(planned)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("---\ntitle: 编辑写的\nunit: 某单位\nyear: null\ncategory: 其他\n---\n\n编辑的文字。\n", encoding="utf-8")
    code, _ = run("--out", out, seed("000"))
    assert code == 0
    assert "编辑的文字" in target.read_text(encoding="utf-8")
    assert len(list(out.rglob("*.md"))) == 2


def test_dry_run_writes_nothing(tmp_path):
    dry_json(tmp_path, seed("001"))
    assert not (tmp_path / "reports").exists()


# -- formats and encodings ---------------------------------------------------------------------

REPORT = ("遵义市科协2016年工作总结\n2016年，遵义市科协在市委、市政府的领导下，认真开展科普工作，"
          "组织青少年科技创新大赛，举办学会学术交流活动十余次，培训农民五千人次，成绩显著。\n")


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8-sig", "utf-8"])
def test_text_encodings(tmp_path, encoding):
    raw = tmp_path / f"report-{encoding}.txt"
    raw.write_bytes(REPORT.encode(encoding))
    result = dry_json(tmp_path, raw)[0]
    assert "error" not in result
    report = result["reports"][0]
    assert (report["unit"], report["year"], report["region"]) == ("遵义市科协", 2016, "贵州省/遵义市")
    assert report["title"] == "遵义市科协2016年工作总结"
    assert not report["body_start"].startswith("\ufeff")


def test_html_input(tmp_path):
    raw = tmp_path / "page.html"
    heading, body = REPORT.split("\n")[:2]
    raw.write_bytes((f'<html><head><meta charset="gbk"><title>范文网</title><script>alert(1)</script></head><body>'
                     f'<nav>首页 &gt; 范文 &gt; 正文</nav><h1>{heading}</h1><p>{body}</p>'
                     f'<footer>版权所有</footer></body></html>').encode("gbk"))
    report = dry_json(tmp_path, raw)[0]["reports"][0]
    assert report["title"] == heading and report["year"] == 2016
    assert "alert" not in report["body_start"]


def test_docx_input(tmp_path):
    import docx

    document = docx.Document()
    heading, body = REPORT.split("\n")[:2]
    document.add_heading(heading, level=1)
    document.add_paragraph(body)
    raw = tmp_path / "report.docx"
    document.save(raw)
    report = dry_json(tmp_path, raw)[0]["reports"][0]
    assert (report["title"], report["unit"], report["region"]) == (heading, "遵义市科协", "贵州省/遵义市")


def test_undecodable_file_is_a_clear_error_others_still_import(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02binary\xff\xfe\x00")
    good = tmp_path / "good.txt"
    good.write_text(REPORT, encoding="utf-8")
    code, out = run("--dry-run", "--json", "--out", tmp_path / "reports", bad, good)
    results = json.loads(out)
    assert code == 1
    assert "bad.txt" in results[0]["error"]
    assert len(results[1]["reports"]) == 1


# -- duplicates --------------------------------------------------------------------------------

def test_exact_duplicate_skipped_near_duplicate_flagged(tmp_path):
    out = tmp_path / "reports"
    original = seed("000").read_text(encoding="utf-8")
    first = tmp_path / "a.txt"
    first.write_text(original, encoding="utf-8")
    copy = tmp_path / "b.txt"  # same text, different whitespace and punctuation
    copy.write_text(original.replace("，", ",").replace("\n\n", "\n"), encoding="utf-8")
    near = tmp_path / "c.txt"
    near.write_text(original.replace("能力", "潜力").replace("潜力", "能力", 1).replace("经济", "经营", 3), encoding="utf-8")
    assert near.read_text(encoding="utf-8") != original
    code, out_json = run("--json", "--out", out, first, copy, near)
    results = json.loads(out_json)
    written = results[0]["reports"][0]
    assert written["action"] == "write"
    duplicate = results[1]["reports"][0]
    assert duplicate["action"] == "duplicate" and duplicate["duplicate_of"] == written["path"]
    flagged = results[2]["reports"][0]
    assert flagged["action"] == "write" and flagged["near_duplicate_of"] == written["path"]
    assert any(written["path"] in note for note in flagged["review"])
    assert len(list(out.rglob("*.md"))) == 2


def test_duplicate_index_exact_near_and_across_scripts():
    original = seed("000").read_text(encoding="utf-8")
    index = DuplicateIndex()
    index.add("a.md", original)
    assert index.find(original.replace("，", ",").replace("\n\n", "\n"))[0].exact  # punctuation and spacing only
    in_traditional = traditional(original)
    assert in_traditional != original
    match = index.find(in_traditional)[0]
    assert match.key == "a.md" and not match.exact and match.similarity >= 0.9  # same text, other script
    reworded = original.replace("能力", "潜力").replace("经济", "经营", 3)
    assert index.find(reworded)[0].key == "a.md"
    assert index.find(seed("003").read_text(encoding="utf-8"))[0] is None  # another report altogether


def test_seed_duplicates_found(seeds_json):
    reports = by_start(seeds_json["004"])
    assert reports[248]["duplicate_of"] is not None  # the same 工会 report a third time
    assert reports[143]["near_duplicate_of"] is not None  # the 能力/潜力 rewrite
