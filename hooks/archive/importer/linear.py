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
    `combine`: the accepted ways to combine; `script`: what regenerates the file. Anything else is
    a one-line `ModelError` naming the file, the field, what is wrong and what is accepted."""
    regenerate = f"regenerate it with {script} --write"

    def wrong(field: str, what: str, accepted: str) -> ModelError:
        return ModelError(f"{shown}: field {field!r}: {what}; accepted: {accepted}; {regenerate}")

    def number(value, field: str, positive: bool = False, unit: bool = False) -> float:
        accepted = "a number from 0 to 1" if unit else "a positive finite number" if positive else "a finite number"
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise wrong(field, f"{type(value).__name__} {value!r}"[:80], accepted)
        x = float(value)
        if not math.isfinite(x) or positive and x <= 0 or unit and not 0 <= x <= 1:
            raise wrong(field, f"{x!r}", accepted)
        return x

    try:
        data = json.loads(text)
    except ValueError as e:
        where = f"line {e.lineno}, column {e.colno}: " if isinstance(e, json.JSONDecodeError) else ""
        raise ModelError(f"{shown}: {where}not valid JSON ({getattr(e, 'msg', e)}); {regenerate}") from None
    if not isinstance(data, dict):
        raise wrong("(top level)", f"a JSON {type(data).__name__}", "an object with combine, threshold, bias, features")
    for key in ("combine", "threshold", "bias", "features"):
        if key not in data:
            raise wrong(key, "missing", "the keys combine, threshold, bias and features")
    how = data["combine"]
    if how not in combine:
        raise wrong("combine", f"{how!r}", ", ".join(combine))
    features = data["features"]
    if not isinstance(features, dict):
        raise wrong("features", f"a JSON {type(features).__name__}", "an object of feature name → {mean, scale, weight}")
    found = tuple(features)
    if found != names:
        missing, extra = [n for n in names if n not in features], [n for n in found if n not in names]
        what = (f"{len(found)} features where the code has {len(names)}" if len(found) != len(names)
                else "the code's features in another order")
        if missing or extra:
            what += f" (missing {', '.join(missing) or 'none'}; unknown {', '.join(extra) or 'none'})"
        raise wrong("features", what, f"the code's {len(names)} features in its order")
    columns: dict[str, list[float]] = {"mean": [], "scale": [], "weight": []}
    for name in names:
        entry = features[name]
        if not isinstance(entry, dict):
            raise wrong(f"features.{name}", f"a JSON {type(entry).__name__}", "an object with mean, scale, weight")
        for key, column in columns.items():
            if key not in entry:
                raise wrong(f"features.{name}.{key}", "missing", "a number")
            column.append(number(entry[key], f"features.{name}.{key}", positive=key == "scale"))
    return LinearModel(names, *(np.array(columns[k]) for k in ("mean", "scale", "weight")),
                       bias=number(data["bias"], "bias"), threshold=number(data["threshold"], "threshold", unit=True),
                       combine=how)


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
            raise ModelError(f"{self.path}: cannot read the {self.what} ({e.strerror or e}); accepted: a JSON file "
                             f"written by {self.script} --write (regenerate it with that)") from None
        return self.from_json(text)

    def shipped(self) -> LinearModel:
        return self._shipped

    def read_from(self, path: Path) -> LinearModel:
        """Use the model in `path` instead of the file beside the module from now on (an editor
        trying a retrained model); read and checked at once, so a bad file fails before any import."""
        self.path = Path(path)
        self.__dict__.pop("_shipped", None)
        return self.shipped()

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
