"""The report's region: from the unit's own name, or the text naming the unit with its place."""

from __future__ import annotations

import re
from collections import Counter

from ..regions import Division, RegionError, RegionTree
from ..text import simplified
from .clean import Line
from .finding import FOUND, NOT_STATED, UNSURE, Finding
from .patterns import GENERIC_PLACES, HAN


class RegionFinder:
    def __init__(self, regions: RegionTree):
        self.regions = regions

    def find(self, unit: Finding, body: list[Line]) -> Finding:
        """Only from the unit's own name, or the text naming the unit with its place (`通榆县科协`
        for a report whose unit calls itself `县科协`). Places merely mentioned never count."""
        name = unit.value
        if not name:
            return Finding(None, NOT_STATED)
        s = simplified(str(name))
        division, note = self._leading_division(s)
        if division:
            return Finding(division.path_name, FOUND, note)
        if note:
            return Finding(None, UNSURE, note)
        m = re.match(r"^(县|市|区|旗|州|盟)(.+)$", s)
        if m:
            text = "\n".join(line.simple for line in body)
            named: Counter = Counter()
            for hit in re.finditer(re.escape(s), text):
                window = text[max(0, hit.start() - 8) : hit.start() + 1]
                for k in range(len(window), 1, -1):
                    place = window[-k:]
                    if re.fullmatch(rf"{HAN}+", place) and place not in GENERIC_PLACES and self._unique(place):
                        named[place] += 1
                        break
            for place, count in named.most_common(1):
                if count < 2:
                    break
                division, note = self._leading_division(place)
                if division and len(named) == 1:
                    return Finding(division.path_name, FOUND,
                                   f"region: from the text naming the unit {place}{m.group(2)}; check")
        return Finding(None, NOT_STATED)

    def _unique(self, name: str) -> bool:
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
                if prefix in GENERIC_PLACES:
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
