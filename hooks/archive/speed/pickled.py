"""One cache file of Python values, made under a fingerprint (the code and settings it depends on):
read whole, replaced whole in one step. A file that is missing, damaged or of another fingerprint is
as good as none (it is a cache: never an error). The cache folder is the project's own, as for the
other caches (pickle runs what the file says)."""

from __future__ import annotations

import os
import pickle
from pathlib import Path


def load(path: Path, fingerprint: str):
    """What `save` kept in `path` under the same `fingerprint`, else None."""
    try:
        with open(path, "rb") as f:
            data = pickle.load(f)
    except Exception:  # noqa: BLE001 - a damaged cache file may fail in any way while unpickled
        return None
    if not isinstance(data, dict) or data.get("fingerprint") != fingerprint:
        return None
    return data.get("data")


def save(path: Path, fingerprint: str, data) -> None:
    """Replace `path` with `data` in one step: a build that stops halfway, or a second build at the
    same time, leaves a whole file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}")
    try:
        partial.write_bytes(pickle.dumps({"fingerprint": fingerprint, "data": data}, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
