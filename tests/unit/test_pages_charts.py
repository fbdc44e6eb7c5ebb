"""The home page's year chart (archive.pages.charts): missing years filled in, 年份不详 apart, axis steps."""

from __future__ import annotations

from archive.pages import Link
from archive.pages.charts import nice_step, year_chart


def test_chart_geometry_fills_missing_years_and_scales():
    links = [(2010, Link("2010年", "years/2010/", 4)), (2013, Link("2013年", "years/2013/", 10)),
             (None, Link("年份不详", "years/unknown/", 7))]
    chart = year_chart(links)
    assert [b.label for b in chart.bars] == ["2010年", "2011年", "2012年", "2013年", "年份不详"]
    tallest = max(chart.bars, key=lambda b: b.height)
    assert tallest.label == "2013年" and tallest.y >= 0
    assert chart.bars[-1].unknown and chart.bars[-1].x > chart.bars[-2].x + chart.bars[-2].width * 1.5
    assert nice_step(37) == 10 and nice_step(3) == 1
