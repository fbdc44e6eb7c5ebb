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
import json
import math
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from . import chrome
from .line_features import NAMES, left_to_rules, page_matrix

MODEL_PATH = Path(__file__).with_name("line-model.json")
COMBINE = ("rules", "model", "or", "and")


class ModelError(ValueError):
    """The model file cannot be used (names the file and what is wrong)."""


@dataclass(frozen=True)
class LineModel:
    names: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    bias: float
    threshold: float = 0.5
    """A line whose probability of chrome is this or more is chrome by the model."""
    combine: str = "or"

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        """P(chrome) for each row of `line_features.page_matrix`."""
        if not len(rows):
            return np.zeros(0)
        z = ((rows - self.mean) / self.scale) @ self.weights + self.bias
        return 1.0 / (1.0 + np.exp(-np.clip(z, -40.0, 40.0)))

    def to_json(self, extra: dict | None = None) -> str:
        data = {
            "about": "Chrome-line classifier of the importer (logistic regression); written by scripts/train_line_model.py",
            "combine": self.combine, "threshold": self.threshold, "bias": _round(self.bias),
            "features": {name: {"mean": _round(m), "scale": _round(s), "weight": _round(w)}
                         for name, m, s, w in zip(self.names, self.mean, self.scale, self.weights)},
            **(extra or {}),
        }
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def _round(x: float) -> float:
    """Six significant digits: a fresh training compares equal on another machine."""
    x = float(x)
    return 0.0 if x == 0 else round(x, 5 - int(math.floor(math.log10(abs(x)))))


def from_json(text: str, shown: str = str(MODEL_PATH)) -> LineModel:
    try:
        data = json.loads(text)
        features = data["features"]
        combine = data["combine"]
        names = tuple(features)
        model = LineModel(names, *(np.array([float(features[n][k]) for n in names]) for k in ("mean", "scale", "weight")),
                          bias=float(data["bias"]), threshold=float(data["threshold"]), combine=combine)
    except (ValueError, KeyError, TypeError) as e:
        raise ModelError(f"{shown}: not a line model ({type(e).__name__}: {e}); "
                         "regenerate it with scripts/train_line_model.py --write") from None
    if combine not in COMBINE:
        raise ModelError(f"{shown}: combine {combine!r}; accepted: {', '.join(COMBINE)}")
    if names != NAMES:
        missing, extra = sorted(set(NAMES) - set(names)), sorted(set(names) - set(NAMES))
        raise ModelError(f"{shown}: its features differ from line_features.NAMES (missing {missing}, unknown {extra}, "
                         "or another order); regenerate it with scripts/train_line_model.py --write")
    return model


@functools.lru_cache(maxsize=1)
def shipped() -> LineModel:
    try:
        text = MODEL_PATH.read_text(encoding="utf-8")
    except OSError as e:
        raise ModelError(f"{MODEL_PATH}: cannot read the line model ({e.strerror or e})") from None
    return from_json(text)


_active: list[LineModel] = []


def active() -> LineModel:
    return _active[-1] if _active else shipped()


@contextlib.contextmanager
def using(model: LineModel) -> Iterator[LineModel]:
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
