"""Files of the previous site written again only when their bytes change (hooks/archive/speed/
kept_files.py): a file known from last time is only looked at, anything else is read and compared,
and a file edited by hand or linked elsewhere is never trusted or written into."""

from __future__ import annotations

import os

from archive.speed.kept_files import KeptFiles, write_if_changed


def writer(tmp_path, site="site") -> KeptFiles:
    return KeptFiles(tmp_path / "cache", tmp_path / site, "exports")


def test_a_file_written_last_time_is_only_looked_at_and_keeps_its_inode_and_time(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    first = writer(tmp_path)
    first.saving(lambda: [first(site / f"{n}.bib", f"@report{{{n}}}".encode()) for n in range(3)])()
    before = {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in site.iterdir()}

    second = writer(tmp_path)
    for n in range(3):
        second(site / f"{n}.bib", f"@report{{{n}}}".encode() if n else b"@report{changed}")
    assert (second.looked, second.compared) == (2, 1)
    assert (site / "0.bib").read_bytes() == b"@report{changed}"
    assert {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in site.iterdir() if p.name != "0.bib"} == \
        {k: v for k, v in before.items() if k != "0.bib"}


def test_a_file_edited_by_hand_is_compared_and_written_again(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    first = writer(tmp_path)
    first.saving(lambda: first(site / "a.ris", b"TY  - RPRT\nER  - \n"))()
    (site / "a.ris").write_bytes(b"TY  - RPRT\nXX  - \n")  # same size, new time
    os.utime(site / "a.ris", ns=(1, 1))
    second = writer(tmp_path)
    second(site / "a.ris", b"TY  - RPRT\nER  - \n")
    assert (second.looked, second.compared) == (0, 1)
    assert (site / "a.ris").read_bytes() == b"TY  - RPRT\nER  - \n"


def test_an_index_of_another_site_folder_or_a_failed_job_is_not_trusted(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    first = writer(tmp_path)
    first.saving(lambda: first(site / "a.json", b"{}"))()
    other = writer(tmp_path, site="elsewhere")
    other(site / "a.json", b"{}")
    assert (other.looked, other.compared) == (0, 1)

    def fails():
        first(site / "a.json", b"[]")
        raise RuntimeError("the job failed")

    failing = writer(tmp_path)
    try:
        failing.saving(fails)()
    except RuntimeError:
        pass
    again = writer(tmp_path)
    again(site / "a.json", b"[]")
    assert (again.looked, again.compared) == (0, 1)


def test_a_changed_file_is_replaced_not_written_into_so_a_hard_linked_copy_stays(tmp_path):
    kept = tmp_path / "kept.gz"
    kept.write_bytes(b"kept segment")
    linked = tmp_path / "site.gz"
    os.link(kept, linked)
    write_if_changed(linked, b"kept segment")
    assert linked.stat().st_ino == kept.stat().st_ino
    write_if_changed(linked, b"new bytes")
    assert linked.read_bytes() == b"new bytes" and kept.read_bytes() == b"kept segment"


def test_a_file_whose_key_is_as_recorded_is_not_even_made(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    made = []

    def make(n):
        def data():
            made.append(n)
            return f"@report{{{n}}}".encode()
        return data

    first = writer(tmp_path)
    first.saving(lambda: [first(site / f"{n}.bib", make(n), key=("bib", n)) for n in range(3)])()
    assert made == [0, 1, 2]
    made.clear()
    second = writer(tmp_path)
    second.saving(lambda: [second(site / f"{n}.bib", make(n), key=("bib", n if n else "other")) for n in range(3)])()
    assert made == [0] and (second.unmade, second.looked, second.compared) == (2, 3, 0)
    made.clear()
    (site / "1.bib").write_bytes(b"@report{9}")  # edited by hand: same size, new time
    third = writer(tmp_path)
    for n in range(3):
        third(site / f"{n}.bib", make(n), key=("bib", n if n else "other"))
    assert made == [1] and (site / "1.bib").read_bytes() == b"@report{1}"


def test_keys_of_other_code_or_settings_are_not_trusted(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    first = KeptFiles(tmp_path / "cache", site, "exports", fingerprint="code A")
    first.saving(lambda: first(site / "a.ris", b"TY  - RPRT\n", key=("ris", "a")))()
    made = []
    other = KeptFiles(tmp_path / "cache", site, "exports", fingerprint="code B")
    other(site / "a.ris", lambda: made.append(1) or b"TY  - RPRT\n", key=("ris", "a"))
    assert made == [1] and (other.looked, other.unmade) == (1, 0)  # made, compared by digest, kept


def test_a_key_names_dataclasses_by_every_field(tmp_path):
    from dataclasses import dataclass, replace

    @dataclass(frozen=True)
    class Item:
        title: str
        year: int | None

    keys = writer(tmp_path)
    item = Item("甲县科协工作总结", 2015)
    assert keys.key(("bib", item)) == keys.key(("bib", Item("甲县科协工作总结", 2015)))
    assert keys.key(("bib", item)) != keys.key(("bib", replace(item, year=None)))
    assert keys.key(("bib", [item])) != keys.key(("bib", item))
