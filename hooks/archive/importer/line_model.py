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

import contextlib
import functools
from collections.abc import Iterator
from pathlib import Path

from . import chrome, linear
from .linear import LinearModel, ModelError
from .line_features import NAMES, left_to_rules, page_matrix

MODEL_PATH = Path(__file__).with_name("line-model.json")
COMBINE = ("rules", "model", "or", "and")


def from_json(text: str, shown: str = str(MODEL_PATH)) -> LinearModel:
    return linear.from_json(text, shown, NAMES, COMBINE, "scripts/train_line_model.py")


def to_json(model: LinearModel, extra: dict | None = None) -> str:
    return model.to_json("Chrome-line classifier of the importer (logistic regression); written by "
                         "scripts/train_line_model.py", extra)


@functools.lru_cache(maxsize=1)
def shipped() -> LinearModel:
    try:
        text = MODEL_PATH.read_text(encoding="utf-8")
    except OSError as e:
        raise ModelError(f"{MODEL_PATH}: cannot read the line model ({e.strerror or e})") from None
    return from_json(text)


_active: list[LinearModel] = []


def active() -> LinearModel:
    return _active[-1] if _active else shipped()


@contextlib.contextmanager
def using(model: LinearModel) -> Iterator[LinearModel]:
    """Apply `model` (not the shipped one) inside the block."""
    _active.append(model)
    try:
        yield model
    finally:
        _active.pop()


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
