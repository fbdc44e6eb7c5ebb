"""The learned chrome classifier: logistic regression over `line_features`, and how it combines
with the hand rules of `chrome` and `clean`.

The weights ship as `line-model.json` beside this module (written by
`scripts/train_line_model.py` from the corpus's tune split; only NumPy is needed to apply them).
The file says how the model's verdict and the rules' verdict combine:

- `rules`  the hand rules alone (the model is not consulted);
- `model`  the model alone;
- `or`     chrome when either says so;
- `and`    chrome when both say so.

Title-like lines and the heading block's bylines are always the rules' (`line_features.left_to_rules`).

`using(model)` swaps the model in for a block (cross-validation trains one per fold).
"""

from __future__ import annotations

from pathlib import Path

from . import chrome, linear
from .linear import LinearModel, ModelError  # noqa: F401  (the importer's errors and models, by these names)
from .line_features import NAMES, left_to_rules, page_matrix

MODEL_PATH = Path(__file__).with_name("line-model.json")
COMBINE = ("rules", "model", "or", "and")


MODEL = linear.ModelFile(MODEL_PATH, "line model", NAMES, COMBINE, "scripts/train_line_model.py",
                         "Chrome-line classifier of the importer (logistic regression)")
from_json, to_json, shipped, active, using = MODEL.from_json, MODEL.to_json, MODEL.shipped, MODEL.active, MODEL.using


def combined(rule: bool, learned: bool, how: str) -> bool:
    """One line's verdict from the rules' and the model's."""
    if how == "rules":
        return rule
    if how == "model":
        return learned
    if how == "or":
        return rule or learned
    if how == "and":
        return rule and learned
    raise ValueError(f"combine {how!r}; accepted: {', '.join(COMBINE)}")


def decide(texts: list[str], rule_reasons: list[str | None]) -> list[str | None]:
    """Why each line of a page is chrome, or None for report text. `texts`: stripped, simplified,
    non-empty lines in order; `rule_reasons`: what the plain rules of `clean` say of each."""
    page = chrome.layout(texts)
    verdicts = chrome.classify(texts, page)
    rules = [reason or (verdict.reason if verdict.chrome else None) for reason, verdict in zip(rule_reasons, verdicts)]
    model = active()
    if model.combine == "rules" or not texts:
        return rules
    rows = page_matrix(texts, verdicts, rule_reasons, page)
    p = model.probabilities(rows)
    reasons = []
    for rule, prob, abstain in zip(rules, p, left_to_rules(page)):
        if abstain:
            reasons.append(rule)
        elif combined(rule is not None, bool(prob >= model.threshold), model.combine):
            reasons.append(rule or f"site chrome (line model, p={prob:.2f})")
        else:
            reasons.append(None)
    return reasons
