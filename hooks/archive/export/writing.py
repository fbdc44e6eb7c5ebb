"""How the exports write their many small files (one a report, one a listing feed): through a
writer `write(path, data, key)`, where `data` is the bytes or a function that makes them and `key`
names what they are made of (the values and reports they come from; code and settings aside).

The stock writer makes every file and writes it afresh. The speed writer (speed/kept_files.py)
leaves a file of the previous site alone, without making it, when its key and the file are as it
recorded them last time, so a key must name every input of the bytes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Protocol, Union

Data = Union[bytes, Callable[[], bytes]]


class Write(Protocol):
    def __call__(self, path: Path, data: Data, key: tuple | None = None) -> None: ...


def write_file(path: Path, data: Data, key: tuple | None = None) -> None:
    """Stock: the file made and written afresh (`key` is not used)."""
    path.write_bytes(data() if callable(data) else data)
