"""The MkDocs side of the archive: the only package besides `archive.speed` that imports MkDocs.

`hooks/archive_hooks.py` calls it from each build event; everything it knows about reports comes
from the domain modules. One module per thing the hooks do:

- `build`: `ArchiveBuild`, the state of one build, with one method per build step;
- `pages`: the generated files and pages (one per report and per index listing) and their metadata;
- `jobs`: the build's jobs (search index, near-duplicates, exports), in-process or on another core;
- `preview`: what `mkdocs serve --dirty` keeps from one rebuild to the next;
- `redirects`: the old URLs of moved reports.
"""
