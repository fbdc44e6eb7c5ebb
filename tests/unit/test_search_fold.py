"""Search folding (archive.search.fold): the index's code-point folder gives what `fold` gives,
text by text. The browser's folding against Python's: tests/build/test_search.py."""

from __future__ import annotations

from conftest import ROOT

SAMPLE_REPORTS = ROOT / "reports"


def test_index_folding_equals_fold():
    """The index folds whole archives as code point arrays: the same result as `fold`, text by text."""
    import numpy as np

    from archive.search.fold import DROPPED, CodePointFolder, fold, strip_notes

    text = "".join(sorted({c for p in SAMPLE_REPORTS.rglob("*.md") for c in p.read_text(encoding="utf-8")}))
    folder = CodePointFolder()
    for sample in [text, "總結(zǒng jié)：ＡＢＣ１２３ 乾隆, 科技局!", "Ⅻ ½ ① 𠀋𡈽 ﹏ ー ・ 〇", "版本(v) 科(a) 工作(gōng zuò)"]:
        cps = np.frombuffer(strip_notes(sample).encode("utf-32-le"), dtype="<u4")
        folded = folder(cps)
        assert "".join(map(chr, folded[folded != DROPPED])) == fold(sample)
