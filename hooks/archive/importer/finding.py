"""What a metadata finder returns: a value, its status, and a review note where it is not plain."""

from __future__ import annotations

from dataclasses import dataclass

FOUND, UNSURE, NOT_STATED = "found", "unsure", "not stated"


@dataclass
class Finding:
    value: object = None
    status: str = NOT_STATED
    note: str | None = None
