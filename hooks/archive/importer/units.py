"""The report's unit: the issuing body as the report names itself, whole."""

from __future__ import annotations

import re
from collections import Counter

from ..text import simplified
from .clean import Line
from .finding import FOUND, NOT_STATED, UNSURE, Finding
from .split import glued_heading
from .patterns import (HAN, ANNOUNCED_UNIT, ANON_IN_NAME, DATE_LINE, GENERIC, GLUED_SIGNATURE, GUIDANCE, HEADING_SEPARATOR, KIND_OF_BODY, LEADING_FUNCTION_WORDS,
                       COMPILED_BY, OPENING_UNIT, PLACEHOLDER, REPORTING_UNIT, SALUTATION, TIME, UNIT, UNIT_SUFFIX, UNIT_TAIL, VIEWER_MARK)


_SPACES = re.compile(r"[ \t\u3000\u00a0]+")


def find_unit(heading: str | None, body: list[Line], glued: bool = False) -> Finding:
    """The issuing body as the report names itself: in its heading, its opening or its signature;
    else the body its text makes the subject of its work (unsure). `glued`: the heading was run
    into the first line (`科技局2021年工作总结 上半年，县科技局在县委…`), often a website's title
    for the page, so the opening's own name for the body comes first."""
    cleaned, heading, body = named_candidates(heading, body, glued)
    found = _choose(cleaned, heading, body)
    whole = _owner_written(found.value, body) if found.value else None
    if whole:
        return Finding(whole, UNSURE, f"unit: the heading or opening says {found.value}; the text writes the name out "
                                      f"as {whole}; check")
    fuller = _fuller_name(found.value, heading, body) if found.value else None
    if fuller:
        return Finding(fuller, UNSURE, f"unit: the heading or opening says {found.value}; the text names the body in full "
                                       f"as {fuller}; check")
    if found.value and not found.note and kind_only(found.value):
        # `工会`, `社区`: which one the archive cannot tell; the source page may say
        return Finding(found.value, UNSURE, f"unit: the text names only its kind of body ({found.value}), not which one; "
                                            "write the whole name if the source gives it")
    return found


_NOT_IN_FULL = re.compile(r"[的了和与及或对为把被从向是在，。、,]|^(?:全|各|本|我|该|其|此|这|那|上级|下级|省委|市委|县委|区委)")


_SUB_BODY = re.compile(r"(?:党组|党委|党支部|党总支|机关|办公室|工会|团委|妇委会)")
"""What follows an owner's name (`杭州市科技局党组以…`): the name is not the subject there."""
_PLACE_LEVEL = re.compile(r"(?P<place>[\u4e00-\u9fff]{0,6}?)(?P<level>街道|社区|省|市|县|区|旗|镇|乡|村)")


def _anonymised(name: str) -> bool:
    """A name with a mask in it (`**社区`, `__街道`) or starting with one (`x街道`)."""
    return bool(ANON_IN_NAME.search(name) or re.match(PLACEHOLDER, name))


def _placed(written: str, core: str, extra: int) -> bool:
    """The fuller name puts a place before the short one: a division the code list knows
    (`西安市`), a street or community's own name (`桂园街道`), or an anonymised place (`xx街道`)."""
    m = _PLACE_LEVEL.match(core)
    if not m or m.end() < extra:
        return False
    place, level = m.group("place"), m.group("level")
    if not place:
        return _anonymised(written)
    if LEADING_FUNCTION_WORDS.match(place) or _FUNCTION_CHAR.search(place):
        return False
    from ..regions import region_tree
    tree = region_tree()
    if tree.known(place + level) or level in "省市县区旗" and tree.known(place):
        return True
    return level in ("街道", "社区") and 2 <= len(place) <= 4 and not _VERB_START.match(place) and not _opens_on_a_verb(place)


def _opens_on_a_verb(text: str) -> bool:
    """A clause's verb or adverb before a 街道 or 社区 it acts on (`立足社区`, `创出社区`, `兼任我社区`),
    by jieba's tags of its first word of two or more characters (`戎苑`, `桂园`, `占圩` are names)."""
    first = next(iter(_posseg().cut(text)), None)
    if first is None:
        return False
    return first.flag == "ad" or len(first.word) >= 2 and first.flag[:1] in ("v", "d", "p", "c")


