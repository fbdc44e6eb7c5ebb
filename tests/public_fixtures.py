"""The sample archive plus one report that reuses another's text (a near-duplicate and a
next-year report of the same unit), built once: what the public-site tests look at."""

from __future__ import annotations

from conftest import ROOT, ArchiveProject

REUSED_FROM = "2015/kejiju-dangjian-gongzuo-zongjie.md"
REUSED = "2016/kejiju-dangjian-gongzuo-zongjie-2016.md"


def make_public_site(path) -> ArchiveProject:
    project = ArchiveProject(path, reports=ROOT / "reports")
    text = (project.reports / REUSED_FROM).read_text(encoding="utf-8")
    front, body = text.split("\n---\n", 1)
    paragraphs = body.strip().split("\n\n")
    # the same text a year later, lightly edited: its last paragraph dropped, a new one added
    new_body = "\n\n".join(paragraphs[:-1] + ["2016年，我局继续加强党建工作，认真落实各项制度。"])
    front = front.replace("year: 2015", "year: 2016")
    front = "\n".join(line for line in front.split("\n") if not line.startswith(("title:", "date:")))
    front = front.replace("---", "---\ntitle: 科技局党建工作总结（2016年）", 1)
    project.write(REUSED, front + "\n---\n\n" + new_body + "\n")
    result = project.build()
    assert result.returncode == 0, result.stderr
    return project
