"""scripts/import_reports.py as an editor runs it: a missing, damaged or mismatched model file is
one line naming the file, the field, what was wrong and what is accepted; no traceback, exit 2,
nothing written."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from archive.importer import line_model, unit_model

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "import_reports.py"
PAGE = "20xx年，县科协在县委的领导下，认真开展科普工作，取得了明显成效。\n\n县科协\n20xx年12月\n"


def shipped(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def damaged_unit_model(kind: str) -> str:
    data = shipped(unit_model.MODEL_PATH)
    first = next(iter(data["features"]))
    if kind == "bad json":
        return json.dumps(data)[:-40]
    if kind == "missing key":
        del data["threshold"]
    elif kind == "wrong length":
        data["features"].pop(first)
    elif kind == "unknown feature":
        data["features"]["made_up"] = data["features"].pop(first)
    elif kind == "bad value":
        data["features"][first]["mean"] = "0.5"
    elif kind == "the other model":
        data = shipped(line_model.MODEL_PATH)
    return json.dumps(data)


def run(tmp_path: Path, *options: str) -> subprocess.CompletedProcess:
    raw = tmp_path / "page.txt"
    raw.write_text(PAGE, encoding="utf-8")
    return subprocess.run([sys.executable, str(SCRIPT), "--out", str(tmp_path / "reports"), *options, str(raw)],
                          capture_output=True, text=True, timeout=120, cwd=ROOT)


@pytest.mark.parametrize(("kind", "field", "accepted"), [
    ("bad json", "line 1, column", "not valid JSON"),
    ("missing key", "field 'threshold': missing", "accepted: the keys combine, threshold, bias and features"),
    ("wrong length", "field 'features': ", "where the code has"),
    ("unknown feature", "unknown made_up", "accepted: the code's"),
    ("bad value", ".mean': str '0.5'", "accepted: a finite number"),
    ("the other model", "field 'combine': 'or'", "accepted: rules, ranker, fill, confident, longer"),
])
def test_a_damaged_unit_model_is_one_line_and_writes_nothing(tmp_path, kind, field, accepted):
    model = tmp_path / "unit-model.json"
    model.write_text(damaged_unit_model(kind), encoding="utf-8")
    done = run(tmp_path, "--unit-model", str(model))
    assert done.returncode == 2
    assert "Traceback" not in done.stderr + done.stdout
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith(f"error: {model}: ") and field in lines[0] and accepted in lines[0]
    assert "regenerate it with scripts/train_unit_model.py --write" in lines[0]
    assert not (tmp_path / "reports").exists()


def test_a_missing_line_model_names_the_file_and_how_to_regenerate_it(tmp_path):
    done = run(tmp_path, "--line-model", str(tmp_path / "nowhere.json"))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.strip() == (f"error: {tmp_path / 'nowhere.json'}: cannot read the line model (No such file or "
                                   f"directory); accepted: a JSON file written by scripts/train_line_model.py --write "
                                   f"(regenerate it with that)")
    assert not (tmp_path / "reports").exists()


def test_the_shipped_models_given_again_import_as_usual(tmp_path):
    done = run(tmp_path, "--line-model", str(line_model.MODEL_PATH), "--unit-model", str(unit_model.MODEL_PATH))
    assert done.returncode == 0, done.stderr
    assert len(list((tmp_path / "reports").rglob("*.md"))) == 1


def test_a_reader_that_stops_reading_ends_it_without_a_traceback(tmp_path):
    pages = sorted((ROOT / "tests" / "fixtures" / "import" / "corpus" / "pages").glob("*.txt"))[:40]
    child = subprocess.Popen([sys.executable, str(SCRIPT), "--dry-run", "--json", "--out", str(tmp_path / "r"),
                              *map(str, pages)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    assert child.stdout.read(10)  # the reader takes the start (`… | head`) and goes away
    child.stdout.close()
    _, err = child.communicate(timeout=120)
    assert child.returncode == 1 and b"Traceback" not in err
