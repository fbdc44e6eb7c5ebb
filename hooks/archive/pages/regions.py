"""按地区: /regions/ as the tree 省 → 市 → 县 with counts, one list per division (cut by year when long:
pages/__init__.py), 地区不详 last."""

from __future__ import annotations

from .. import maps
from ..catalogue import Catalogue, RegionNode
from ..labels import UNKNOWN_REGION
from ..regions import PROVINCE
from ..urls import REGIONS, region_url
from . import BY_YEAR, Link, Listing, list_pages

ROOT = Link("按地区", REGIONS)
UNKNOWN_TITLE = UNKNOWN_REGION
MAX_LINKS = 200
"""Most entries an index page lists."""


def _count_nodes(node: RegionNode, levels: int) -> int:
    if levels == 0:
        return 0
    return sum(1 + _count_nodes(child, levels - 1) for child in node.children.values())


def node_url(node: RegionNode) -> str:
    return region_url([d.code for d in node.division.path])


def node_link(node: RegionNode, depth: int) -> Link:
    """A division with its report count and, down to `depth` more levels, its children."""
    children = tuple(node_link(child, depth - 1) for child in node.sorted_children) if depth > 0 else ()
    note = "旧称" if node.division.historical else ""
    return Link(node.division.name, node_url(node), len(node.reports), children=children, note=note)


def country_map(root: RegionNode, source) -> maps.RegionMap | None:
    """Reports per province, on the map of China (every province the data draws, with or without reports)."""
    areas = []
    for code, name in maps.provinces():
        node = root.children.get(code)
        areas.append(maps.Area(code, node.division.name if node else name, len(node.reports) if node else 0,
                               node_url(node) if node else None))
    return maps.region_map(source, maps.COUNTRY, "各省级行政区报告数地图", areas)


def province_map(node: RegionNode, source) -> maps.RegionMap | None:
    """Reports per division right below a province (its prefectures, or a municipality's districts)."""
    areas = []
    for division in maps.map_divisions(node.division):
        child = node.children.get(division.code)
        areas.append(maps.Area(division.code, division.name, len(child.reports) if child else 0,
                               node_url(child) if child else None))
    return maps.region_map(source, node.division.code, f"{node.division.name}下辖地区报告数地图", areas)


def listings(catalogue: Catalogue, map_source=None) -> list[Listing]:
    root = catalogue.region_tree()
    size = catalogue.settings.page_size
    # The whole tree down to counties while it fits on one page; provinces and cities beyond that
    # (each city's page lists its counties with their counts).
    depth = 2 if _count_nodes(root, 3) <= MAX_LINKS else 1
    links = [node_link(province, depth=depth) for province in root.sorted_children]
    if root.unknown.reports:
        links.append(Link(UNKNOWN_TITLE, region_url(None), len(root.unknown.reports)))
    index = Listing(kind="regions", url=REGIONS, title="按地区浏览", links=links, total=len(root.reports),
                    description="行政区划依据 GB/T 2260（国家统计局、民政部行政区划代码），已撤销或更名的旧区划仍可查。"
                                "数字为该地区及其下辖地区的报告数。",
                    extra={"map": country_map(root, map_source)})
    pages = [index]

    def walk(node: RegionNode, trail: list[Link]) -> None:
        nonlocal pages
        title = node.division.name
        division_path = node.division.path_name
        region_pages = list_pages("region", node_url(node), title, node.reports, size, facet=node.division.code,
                                  bucketing=BY_YEAR, breadcrumbs=list(trail),
                                  links=[node_link(child, depth=0) for child in node.sorted_children],
                                  description=f"{division_path}（区划代码 {node.division.code}）及其下辖地区的报告。")
        if node.division.level == PROVINCE and map_source is not None:
            region_pages[0].extra["map"] = province_map(node, map_source)
        pages += region_pages
        for child in node.sorted_children:
            walk(child, trail + [Link(title, node_url(node))])

    for province in root.sorted_children:
        walk(province, [ROOT])
    if root.unknown.reports:
        pages += list_pages("region", region_url(None), UNKNOWN_TITLE, root.unknown.reports, size, facet="unknown",
                            bucketing=BY_YEAR, breadcrumbs=[ROOT],
                            description="报告未写明所属地区，或单位名称不足以确定地区。")
    return pages
