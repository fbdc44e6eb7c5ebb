#!/usr/bin/env python3
"""Train the importer's chrome-line classifier on the corpus's tune split, and cross-validate it.

    python scripts/train_line_model.py              # train; say whether the shipped model is current
    python scripts/train_line_model.py --write      # train and write hooks/archive/importer/line-model.json
    python scripts/train_line_model.py --cv         # leave-sites-out cross-validation on the tune split

Labels come from tests/fixtures/import/corpus.yaml: a page's `chrome` line numbers are chrome (1);
its report lines (`bench_import.report_lines`) and report headings are not (0); title-like lines
and heading-block bylines are left out (the model does not decide them: `line_features.left_to_rules`). Only tune pages
train (the seeds carry no chrome labels; the test split is never read). The model is L2-regularised
logistic regression over `archive.importer.line_features`, fitted by SciPy's L-BFGS from zero on
standardised features: the same corpus gives the same file.

--cv groups the tune pages into five folds by website (blake2b of the name, so the folds are
fixed), trains on four and runs the whole importer (`import_reports.py --dry-run --json`, through
`bench_import`) on the fifth, and prints per fold and pooled the boundaries, exact report count,
chrome lines removed and report lines wrongly removed for: the hand rules (which were written
looking at these very pages: not an honest estimate), the model alone, and the two combined
(`or`, `and`). The model trained without a fold's sites is the honest estimate for new sites.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import sys
from pathlib import Path

import numpy as np
from scipy.optimize import minimize
from scipy.special import expit

import _paths  # noqa: F401  (puts hooks/ on sys.path)
import bench_import
from archive.importer import line_model
from archive.importer.linear import LinearModel
from archive.importer.chrome import FEATURES, classify, layout
from archive.importer.clean import candidates, chrome_reason
from archive.importer.decode import read_document
from archive.importer.line_features import NAMES, left_to_rules, page_matrix

L2 = 10.0
"""Ridge penalty on the standardised weights (chosen by --cv's line-level log loss over 0.3–30)."""
THRESHOLD = 0.8
"""The model's probability from which a line is chrome, chosen by --cv (2026-12-02, 124 tune pages):
with the weights pulled towards the hand weights and `or` the rules, 0.5 took 3 of 698 held-out
report lines (boundaries 127/131), 0.8 took 1 (128/131) with the same 361 of 365 chrome lines; the
model alone caught 348 chrome lines at 0.8 against 353 at 0.5 (0.9: 341, none taken). Report text
wrongly removed is the figure the test split misses (2 %), chrome the one it meets (96 %)."""
PRIOR = True
"""Whether the weights are pulled towards the hand weights (True) or towards zero (False)."""
COMBINE = "or"
"""How the shipped model combines with the rules, chosen from the --cv figures: weights pulled
towards the hand weights, `or` the rules, gave the best pooled held-out boundaries, chrome removed
and report text kept of the variants whose model had not seen the fold's sites."""
FOLDS = 5


def tune_pages(manifest: Path = bench_import.MANIFEST) -> list[dict]:
    return [p for p in bench_import.load_manifest(manifest) if p["split"] == "tune" and p.get("chrome") is not None]


def website(page: dict) -> str:
    return page.get("website") or page["site"]


def fold_of(page: dict, folds: int = FOLDS) -> int:
    return int(hashlib.blake2b(website(page).encode("utf-8"), digest_size=8).hexdigest(), 16) % folds


def page_examples(page: dict) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Feature rows, labels (1 chrome, 0 report text or heading, -1 unlabelled) and the hand
    rules' verdicts (True: chrome) of a page's lines."""
    _, lines = candidates(read_document(page["path"]).text)
    texts = [line.simple for line in lines]
    reasons = [chrome_reason(line) for line in lines]
    page_layout = layout(texts)
    verdicts = classify(texts, page_layout)
    rows = page_matrix(texts, verdicts, reasons, page_layout)
    rules = np.array([r is not None or v.chrome for r, v in zip(reasons, verdicts)], dtype=bool)
    abstain = left_to_rules(page_layout)
    raw = page["path"].read_text(encoding="utf-8-sig").split("\n")
    chrome = set(page["chrome"])
    text = bench_import.report_lines(page, raw) | {r["heading_line"] for r in page["reports"] if r.get("heading_line")}
    labels = np.array([1 if line.no in chrome else 0 if line.no in text else -1 for line in lines], dtype=np.int64)
    labels[abstain] = -1
    return rows, labels, rules


_EXAMPLES: dict[Path, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}


def examples(pages: list[dict], with_rules: bool = False) -> tuple[np.ndarray, ...]:
    """The labelled lines of `pages`: feature rows and labels (and the rules' verdicts)."""
    for page in pages:
        if page["path"] not in _EXAMPLES:
            _EXAMPLES[page["path"]] = page_examples(page)
    parts = [_EXAMPLES[p["path"]] for p in pages]
    rows = np.vstack([r for r, _, _ in parts]) if parts else np.zeros((0, len(NAMES)))
    labels = np.concatenate([y for _, y, _ in parts]) if parts else np.zeros(0, dtype=np.int64)
    rules = np.concatenate([v for _, _, v in parts]) if parts else np.zeros(0, dtype=bool)
    keep = labels >= 0
    found = (rows[keep], labels[keep].astype(np.float64))
    return (*found, rules[keep]) if with_rules else found


def hand_prior(scale: np.ndarray) -> np.ndarray:
    """The hand weights of `chrome.FEATURES` as standardised weights (zero for the other features):
    a feature's column is its count, so weight x count = (weight x scale) x standardised value."""
    return np.array([FEATURES[name].weight * s if name in FEATURES else 0.0 for name, s in zip(NAMES, scale)])


def fit_logistic(rows: np.ndarray, labels: np.ndarray, l2: float,
                 centre=None) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    """L2-regularised logistic regression on standardised columns, by L-BFGS from zero: (mean,
    scale, weights, bias). `centre(scale)`: the weights the penalty pulls towards (default zero)."""
    mean = rows.mean(axis=0)
    scale = rows.std(axis=0)
    scale[scale < 1e-9] = 1.0
    z = (rows - mean) / scale
    pull = centre(scale) if centre is not None else np.zeros(rows.shape[1])

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        w, b = theta[:-1], theta[-1]
        s = z @ w + b
        d = w - pull
        value = float(np.sum(np.logaddexp(0.0, s) - labels * s) + 0.5 * l2 * d @ d)
        err = expit(s) - labels
        return value, np.concatenate([z.T @ err + l2 * d, [err.sum()]])

    found = minimize(loss, np.zeros(z.shape[1] + 1), jac=True, method="L-BFGS-B",
                     options={"maxiter": 2000, "gtol": 1e-9, "ftol": 1e-12})
    return mean, scale, found.x[:-1], float(found.x[-1])


def fit(rows: np.ndarray, labels: np.ndarray, l2: float = L2, combine: str = COMBINE,
        prior: bool = PRIOR) -> LinearModel:
    """The chrome classifier; the L2 penalty pulls the weights towards zero, or with `prior`
    towards the hand weights of the rules (then rare features keep the weight a person gave them)."""
    mean, scale, weights, bias = fit_logistic(rows, labels, l2, hand_prior if prior else None)
    return LinearModel(NAMES, mean, scale, weights, bias, THRESHOLD, combine)


def rounded(model: LinearModel) -> LinearModel:
    """The model as its JSON file holds it."""
    return line_model.from_json(line_model.to_json(model))


def train(manifest: Path = bench_import.MANIFEST) -> tuple[LinearModel, str]:
    pages = tune_pages(manifest)
    rows, labels = examples(pages)
    model = fit(rows, labels)
    about = {"trained_on": f"tune split of corpus.yaml: {len(pages)} pages, {len({website(p) for p in pages})} websites, "
                           f"{len(labels)} labelled lines ({int(labels.sum())} chrome)", "l2": L2}
    return model, line_model.to_json(model, about)


# -- cross-validation -----------------------------------------------------------------------------

_FIGURES = ("boundaries", "exact count", "chrome removed", "text removed")
_MODES = ("rules", "model", "or", "and")
_VARIANTS = (("rules", False, "rules"), ("model", False, "model"), ("or", False, "or"), ("and", False, "and"),
             ("prior", True, "model"), ("prior|or", True, "or"))
"""Verdicts compared by --cv: (name, weights pulled towards the hand weights, combine)."""


def _line_scores(pages: list[dict], l2: float, prior: bool,
                 threshold: float = THRESHOLD) -> tuple[float, dict[str, tuple[int, int]]]:
    """Held-out line-level log loss of the model alone, and (chrome lines caught, other lines
    taken) for the rules, the model and both combined, pooled over the folds."""
    loss, n = 0.0, 0
    counts = {mode: [0, 0] for mode in _MODES}
    for k in range(FOLDS):
        train_rows, train_y = examples([p for p in pages if fold_of(p) != k])
        rows, y, rules = examples([p for p in pages if fold_of(p) == k], with_rules=True)
        p = np.clip(fit(train_rows, train_y, l2, prior=prior).probabilities(rows), 1e-9, 1 - 1e-9)
        loss += float(-np.sum(y * np.log(p) + (1 - y) * np.log(1 - p)))
        n += len(y)
        learned = p >= threshold
        for mode, guess in (("rules", rules), ("model", learned), ("or", rules | learned), ("and", rules & learned)):
            counts[mode][0] += int(np.sum(guess & (y == 1)))
            counts[mode][1] += int(np.sum(guess & (y == 0)))
    return loss / n, {mode: (a, b) for mode, (a, b) in counts.items()}


def cross_validate(manifest: Path = bench_import.MANIFEST, l2: float = L2, threshold: float = THRESHOLD) -> dict:
    pages = tune_pages(manifest)
    _, labels = examples(pages)
    print(f"line level, held-out folds ({len(labels)} labelled lines, {int(labels.sum())} chrome): model's log loss; "
          "per verdict: chrome lines caught, report lines or headings taken")
    for prior in (False, True):
        for penalty in (0.3, 1.0, 3.0, 10.0, 30.0):
            loss, counts = _line_scores(pages, penalty, prior)
            print(f"  {'prior' if prior else 'model'} l2={penalty:<5} log loss {loss:.3f}"
                  + "".join(f"  {mode}: {a}, {b}" for mode, (a, b) in counts.items()))
    for prior in (False, True):
        for cut in (0.3, 0.5, 0.7, 0.9):
            _, counts = _line_scores(pages, l2, prior, cut)
            print(f"  {'prior' if prior else 'model'} l2={l2} threshold {cut}"
                  + "".join(f"  {mode}: {a}, {b}" for mode, (a, b) in counts.items() if mode != "rules"))
    pooled = {name: None for name, _, _ in _VARIANTS}
    rows = []
    for k in range(FOLDS):
        held = [p for p in pages if fold_of(p) == k]
        train_rows, train_y = examples([p for p in pages if fold_of(p) != k])
        models = {flag: dataclasses.replace(fit(train_rows, train_y, l2, prior=flag), threshold=threshold)
                  for flag in (False, True)}
        row = {"fold": k, "pages": len(held), "sites": len({website(p) for p in held})}
        for name, flag, combine in _VARIANTS:
            with line_model.using(rounded(dataclasses.replace(models[flag], combine=combine))):
                results, _ = bench_import.run_importer([p["path"] for p in held])
            t = bench_import.measure(held, results)
            pooled[name] = t if pooled[name] is None else {key: pooled[name][key] + t[key] for key in t}
            row[name] = bench_import.summary(t)
        rows.append(row)
    rows.append({"fold": "all", "pages": len(pages), "sites": len({website(p) for p in pages}),
                 **{name: bench_import.summary(t) for name, t in pooled.items()}})
    print("\nwhole importer on each held-out fold (rules: written on these pages; model: trained without them):")
    for row in rows:
        print(f"fold {row['fold']} ({row['pages']} pages, {row['sites']} websites)")
        for figure in _FIGURES:
            print(f"  {figure:<15}" + "".join(f"  {name}: {row[name][figure]:<14}" for name, _, _ in _VARIANTS))
    return {"folds": rows}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--write", action="store_true", help=f"write {line_model.MODEL_PATH.name}")
    parser.add_argument("--cv", action="store_true", help="leave-sites-out cross-validation on the tune split")
    parser.add_argument("--l2", type=float, default=L2, help=f"--cv: ridge penalty (shipped: {L2})")
    parser.add_argument("--threshold", type=float, default=THRESHOLD, help=f"--cv: model threshold (shipped: {THRESHOLD})")
    args = parser.parse_args(argv)
    if args.cv:
        cross_validate(l2=args.l2, threshold=args.threshold)
        return 0
    _, text = train()
    if args.write:
        line_model.MODEL_PATH.write_text(text, encoding="utf-8")
        print(f"wrote {line_model.MODEL_PATH}")
        return 0
    current = line_model.MODEL_PATH.exists() and line_model.MODEL_PATH.read_text(encoding="utf-8") == text
    print(f"{line_model.MODEL_PATH}: {'current' if current else 'differs from a fresh training: run with --write'}")
    return 0 if current else 1


if __name__ == "__main__":
    sys.exit(main())
