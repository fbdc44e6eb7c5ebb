"""Whole generated pages kept from the previous build: a page made from the same inputs as the
page the previous build wrote is taken as it was, not rendered again.

Replaces: every report, listing and comparison page rendered on every build. Between two builds of
an archive almost every page's inputs are the same (one added report changes its unit's timeline,
its listings' pages, a few neighbours), yet each page cost its view, its Markdown body, its own
templates, its comparison's sentence diff.

How: MkDocs empties `site/` when a build starts. Instead, the previous `site/` is moved into the
cache folder first (a rename, no copying), with the index the previous build left: for each page,
the key of its inputs, a digest of its bytes and the ids of its anchors. A page's key holds:
- the site-wide inputs, once per build: this code (every file of the `archive` package and the
  hooks file), every template of the theme's folders, the version of every installed distribution
  and of Python, the configuration (paths aside) and the navigation (titles, URLs);
- the page's own inputs, as `GeneratedPages.inputs` names them (a report's view, which holds the
  report itself, its timeline, near-duplicates, citation; a listing; a comparison's two reports),
  in a stable form (`stable_form`: an input this module cannot put in a stable form makes the page
  rendered, never guessed).
A page whose key is the previous one's and whose previous file still has the recorded digest is
that file again, moved into the new site/ (a rename: nothing written, nothing deleted), and its
anchors are the recorded ones (MkDocs checks links to them after the pages). The previous site's
other files are deleted on another core while the build runs; what is left when it ends (the
pages not kept, the folders) goes then.

Bodies with links, images or raw HTML are always rendered (as in rendered.py): MkDocs resolves
their links against the other files of the build and warns about broken ones. A failed build
leaves no index: the next build renders every page.

Proves itself: the first `CHECKED_PAGES` kept pages of each template are rendered as well and
compared byte for byte; a difference turns keeping off for that template, with a warning
(`ARCHIVE_VERIFY_KEPT=1` compares every kept page and fails the build on a difference). Builds with
pages kept are diffed against builds from scratch (tests/speed/test_kept_pages.py,
tests/build/test_search_segments_build.py).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import importlib.metadata
import json
import logging
import os
import re
import shutil
import sys
from pathlib import Path

from ..regions import Division
from ..schema import Report
from .rendered import rendered_afresh
from .shells import first_difference

FORMAT = 2
"""Bumped when the index or the keys change shape."""

INDEX = "kept-pages.json"
PREVIOUS_SITE = "previous-site"

CHECKED_PAGES = 2
"""Kept pages of each template also rendered and compared."""


_CONFIG_PATHS = {"config_file_path", "docs_dir", "site_dir", "watch", "plugins", "hooks", "theme", "nav"}
"""Settings that are where the project is (not what it publishes), or are taken in another form:
the theme by its name and variables, the navigation as MkDocs built it, the hooks and plugins as
code."""

_ADDRESS = re.compile(r" at 0x[0-9a-f]+")


class Unkeyable(Exception):
    """An input with no stable form: its page is rendered."""


class KeptPages:
    """The kept pages of one build: `lookup` before a page is rendered, `written` after."""

    def __init__(self, config, cache_dir: Path, verify_all: bool | None = None):
        self.config = config
        self.cache_dir, self.site_dir = cache_dir, Path(config.site_dir)
        self.previous_site = cache_dir / PREVIOUS_SITE
        self.verify_all = os.environ.get("ARCHIVE_VERIFY_KEPT") == "1" if verify_all is None else verify_all
        self.kept = self.rendered = self.checked = self.unkeyable = 0
        self.previous: dict[str, list] = {}
        self.index: dict[str, list] = {}
        """Source path → [key, digest, anchors] of each page this build wrote."""
        self._fingerprint: str | None = None
        self._pending: dict[str, tuple[str, str, str | None]] = {}
        """Source path → (key, template, the kept HTML to compare it with or None) of pages being rendered."""
        self._checks: dict[str, int] = {}
        self._off: set[str] = set()
        """Templates whose kept pages differed from a rendering."""
        self._reports: dict[int, str] = {}
        self.taken: set[str] = set()
        """Source paths of the pages moved from the previous site (MkDocs writes nothing for them)."""
        self._sweeper = None
        self._take_previous()
        self._quiet = _SkippedPages(self.taken)
        logging.getLogger("mkdocs.commands.build").addFilter(self._quiet)

    def _take_previous(self) -> None:
        """Move the previous site/ into the cache (before MkDocs empties site/) and read its index."""
        index_path = self.cache_dir / INDEX
        try:
            data = json.loads(index_path.read_text(encoding="utf-8"))
            index_path.unlink()  # a build that fails leaves none: the next one renders every page
        except (OSError, ValueError):
            data = None
        shutil.rmtree(self.previous_site, ignore_errors=True)
        if not isinstance(data, dict) or data.get("format") != FORMAT or not self.site_dir.is_dir():
            return
        try:
            self.cache_dir.mkdir(parents=True, exist_ok=True)
            os.rename(self.site_dir, self.previous_site)
        except OSError as e:  # another file system: nothing kept, MkDocs empties site/ as usual
            _log().info(f"kept pages: previous site not moved ({e}); every page is rendered")
            return
        self.previous = data.get("pages", {})
        from .background import BackgroundJob

        self._sweeper = BackgroundJob(sweep, self.previous_site, {entry[3] for entry in self.previous.values()}, nice=10)

    # -- per page ---------------------------------------------------------------------------

    def take(self, page, template: str, nav, inputs, body: str | None) -> bool:
        """True when the page is the previous build's (its inputs are the same): its file is moved
        into site/. Else (False) the page is rendered, and its key noted for `written`.
        `inputs()` gives its inputs; `body`: its Markdown, if it is still to be rendered."""
        uri = page.file.src_uri
        if body is not None and rendered_afresh(body):
            return False
        try:
            key = self._key(page, template, nav, inputs(), body)
        except Unkeyable:
            self.unkeyable += 1
            return False
        html = self._previous_html(uri, page.file.dest_uri, key)
        if html is not None and template not in self._off:
            if not (self.verify_all or self._checks.get(template, 0) < CHECKED_PAGES):
                os.makedirs(os.path.dirname(page.file.abs_dest_path), exist_ok=True)
                os.replace(self.previous_site / page.file.dest_uri, page.file.abs_dest_path)
                self.kept += 1
                self.taken.add(uri)
                self.index[uri] = self.previous[uri]
                page.present_anchor_ids = set(self.previous[uri][2])
                return True
            self._checks[template] = self._checks.get(template, 0) + 1
            self._pending[uri] = (key, template, html)  # rendered as well, and compared in `written`
        else:
            self._pending[uri] = (key, template, None)
        return False

    def written(self, page, html: str) -> None:
        """A rendered page's output: compared with its kept copy (if checked), noted in the index."""
        pending = self._pending.pop(page.file.src_uri, None)
        if pending is None:
            return
        key, template, kept = pending
        self.rendered += 1
        if kept is not None:
            if kept == html:
                self.checked += 1
            else:
                where = first_difference(html, kept)
                if self.verify_all:
                    raise KeptPageMismatch(f"{page.file.src_uri}: the kept page differs from a rendering {where}")
                self._off.add(template)
                _log().warning(f"{template}: a page kept from the previous build differs from a rendering {where} on "
                               f"{page.file.src_uri}; these pages are rendered (slower, same output)")
        anchors = sorted(page.present_anchor_ids or ())
        digest = _digest(html.encode("utf-8", errors="xmlcharrefreplace"))
        self.index[page.file.src_uri] = [key, digest, anchors, page.file.dest_uri]

    def previous_files(self, files) -> list[str]:
        """Where in site/ the pages the previous build wrote go (absolute paths)."""
        return [f.abs_dest_path for f in files.documentation_pages() if f.src_uri in self.previous]

    def _previous_html(self, uri: str, dest_uri: str, key: str) -> str | None:
        entry = self.previous.get(uri)
        if entry is None or entry[0] != key:
            return None
        try:
            data = (self.previous_site / dest_uri).read_bytes()
        except OSError:
            return None
        return data.decode("utf-8") if _digest(data) == entry[1] else None

    # -- keys -------------------------------------------------------------------------------

    def _key(self, page, template: str, nav, inputs, body: str | None) -> str:
        if self._fingerprint is None:
            self._fingerprint = site_fingerprint(self.config, nav)
        own = json.dumps([page.file.src_uri, page.file.dest_uri, page.url, template, body,
                          stable_form(inputs, self._reports)], ensure_ascii=False, separators=(",", ":"))
        return hashlib.blake2b(f"{self._fingerprint}\0{own}".encode(), digest_size=20).hexdigest()

    # -- end of build -----------------------------------------------------------------------

    def save(self) -> None:
        """Write the index of this build's pages; let go of the previous site."""
        self.discard()
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        (self.cache_dir / INDEX).write_text(json.dumps({"format": FORMAT, "pages": self.index}, ensure_ascii=False,
                                                       separators=(",", ":")), encoding="utf-8")

    def discard(self) -> None:
        """The previous site is deleted (what the sweeper left), and MkDocs' log is as it was."""
        logging.getLogger("mkdocs.commands.build").removeFilter(self._quiet)
        if self._sweeper is not None:
            self._sweeper.result()
            self._sweeper = None
        shutil.rmtree(self.previous_site, ignore_errors=True)

    def summary(self) -> str:
        return (f"kept pages: {self.kept:,} taken from the previous build, {self.rendered:,} rendered "
                f"({self.checked:,} of them compared with their kept copy"
                f"{f', {self.unkeyable:,} with inputs not kept' if self.unkeyable else ''})")


