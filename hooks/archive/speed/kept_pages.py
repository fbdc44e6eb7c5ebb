"""Whole generated pages kept from the previous build: a page made from the same inputs as the
page the previous build wrote is taken as it was, not rendered again.

Replaces: every report, listing and comparison page rendered on every build. Between two builds of
an archive almost every page's inputs are the same (one added report changes its unit's timeline,
its listings' pages, a few neighbours), yet each page cost its view, its Markdown body, its own
templates, its comparison's sentence diff.

How: MkDocs empties `site/` when a build starts. Instead, the previous `site/` is moved into the
cache folder first (a rename, no copying) and moved back in place once MkDocs has emptied the
folder (`restore`), with the index the previous build left: for each page, the key of its inputs,
a digest of its bytes, the ids of its anchors, and the size and modification time its file had.
A page's key holds:
- the site-wide inputs, once per build: this code (every file of the `archive` package and the
  hooks file), every template of the theme's folders, the version of every installed distribution
  and of Python, the configuration (paths aside) and the navigation (titles, URLs);
- the page's own inputs, as `GeneratedPages.inputs` names them (a report's view, which holds the
  report itself, its timeline, near-duplicates, citation; a listing; a comparison's two reports),
  in a stable form (`stable_form`: text in one grammar, so that different inputs never share a
  form; an input this module cannot put in a stable form makes the page rendered, never guessed).
  The form is written straight into one string and hashed once, without JSON; the commonest
  shapes (a dataclass whose fields are all plain values, a list of such dataclasses, a list of
  tuples of plain values) are each one repr made in C rather than a walk over every value.
A page whose key is the previous one's and whose file is still as the previous build left it (the
same size and modification time, else the same digest of its bytes) is that file again: it stays
where it is (nothing read, written or deleted), and its anchors are the recorded ones (MkDocs
checks links to them after the pages). Every other file of the build is written over the old one.
At the end, what the previous site held and this build did not make goes (`remove_stale`): a
file that is not a kept page nor one the build says it wrote, and was not written or linked since
the old site came back (its inode's change time), is deleted, and so is a folder that is left
empty. What site/ holds is not walked again where the previous build recorded it: the index also
holds each folder's files, subfolders and modification time, and a folder whose time is still the
recorded one is taken as recorded (a file made, removed or renamed in it changes its time; only a
time recorded well before the index was written is trusted, as times are kept in coarse ticks);
any other folder is listed. A folder whose time was set back by hand to the recorded one after
such a change would be taken as recorded. The previous site is kept only under the same code and
installed versions (`code_fingerprint`): a new release may lay out `site/` otherwise, and then
MkDocs empties it as usual.

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
import itertools
import json
import logging
import operator
import os
import re
import shutil
import sys
from pathlib import Path

from ..regions import Division
from ..schema import Report
from .rendered import rendered_afresh
from .shells import first_difference

FORMAT = 4
"""Bumped when the index or the keys change shape."""

INDEX = "kept-pages.json"
PREVIOUS_SITE = "previous-site"
MARKER = "kept-pages.marker"
"""Made when the previous site comes back: a file whose inode changed later (written, or linked
from a cache) is this build's."""

