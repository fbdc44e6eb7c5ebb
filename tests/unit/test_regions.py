"""archive.regions: the GB/T 2260 tree the schema, the region pages and the maps share."""

from __future__ import annotations

import re

import pytest

from archive.regions import PROVINCE, region_tree


def all_divisions(tree):
    pending = list(tree.provinces())
    while pending:
        division = pending.pop()
        yield division
        pending += division.children


def test_every_code_is_six_ascii_digits():
    # a non-numeric code would become a non-ASCII URL (/regions/资料暂缺00/) and join no map shape
    bad = [d for d in all_divisions(region_tree()) if not re.fullmatch(r"[0-9]{6}", d.code)]
    assert bad == []


def test_taiwan_has_its_gb2260_code():
    tree = region_tree()
    taiwan = tree.get("710000")
    assert taiwan is not None and taiwan.name == "台湾省" and taiwan.level == PROVINCE
    assert tree.resolve("台湾省") is taiwan
    assert taiwan in tree.provinces()


@pytest.mark.parametrize("path, code", [("贵州省/遵义市", "520300"), ("北京市", "110000")])
def test_current_names_resolve_to_their_codes(path, code):
    assert region_tree().resolve(path).code == code


def test_abolished_names_still_resolve():
    division = region_tree().resolve("湖北省/襄樊市")
    assert division.historical and division.code == "420600"