class KeptPageMismatch(Exception):
    pass


def sweep(site: Path, pages: set[str]) -> int:
    """Delete the files of the previous site that are not pages a build may take (on another
    core, while the build runs); the number deleted."""
    deleted = 0
    for folder, _, names in os.walk(site):
        relative = os.path.relpath(folder, site)
        for name in names:
            path = name if relative == "." else f"{relative}/{name}".replace(os.sep, "/")
            if path not in pages:
                try:
                    os.unlink(os.path.join(folder, name))
                    deleted += 1
                except OSError:
                    pass
    return deleted


class _SkippedPages(logging.Filter):
    """MkDocs says it skipped a page whose output is empty: a page taken from the previous site is
    not skipped, its file is there already."""

    def __init__(self, taken: set[str]):
        super().__init__()
        self.taken = taken

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return not (message.startswith("Page skipped: '") and message[len("Page skipped: '"):].split("'", 1)[0] in self.taken)


def site_fingerprint(config, nav) -> str:
    """What every page depends on besides its own inputs: code, templates, installed versions,
    settings and the navigation."""
    h = hashlib.blake2b(digest_size=20)
    h.update(f"{FORMAT}\0{sys.version}\0".encode())
    import archive

    package = Path(archive.__file__).parent
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            h.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    hooks_file = package.parent / "archive_hooks.py"
    if hooks_file.is_file():
        h.update(hooks_file.read_bytes())
    for folder in config.theme.dirs:
        for path in sorted(Path(folder).rglob("*.html")):
            h.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    versions = sorted(f"{d.metadata['Name']}=={d.version}" for d in importlib.metadata.distributions())
    h.update("\n".join(versions).encode())
    settings = {k: v for k, v in config.items() if k not in _CONFIG_PATHS}
    h.update(_address_free(repr(stable_form(settings, {}, lenient=True))).encode())
    h.update(repr((config.theme.name, stable_form(dict(config.theme.items()), {}, lenient=True))).encode())
    h.update(repr(_nav_form(nav.items if nav is not None else [])).encode())
    return h.hexdigest()


