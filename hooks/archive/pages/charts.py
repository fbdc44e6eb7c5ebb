"""Geometry of the home page's SVG bar chart (reports per year), computed at build time.

The markup is a Jinja template (`archive/charts.html`); this module only decides where each bar,
label and grid line goes. Years without reports between the first and the last are drawn as
empty slots, so the chart's shape is honest; 年份不详 is drawn apart, after a gap.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from . import Link

WIDTH = 720
HEIGHT = 240
MARGIN_LEFT = 40
MARGIN_RIGHT = 8
MARGIN_TOP = 12
MARGIN_BOTTOM = 36
GAP_SLOTS = 1.5
"""Space (in bar slots) between the last year and the 年份不详 bar."""
MAX_LABELS = 12
"""At most this many year labels under the axis (every n-th year otherwise)."""


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    count: int
    url: str
    unknown: bool = False
    """The 年份不详 bar, drawn apart and in another colour."""
    show_label: bool = True


@dataclass(frozen=True)
class Tick:
    y: float
    value: int


@dataclass
class BarChart:
    title: str
    description: str
    """The chart's text alternative: every value, in words."""
    width: int = WIDTH
    height: int = HEIGHT
    bars: list[Bar] = field(default_factory=list)
    ticks: list[Tick] = field(default_factory=list)
    left: float = MARGIN_LEFT
    right: float = WIDTH - MARGIN_RIGHT
    baseline: float = HEIGHT - MARGIN_BOTTOM


def nice_step(maximum: int, steps: int = 4) -> int:
    """A round grid step (1, 2, 5 × 10ⁿ) giving about `steps` lines up to `maximum`."""
    if maximum <= steps:
        return 1
    raw = maximum / steps
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if factor * power >= raw:
            return int(factor * power)
    return int(10 * power)


def year_chart(years: list[tuple[int | None, Link]]) -> BarChart:
    """`years`: (year or None, link with count), any order. Empty years between are filled in."""
    known = {year: link for year, link in years if year is not None}
    unknown = next((link for year, link in years if year is None), None)
    span = list(range(min(known), max(known) + 1)) if known else []
    slots = len(span) + ((GAP_SLOTS + 1) if unknown else 0)
    top = max([link.count for link in known.values()] + ([unknown.count] if unknown else []) + [1])
    step = nice_step(top)
    scale_top = step * math.ceil(top / step)
    chart = BarChart(title="各年度报告数", description="")
    plot_height = chart.baseline - MARGIN_TOP
    slot = (chart.right - chart.left) / max(slots, 1)
    bar_width = max(slot * 0.8, 1)
    every = max(1, math.ceil(len(span) / MAX_LABELS))

    def bar(index: float, link: Link, year: int | None, **kw) -> Bar:
        height = plot_height * link.count / scale_top
        x = chart.left + index * slot + (slot - bar_width) / 2
        return Bar(round(x, 2), round(chart.baseline - height, 2), round(bar_width, 2), round(height, 2),
                   link.title, link.count, link.url, **kw)

    for i, year in enumerate(span):
        link = known.get(year, Link(f"{year}年", "", 0))
        chart.bars.append(bar(i, link, year, show_label=(year - span[0]) % every == 0 or year == span[-1] and every == 1))
    if unknown:
        chart.bars.append(bar(len(span) + GAP_SLOTS, unknown, None, unknown=True))
    chart.ticks = [Tick(round(chart.baseline - plot_height * v / scale_top, 2), v)
                   for v in range(0, scale_top + 1, step)]
    parts = [f"{link.title} {link.count} 篇" for year, link in sorted(known.items()) if link.count]
    text = "，".join(parts) if parts else "暂无标明年份的报告"
    if unknown:
        text += f"；另有{unknown.title} {unknown.count} 篇"
    chart.description = f"柱状图：{span[0]}年至{span[-1]}年各年度的报告数。{text}。" if span else f"柱状图：{text}。"
    return chart
