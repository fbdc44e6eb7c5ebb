"""Importer, the learned chrome classifier (archive.importer.line_model): the shipped weights are
what scripts/train_line_model.py trains from the corpus, a broken weights file is a one-line error,
and the model's verdict combines with the rules' as the file says."""

from __future__ import annotations

import dataclasses
import json

import numpy as np
import pytest

import train_line_model
from archive.importer import line_model
from archive.importer.chrome import is_title_like
from archive.importer.clean import clean
from archive.importer.line_features import NAMES
from archive.importer.line_model import COMBINE, LinearModel, ModelError, combined, decide, from_json, shipped, using


def constant(bias: float, combine: str) -> LinearModel:
    """A model whose verdict is the same for every line: chrome (bias > 0) or not."""
    zeros = np.zeros(len(NAMES))
    return LinearModel(NAMES, zeros, np.ones(len(NAMES)), zeros, bias, 0.5, combine)


PAGE = [
    "首页 > 工作总结 > 科协工作总结",
    "县科协工作总结",
    "今年以来，县科协在县委的领导下，围绕中心工作，扎实推进科普宣传和学会建设，取得明显成效。",
    "全年举办科普讲座十五场，受益群众三千余人，发放宣传资料一万余份。",
]


def test_truth_table_of_the_combinations():
    table = {(r, m): {how: combined(r, m, how) for how in COMBINE} for r in (False, True) for m in (False, True)}
    assert table[(True, False)] == {"rules": True, "model": False, "or": True, "and": False}
    assert table[(False, True)] == {"rules": False, "model": True, "or": True, "and": False}
    assert table[(True, True)] == dict.fromkeys(COMBINE, True)
    assert table[(False, False)] == dict.fromkeys(COMBINE, False)
    with pytest.raises(ValueError, match="accepted: rules, model, or, and"):
        combined(True, True, "xor")


def test_decide_by_combination():
    rules = [None] * len(PAGE)
    by_rules = decide(PAGE, rules)
    assert by_rules[0] is not None and by_rules[2:] == [None, None]
    with using(constant(10.0, "model")):
        always = decide(PAGE, rules)
    # title-like lines are left to the rules (the breadcrumb names 工作总结 too: the rules take it,
    # the heading they keep); every other line is chrome by this model
    assert [is_title_like(s, 50) for s in PAGE] == [True, True, False, False]
    assert [r is not None for r in always] == [True, False, True, True]
    assert "line model, p=1.00" in always[2]
    with using(constant(-10.0, "model")):
        assert decide(PAGE, rules) == [by_rules[0], None, None, None]
    with using(constant(-10.0, "or")):
        assert decide(PAGE, rules) == by_rules
    with using(constant(10.0, "and")):
        assert decide(PAGE, rules) == by_rules
    with using(constant(10.0, "rules")):
        assert decide(PAGE, rules) == by_rules
    assert decide([], []) == []


def test_using_restores_the_shipped_model():
    with using(constant(10.0, "model")):
        assert line_model.active().bias == 10.0
    assert line_model.active() is shipped()


def test_clean_applies_the_active_model():
    text = "\n".join(PAGE)
    assert [line.stripped for line in clean(text).lines] == PAGE[1:]
    with using(constant(10.0, "or")):
        assert [line.stripped for line in clean(text).lines] == [PAGE[1]]


def test_json_round_trip_keeps_the_model_to_six_digits():
    model = dataclasses.replace(constant(0.123456789, "and"), weights=np.linspace(-3, 3, len(NAMES)))
    again = from_json(line_model.to_json(model))
    assert again.combine == "and" and again.names == NAMES
    assert again.bias == pytest.approx(0.123457, abs=1e-9)
    assert np.allclose(again.weights, model.weights, rtol=1e-5)


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d["features"].pop("timestamp"), r"features where the code has \d+ \(missing timestamp; unknown none\)"),
    (lambda d: d.update(combine="vote"), "field 'combine': 'vote'; accepted: rules, model, or, and"),
    (lambda d: d.pop("bias"), "field 'bias': missing; accepted: the keys combine, threshold, bias and features"),
    (lambda d: d["features"]["timestamp"].update(scale=0), r"field 'features.timestamp.scale': 0.0; accepted: a positive"),
    (lambda d: d["features"]["timestamp"].pop("weight"), "field 'features.timestamp.weight': missing"),
    (lambda d: d.update(threshold="high"), "field 'threshold': str 'high'; accepted: a number from 0 to 1"),
    (lambda d: d.update(features=[1, 2]), "field 'features': a JSON list"),
])
def test_a_broken_model_file_is_a_one_line_error(change, message):
    data = json.loads(line_model.to_json(constant(0.0, "or")))
    change(data)
    with pytest.raises(ModelError, match=message) as caught:
        from_json(json.dumps(data), "line-model.json")
    assert str(caught.value).startswith("line-model.json: ") and "\n" not in str(caught.value)


def test_shipped_model_is_a_fresh_training():
    model, text = train_line_model.train()
    fresh, ours = from_json(text), shipped()
    assert (fresh.combine, fresh.threshold, fresh.names) == (ours.combine, ours.threshold, ours.names)
    for name in ("mean", "scale", "weights"):
        assert np.allclose(getattr(fresh, name), getattr(ours, name), rtol=1e-4, atol=1e-6), name
    assert fresh.bias == pytest.approx(ours.bias, rel=1e-4, abs=1e-6)
    assert json.loads(text)["trained_on"] == json.loads(line_model.MODEL_PATH.read_text(encoding="utf-8"))["trained_on"]


def test_folds_are_fixed_by_website():
    pages = train_line_model.tune_pages()
    folds = {train_line_model.website(p): train_line_model.fold_of(p) for p in pages}
    assert all(train_line_model.fold_of(p) == folds[train_line_model.website(p)] for p in pages)
    assert set(folds.values()) == set(range(train_line_model.FOLDS))
    assert all(p["split"] == "tune" for p in pages)