TRUSTED_MARGIN_NS = 2_000_000_000
"""A folder's recorded time is trusted only if it is this much older than the record: file
systems keep times in coarse ticks (`_site_files`)."""

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
    """The kept pages of one build: `take` before a page is rendered, `written` after, then
    `remove_stale` and `save`."""

    def __init__(self, config, cache_dir: Path, verify_all: bool | None = None):
        self.config = config
        self.cache_dir, self.site_dir = cache_dir, Path(config.site_dir)
        self.previous_site = cache_dir / PREVIOUS_SITE
        self.verify_all = os.environ.get("ARCHIVE_VERIFY_KEPT") == "1" if verify_all is None else verify_all
        self.kept = self.rendered = self.checked = self.unkeyable = self.stale = 0
        self.previous: dict[str, list] = {}
        self.index: dict[str, list] = {}
        """Source path → [key, digest, anchors, dest_uri, size, mtime_ns] of each page this build
        wrote (size and time are filled in by `save`: MkDocs writes a page after `written`)."""
        self.code = code_fingerprint(config)
        self._fingerprint: str | None = None
        self._pending: dict[str, tuple[str, str, str | None]] = {}
        """Source path → (key, template, the kept HTML to compare it with or None) of pages being rendered."""
        self._checks: dict[str, int] = {}
        self._off: set[str] = set()
        """Templates whose kept pages differed from a rendering."""
        self._reports: dict[int, str] = {}
        self.taken: set[str] = set()
        """Source paths of the kept pages (MkDocs writes nothing for them)."""
        self._previous_folders: dict[str, list] = {}
        """Each folder of the previous site → [its modification time, its files and its subfolders
        joined by '/'], as the previous build left it (`_site_files`)."""
        self._trusted_before = 0
        """A recorded folder time from before this (ns) is trusted: see `_site_files`."""
        self.folders: dict[str, list] | None = None
        """Each folder of site/ at the end of this build, recorded for the next (`remove_stale`)."""
        self.listed = 0
        """Folders listed by `remove_stale` (the others were as recorded)."""
        self._marker: int | None = None
        """The change time of the marker made when the previous site came back (`restore`), in ns;
        None: no previous site."""
        self._take_previous()
        self._quiet = _SkippedPages(self.taken)
        logging.getLogger("mkdocs.commands.build").addFilter(self._quiet)

    def _take_previous(self) -> None:
        """Move the previous site/ into the cache (before MkDocs empties site/) and read its index."""
        index_path = self.cache_dir / INDEX
        try:
            written = index_path.stat().st_mtime_ns
            data = json.loads(index_path.read_text(encoding="utf-8"))
            index_path.unlink()  # a build that fails leaves none: the next one renders every page
        except (OSError, ValueError):
            data = None
        shutil.rmtree(self.previous_site, ignore_errors=True)
        if (not isinstance(data, dict) or data.get("format") != FORMAT or data.get("code") != self.code
                or not self.site_dir.is_dir()):
            return
        try:
            self.cache_dir.mkdir(parents=True, exist_ok=True)
            os.rename(self.site_dir, self.previous_site)
        except OSError as e:  # another file system: nothing kept, MkDocs empties site/ as usual
            _log().info(f"kept pages: previous site not moved ({e}); every page is rendered")
            return
        self.previous = data.get("pages", {})
        folders = data.get("folders")
        if isinstance(folders, dict):
            self._previous_folders, self._trusted_before = folders, written - TRUSTED_MARGIN_NS

    def restore(self) -> None:
        """MkDocs has emptied site/ (nothing is written into it yet): the previous site comes back
        in its place."""
        if not self.previous_site.is_dir():
            return
        try:
            if self.site_dir.is_dir():
                os.rmdir(self.site_dir)  # empty: MkDocs has just cleaned it
            marker = self.cache_dir / MARKER
            marker.write_bytes(b"")
            self._marker = marker.stat().st_ctime_ns
            os.rename(self.previous_site, self.site_dir)
        except OSError as e:
            _log().info(f"kept pages: previous site not restored ({e}); every page is rendered")
            self._marker, self.previous = None, {}
            shutil.rmtree(self.previous_site, ignore_errors=True)

    @property
    def in_place(self) -> bool:
        """The previous site is back in site/ (files written now go over its files)."""
        return self._marker is not None

    # -- per page ---------------------------------------------------------------------------

    def take(self, page, template: str, nav, inputs, body: str | None) -> bool:
        """True when the page is the previous build's (its inputs are the same): its file stays
        in site/. Else (False) the page is rendered, and its key noted for `written`.
        `inputs()` gives its inputs; `body`: its Markdown, if it is still to be rendered."""
        uri = page.file.src_uri
        if body is not None and rendered_afresh(body):
            return False
        try:
            key = self._key(page, template, nav, inputs(), body)
        except Unkeyable:
            self.unkeyable += 1
            return False
        entry = self.previous.get(uri) if self._marker is not None else None
        checking = self.verify_all or self._checks.get(template, 0) < CHECKED_PAGES
        found = self._previous_file(entry, page.file, key, read=checking) if template not in self._off else None
        if found is not None and not checking:
            self.kept += 1
            self.taken.add(uri)
            self.index[uri] = found[1]
            page.present_anchor_ids = set(entry[2])
            return True
        if found is not None:
            self._checks[template] = self._checks.get(template, 0) + 1
        self._pending[uri] = (key, template, found[0] if found is not None else None)
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
        self.index[page.file.src_uri] = [key, digest, anchors, page.file.dest_uri, None, None]

    def _previous_file(self, entry: list | None, file, key: str, read: bool) -> tuple[str | None, list] | None:
        """The previous build's file of this page if its key is `key` and the file is as that
        build left it: (its HTML if `read`, else None; its index entry with the file's size and
        time now). None: the page is rendered."""
        if entry is None or entry[0] != key:
            return None
        try:
            stat = os.stat(file.abs_dest_path)
            unchanged = [stat.st_size, stat.st_mtime_ns] == entry[4:6]
            data = (Path(file.abs_dest_path).read_bytes() if read or not unchanged else None)
        except OSError:
            return None
        if data is not None and _digest(data) != entry[1]:
            return None
        return (data.decode("utf-8") if read else None), entry[:4] + [stat.st_size, stat.st_mtime_ns]

    # -- keys -------------------------------------------------------------------------------

    def settings_fingerprint(self) -> str:
        """The code and settings without the navigation: what the exports' files are made under
        (kept_files.py keys)."""
        return site_fingerprint(self.config, None, self.code)

    def _key(self, page, template: str, nav, inputs, body: str | None) -> str:
        if self._fingerprint is None:
            self._fingerprint = site_fingerprint(self.config, nav, self.code)
        own = [self._fingerprint, "\0"]
        _form((page.file.src_uri, page.file.dest_uri, page.url, template), own, self._reports, False)
        own.append("<no body>" if body is None else f"<text {len(body)}>{body}")
        _form(inputs, own, self._reports, False)
        return hashlib.blake2b("".join(own).encode("utf-8", errors="surrogatepass"), digest_size=20).hexdigest()

    # -- end of build -----------------------------------------------------------------------

    def remove_stale(self, files, written: list[str]) -> None:
        """Delete what the previous site held and this build did not make: every file that is
        neither a kept page, nor a file MkDocs copied or `written` (paths the build's jobs wrote),
        nor written or linked since the previous site came back; then the folders left empty.
        What site/ holds is known from the folders' listings the previous build recorded, for each
        folder whose modification time is still the recorded one (`_site_files`)."""
        site = os.path.normpath(self.site_dir)
        if self._marker is None:  # site/ holds only this build's files: recorded for the next build
            self.folders = self._site_files(site)
            return
        made = {_normal(path) for path in written}
        made.update(_normal(f.abs_dest_path) for f in files if not f.is_documentation_page() or f.src_uri in self.taken)
        folders = self._site_files(site)
        emptied: set[str] = set()
        for rel, (_, names, _) in folders.items():
            prefix = os.path.join(site, rel, "")
            gone = []
            for name in names:
                path = prefix + name
                if path in made:
                    continue
                try:
                    if os.stat(path).st_ctime_ns >= self._marker:
                        continue  # written (or linked) by this build
                    os.unlink(path)
                except OSError:
                    continue
                self.stale += 1
                gone.append(name)
            if gone:
                emptied.add(rel)
                gone_names = set(gone)
                folders[rel][1] = [name for name in names if name not in gone_names]
        for rel in sorted(emptied, key=len, reverse=True):
            while rel in folders:  # not removed already, as the parent of another
                folders[rel][0] = None  # changed by this build: listed again next time
                if not rel:
                    break
                try:
                    os.rmdir(os.path.join(site, rel))
                except OSError:
                    break
                del folders[rel]
                rel, name = os.path.split(rel)
                folders[rel][2] = [sub for sub in folders[rel][2] if sub != name]
        self.folders = folders

    def _site_files(self, site: str) -> dict[str, list]:
        """Each folder of site/ (its path below site/, '' for site/ itself) → [its modification
        time, its files, its subfolders]. A folder the previous build recorded with the time it
        still has is not listed again: a file made in it or removed from it, or renamed, would
        have changed its time. Only a time recorded well before the record was written is trusted
        (`_trusted_before`): file systems keep times in coarse ticks, and a change made later in
        the same tick would leave the time as recorded. A link to a folder is neither walked nor
        removed, as os.walk does."""
        recorded, trusted_before = self._previous_folders, self._trusted_before
        folders: dict[str, list] = {}
        pending = [""]
        while pending:
            rel = pending.pop()
            path = os.path.join(site, rel) if rel else site
            try:
                mtime = os.stat(path).st_mtime_ns
            except OSError:
                continue
            entry = recorded.get(rel)
            if entry is not None and entry[0] == mtime and mtime < trusted_before:
                names, subs = entry[1].split("/") if entry[1] else [], entry[2].split("/") if entry[2] else []
            else:
                self.listed += 1
                names, subs = [], []
                try:
                    with os.scandir(path) as found:
                        for item in found:
                            if item.is_dir(follow_symlinks=False):
                                subs.append(item.name)
                            elif not item.is_dir():
                                names.append(item.name)
                except OSError:
                    continue
            folders[rel] = [mtime, names, subs]
            pending.extend(os.path.join(rel, sub) for sub in subs)
        return folders

    def save(self) -> None:
        """Write the index of this build's pages (with the size and time of each page's file)."""
        self.discard()
        for entry in self.index.values():
            if entry[4] is None:
                try:
                    stat = os.stat(self.site_dir / entry[3])
                    entry[4:6] = [stat.st_size, stat.st_mtime_ns]
                except OSError:
                    pass
        data = {"format": FORMAT, "code": self.code, "pages": self.index}
        if self.folders is not None:  # names joined by "/": one string a folder, quick to read back
            data["folders"] = {rel: [mtime, "/".join(names), "/".join(subs)]
                               for rel, (mtime, names, subs) in self.folders.items()}
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        (self.cache_dir / INDEX).write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")

    def discard(self) -> None:
        """A previous site that never came back is deleted, and MkDocs' log is as it was."""
        logging.getLogger("mkdocs.commands.build").removeFilter(self._quiet)
        shutil.rmtree(self.previous_site, ignore_errors=True)
        try:
            (self.cache_dir / MARKER).unlink()
        except OSError:
            pass

    def summary(self) -> str:
        return (f"kept pages: {self.kept:,} taken from the previous build, {self.rendered:,} rendered "
                f"({self.checked:,} of them compared with their kept copy"
                f"{f', {self.unkeyable:,} with inputs not kept' if self.unkeyable else ''}); "
                f"{self.stale:,} files of the previous site removed"
                f"{f' ({self.listed:,} of {len(self.folders):,} folders listed, the rest as recorded)' if self.folders else ''}")


