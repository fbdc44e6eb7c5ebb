"""A logistic-regression model as the importer ships it: standardised features, weights, a bias,
a threshold and how its verdict combines with the hand rules; read from and written to JSON, applied
with NumPy alone (`line_model` for chrome lines, `unit_model` for the unit). Training is in
scripts/train_line_model.py and scripts/train_unit_model.py."""

from __future__ import annotations

import contextlib
import functools
import json
import math
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

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


class ModelFile:
    """A model shipped as a JSON file beside its module: read once, checked against the code's
    feature names and ways to combine, and replaceable for a block (`using`: cross-validation
    trains one model per fold)."""

    def __init__(self, path: Path, what: str, names: tuple[str, ...], combine: tuple[str, ...], script: str,
                 about: str):
        self.path, self.what, self.names, self.combine, self.script, self.about = path, what, names, combine, script, about
        self._active: list[LinearModel] = []

    def from_json(self, text: str, shown: str | None = None) -> LinearModel:
        return from_json(text, shown or str(self.path), self.names, self.combine, self.script)

    def to_json(self, model: LinearModel, extra: dict | None = None) -> str:
        return model.to_json(f"{self.about}; written by {self.script}", extra)

    @functools.cached_property
    def _shipped(self) -> LinearModel:
        try:
            text = self.path.read_text(encoding="utf-8")
        except OSError as e:
            raise ModelError(f"{self.path}: cannot read the {self.what} ({e.strerror or e})") from None
        return self.from_json(text)

    def shipped(self) -> LinearModel:
        return self._shipped

    def active(self) -> LinearModel:
        return self._active[-1] if self._active else self.shipped()

    @contextlib.contextmanager
    def using(self, model: LinearModel) -> Iterator[LinearModel]:
        """Apply `model` (not the shipped one) inside the block."""
        self._active.append(model)
        try:
            yield model
        finally:
            self._active.pop()
