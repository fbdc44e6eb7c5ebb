"""Candidates for a report's unit, and their features, for the learned ranker (`unit_model`).

Candidates: every span of a clause that ends in an institution suffix (`科协`, `工会`, `局`,
`街道`… with a tail such as `机关党支部`) in the heading, the first three lines and the last three
lines of the body, each start position a candidate of its own (`占圩镇工会`, `圩镇工会`, `镇工会`):
which start is the name is the ranker's choice. The names the hand patterns of `units` find
(`named_candidates`), jieba's organisations in those lines (`nt`, from the `ns` place before it)
and the acting body are candidates too, and each pattern is a feature of the names it proposes.

Candidates naming the same body (`unit_key`: masks, script and long/short forms aside) are one row:
where the name stands (heading, opening, signature, how many of them, heading and signature
agreeing), which patterns propose it, its shape (length, digits, masks, words no name holds such as
年 or 工作), what stands before and after it, whether it starts at a jieba word and what kind of
word (a verb or adverb starts no name: `不断夯实科协`), its suffix's kind, whether it starts with a
place or a GB/T 2260 division's name (and whether a longer candidate ending in it does: `县科协` of
`全椒县科协`), whether the text speaks as it (`我项目部工会`, `我镇` for `镇科协`), how often the
text repeats it, and whether a longer or shorter candidate shares its end.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

import numpy as np

from ..regions import region_tree
from ..text import simplified
from .clean import Line
from .patterns import ANON_IN_NAME, GENERIC, GENERIC_PLACES, KIND_OF_BODY, UNIT_SUFFIX, UNIT_TAIL
from .units import _acting_unit, _posseg, _tagged_organisation, named_candidates

_SUFFIX = re.compile(rf"{UNIT_SUFFIX}(?:{UNIT_TAIL})?")
_CLAUSE = re.compile(r"[，。；：！？,;:!?、（）()《》“”\"'‘’\s【】\[\]<>〈〉「」『』]")
_MASK = re.compile(r"[xX×*＊_＿\s]+")
_SELF = frozenset("我本该各其此")
"""A span starting `我县…`, `本局…` is the body speaking of itself: the span after it is the name."""
_FUNCTION_BEFORE = frozenset("由在我本对向将把为从与和及经据按")
_ACTION_AFTER = re.compile(r"^(?:在|认真|坚持|紧紧|紧密|始终|全面|积极|按照|根据|围绕|严格|扎实|以|高度|深入|不断|着力|主动|努力|切实|团结|的工作|工作在|全体)")
_KIND_AFTER = re.compile(r"^(?:\d|[xX×*＊_＿]|[一二〇○零]{2}|年|上半年|下半年|工作|总结|计划|报告|汇报|要点|述职|第|关于|\s*$)")
_NOT_IN_NAMES = re.compile(r"年|工作|总结|计划|报告|汇报|最新|范文|精选|篇|的|了|是|和|与|及|或|等|各|为|以|对|在|全体|关于")
_PLACE_START = re.compile(r"^[\u4e00-\u9fff]{1,6}?(?:省|市|县|区|州|盟|旗|镇|乡|街道)")
_LEVEL_START = re.compile(r"^[省市县区镇乡村州旗]")
_KINDS = {
    "kind_science": r"(?:科学技术协会|老科协|科协|技协)$",
    "kind_government": r"(?:局|政府|人民政府|委员会|管委会|办公室|厅|科委|办事处)$",
    "kind_party": r"(?:党总支|党支部|党委|党组|团委|妇委会)$",
    "kind_union": r"工会$",
    "kind_school": r"(?:学校|中学|小学|学院|大学)$",
    "kind_company": r"(?:公司|集团|厂|支行|分行|研究所|研究院|情报所|中心)$",
    "kind_society": r"(?:协会|学会|联合会|分会|研究会)$",
    "kind_place": r"(?:乡|镇|村|街道|社区)$",
}
_KIND_PATTERNS = {name: re.compile(p) for name, p in _KINDS.items()}
_ZONES = ("title", "opening", "signature")
_FUNCTION_FLAGS = frozenset({"v", "vd", "d", "p", "c", "ad", "u", "r", "m", "q", "f", "t", "uj", "ul", "ud", "ug", "uz", "zg"})
"""jieba's tags of words no name starts with: verbs, adverbs, prepositions, pronouns, numerals, times."""
_LONG_FORMS = (("科学技术协会", "科协"), ("科学技术局", "科技局"))
_RULES = ("rule_title", "rule_opening", "rule_announcement", "rule_signature", "rule_tagged", "rule_acting")

