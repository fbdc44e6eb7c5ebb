"""Features of each line of a page for the learned chrome classifier (`line_model`).

The hand rules of `chrome` already name what holds across sites (site and reader vocabulary,
timestamps, counters, URLs, buttons, sentences, numbering, position around the report's heading and
body); their per-feature values are reused here, each as a count (the value divided by its hand
weight) so the model learns its own weights. Added to them: the shape of the line (length, share of
Han characters, digits and Latin letters, sentence punctuation), its place on the page (relative
position, first / last line, distance to the first body-like line), repetition of the page's title
or of another line, each plain rule of `clean.chrome_reason`, and what stands before and after it (how many site signals the neighbour
shows, is it body-like, title-like, is it an item of the same numbered list that the rules take for the
site's). The rules' total score and threshold are not features: the
model weighs the signals itself, so its verdict can be compared with the rules' and combined.

`page_matrix(texts)` gives one row per line, in the order of `NAMES`; the model's weights are keyed
by these names, so a feature added or renamed shows up as a mismatch when the model is loaded.
"""

from __future__ import annotations

import math
import re

import numpy as np

from . import chrome

_HAN = re.compile(r"[\u4e00-\u9fff]")
_DIGIT = re.compile(r"\d")
_LATIN = re.compile(r"[A-Za-z]")
_SENTENCE_END = re.compile(r"[。；！？!?;]")
_COMMA = re.compile(r"[，,、]")
_SPACE = re.compile(r"\s+")
_ENDS_SENTENCE = re.compile(r"[。！？!?；;…」』”\"]$")
_ENDS_COLON = re.compile(r"[:：]$")

RULE_NAMES = tuple(chrome.FEATURES)
"""The hand rules' features, in `chrome.FEATURES` order."""

CLEAN_RULES = {
    "breadcrumb": "clean_breadcrumb",
    "site blurb": "clean_site_blurb",
    "page header (time, source, author)": "clean_page_header",
    "site name or URL": "clean_url",
    "site name": "clean_site_name",
    "download or copyright notice": "clean_notice",
    "stray site keyword": "clean_stray_keyword",
}
"""The plain rules of `clean.chrome_reason`, by the reason they give, each a feature of its own."""

SHAPE_NAMES = (
    "log_length", "len_le_10", "len_le_20", "len_le_40", "len_gt_80",
    "han_share", "digit_share", "latin_share", "sentence_marks", "commas",
    "ends_sentence", "ends_colon", "title_like", "body_like", "has_space",
)
PAGE_NAMES = (
    "rel_position", "first_line", "last_line", "before_first_body", "after_last_body",
    "lines_to_first_body", "repeats_line", "repeats_title",
)
NEIGHBOUR_NAMES = (
    "prev_site_signals", "next_site_signals", "prev_body_like", "next_body_like",
    "prev_title_like", "next_title_like", "list_of_chrome",
)
NAMES = RULE_NAMES + tuple(CLEAN_RULES.values()) + SHAPE_NAMES + PAGE_NAMES + NEIGHBOUR_NAMES
"""Column names of `page_matrix`, in order."""
_COLUMN = {name: i for i, name in enumerate(NAMES)}


def _key(s: str) -> str:
    return _SPACE.sub("", s)


def shape(s: str) -> dict[str, float]:
    """Features of the line's form alone (`s`: stripped, simplified)."""
    n = len(s)
    if not n:
        return {}
    return {
        "log_length": math.log1p(n),
        "len_le_10": float(n <= 10),
        "len_le_20": float(n <= 20),
        "len_le_40": float(n <= 40),
        "len_gt_80": float(n > 80),
        "han_share": len(_HAN.findall(s)) / n,
        "digit_share": len(_DIGIT.findall(s)) / n,
        "latin_share": len(_LATIN.findall(s)) / n,
        "sentence_marks": min(len(_SENTENCE_END.findall(s)), 5) / 5,
        "commas": min(len(_COMMA.findall(s)), 5) / 5,
        "ends_sentence": float(bool(_ENDS_SENTENCE.search(s))),
        "ends_colon": float(bool(_ENDS_COLON.search(s))),
        "has_space": float(" " in s.strip()),
    }


