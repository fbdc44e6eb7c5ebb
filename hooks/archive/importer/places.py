"""The report's region: from the unit's own name, or the text naming the unit with its place."""

from __future__ import annotations

import re
from collections import Counter

from ..regions import Division, RegionError, RegionTree
from ..text import simplified
from .clean import Line
from .finding import FOUND, NOT_STATED, UNSURE, Finding
from .patterns import GENERIC_PLACES, GUIDANCE, HAN


LONG_FORMS = (("科学技术协会", "科协"), ("科学技术局", "科技局"))
"""A name's long and short forms: the same body."""


_LEADING_BODY = re.compile(r"(?P<organ>委|人民政府|政府)(?=、|的|和|及|领导|正确|坚强|关于|统一|部署|[，,])")
"""A party committee or government named as leading or directing the unit."""


_TOWN_UNIT = re.compile(rf"^{HAN}{{1,5}}?(?:镇|乡|街道)(?!办)")
"""A body named by its town or street (`寮步镇总工会`, `健康街道`)."""


_SERVES = re.compile(
    r"(?:为|支撑|推动|促进|助推|助力|服务于?|推进)+(?:加快|建设|打造)?(?:和谐|美丽|幸福|现代化|和美)*新?"
    rf"(?P<place>{HAN}{{2,5}}?)(?:的)?(?:经济|社会|创新|转型|高质量|跨越式?|科技)*(?:和社会)?(?:发展|进步)")
"""Work said to serve a place's development (`为松原市的经济发展`, `支撑襄阳转型发展`)."""


def _short(province: str) -> str:
    """`湖北省` → `湖北`, `广西壮族自治区` → `广西`: how a text names a province."""
    return re.sub(r"(壮族|回族|维吾尔)?(自治区|特别行政区)$|省$|市$", "", province)