_VERB_START = re.compile(r"围绕|服务|深入|走进|走访|面向|依托|结合|组织|开展|推进|加强|建设|进入|覆盖|联系|指导|配合|支持|协助"
                         r"|积极|主动|认真|努力|及时|按时|定期|参加|参与|上报|上交|报送|到|去|向|由")
"""Words a clause opens with before naming a street or community it acts on (`积极参加街道…`): no place."""


def _name_core(name: str) -> str:
    """A name compared with its fuller forms: simplified, masks and the 总 of a 总工会 left out."""
    return re.sub(r"[xX×＊*_＿\s]+|总(?=工会)", "", simplified(name))


def _fuller_name(name: str, heading: str | None, body: list[Line]) -> str | None:
    """The one fuller name of the same body a report writes at a clause's start in its heading or
    first lines, for a short one its heading or opening gives: `桂園街道總工會努力…` for the heading's
    `街道工會`, `xx街道总工会现有…` for `xx工会`, `…，西安市科技馆科普大篷车…` for `科技馆`. Fuller: it ends
    with the short name (masks and the 总 of 总工会 aside) and puts a place or owner of two to eight
    characters before it, with no function word."""
    core = _name_core(name)
    if len(core) < 2 or re.match(r"[省市县区旗镇乡]", core):
        # `市科技局` names its level: the whole name as the heading writes it (not `宁安市科技局`)
        return None
    masked = _anonymised(name)
    tail = re.escape(simplified(name)[-2:])
    pattern = re.compile(rf"(?:^|(?<=[，。；：！？,;:!?、）)]))\s*(?:{TIME}[，,]?)?(?:我们)?(?P<y>[\u4e00-\u9fffxX×＊*_＿]{{2,16}}?{tail})")
    found: dict[str, str] = {}
    texts = ([heading] if heading else []) + [line.stripped for line in body[:12]]
    for text in texts:
        s = simplified(text)
        for m in pattern.finditer(s):
            y = m.group("y")
            y_core = _name_core(y)
            extra = y_core[: len(y_core) - len(core)]
            if (y_core.endswith(core) and 2 <= len(extra) <= 8 and not _NOT_IN_FULL.search(y)
                    and re.fullmatch(UNIT, y) and not _SUB_BODY.match(s[m.end("y"):])
                    and _placed(y, y_core, len(extra))
                    # an anonymised name's fuller form is anonymised too (`xx工会`, `xx街道总工会`)
                    and masked == _anonymised(y)):
                found.setdefault(y_core, text[m.start("y") : m.end("y")])
    return next(iter(found.values())) if len(found) == 1 else None


_DEPARTMENTS = ("办公室", "工会", "党支部", "党总支", "团委", "妇委会")
"""A body's department, named without its body (`办公室2024年工作总结`)."""


def _owner_written(name: str, body: list[Line]) -> str | None:
    """The whole name a text writes out, at a clause's start and as the subject of its work, for a
    department or kind of body named without its owner: `__年，科协办公室围绕…` for `办公室`. One
    such name, and a body's name before it (a suffix the patterns know), with no function word in
    it (`配合科协办公室做好接待` names no subject)."""
    bare = simplified(name)
    if bare not in _DEPARTMENTS and not kind_only(bare):
        return None
    pattern = re.compile(rf"(?:^|(?<=[，。；,;：:]))\s*(?:[\u4e00-\u9fff_＿xX]{{0,3}}年)?[，,]?(?P<owner>{HAN}{{2,10}}?){re.escape(bare)}"
                         r"(?=在|围绕|认真|积极|坚持|按照|根据|继续|始终|紧紧|全面|不断|以|立足|着力|切实|扎实|努力)")
    found: dict[str, str] = {}
    for line in body:
        for m in pattern.finditer(line.simple):
            owner = m.group("owner")
            if re.fullmatch(rf"{HAN}{{0,8}}{UNIT_SUFFIX}", owner) and not _FUNCTION_CHAR.search(owner):
                text = line.text if len(line.text) == len(line.simple) else line.simple
                found.setdefault(owner + bare, text[m.start("owner") : m.end()])
    return next(iter(found.values())) if len(found) == 1 else None