def _list_marker(s: str) -> str | None:
    """The kind of a numbered line's marker (`1、` and `2.` are one kind, `一、`, `（一）`, `①` others), or None."""
    m = chrome.NUMBERED.match(s)
    if not m:
        return None
    c = m.group(0)[0]
    return "digit" if c.isdigit() else "bracket" if c in "(（" else "circled" if "①" <= c <= "⑳" else "han"


def site_signals(verdict: chrome.Verdict) -> float:
    """How many distinct chrome features of the rules a line shows (unweighted, at most 5), / 5."""
    return min(sum(1 for name, value in verdict.features.items() if value > 0), 5) / 5


def page_matrix(texts: list[str], verdicts: list[chrome.Verdict] | None = None,
                clean_reasons: list[str | None] | None = None, page: chrome.Layout | None = None) -> np.ndarray:
    """One row of features per line of a page (`texts`: stripped, simplified, non-empty lines in
    order, as `chrome.classify` takes them). `verdicts` are the rules' verdicts on the same lines
    (computed when not given): their per-feature values are reused, never their total score or
    threshold, so the model's verdict is its own. `clean_reasons`: what `clean.chrome_reason`
    says of each line (None: no plain rule applies). `page`: the lines' `chrome.layout`."""
    n = len(texts)
    rows = np.zeros((n, len(NAMES)), dtype=np.float64)
    if not n:
        return rows
    page = chrome.layout(texts) if page is None else page
    verdicts = chrome.classify(texts, page) if verdicts is None else verdicts
    title = page.title
    body_at = page.body
    body = [False] * n
    for i in body_at:
        body[i] = True
    signals = [site_signals(v) for v in verdicts]
    ruled = [v.chrome or (clean_reasons is not None and clean_reasons[i] is not None) for i, v in enumerate(verdicts)]
    numbered = [_list_marker(s) for s in texts]
    first_body, last_body = page.first_body, page.last_body
    keys = [_key(s) for s in texts]
    counts: dict[str, int] = {}
    for k in keys:
        counts[k] = counts.get(k, 0) + 1
    titles = {keys[i] for i in range(n) if title[i] and len(keys[i]) >= 4}
    for i, s in enumerate(texts):
        row = rows[i]
        for name, value in verdicts[i].features.items():
            row[_COLUMN[name]] = value / chrome.FEATURES[name].weight
        reason = clean_reasons[i] if clean_reasons is not None else None
        if reason is not None:
            if reason not in CLEAN_RULES:
                raise ValueError(f"line_features.CLEAN_RULES lacks clean's reason {reason!r}")
            row[_COLUMN[CLEAN_RULES[reason]]] = 1.0
        for name, value in shape(s).items():
            row[_COLUMN[name]] = value
        values = {
            "title_like": title[i], "body_like": body[i],
            "rel_position": i / (n - 1) if n > 1 else 0.0,
            "first_line": i == 0, "last_line": i == n - 1,
            "before_first_body": i < first_body, "after_last_body": bool(body_at) and i > last_body,
            "lines_to_first_body": min(max(first_body - i, 0), 10) / 10,
            "repeats_line": len(keys[i]) >= 4 and counts[keys[i]] > 1,
            "repeats_title": not title[i] and any(t in keys[i] for t in titles if t != keys[i]),
            "prev_site_signals": signals[i - 1] if i > 0 else 0.0,
            "next_site_signals": signals[i + 1] if i + 1 < n else 0.0,
            "prev_body_like": i > 0 and body[i - 1],
            "next_body_like": i + 1 < n and body[i + 1],
            "prev_title_like": i > 0 and title[i - 1],
            "next_title_like": i + 1 < n and title[i + 1],
            # an item of a numbered list whose neighbouring item the rules take for the site's
            # (a document site's `1、本文档由用户上传… 4. 网站客服QQ:…`)
            "list_of_chrome": numbered[i] is not None and (
                (i > 0 and numbered[i - 1] == numbered[i] and ruled[i - 1])
                or (i + 1 < n and numbered[i + 1] == numbered[i] and ruled[i + 1])),
        }
        for name, value in values.items():
            row[_COLUMN[name]] = float(value)
    return rows


def left_to_rules(page: chrome.Layout) -> np.ndarray:
    """The lines the model neither learns nor decides: title-like lines (a report's heading or the
    page's title: telling which needs the compilation's title and count, `split`'s job) and the
    lines of the heading block between a main title and the heading (bylines)."""
    keep = np.array(page.title, dtype=bool)
    if page.block is not None:
        keep[page.block:page.heading] = True
    return keep