NAMES = (
    "in_title", "in_opening", "in_signature", "zones", "first_opening_line", "rule_first",
    *_RULES,
    "log_length", "len_le_3", "len_ge_10", "has_digit", "has_latin", "has_mask", "not_a_name_word",
    "clause_start", "after_function_word", "followed_by_action", "followed_by_time_or_kind",
    "place_start", "level_start", "generic", "kind_of_body", *_KINDS,
    "log_count_in_text", "has_longer", "has_shorter",
    "word_start", "function_word_start", "jieba_organisation", "place_word_start", "region_prefix",
    "longer_with_region", "self_suffix", "self_prefix", "title_and_signature",
    "extends_title_name", "title_name_extended",
)
"""Column names of `candidate_matrix`, in order."""
_COLUMN = {name: i for i, name in enumerate(NAMES)}


def unit_key(name: str) -> str:
    """Two names of the same body compare equal: simplified script, masks left out, the long and
    short forms of a name (`全椒县科学技术协会` = `全椒县科协`)."""
    key = _MASK.sub("", simplified(name))
    for long, short in _LONG_FORMS:
        key = key.replace(long, short)
    return key


@dataclass
class Candidate:
    name: str
    """The name as the text writes it (its first occurrence)."""
    key: str
    values: dict[str, float] = field(default_factory=dict)


def _zones(heading: str | None, body: list[Line]) -> list[tuple[str, int, str, str]]:
    """(zone, line index in the zone, simplified text, original text) of the places a unit is named."""
    zones = [("title", 0, simplified(heading), heading)] if heading else []
    zones += [("opening", k, line.simple, line.stripped) for k, line in enumerate(body[:3])]
    zones += [("signature", k, line.simple, line.stripped) for k, line in enumerate(body[-3:]) if len(body) > 3]
    return zones


def spans(s: str) -> list[tuple[int, int]]:
    """(start, end) of each span of a clause of `s` that ends in an institution suffix: every start
    from the clause's beginning (at most 16 characters back) to the suffix itself."""
    s = s[:200]
    found = []
    for m in _SUFFIX.finditer(s):
        clause = max((c.end() for c in _CLAUSE.finditer(s, 0, m.start())), default=0)
        found.extend((start, m.end()) for start in range(max(clause, m.end() - 16), m.start() + 1)
                     if m.end() - start >= 2 and s[start] not in _SELF)
    return found


def words(s: str) -> dict[int, tuple[str, str, int]]:
    """jieba's words of `s` (its first 200 characters, spaces in place): start offset → (word, tag, end)."""
    found, at = {}, 0
    for pair in _posseg().cut(s[:200]):
        found[at] = (pair.word, pair.flag, at + len(pair.word))
        at += len(pair.word)
    return found


def _organisations(cut: dict[int, tuple[str, str, int]]) -> list[tuple[int, int]]:
    """(start, end) of each word jieba tags `nt` (three characters or more, not a bare kind), from
    the place word (`ns`) right before it when there is one."""
    found = []
    ends = {w[2]: (a, w) for a, w in cut.items()}
    for a, (word, flag, end) in cut.items():
        if flag != "nt" or len(word) < 3 or GENERIC.match(word) or ANON_IN_NAME.search(word):
            continue
        before = ends.get(a)
        found.append((before[0] if before and before[1][1] == "ns" else a, end))
    return found


def region_prefix(key: str) -> bool:
    """The name starts with a division's name of GB/T 2260 (`全椒县…`, `甘州区…`), current or former."""
    tree = region_tree()
    return any(tree.known(key[:k]) and key[:k] not in GENERIC_PLACES for k in range(2, min(len(key) - 1, 10) + 1))


_SELF_AT = re.compile(r"[我本]")


def _self_marks(key: str, text: str) -> tuple[float, float]:
    """Whether the text speaks as this body: `我项目部工会` for `济南分公司第七项目部工会` (我/本 and a
    tail of the name), `我镇` for `镇科协` (我/本 and the place the name starts with)."""
    suffix = prefix = 0.0
    for m in _SELF_AT.finditer(text):
        after = text[m.end() : m.end() + len(key)]
        if any(key.endswith(after[:k]) for k in range(2, len(after) + 1)):
            suffix = 1.0
        if any(after[:k] == key[:k] and GENERIC.match(key[k:]) for k in (1, 2)) and re.match(r"[镇乡县区市村校厂局院所社街]", after):
            prefix = 1.0
    return suffix, prefix


