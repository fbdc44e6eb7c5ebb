"""A logistic-regression model as the importer ships it: standardised features, weights, a bias,
a threshold and how its verdict combines with the hand rules; read from and written to JSON, applied
with NumPy alone (`line_model` for chrome lines, `unit_model` for the unit). Training is in
scripts/train_line_model.py and scripts/train_unit_model.py."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass

import numpy as np


class ModelError(ValueError):
    """A model file cannot be used (names the file and what is wrong)."""


@dataclass(frozen=True)
class LinearModel:
    names: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    bias: float
    threshold: float = 0.5
    """A row whose probability is this or more is a yes by the model."""
    combine: str = "or"

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        """P(yes) for each row of features (columns in the order of `names`)."""
        if not len(rows):
            return np.zeros(0)
        z = ((rows - self.mean) / self.scale) @ self.weights + self.bias
        return 1.0 / (1.0 + np.exp(-np.clip(z, -40.0, 40.0)))

    def to_json(self, about: str, extra: dict | None = None) -> str:
        data = {
            "about": about, "combine": self.combine, "threshold": self.threshold, "bias": rounded(self.bias),
            "features": {name: {"mean": rounded(m), "scale": rounded(s), "weight": rounded(w)}
                         for name, m, s, w in zip(self.names, self.mean, self.scale, self.weights)},
            **(extra or {}),
        }
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def rounded(x: float) -> float:
    """Six significant digits: a fresh training compares equal on another machine."""
    x = float(x)
    return 0.0 if x == 0 else round(x, 5 - int(math.floor(math.log10(abs(x)))))


def from_json(text: str, shown: str, names: tuple[str, ...], combine: tuple[str, ...], script: str) -> LinearModel:
    """The model a JSON file holds; `names`: the feature columns it must have, in order;
    `combine`: the accepted ways to combine; `script`: what regenerates the file."""
    regenerate = f"regenerate it with {script} --write"
    try:
        data = json.loads(text)
        features = data["features"]
        how = data["combine"]
        found = tuple(features)
        model = LinearModel(found, *(np.array([float(features[n][k]) for n in found]) for k in ("mean", "scale", "weight")),
                            bias=float(data["bias"]), threshold=float(data["threshold"]), combine=how)
    except (ValueError, KeyError, TypeError) as e:
        raise ModelError(f"{shown}: not a model file ({type(e).__name__}: {e}); {regenerate}") from None
    if how not in combine:
        raise ModelError(f"{shown}: combine {how!r}; accepted: {', '.join(combine)}")
    if found != names:
        missing, extra = sorted(set(names) - set(found)), sorted(set(found) - set(names))
        raise ModelError(f"{shown}: its features differ from the code's (missing {missing}, unknown {extra}, "
                         f"or another order); {regenerate}")
    return model
