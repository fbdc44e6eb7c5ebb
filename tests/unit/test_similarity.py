"""Near-duplicates (archive.similarity): found both ways, with their similarity, and not for an
unrelated text. The sketches kept between builds: tests/speed/test_sketches.py."""

from __future__ import annotations

from archive.similarity import near_duplicates


def test_near_duplicates_unit():
    base = "".join(f"第{i}条，科协组织开展科普宣传活动，服务群众{i * 7}人次。" for i in range(60))
    texts = {"a": base, "b": base.replace("科普", "科学普及", 3) + "新增一段。", "c": "完全不同的文字内容。" * 50}
    found = near_duplicates(texts)
    assert [s.key for s in found["a"]] == ["b"] and [s.key for s in found["b"]] == ["a"]
    assert "c" not in found and 0.5 <= found["a"][0].similarity <= 1
