"""What `make serve` (`mkdocs serve --dirty`) prints: what the preview does, and no message a
newcomer reads as a problem (MkDocs' "dirty build ... inaccurate navigation" warning, the note
about search.md not being in the nav); real warnings and notes still show. Runs the real
`mkdocs serve --dirty` on a tiny project, edits a report, and reads its output."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import threading
import time

from conftest import ARTIFACTS, PYTHON, ROOT, report

SERVE_SECONDS = 240
"""At most this long for the first build and one rebuild, on a shared machine."""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(lines: list[str], text: str, count: int, deadline: float) -> bool:
    while time.monotonic() < deadline:
        if sum(text in line for line in lines) >= count:
            return True
        time.sleep(0.2)
    return False


def test_serve_dirty_says_what_it_does_and_nothing_alarming(project):
    docs = project.path / "docs"
    docs.unlink()
    shutil.copytree(ROOT / "docs", docs, symlinks=True)
    (docs / "orphan.md").write_text("# 孤页\n\n没有放进导航的页面。\n", encoding="utf-8")  # a real note
    project.write("2015/a.md", report(title="甲"))
    project.write("2015/wip.md", report(title="草稿", year="20xx", extra="draft: true"))  # a real warning

    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [PYTHON, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{_free_port()}"]
    server = subprocess.Popen(command, cwd=project.path, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True, encoding="utf-8")
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(server.stdout), daemon=True)
    reader.start()
    deadline = time.monotonic() + SERVE_SECONDS
    try:
        assert _wait_for(lines, "Serving on", 1, deadline), "".join(lines)
        time.sleep(1)
        edited = project.reports / "2015" / "a.md"
        edited.write_text(edited.read_text(encoding="utf-8") + "\n修订的段落。\n", encoding="utf-8")
        assert _wait_for(lines, "Documentation built", 2, deadline), "".join(lines)
    finally:
        server.terminate()
        server.wait(timeout=30)
        reader.join(timeout=10)
    output = "".join(lines)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "preview-output.txt").write_text(output, encoding="utf-8")

    assert "Traceback" not in output
    assert "dirty" not in output.lower() and "inaccurate navigation" not in output
    assert output.count("Preview: a saved edit re-renders only the pages it affects") == 1, output
    # the nav note still names the page an editor forgot, and no longer the search page
    note = output[output.index('not included in the "nav"'):]
    assert "- orphan.md" in note.split("INFO")[0] and "search.md" not in output
    # the draft's problem is a warning, as it was
    warnings = [line for line in output.splitlines() if line.startswith("WARNING")]
    assert any("reports/2015/wip.md:4: year: '20xx' is not a year" in line for line in warnings), output
    assert all("wip.md" in line for line in warnings), warnings
