"""按单位: /units/ and one timeline per unit.

At tens of thousands of reports there are thousands of units, so /units/ itself lists groups,
not units: one page per pinyin initial (/units/by-initial/z/) and one per province
(/units/by-region/520000/, units grouped by city inside). A group of more than UNITS_PER_PAGE
units is cut by a stable key, as long lists of reports are (pages/__init__.py): an initial by
the pinyin of the name's first character (/units/by-initial/z/zun/), a province by city
(/units/by-region/520000/520300/; `provincial` for units of the province itself), the units of
no region by initial (/units/by-region/unknown/z/); each part paginated on its own, so a new
unit moves no unit of another part. A small archive
(up to one page of units) also lists every unit on /units/, grouped by region. A filter box
finds a unit by its first character or the pinyin initials of its name (units.json).

Reports that name no unit (`unit: null`) are no unit: /units/ links their bucket, 单位不详, last
(at units/unknown/, as the 年份不详 and 地区不详 buckets), and the bucket lists them.
"""

from __future__ import annotations

from collections import Counter

from pypinyin import Style, lazy_pinyin

from ..catalogue import Catalogue, Unit
from ..labels import UNKNOWN_REGION, UNKNOWN_UNIT, region_label
from ..regions import Division
from ..urls import UNITS, bucket_url, page_url, unit_url
from . import BY_YEAR, Link, Listing, list_pages

ROOT = Link("按单位", UNITS)
BY_INITIAL = "units/by-initial/{key}/"
BY_REGION = "units/by-region/{key}/"
UNITS_PER_PAGE = 200
DATA_NAME = "units/units.json"
"""The filter box's data: every unit's name, URL, initials and count."""


def initials(name: str) -> str:
    """`遵义市科协` → `zysk x` → `zyskx`: the first letter of each character's pinyin."""
    return "".join(lazy_pinyin(name, style=Style.FIRST_LETTER, errors=lambda chars: list(chars))).lower()


def home_region(unit: Unit) -> Division | None:
    """The division most of the unit's reports name (ties: the lowest code); None for 地区不详."""
    counts = Counter(r.region.code for r in unit.reports if r.region)
    if not counts:
        return None
    code = min(counts, key=lambda c: (-counts[c], c))
    return next(r.region for r in unit.reports if r.region and r.region.code == code)


def unit_link(unit: Unit, region: Division | None) -> Link:
    where = region_label(region, " › ")
    return Link(unit.name, unit_url(unit.slug), len(unit.reports), note=where)


def unit_records(catalogue: Catalogue) -> list[dict]:
    """The filter box's data, in the units' order."""
    return [{"name": u.name, "url": unit_url(u.slug), "initials": initials(u.name), "count": len(u.reports)}
            for u in catalogue.units()]


def _pages(kind: str, base: str, title: str, groups: list[tuple[str, list[Link]]], **fields) -> list[Listing]:
    """Split grouped unit links into pages of at most UNITS_PER_PAGE units; groups may span pages."""
    chunks: list[list[Link]] = [[]]
    used = 0
    for name, links in groups:
        for start in range(0, len(links), UNITS_PER_PAGE):
            part = links[start : start + UNITS_PER_PAGE]
            if used and used + len(part) > UNITS_PER_PAGE:
                chunks.append([])
                used = 0
            # a group too long for the rest of this page continues on the next
            room = UNITS_PER_PAGE - used
            head, tail = part[:room], part[room:]
            chunks[-1].append(Link(name, "", len(links), children=tuple(head)))
            used += len(head)
            if tail:
                chunks.append([Link(name, "", len(links), children=tuple(tail))])
                used = len(tail)
    pages = [Link(str(n), page_url(base, n)) for n in range(1, len(chunks) + 1)]
    total = sum(len(links) for _, links in groups)
    return [
        Listing(kind=kind, url=page_url(base, n), title=title if n == 1 else f"{title}（第 {n} 页）", links=chunk,
                total=total, page_number=n, pages=pages if len(chunks) > 1 else [], **fields)
        for n, chunk in enumerate(chunks, start=1)
    ]


def first_syllable(name: str) -> str:
    """`遵义市科协` → `zun`: the pinyin of the first character (ASCII, ü as v); `other` for a
    name that starts with no Chinese character."""
    syllable = lazy_pinyin(name[:1], errors=lambda chars: ["other"])[0].lower()
    return syllable if syllable.isascii() and syllable.isalpha() else "other"


def _grouped(kind: str, base: str, title: str, parts_title: str, groups: list[tuple[str, str, list[Link]]],
             breadcrumbs: list[Link], extra: dict, whole: list[tuple[str, list[Link]]] | None = None) -> list[Listing]:
    """Unit links in groups (label, key, links): one page while they fit (`whole`: its groups, if
    not these); past that, the first page lists the groups with their counts and each group is a
    run of pages of its own at `<base><key>/`."""
    total = sum(len(links) for _, _, links in groups)
    if total <= UNITS_PER_PAGE:
        whole = whole if whole is not None else [(label, links) for label, _, links in groups]
        return _pages(kind, base, title, whole, breadcrumbs=breadcrumbs, extra=extra)
    first = Listing(kind=kind, url=base, title=title, total=total, breadcrumbs=breadcrumbs, extra=extra,
                    buckets=[Link(label, bucket_url(base, key), len(links)) for label, key, links in groups],
                    bucket_title=parts_title)
    pages = [first]
    for label, key, links in groups:
        pages += _pages(kind, bucket_url(base, key), f"{title} · {label}", [(label, links)],
                        breadcrumbs=[*breadcrumbs, Link(title, base)], extra=extra, list_url=base, list_title=title)
    return pages