_FUNCTION_CHAR = re.compile(r"[的了和与及或对为把被从向是在]")


def named_candidates(heading: str | None, body: list[Line], glued: bool = False) -> tuple[list[tuple[str, str]], str | None, list[Line]]:
    """The names the patterns find in the heading (`title`), the opening (`opening`, `announcement`)
    and the signature (`signature`), in order of trust, as (name, where); with the heading and body
    as they were read (masks, numbering and book titles taken out)."""
    # names inside a document's title (`《中华人民共和国政府信息公开条例》`) are no unit
    body = [Line(line.no, _BOOK_TITLE.sub(lambda m: "《" + "〇" * (len(m.group(0)) - 2) + "》", line.text)) for line in body]
    candidates: list[tuple[str, str]] = []  # (name, where)
    if heading:
        # a heading may open with a separator or masking marks (`--机车厂科协…`, `__县科协…`)
        lead = len(heading) - len(heading.lstrip("_＿-—*＊·•`'\" \u3000"))
        heading = heading[lead:]
        # and with the number a compilation gives its pieces (`1、市科技局上半年工作总结`)
        heading = re.sub(r"^(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[、.．]\s*(?=\D)", "", heading)
        h = simplified(heading)
        parts = HEADING_SEPARATOR.split(h)
        if len(parts) > 1 and re.fullmatch(UNIT, parts[-1].strip()):
            start = h.rindex(parts[-1].strip())
            candidates.append((heading[start : start + len(parts[-1].strip())], "title"))
        core = re.sub(rf"^{TIME}", "", parts[0])
        length = _leading_unit(core) if not _VERB_START.match(core) else 0  # `围绕中心 服务大局` names no 中心
        if length:
            offset = len(parts[0]) - len(core)
            candidates.append((heading[offset : offset + length], "title"))
    for k, line in enumerate([line for line in body if not SALUTATION.match(line.simple)][:3]):
        # spaces typeset between words (`XX 县科学技术协会 2021 年…`) are not part of names
        text, s = _SPACES.sub("", line.text), _SPACES.sub("", line.simple)
        # and after a title run into the line (`乡镇科协xx年终工作总结xx年，XX镇科协在…`)
        title = glued_heading(s)
        # a website's label run into the line (`【工会工作总结范文】在过去的一年中，工会在…`)
        label = _BRACKET_LABEL.match(s)
        # a document viewer's page count before the text (`第页共页科协年度…工作总结…`)
        mark = VIEWER_MARK.match(s)
        # a document viewer's number of its first text block (`1、唐家口街道2024年全域科普工作计划为…`)
        number = _VIEWER_NUMBER.match(s) if k == 0 else None
        starts = ((0, len(title)) if title else (label.end(),) if label else (mark.end(),) if mark
                  else (0, number.end()) if number else (0,))
        for start in starts:
            for pattern in OPENING_UNIT:
                m = pattern.search(s[start : start + 120])
                if m:
                    a, b = start + m.start("unit"), start + m.end("unit")
                    if pattern is OPENING_UNIT[2]:
                        # a title run into the line names the body at its start: `某市科协推进企业科协
                        # 组织建设经验做法汇报材料` is 某市科协's, however far its kind word comes
                        b = a + (_leading_unit(s[a:b]) or b - a)
                    candidates.append((text[a:b], "opening"))
        m = ANNOUNCED_UNIT.search(s)
        if m:
            candidates.append((text[m.start("unit") : m.end("unit")], "announcement"))
        if k == 0 and (m := COMPILED_BY.search(s[:600])):
            candidates.append((text[m.start("unit") : m.end("unit")], "opening"))
    if not candidates:
        # `下面，把市科协20xx年工作情况简要汇报一下` a few lines in, under sections on the body
        for line in body[:15]:
            m = REPORTING_UNIT.search(line.simple)
            if m:
                text = line.text if len(line.text) == len(line.simple) else line.simple
                candidates.append((text[m.start("unit") : m.end("unit")], "announcement"))
                break
    if not candidates:
        # the opening speaking as a named kind of body (`…领导下,我社区居委会调动居民…`): that body
        for line in body[:2]:
            m = _SELF_NAMED.search(line.simple)
            if m and not kind_only(m.group("unit")):
                text = line.text if len(line.text) == len(line.simple) else line.simple
                candidates.append((text[m.start("unit") : m.end("unit")], "opening"))
                break
    if glued:
        candidates.sort(key=lambda c: c[1] != "opening")
    candidates.extend((name, "signature") for name in _signature_units(body))
    cleaned = []
    for name, where in candidates:
        # `我县老科协` is the county's 老科协: 县老科协; `我局`, `本校` are the body itself
        name = _without_function_words(re.sub(r"^(我|本)(?=[县市区旗乡镇村厂校局院馆所站]|社[区區]|街道|中心|公司)", "", name))
        if re.match(r"^(?:我|本|该)", name) and GENERIC.match(simplified(name)):
            name = name[1:]  # `本协会`, `我会`: the text speaking as its kind of body, no name
        if len(name) >= 2 and not re.match(r"[年月日度]", name):  # `年政府`: a date's tail, not a name
            cleaned.append((name, where))
    return cleaned, heading, body