class KeptPageMismatch(Exception):
    pass


class _SkippedPages(logging.Filter):
    """MkDocs says it skipped a page whose output is empty: a page taken from the previous site is
    not skipped, its file is there already."""

    def __init__(self, taken: set[str]):
        super().__init__()
        self.taken = taken

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return not (message.startswith("Page skipped: '") and message[len("Page skipped: '"):].split("'", 1)[0] in self.taken)


def code_fingerprint(config) -> str:
    """The code that lays out site/ and makes its pages: every file of the `archive` package (but
    the importer's, unless the build imported it: it only writes reports/), the hooks file, the
    theme's templates, the version of Python and of every installed distribution."""
    h = hashlib.blake2b(digest_size=20)
    h.update(f"{FORMAT}\0{sys.version}\0".encode())
    import archive

    package = Path(archive.__file__).parent
    left_out = () if "archive.importer" in sys.modules else ("importer",)
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.relative_to(package).parts[0] not in left_out:
            h.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    hooks_file = package.parent / "archive_hooks.py"
    if hooks_file.is_file():
        h.update(hooks_file.read_bytes())
    for folder in config.theme.dirs:
        for path in sorted(Path(folder).rglob("*.html")):
            h.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    versions = sorted(f"{d.metadata['Name']}=={d.version}" for d in importlib.metadata.distributions())
    h.update("\n".join(versions).encode())
    return h.hexdigest()


