"""ASCII URL segments for Chinese names (units): pinyin, so links never need percent-encoding."""

from __future__ import annotations

import functools
import hashlib
import re

from pypinyin import Style, lazy_pinyin

_NON_SLUG = re.compile(r"[^a-z0-9]+")


@functools.lru_cache(maxsize=None)
def pinyin_slug(name: str) -> str:
    """`遵义市科协` → `zunyishikexie`; ASCII letters and digits in the name are kept."""
    syllables = lazy_pinyin(name, style=Style.NORMAL, errors=lambda chars: list(chars))
    slug = _NON_SLUG.sub("-", "".join(syllables).lower()).strip("-")
    return slug or "unit"


def pinyin_initial(name: str) -> str:
    """The upper-case initial a reader looks a unit up by (`遵义市科协` → `Z`); `#` for none."""
    # Whole-name pinyin, so that polyphones read in context (长沙 → chang, not zhang).
    first = pinyin_slug(name)[:1].upper()
    return first if "A" <= first <= "Z" else "#"


MAX_SLUG_CHARS = 80
"""Characters of a unit's URL segment at most (file systems allow 255 bytes a segment): a longer
pinyin is cut and gets the name's hash, so it stays unique."""
_HASH_CHARS = 6


def _hashed(slug: str, name: str, chars: int) -> str:
    digest = hashlib.sha1(name.encode("utf-8")).hexdigest()[:chars]
    return f"{slug[: MAX_SLUG_CHARS - chars - 1].rstrip('-')}-{digest}"


def unique_slugs(names: list[str], reserved: frozenset[str] = frozenset()) -> dict[str, str]:
    """Slug per name. Names that share a pinyin spelling (同音, e.g. 科协/柯谐) each get a short
    hash of the name appended, so slugs stay unique and are derived from the name alone; so does
    a name whose spelling is `reserved` (a URL segment of the site's own, such as `unknown`), and
    one whose pinyin is longer than MAX_SLUG_CHARS (cut first). Should a slug still be another's
    (a unit named like a hashed slug, `kexie-1a2b3c`), every name sharing it gets a longer hash,
    until no two distinct names share a slug."""
    names = sorted(set(names))
    plain: dict[str, list[str]] = {}
    for name in names:
        plain.setdefault(pinyin_slug(name), []).append(name)
    slugs = {}
    for slug, group in plain.items():
        for name in group:
            if len(group) == 1 and slug not in reserved and len(slug) <= MAX_SLUG_CHARS:
                slugs[name] = slug
            else:
                slugs[name] = _hashed(slug, name, _HASH_CHARS)
    chars = _HASH_CHARS
    while True:
        owners: dict[str, list[str]] = {}
        for name, slug in slugs.items():
            owners.setdefault(slug, []).append(name)
        clashing = [name for slug, group in owners.items() if len(group) > 1 or slug in reserved for name in group]
        if not clashing:
            return slugs
        chars += _HASH_CHARS
        for name in clashing:
            slugs[name] = _hashed(pinyin_slug(name), name, min(chars, 40))
        if chars >= 40:  # sha1 is exhausted: distinct names with one digest do not occur
            return slugs
