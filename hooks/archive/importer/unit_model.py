"""The learned unit ranker: logistic regression over `unit_features` candidates, and how it
combines with the hand rules of `units`.

The weights ship as `unit-model.json` beside this module (written by scripts/train_unit_model.py
from the corpus's tune split; NumPy alone applies them). The ranker scores every candidate; its
pick is the best one scoring the threshold or more (none when no candidate does). The file says
how that pick and the rules' combine:

- `rules`      the rules alone (the ranker is not consulted);
- `ranker`     the ranker alone (no pick: the unit is not stated);
- `fill`       the rules, and the ranker's pick where the rules find no unit;
- `confident`  the ranker's pick where it has one, else the rules;
- `longer`     the rules, and the ranker's pick where the rules find no unit or where the pick is a
               longer name ending in the rules' (`区科技局` for `科技局`: the name as a whole).

`using(model)` swaps a model in for a block (cross-validation trains one per fold).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from . import linear
from .clean import Line
from .finding import NOT_STATED, UNSURE, Finding
from .linear import LinearModel, ModelError  # noqa: F401  (the importer's errors and models, by these names)
from .unit_features import NAMES, candidate_matrix, candidates, unit_key

MODEL_PATH = Path(__file__).with_name("unit-model.json")
COMBINE = ("rules", "ranker", "fill", "confident", "longer")


MODEL = linear.ModelFile(MODEL_PATH, "unit model", NAMES, COMBINE, "scripts/train_unit_model.py",
                         "Unit ranker of the importer (logistic regression over candidates)")
from_json, to_json, shipped, active, using = MODEL.from_json, MODEL.to_json, MODEL.shipped, MODEL.active, MODEL.using


def pick(heading: str | None, body: list[Line], glued: bool = False,
         model: LinearModel | None = None) -> tuple[str, float] | None:
    """The ranker's best candidate and its probability, or None when the text offers none."""
    model = active() if model is None else model
    found = candidates(heading, body, glued)
    if not found:
        return None
    p = model.probabilities(candidate_matrix(found))
    best = int(np.argmax(p))
    return found[best].name, float(p[best])


def decide(heading: str | None, body: list[Line], glued: bool, rules: Finding) -> Finding:
    """The unit by the active model's combination of the ranker's pick and the rules' finding."""
    model = active()
    if model.combine == "rules" or model.combine == "fill" and rules.value is not None:
        return rules
    best = pick(heading, body, glued, model)
    chosen = best if best is not None and best[1] >= model.threshold else None
    if chosen is None:
        if model.combine == "ranker":
            return Finding(None, NOT_STATED, "unit: the text does not name the issuing body; written as null (单位不详): "
                                             "fill it in if known")
        return rules
    name, p = chosen
    if rules.value is not None and unit_key(rules.value) == unit_key(name):
        return rules
    if model.combine == "longer" and rules.value is not None and not unit_key(name).endswith(unit_key(rules.value)):
        return rules
    return Finding(name, UNSURE, f"unit: {name} chosen by the learned ranker (p={p:.2f})"
                                 + (f" over the rules' {rules.value}" if rules.value else "") + "; check")
