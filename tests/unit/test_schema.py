"""The report schema (archive.schema): the front-matter loader and the byte decoder never crash,
whatever the bytes, and every problem names its file and field."""

from __future__ import annotations

import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive.regions import region_tree
from archive.schema import Problem, Report, decode, parse_report
from conftest import examples
from import_helpers import SETTINGS


FIELD_NAMES = ["title", "unit", "year", "category", "region", "date", "source", "tags", "draft", "review", "redirect_from"]


yaml_scalars = st.one_of(
    st.integers(-10_000, 10_000).map(str), st.sampled_from(["null", "~", "true", "no", "20xx", "2015-02-30", "[", "{", "*a", "&a", "!!python/object:os.system", "|", ">", "'", '"', "- x", "？", "遵义市", "朝阳区", "工作总结"]),
    st.text(alphabet=string.printable + "年月日科协遵义市：，、", max_size=30),
)


front_matter = st.lists(st.tuples(st.sampled_from(FIELD_NAMES + ["x"]), yaml_scalars), max_size=12).map(
    lambda pairs: "---\n" + "\n".join(f"{k}: {v}" for k, v in pairs) + "\n---\n\n正文\n")


@settings(max_examples=examples(400), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(front_matter, st.text(max_size=300), st.binary(max_size=300).map(lambda b: b.decode("latin-1"))))
def test_fuzz_front_matter_loader(text):
    result, problems = parse_report(text, "2015/x.md", "reports/2015/x.md", SETTINGS, region_tree(), 2026)
    assert (result is None) == bool(problems)
    if result is not None:
        assert isinstance(result, Report) and result.title and result.unit
        assert result.year is None or 1949 <= result.year <= 2026
    for problem in problems:
        assert isinstance(problem, Problem) and problem.field and problem.message
        assert str(problem).removeprefix("warning: ").startswith("reports/2015/x.md")
        assert str(problem).startswith("warning: ") == problem.warning  # a draft's problems are warnings


@settings(max_examples=examples(300), deadline=None)
@given(st.binary(max_size=400))
def test_fuzz_decode(raw):
    text, problem = decode(raw, "reports/x.md", max_bytes=1000)
    assert (text is None) != (problem is None)
    if text is not None:
        assert "\r" not in text and "\x00" not in text