def site_fingerprint(config, nav, code: str) -> str:
    """What every page depends on besides its own inputs: the code (`code_fingerprint`), the
    settings and the navigation."""
    h = hashlib.blake2b(digest_size=20)
    h.update(code.encode())
    settings = {k: v for k, v in config.items() if k not in _CONFIG_PATHS}
    h.update(stable_form(settings, {}, lenient=True).encode("utf-8", errors="surrogatepass"))
    h.update(stable_form((config.theme.name, dict(config.theme.items())), {}, lenient=True).encode("utf-8", errors="surrogatepass"))
    h.update(repr(_nav_form(nav.items if nav is not None else [])).encode())
    return h.hexdigest()


def _nav_form(items) -> list:
    return [(getattr(item, "title", None), getattr(item, "url", None), _nav_form(getattr(item, "children", None) or []))
            for item in items]


def stable_form(value, reports: dict[int, str], lenient: bool = False) -> str:
    """`value` as text that is the same in every build for the same content and differs for
    different content: dataclasses by their type and fields (a callable field is a lazy value: its
    result), a report by a digest of its fields and text, a region by its code and name, a set and
    a dict sorted by the forms of their members. Anything else raises `Unkeyable` (with `lenient`,
    its repr without memory addresses: for settings). `reports`: the digest of each report met
    (by id: every report lives as long as the build)."""
    out: list[str] = []
    _form(value, out, reports, lenient)
    return "".join(out)


