"""Importer, the learned unit ranker (archive.importer.unit_model): the shipped weights are what
scripts/train_unit_model.py trains from the corpus, and the ranker's pick combines with the rules'
unit as the file says."""

from __future__ import annotations

import json

import numpy as np
import pytest

import train_unit_model
from archive.importer import unit_model
from archive.importer.clean import Line
from archive.importer.finding import FOUND, NOT_STATED, UNSURE, Finding
from archive.importer.linear import LinearModel
from archive.importer.unit_features import NAMES
from archive.importer.unit_model import decide, from_json, pick, shipped, using

BODY = [Line(2, "今年，占圩镇工会积极开展职工之家建设，工会会员人数稳步增长。"), Line(3, "一、主要工作")]


def prefers(feature: str, weight: float, bias: float, combine: str) -> LinearModel:
    """A model scoring candidates by one feature only."""
    w = np.zeros(len(NAMES))
    w[NAMES.index(feature)] = weight
    return LinearModel(NAMES, np.zeros(len(NAMES)), np.ones(len(NAMES)), w, bias, 0.5, combine)


RULES = Finding("镇工会", FOUND)


def test_pick_is_the_best_candidate():
    name, p = pick(None, BODY, model=prefers("log_length", 5.0, -8.0, "ranker"))
    assert name == "占圩镇工会" and p > 0.5
    assert pick(None, [Line(2, "经费不足。")], model=prefers("log_length", 1.0, 0.0, "ranker")) is None


def test_combinations():
    longest = prefers("log_length", 5.0, -8.0, "ranker")
    with using(longest):
        found = decide(None, BODY, False, RULES)
    assert found.value == "占圩镇工会" and found.status == UNSURE and "over the rules' 镇工会" in found.note
    with using(prefers("log_length", 5.0, -100.0, "ranker")):  # no candidate beats `none`
        assert decide(None, BODY, False, RULES).status == NOT_STATED
    with using(prefers("log_length", 5.0, -100.0, "confident")):
        assert decide(None, BODY, False, RULES) is RULES
    with using(prefers("log_length", 5.0, -8.0, "fill")):
        assert decide(None, BODY, False, RULES) is RULES
        assert decide(None, BODY, False, Finding(None, NOT_STATED)).value == "占圩镇工会"
    with using(prefers("log_length", 5.0, -8.0, "rules")):
        assert decide(None, BODY, False, RULES) is RULES
    with using(prefers("len_le_3", 50.0, -10.0, "confident")):  # picks 镇工会: the rules' own finding is kept
        assert decide(None, BODY, False, RULES) is RULES


def test_the_longer_combination_takes_the_whole_name_of_the_rules_body_only():
    with using(prefers("log_length", 5.0, -8.0, "longer")):
        found = decide(None, BODY, False, RULES)  # 占圩镇工会 ends in the rules' 镇工会
        assert found.value == "占圩镇工会" and found.status == UNSURE
        assert decide(None, BODY, False, Finding("县科协", FOUND)).value == "县科协"  # another body: the rules'
        assert decide(None, BODY, False, Finding(None, NOT_STATED)).value == "占圩镇工会"  # nothing: the ranker's


def test_a_broken_unit_model_is_a_one_line_error():
    data = json.loads(unit_model.to_json(prefers("generic", 1.0, 0.0, "rules")))
    data["combine"] = "or"
    with pytest.raises(unit_model.ModelError, match="field 'combine': 'or'; accepted: rules, ranker, fill, confident, longer"):
        from_json(json.dumps(data), "unit-model.json")


def test_shipped_model_is_a_fresh_training():
    _, text = train_unit_model.train()
    fresh, ours = from_json(text), shipped()
    assert (fresh.combine, fresh.threshold, fresh.names) == (ours.combine, ours.threshold, ours.names)
    for name in ("mean", "scale", "weights"):
        assert np.allclose(getattr(fresh, name), getattr(ours, name), rtol=1e-4, atol=1e-6), name
    assert fresh.bias == pytest.approx(ours.bias, rel=1e-4, abs=1e-6)