class RegionFinder:
    def __init__(self, regions: RegionTree):
        self.regions = regions

    def find(self, unit: Finding, body: list[Line], heading: str | None = None) -> Finding:
        """Only from the unit's own name, or the text naming the unit with its place (`通榆县科协`
        for a report whose unit calls itself `县科协`; the heading is part of the text:
        `海安市科技局2021年上半年工作总结` for a body that says `市科技局`). Places merely mentioned
        never count."""
        name = unit.value
        if not name:
            return Finding(None, NOT_STATED)
        s = simplified(str(name))
        division, note = self._leading_division(s)
        if division:
            return Finding(division.path_name, FOUND, note)
        if note:
            return Finding(None, UNSURE, note)
        m = re.match(r"^(省|县|市|区|旗|州|盟)(.+)$", s)
        if m:
            text = "\n".join(([simplified(heading)] if heading else []) + [line.simple for line in body])
            opening = "\n".join(line.simple for line in body[:3])
            found = (self._named_with_place(m.group(1), m.group(2), text) or self._led_by(m.group(1), opening)
                     or self._jurisdiction(m.group(1), text) or self._served(m.group(1), text))
            if found:
                return found
        if _TOWN_UNIT.match(s):
            found = (self._town_named_with_place(s, "\n".join(line.simple for line in body))
                     or self._town_led_by("\n".join(line.simple for line in body[:3])))
            if found:
                return found
        return Finding(None, NOT_STATED)

    def _town_named_with_place(self, name: str, text: str) -> Finding | None:
        """The text writing a town's body out after its division (`《慈溪市掌起镇科学技术协会章程》`
        for `掌起镇科协`): one division so named. Unsure: check."""
        forms = {name} | {name.replace(short, long) for long, short in LONG_FORMS if short in name}
        named: dict[str, Division] = {}
        for form in forms:
            for hit in re.finditer(re.escape(form), text):
                end = hit.start()
                for k in range(min(8, end), 1, -1):
                    place = text[end - k : end]
                    if re.fullmatch(rf"{HAN}+[市县区旗]", place) and place not in GENERIC_PLACES and self._unique(place):
                        division = self.regions.resolve(place)
                        named[division.code] = division
                        break
        if len(named) != 1:
            return None
        division = next(iter(named.values()))
        return Finding(division.path_name, UNSURE, f"region: the text names the unit after {division.name}; check")

    def _town_led_by(self, opening: str) -> Finding | None:
        """A town's or a street's body (`寮步镇总工会`: towns are below GB/T 2260) led by a named
        division's bodies in the opening (`在东莞市总工会和寮步镇委的正确领导下`): the town lies in
        that division, the innermost of one chain. Unsure: check."""
        clause = GUIDANCE.search(opening)
        if not clause:
            return None
        text = clause.group("who")
        ends = (hit.end() for hit in re.finditer(r"省|市|县|区|州|盟|旗", text))
        innermost = self._innermost_named(text, ends, 8, lambda place: re.fullmatch(rf"{HAN}+", place))
        if innermost is None:
            return None
        return Finding(innermost.path_name, UNSURE, f"region: the town's body is led by {innermost.name}'s in the "
                                                    "opening; check")

    def _named_with_place(self, level: str, rest: str, text: str) -> Finding | None:
        """The text writing the unit's name out with its place: `通榆县科协` for `县科协`, and
        `六盘水市科学技术局` for `市科技局` (long and short forms of a name are one name). The place
        must be of the unit's level (a 市… is in a X市); one place named once is enough, two
        different places are none."""
        forms = {rest} | {rest.replace(short, long) for long, short in LONG_FORMS if short in rest} | \
            {rest.replace(long, short) for long, short in LONG_FORMS if long in rest}
        named: Counter = Counter()
        written: dict[str, str] = {}
        for form in forms:
            for hit in re.finditer(re.escape(level + form), text):
                end = hit.start() + 1  # the place ends with the level's character
                for k in range(min(8, end), 1, -1):
                    place = text[end - k : end]
                    if re.fullmatch(rf"{HAN}+", place) and place not in GENERIC_PLACES and self._unique(place):
                        named[place] += 1
                        written.setdefault(place, place + form)
                        break
        if len(named) != 1:
            return None
        place, count = named.most_common(1)[0]
        division, _ = self._leading_division(place)
        if division is None:
            return None
        return Finding(division.path_name, FOUND, f"region: from the text naming the unit {written[place]}; check")

    def _led_by(self, level: str, opening: str) -> Finding | None:
        """The opening naming the party committee or government of the unit's level that leads it
        (`在海宁市委、市政府的领导下` for a 市科技局; `按照省委、嘉兴市委、海宁市委的部署`: the
        innermost of one chain). Unsure: check."""
        ends = (hit.start("organ") for hit in _LEADING_BODY.finditer(opening))
        innermost = self._innermost_named(opening, ends, 7, lambda place: place.endswith(level))
        if innermost is None:
            return None
        return Finding(innermost.path_name, UNSURE, f"region: the opening names {innermost.name}'s committee or "
                                                    "government as the unit's leadership; check")

    def _innermost_named(self, text: str, ends, longest: int, fits) -> Division | None:
        """The division named right before each of `ends` in `text` (the longest name of at most
        `longest` characters that `fits` and names one division): the innermost, when they are all
        of one chain (省 › 市 › 县); None when none is named or they are of two chains."""
        led: list[Division] = []
        for end in ends:
            for k in range(min(longest, end), 2, -1):
                place = text[end - k : end]
                if fits(place) and place not in GENERIC_PLACES and self._unique(place):
                    division = self.regions.resolve(place)
                    if division.code not in {d.code for d in led}:
                        led.append(division)
                    break
        if not led:
            return None
        innermost = max(led, key=lambda d: len(d.path))
        if any(d.code not in {p.code for p in innermost.path} for d in led):
            return None  # places of two chains: not one jurisdiction
        return innermost

    def _jurisdiction(self, level: str, text: str) -> Finding | None:
        """A unit named only by its level (`省科协`, `区科技局`) serves the one division of that level
        its text keeps naming (`湖北` for a 省科协 whose text speaks of 湖北 again and again): at least
        three times, and three times as often as any other of that level. Unsure: check."""
        if level == "省":
            counts = Counter({d: len(re.findall(re.escape(_short(d.name)), text)) for d in self.regions.provinces()})
        elif level in "市县区旗":
            counts = Counter()
            for hit in re.finditer(level, text):
                end = hit.end()
                for k in range(min(7, end), 2, -1):
                    place = text[end - k : end]
                    if place not in GENERIC_PLACES and self._unique(place):
                        counts[self.regions.resolve(place)] += 1
                        break
        else:
            return None
        ranked = [(d, c) for d, c in counts.most_common(2) if c]
        if not ranked or ranked[0][1] < 3 or len(ranked) > 1 and ranked[1][1] * 3 > ranked[0][1]:
            return None
        division, count = ranked[0]
        return Finding(division.path_name, UNSURE, f"region: the unit names only its level ({level}) and the text "
                                                   f"names {division.name} {count} times; check")

    def _served(self, level: str, text: str) -> Finding | None:
        """A unit named only by its level whose text says whose development its work serves, by
        that division's name or its name less the level (`为松原市的经济发展…做出了贡献`,
        `为支撑襄阳转型发展注入了新的活力` for a 市科技局): one division of the unit's level so
        named, and no other. A place only visited or compared with is not so named. Unsure: check."""
        if level not in "市县区旗":
            return None
        served: dict[str, Division] = {}
        for hit in _SERVES.finditer(text):
            place = hit.group("place")
            name = place if place.endswith(level) else place + level
            if name in GENERIC_PLACES or not self._unique(name):
                continue
            division = self.regions.resolve(name)
            if division.name.endswith(level):
                served[division.code] = division
        if len(served) != 1:
            return None
        division = next(iter(served.values()))
        return Finding(division.path_name, UNSURE, f"region: the text says the unit's work serves {division.name}'s "
                                                   "development; check")

    def is_place(self, name: str) -> bool:
        """A division's name, one or several (`杭州市`; `新区` and such common nouns are not)."""
        if name in GENERIC_PLACES or not self.regions.known(name):
            return False
        try:
            self.regions.resolve(name)
        except RegionError as e:
            return "ambiguous" in str(e)
        return True

    def _unique(self, name: str) -> bool:
        if not self.regions.known(name):
            return False
        try:
            self.regions.resolve(name)
            return True
        except RegionError:
            return False

    def _leading_division(self, name: str) -> tuple[Division | None, str | None]:
        """The division(s) the unit's name starts with (`贵州省遵义市科协` → 贵州省/遵义市)."""
        path: list[str] = []
        rest = name
        while rest:
            for k in range(min(len(rest), 12), 1, -1):
                prefix = rest[:k]
                if prefix in GENERIC_PLACES or not self.regions.known(prefix):
                    continue
                try:
                    self.regions.resolve("/".join(path + [prefix]))
                except RegionError as e:
                    if "ambiguous" in str(e) and not path:
                        labels = "; ".join(c.label for c in e.candidates[:5])
                        return None, f"region: {prefix} could be {labels}; write the path to choose"
                    continue
                path.append(prefix)
                rest = rest[k:]
                break
            else:
                break
        if not path:
            return None, None
        division = self.regions.resolve("/".join(path))
        note = None
        if division.historical:
            note = f"region: {division.name} is a former name ({division.label}); check"
        return division, note