def kind_only(name: str) -> bool:
    """`科技局`, `乡镇科协`: a kind of body, not one body's name."""
    return bool(GENERIC.match(simplified(name)) or KIND_OF_BODY.match(simplified(name)))


def _choose(cleaned: list[tuple[str, str]], heading: str | None, body: list[Line]) -> Finding:
    """The rules' pick among the named candidates, else jieba's organisation, else the acting body."""
    good = [c for c in cleaned if not kind_only(c[0]) and not ANON_IN_NAME.search(c[0])]
    if good:
        return Finding(good[0][0], FOUND)
    if cleaned:
        name, where = cleaned[0]
        masked = [c for c in cleaned if ANON_IN_NAME.search(c[0]) and not kind_only(c[0])]
        if masked and (KIND_OF_BODY.match(simplified(name)) or kind_only(name) and masked[0][1] == "announcement"):
            # `XX镇科协` says more than `乡镇科协`; `现就__社区…工作情况汇报如下` more than a heading's `工会`
            name, where = masked[0]
        elif KIND_OF_BODY.match(simplified(name)):
            name = _own_level(name, body)
        if ANON_IN_NAME.search(name):
            return Finding(name, FOUND, f"unit: the text anonymises part of the name ({name}); fill it in if known")
        return Finding(name, FOUND)
    tagged = _tagged_organisation(heading, body)
    if tagged:
        return Finding(tagged, UNSURE, f"unit: {tagged} is the organisation the heading or opening names "
                                       "(by its words, not by a known suffix); check")
    acting = _acting_unit(body)
    if acting:
        name, count, self_ref = acting
        name = _without_function_words(name)
        why = f"acts as the subject {count} time(s)" + (f" and the text calls itself {self_ref}" if self_ref else "")
        return Finding(name, UNSURE, f"unit: not in the title, opening or signature; {name} {why} in the text; check")
    return Finding(None, NOT_STATED, "unit: the text does not name the issuing body; written as null (单位不详): fill it in if known")


_VIEWER_NUMBER = re.compile(r"^\d{1,2}、\s*(?=[\u4e00-\u9fff])")
_BOOK_TITLE = re.compile(r"《[^《》]{1,60}》")
_BRACKET_LABEL = re.compile(r"^(?:\d{1,2}、\s*)?(?:【[^】]{1,20}】|[^【】\s，。,]{1,8}】)\s*")
"""A website's label (`【工会工作总结范文】`) or a document viewer's page number and the tail of its
label (`2、指导】 `) before a line's text."""
_SELF_LEVEL = re.compile(r"(?:我|本)(镇|乡|县|区|市)")