def _nav_form(items) -> list:
    return [(getattr(item, "title", None), getattr(item, "url", None), _nav_form(getattr(item, "children", None) or []))
            for item in items]


def stable_form(value, reports: dict[int, str], lenient: bool = False):
    """`value` as JSON-able data that is the same in every build for the same content: dataclasses
    by their fields (a callable field is a lazy value: its result), a report by its fields and a
    digest of its text, a region by its code and name. Anything else raises `Unkeyable` (with
    `lenient`, its repr without memory addresses: for settings)."""
    if value is None or isinstance(value, (bool, int, float)):
        return value
    if isinstance(value, str):  # Markup too: its text is what is printed
        return str(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [stable_form(v, reports, lenient) for v in value]
        return sorted(items, key=repr) if isinstance(value, (set, frozenset)) else items
    if isinstance(value, dict):
        return sorted([[str(k), stable_form(v, reports, lenient)] for k, v in value.items()], key=lambda kv: kv[0])
    if isinstance(value, Division):
        return ["division", value.code, value.name, value.level, value.historical]
    if isinstance(value, Report):
        known = reports.get(id(value))
        if known is None:
            fields = {f.name: getattr(value, f.name) for f in dataclasses.fields(value) if f.name != "body"}
            text = json.dumps(stable_form(fields, reports, lenient), ensure_ascii=False) + "\0" + value.body
            known = reports[id(value)] = hashlib.blake2b(text.encode(), digest_size=16).hexdigest()
        return ["report", known]
    names = _FIELDS.get(type(value))
    if names is None and dataclasses.is_dataclass(value) and not isinstance(value, type):
        names = _FIELDS[type(value)] = tuple(f.name for f in dataclasses.fields(value))
    if names is not None:
        out = [type(value).__qualname__]
        for name in names:
            v = getattr(value, name)
            if callable(v):
                try:
                    v = v()
                except TypeError as e:  # not a lazy value
                    raise Unkeyable(f"{type(value).__qualname__}.{name}") from e
            out.append([name, stable_form(v, reports, lenient)])
        return out
    if lenient:
        return _address_free(repr(value))
    raise Unkeyable(type(value).__qualname__)


_FIELDS: dict[type, tuple[str, ...]] = {}
"""The field names of each dataclass met."""


def _address_free(text: str) -> str:
    return _ADDRESS.sub("", text)


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _log():
    return logging.getLogger("mkdocs.plugins.archive")