def candidates(heading: str | None, body: list[Line], glued: bool = False) -> list[Candidate]:
    """The report's unit candidates, one per body named, with their feature values."""
    named, heading, body = named_candidates(heading, body, glued)
    by_key: dict[str, Candidate] = {}
    text = "".join(line.simple for line in body)

    def get(name: str) -> Candidate | None:
        key = unit_key(name)
        if len(key) < 2:
            return None
        if key not in by_key:
            by_key[key] = Candidate(name, key)
        return by_key[key]

    def mark(c: Candidate, name: str, value: float = 1.0) -> None:
        c.values[name] = max(c.values.get(name, 0.0), value)

    for zone, k, s, original in _zones(heading, body):
        same = len(s) == len(original)
        cut = words(s)
        for start, end in spans(s):
            c = get(original[start:end] if same else s[start:end])
            if c is None:
                continue
            mark(c, f"in_{zone}")
            word = cut.get(start)
            if word:
                mark(c, "word_start")
                mark(c, "function_word_start", float(word[1] in _FUNCTION_FLAGS))
                mark(c, "place_word_start", float(word[1] == "ns"))
                mark(c, "jieba_organisation", float(any(w[1] == "nt" and w[2] == end for a, w in cut.items() if a >= start)))
            if zone == "opening":
                mark(c, "first_opening_line", 1.0 - k / 3)
            before, after = s[start - 1] if start else "", s[end:]
            mark(c, "clause_start", float(not before or bool(_CLAUSE.match(before))))
            mark(c, "after_function_word", float(before in _FUNCTION_BEFORE or before in _SELF))
            mark(c, "followed_by_action", float(bool(_ACTION_AFTER.match(after))))
            mark(c, "followed_by_time_or_kind", float(bool(_KIND_AFTER.match(after))))
        for start, end in _organisations(cut):
            # jieba's organisations (`中国林学会`, `泉州市` + `…联合会`) whose suffix the spans miss
            c = get(original[start:end] if same else s[start:end])
            if c is not None:
                mark(c, f"in_{zone}")
                mark(c, "jieba_organisation")
                mark(c, "word_start")
                mark(c, "clause_start", float(not start or bool(_CLAUSE.match(s[start - 1]))))
    extra = []
    tagged = _tagged_organisation(heading, body)
    if tagged:
        extra.append((tagged, "tagged"))
    acting = _acting_unit(body)
    if acting:
        extra.append((acting[0], "acting"))
    for rank, (name, where) in enumerate(named + extra):
        c = get(name)
        if c is None:
            continue
        mark(c, f"rule_{where}")
        if rank == 0:
            mark(c, "rule_first")
    keys = list(by_key)
    for c in by_key.values():
        v, s = c.values, c.key
        v["zones"] = sum(v.get(f"in_{z}", 0.0) > 0 for z in _ZONES) / 3
        v["log_length"] = math.log1p(len(s))
        v["len_le_3"] = float(len(s) <= 3)
        v["len_ge_10"] = float(len(s) >= 10)
        v["has_digit"] = float(bool(re.search(r"\d", s)))
        v["has_latin"] = float(bool(re.search(r"[A-Za-z]", s)))
        v["has_mask"] = float(bool(ANON_IN_NAME.search(simplified(c.name))))
        v["not_a_name_word"] = float(bool(_NOT_IN_NAMES.search(s)))
        v["place_start"] = float(bool(_PLACE_START.match(s)))
        v["level_start"] = float(bool(_LEVEL_START.match(s)))
        v["generic"] = float(bool(GENERIC.match(s)))
        v["kind_of_body"] = float(bool(KIND_OF_BODY.match(s)))
        for name, pattern in _KIND_PATTERNS.items():
            v[name] = float(bool(pattern.search(s)))
        v["log_count_in_text"] = math.log1p(text.count(s))
        v["has_longer"] = float(any(o != s and o.endswith(s) for o in keys))
        v["has_shorter"] = float(any(o != s and s.endswith(o) for o in keys))
        v["region_prefix"] = float(region_prefix(s))
        v["self_suffix"], v["self_prefix"] = _self_marks(s, text)
        v["title_and_signature"] = float(v.get("in_title", 0.0) > 0 and v.get("in_signature", 0.0) > 0)
    titled = [c.key for c in by_key.values() if c.values.get("in_title", 0.0) and c.values.get("word_start", 0.0)]
    for c in by_key.values():
        longer = [o for o in by_key.values() if o.key != c.key and o.key.endswith(c.key)]
        c.values["longer_with_region"] = float(any(o.values["region_prefix"] for o in longer))
        # the heading's bare name (`科学技术协会`, `科技局`) and the opening's whole one (`甘州区科协`)
        whole = c.values.get("word_start", 0.0) and not c.values.get("function_word_start", 0.0)
        c.values["extends_title_name"] = float(bool(whole) and any(t != c.key and c.key.endswith(t) for t in titled))
        c.values["title_name_extended"] = float(c.key in titled and any(
            o.values.get("word_start", 0.0) and not o.values.get("function_word_start", 0.0)
            and (o.values.get("in_opening", 0.0) or o.values.get("in_signature", 0.0)) for o in longer))
    return list(by_key.values())


def candidate_matrix(found: list[Candidate]) -> np.ndarray:
    rows = np.zeros((len(found), len(NAMES)))
    for i, c in enumerate(found):
        for name, value in c.values.items():
            rows[i, _COLUMN[name]] = value
    return rows