def _own_level(name: str, body: list[Line]) -> str:
    """`乡镇科协` in the heading of a text that speaks as `我镇`: the 镇科协 (a kind of body named at
    two levels, the text telling which level it is)."""
    prefix = KIND_OF_BODY.match(simplified(name)).group(0)
    level = re.match(r"^(?:乡镇|县区|区县|市县|县市)", prefix)
    if not level:
        return name
    said = {m.group(1) for line in body[:3] for m in _SELF_LEVEL.finditer(line.simple)} & set(level.group(0))
    return said.pop() + name[len(level.group(0)):] if len(said) == 1 else name


def _tagged_organisation(heading: str | None, body: list[Line]) -> str | None:
    """An organisation's name jieba tags `nt` in the heading or the opening's first sentence
    (`中国林学会`, `某某联合会`), with the place jieba tags `ns` right before it (`泉州市` +
    `…协会`): for bodies whose name ends in no suffix the patterns know. jieba loads its dictionary
    on first use (about a second), so only texts the patterns found nothing in pay for it."""
    texts = [(simplified(heading), False)] if heading else []  # (text, the opening's)
    if body:
        texts.append((re.split(r"[。！？!?]", body[0].simple, maxsplit=1)[0][:120], True))
    for text, in_body in texts:
        text = _SPACES.sub("", text)
        # who leads the unit (`在市委、市政府和高新区党工委的坚强领导下`) is not the unit
        led = [m.span() for m in GUIDANCE.finditer(text)]
        words = list(_posseg().cut(text))
        at = 0
        for k, pair in enumerate(words):
            start, at = at, at + len(pair.word)
            if (pair.flag != "nt" or len(pair.word) < 3 or GENERIC.match(pair.word) or ANON_IN_NAME.search(pair.word)
                    or _KIND_NOUN.search(pair.word) or any(a <= start < b for a, b in led)):
                continue
            place = words[k - 1].word if k and words[k - 1].flag == "ns" else ""
            before = k - 1 - bool(place)
            if in_body and before >= 0 and words[before].flag.startswith("v"):
                continue  # the object of a verb (`传达学习中央书记处听取…`), not the sentence's subject
            return place + pair.word
    return None


_KIND_NOUN = re.compile(r"^(?:基层|各级|机关|群)?(?:党组织|团组织|组织|单位|部门)$")
"""Words jieba tags as organisations that name a kind (`党组织`), not one body."""


def _posseg():
    import logging

    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    return jieba.posseg


_LEVELS = re.compile(r"乡镇|县区|区县|市县|县市|镇村|乡村|村镇")
"""Two levels named together (`乡镇科委…`): a kind of place, not a body."""
_RUN_ON = re.compile(r"(?!工作|年|上|下|关于)[\u4e00-\u9fff]{0,4}?(?:协会|学会|研究会)(?=\d|[xX×*_＿]{2}|年|上半年|下半年|工作|$)")


def _leading_unit(text: str) -> int:
    """Length of the unit name `text` starts with, or 0: the shortest name of two or more
    characters that is more than a bare kind (`厂矿科协`, not `厂`), with what follows it in the
    same body (`厂矿科协联合会`, `县科协机关党支部`)."""
    names = [k for k in range(2, min(len(text), 24) + 1) if re.fullmatch(UNIT, text[:k])
             and not (text[:k].endswith("党组") and text[k:k + 1] == "织")]  # 党组织 is no 党组
    shortest = next((k for k in names if not GENERIC.match(text[:k]) and not _LEVELS.fullmatch(text[:k])),
                    names[0] if names else 0)
    if not shortest:
        return 0
    if text[:shortest].endswith("街道") and text[shortest:].startswith("办事处"):
        shortest += 3  # `九峰街道办事处`: the street's office, as the name is written
    tail = re.match(rf"(?:{UNIT_TAIL})+", text[shortest:])
    length = shortest + (tail.end() if tail else 0)
    # a name the writer ran on to a second suffix (`XX市科协技术协会`): the whole name as written
    more = _RUN_ON.match(text[length:])
    return length + (more.end() if more else 0)


def _without_function_words(name: str) -> str:
    """`关于科技局` → `科技局`, `并由县科技局` → `县科技局`: what a sentence puts before a name."""
    prefix = LEADING_FUNCTION_WORDS.match(simplified(name))
    return name[prefix.end():] if prefix else name