# The form is written in one grammar, so that two different values never give the same text: a
# value of a plain type (str, int, float, bool, None) is its repr, and so is a list or tuple of
# plain values; other lists and tuples are `[` or `(`, each member's form followed by `,`, then
# `]` or `)`; a dataclass is its module and qualified name, then the repr of its fields' values if
# they are all plain (or empty lists and tuples), else `(`, each field's form followed by `,`, `)`;
# a list of one dataclass whose fields are all plain is `<rows NAME[...]>` (the repr of each one's
# fields, in order); a report, region, date, set or dict is a `<...>` token. A repr is a Python
# literal: where it ends is known from its text, so a form is parsed back into one tree only, and
# the tree holds the type of each value (a list is not a tuple, 1 is not True nor "1" nor 1.0).

_PLAIN = frozenset((str, int, float, bool, type(None)))
_PLAIN_OR_EMPTY = _PLAIN | {tuple, list}
_chain = itertools.chain.from_iterable


class _Fields:
    """A dataclass's form: its name (tag), a getter of its fields' values in order, their names."""

    __slots__ = ("tag", "get", "names")

    def __init__(self, cls: type):
        self.names = tuple(f.name for f in dataclasses.fields(cls))
        self.tag = f"{cls.__module__}.{cls.__qualname__}"
        if len(self.names) == 1:
            one = operator.attrgetter(self.names[0])
            self.get = lambda v: (one(v),)
        else:
            self.get = operator.attrgetter(*self.names)  # a tuple of the values


_FIELDS: dict[type, _Fields] = {}
"""Each dataclass met whose form is its fields (`_dataclass`)."""
_NOT_FIELDS: set[type] = set()
"""Each other class met."""
_OWN_FORMS = (Report, Division, str, bool, int, float, dt.date, list, tuple, set, frozenset, dict)
"""Classes with a form of their own, before the dataclass rule (a report and a region are
dataclasses)."""


def _dataclass(cls: type) -> _Fields | None:
    """The fields of a dataclass whose form is its fields, else None. The same whether or not
    the class was met before: a list of a dataclass has the same form in the build's first page
    as in its last."""
    spec = _FIELDS.get(cls)
    if spec is None and cls not in _NOT_FIELDS:
        if dataclasses.is_dataclass(cls) and not issubclass(cls, _OWN_FORMS):
            spec = _FIELDS[cls] = _Fields(cls)
        else:
            _NOT_FIELDS.add(cls)
    return spec


def _plain(values) -> bool:
    """Every value is of a plain type (an exact type: a subclass may print otherwise) or an empty
    list or tuple: the repr of `values` is their form."""
    types = list(map(type, values))
    if _PLAIN.issuperset(types):
        return True
    # a list or tuple counts as plain here only when empty: `== ()` holds only for an empty tuple
    # among these types (a str or number is never equal to one)
    return (_PLAIN_OR_EMPTY.issuperset(types)
            and types.count(tuple) + types.count(list) == values.count(()) + values.count([]))


