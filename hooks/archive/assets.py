"""The theme's files the site does not use, left out of the output.

Material for MkDocs ships the files of its own search (the lunr library with its language
packs, and the web worker that runs it: about 1 MB) and a source map beside each minified
script and style sheet (for browsers' developer tools only). The archive's search is its own
(docs/assets/search/, archive/search/), Material's search plugin is off and no page loads those
files, so they are not published. The minified files then lose the comment naming their map
(`sourceMappingURL`), so nothing points at a file that is not there.

`unused_theme_file` decides by the file's path; `without_source_map` is the text of a minified
file without its map comment. The MkDocs adapter (archive/mkdocs/build.py) applies both to the
theme's files in `on_files`, in both positions of the speed switch.
"""

from __future__ import annotations

import re

UNUSED_FOLDERS = ("assets/javascripts/lunr/", "assets/javascripts/workers/")
"""Material's search: the lunr library and its language packs, and its search worker."""

SOURCE_MAP_SUFFIX = ".map"

_MAP_COMMENT = re.compile(r"(?:^|\n)(?://# sourceMappingURL=\S+|/\*# sourceMappingURL=\S+ ?\*/)\s*$")
"""The comment on a line of its own at the end of the file, as minifiers write it."""


def unused_theme_file(dest_uri: str) -> bool:
    """True for a theme file no page of the site uses (Material's search, source maps)."""
    return dest_uri.startswith(UNUSED_FOLDERS) or dest_uri.endswith(SOURCE_MAP_SUFFIX)


def names_source_map(dest_uri: str) -> bool:
    """True for a minified script or style sheet whose last line names its source map."""
    return dest_uri.endswith((".min.js", ".min.css")) and not unused_theme_file(dest_uri)


def without_source_map(text: str) -> str:
    """The file's text without its trailing `sourceMappingURL` comment (unchanged if it has none)."""
    return _MAP_COMMENT.sub("", text)