def listings(catalogue: Catalogue) -> list[Listing]:
    units = catalogue.units()
    regions = {u.name: home_region(u) for u in units}
    links = {u.name: unit_link(u, regions[u.name]) for u in units}

    by_initial: dict[str, list[Unit]] = {}
    for unit in units:
        by_initial.setdefault(unit.initial, []).append(unit)
    initial_links = [Link(letter, BY_INITIAL.format(key=_initial_key(letter)), len(group))
                     for letter, group in sorted(by_initial.items(), key=lambda kv: (kv[0] == "#", kv[0]))]

    by_province: dict[str | None, list[Unit]] = {}
    for unit in units:
        region = regions[unit.name]
        by_province.setdefault(region.path[0].code if region else None, []).append(unit)
    province_names = {code: group_region.path[0].name for code, group in by_province.items() if code
                      for group_region in [regions[group[0].name]]}
    province_order = sorted(by_province, key=lambda c: (c is None, c or ""))
    region_links = [Link(province_names[c] if c else UNKNOWN_REGION, BY_REGION.format(key=c or "unknown"),
                         len(by_province[c])) for c in province_order]

    def by_city(group: list[Unit]) -> list[tuple[str, str, list[Link]]]:
        """(city, its code or `provincial`, its units), by name; the units of no region by initial."""
        cities: dict[tuple[str, str], list[Link]] = {}
        for unit in group:
            region = regions[unit.name]
            if region is None:
                city = (unit.initial, _initial_key(unit.initial))
            elif len(region.path) > 1:
                city = (region.path[1].name, region.path[1].code)
            else:
                city = (region.path[0].name + "（省级）", "provincial")
            cities.setdefault(city, []).append(links[unit.name])
        return [(name, key, found) for (name, key), found in sorted(cities.items())]

    def by_syllable(group: list[Unit]) -> list[tuple[str, str, list[Link]]]:
        """(syllable with the first characters it stands for, the syllable, its units), by syllable."""
        syllables: dict[str, list[Unit]] = {}
        for unit in group:
            syllables.setdefault(first_syllable(unit.name), []).append(unit)
        return [(f"{key}（{''.join(sorted({u.name[0] for u in found}))[:12]}）" if key != "other" else "其他", key,
                 [links[u.name] for u in found]) for key, found in sorted(syllables.items())]

    small = len(units) <= UNITS_PER_PAGE
    groups = []
    if small:
        for code in province_order:
            name = province_names[code] if code else UNKNOWN_REGION
            groups.append(Link(name, BY_REGION.format(key=code or "unknown"), len(by_province[code]),
                               children=tuple(links[u.name] for u in by_province[code])))
    unknown = catalogue.unknown_unit()
    unknown_link = Link(UNKNOWN_UNIT, unit_url(None), len(unknown)) if unknown else None
    index = Listing(
        kind="units", url=UNITS, title="按单位浏览", links=groups, total=len(catalogue.reports),
        description=f"共 {len(units)} 个发文单位。可按所在地区或名称拼音首字母查找，或在下框输入单位名称的首字、拼音首字母。",
        extra={"initials": initial_links, "regions": region_links, "data": DATA_NAME, "units": len(units),
               "unknown": unknown_link},
    )
    pages = [index]
    # the groups' pages link the other groups by name only (their counts change with every unit)
    initial_nav = [Link(link.title, link.url) for link in initial_links]
    region_nav = [Link(link.title, link.url) for link in region_links]
    for letter, group in sorted(by_initial.items()):
        title = f"单位：拼音首字母 {letter}" if letter != "#" else "单位：其他"
        pages += _grouped("unit-group", BY_INITIAL.format(key=_initial_key(letter)), title, "按首字读音",
                          by_syllable(group), breadcrumbs=[ROOT], extra={"initials": initial_nav, "initial": letter},
                          whole=[(letter, [links[u.name] for u in group])])
    for code in province_order:
        name = province_names[code] if code else UNKNOWN_REGION
        pages += _grouped("unit-group", BY_REGION.format(key=code or "unknown"), f"{name}的单位",
                          "按城市" if code else "按拼音首字母", by_city(by_province[code]), breadcrumbs=[ROOT],
                          extra={"regions": region_nav},
                          whole=None if code else [(UNKNOWN_REGION, [links[u.name] for u in by_province[code]])])
    for unit in units:
        # A unit's page is its timeline: oldest first, 年份不详 last.
        pages += list_pages("unit", unit_url(unit.slug), unit.name, unit.timeline, catalogue.settings.page_size,
                            facet=unit.name, bucketing=BY_YEAR, breadcrumbs=[ROOT], description=f"所在地区：{links[unit.name].note}。按年份先后排列，年份不详的报告在最后。")
    if unknown:
        # Not a unit: no timeline (the reports are of many bodies), the catalogue's order.
        pages += list_pages("unit", unit_url(None), UNKNOWN_UNIT, unknown, catalogue.settings.page_size,
                            facet=UNKNOWN_UNIT, bucketing=BY_YEAR, breadcrumbs=[ROOT], description="报告未写明发文单位（标题、落款和正文都没有写出单位名称）。")
    return pages


def _initial_key(letter: str) -> str:
    return "other" if letter == "#" else letter.lower()