def _form(value, out: list[str], reports: dict[int, str], lenient: bool) -> None:
    t = type(value)
    if t in _PLAIN:
        out.append(repr(value))
        return
    spec = _FIELDS.get(t)
    if spec is not None:
        values = spec.get(value)
        out.append(spec.tag)
        if _plain(values):
            out.append(repr(values))
            return
        out.append("(")
        for name, v in zip(spec.names, values):
            if type(v) in _PLAIN:
                out.append(repr(v))
            else:
                if callable(v):
                    try:
                        v = v()
                    except TypeError as e:  # not a lazy value
                        raise Unkeyable(f"{t.__qualname__}.{name}") from e
                _form(v, out, reports, lenient)
            out.append(",")
        out.append(")")
        return
    if t is list or t is tuple:
        types = set(map(type, value))
        if _PLAIN.issuperset(types):
            out.append(repr(value))
            return
        if len(types) == 1:  # a list of one kind: its members' fields at once
            (kind,) = types
            if kind is tuple or kind is list:
                if _plain(list(_chain(value))):
                    out.append(repr(value))
                    return
            elif (spec := _dataclass(kind)) is not None:
                rows = list(map(spec.get, value))
                if _plain(list(_chain(rows))):
                    out.append("<rows " if t is list else "<row-tuple ")
                    out.append(spec.tag)
                    out.append(repr(rows))
                    out.append(">")
                    return
        out.append("[" if t is list else "(")
        for v in value:
            if type(v) in _PLAIN:
                out.append(repr(v))
            else:
                _form(v, out, reports, lenient)
            out.append(",")
        out.append("]" if t is list else ")")
        return
    if isinstance(value, Report):
        known = reports.get(id(value))
        if known is None:
            parts: list[str] = []
            for name in _REPORT_FIELDS:
                _form(getattr(value, name), parts, reports, lenient)
                parts.append(",")
            parts.append(f"<text {len(value.body)}>")
            parts.append(value.body)
            known = reports[id(value)] = hashlib.blake2b("".join(parts).encode(), digest_size=16).hexdigest()
        out.append(f"<report {known}>")
        return
    if isinstance(value, Division):
        out.append(f"<division {(value.code, value.name, value.level, value.historical)!r}>")
        return
    if isinstance(value, str):  # Markup too: its text is what is printed
        out.append(repr(str(value)))
        return
    if isinstance(value, (bool, int, float)):
        out.append(f"<{type(value).__qualname__} {value!r}>")
        return
    if isinstance(value, (dt.date, dt.datetime)):
        out.append(f"<date {value.isoformat()}>")
        return
    if isinstance(value, (list, tuple)):
        out.append("<list ")
        for v in value:
            _form(v, out, reports, lenient)
            out.append(",")
        out.append(">")
        return
    if isinstance(value, (set, frozenset)):
        out.append(f"<set {sorted(stable_form(v, reports, lenient) for v in value)!r}>")
        return
    if isinstance(value, dict):
        items = sorted((stable_form(k, reports, lenient), stable_form(v, reports, lenient)) for k, v in value.items())
        out.append(f"<dict {items!r}>")
        return
    if _dataclass(t) is not None:
        _form(value, out, reports, lenient)
        return
    if lenient:
        out.append(f"<repr {_address_free(repr(value))!r}>")
        return
    raise Unkeyable(t.__qualname__)


_REPORT_FIELDS = tuple(f.name for f in dataclasses.fields(Report) if f.name != "body")


def _normal(path: str) -> str:
    """os.path.normpath(path), without its work for an absolute path it would leave as it is: one
    with no empty, `.` or `..` component (each of those needs `//` or `/.`) and no trailing `/`."""
    path = os.fspath(path)
    if path.startswith("/") and "//" not in path and "/." not in path and not path.endswith("/"):
        return path
    return os.path.normpath(path)


def _address_free(text: str) -> str:
    return _ADDRESS.sub("", text)


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _log():
    return logging.getLogger("mkdocs.plugins.archive")