_STAMP = re.compile(r"^[(（][^()（）]{2,20}[)）]$")
"""A seal's note under a signature (`（中国科协办公厅代章）`)."""


def _signature_units(body: list[Line]) -> list[str]:
    """Unit names in the closing lines: `机车厂科协` above a date, or run into it."""
    names = []
    tail = body[-3:]
    for k, line in enumerate(tail):
        s = line.simple
        m = GLUED_SIGNATURE.search(s)
        if m:
            names.append(re.sub(r"^[_＿*＊\s]+", "", line.text.strip()[m.start("unit") : m.end("unit")]))
            continue
        if len(s) <= 24 and not re.search(r"[，。；：,;:]", s) and re.fullmatch(UNIT, s):
            after = [line.simple for line in tail[k + 1:] if not _STAMP.match(line.simple)]
            following = _SPACES.sub("", after[0]) if after else ""  # `2024 年 1 月 29 日` as typeset
            if not after or DATE_LINE.match(following):
                names.append(line.stripped)
    return names


_SELF_NAMED = re.compile(rf"(?<![自你他她它])[我本](?P<unit>(?:社区|街道|村|镇|乡|县|区|市|校|局){UNIT_SUFFIX}(?:{UNIT_TAIL})?)")
"""`我社区居委会`, `本街道工会`: the text speaking as its body by the body's own name."""
_BODY_SUFFIX = rf"(?:{UNIT_SUFFIX[3:-1]}|实践社|协会|学会|研究会|委员会|科技馆|博物馆|图书馆|学院|医院)"
_SUBJECT_NAME = re.compile(
    rf"(?:^|(?<=[，。；：！？,;:!?）)])|(?<=[\d）)][.．、]))\s*(?:{TIME}[，,]?)?(?:我们)?(?P<unit>[\u4e00-\u9fffA-Za-z]{{2,12}}?{_BODY_SUFFIX})"
    r"(?=在|始终|一直|积极|带头|紧密|紧紧|认真|坚持|全面|不断|继续|将|要|作为|负责|组织|现有|专门|先后|的发展|发展活力"
    r"|不定期|定期|多次|精心|大力|深入|切实|扎实|着力|主动|充分|高度重视|开展|举办)"
)
_NOT_A_NAME = re.compile(r"[的了和与及或对为把被从向是]|^(?:[在这那些各该全本我他其此以由按据比如]|近年|目前|现在|特别|今年|去年|明年)")
_SELF_KIND = re.compile(r"(?:我|本)(中心|公司|研究所|研究院|学院|医院|科协|工会|党总支|党支部|委员会|[村乡镇厂校院局馆社所])")


def _acting_unit(body: list[Line]) -> tuple[str, int, str | None] | None:
    """The body that the report's own text makes the subject of its work, when neither the heading,
    the opening nor the signature names it: `临沂市科技馆紧密结合…`, `网络安全工作委员会积极…`
    (at a clause's start, followed by what it does). Taken when one name does so at least twice and
    no other name comes close, or once when the text also speaks as that kind of body (`我中心`,
    `我院`). Names the text only mentions (`学习借鉴山西省科技馆…`) do not count, nor any name when
    the text speaks as another kind of body too (`我村…` in a text about a 厂)."""
    counts: Counter = Counter()
    first: dict[str, str] = {}
    for line in body:
        for m in _SUBJECT_NAME.finditer(line.simple):
            name = m.group("unit")
            if _NOT_A_NAME.search(name) or GENERIC.match(name):
                continue
            key = name.lower()
            counts[key] += 1
            first.setdefault(key, line.stripped[m.start("unit") : m.end("unit")])
    if not counts:
        return None
    ranked = counts.most_common(2)
    key, count = ranked[0]
    if len(ranked) > 1 and ranked[1][1] * 2 > count:
        return None
    kinds = {m.group(1): m.group(0) for line in body for m in _SELF_KIND.finditer(line.simple)}
    if any(kind not in key for kind in kinds):  # `我校` in a text about the 学校工会 is the school speaking
        return None
    self_ref = next(iter(kinds.values()), None)
    if count >= 2 or self_ref:
        return first[key], count, self_ref
    return None
