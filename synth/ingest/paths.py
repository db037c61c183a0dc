"""How outputs cite a source: by its path inside the folder that was ingested (the study's
root), under that folder's name, so the same study cites the same bytes on every machine and
from every current folder: `synth ingest ../../research/` cites `research/round1/p01.md`.

A file named on its own is cited by its name, or by its path inside a folder ingested
before (the workspace remembers those roots). When two files would be cited alike, the one
that came second takes as many parent folders as it needs to differ. The workspace keeps the
real path; outputs show only this one, redacted like every other text (synth/privacy.py).
"""

from __future__ import annotations

import os
from collections.abc import Container, Iterable
from pathlib import Path, PurePosixPath

ROOTS_SETTING = "roots"


def absolute(path: Path) -> Path:
    """`path` made absolute without following symlinks (a link is cited where it lies)."""
    return Path(os.path.abspath(path))


def study_path(path: Path, root: Path | None, roots: Iterable[str] = ()) -> str:
    """`path` as outputs cite it: relative to the parent of `root` (the folder given on the
    command line that the file was found in), else of the innermost earlier root holding
    it, else its file name."""
    where = absolute(path)
    if root is None:
        holding = [Path(r) for r in roots if where.is_relative_to(Path(r)) and Path(r) != where]
        root = max(holding, key=lambda r: len(r.parts), default=None)
    if root is None:
        return where.name
    base = absolute(root).parent
    return PurePosixPath(*where.relative_to(base).parts).as_posix()


def distinct(shown: str, path: Path, taken: Container[str]) -> str:
    """`shown`, or if another source is already cited so, the same path with as many more
    parent folders as make it differ (the full path at most)."""
    parts = absolute(path).parts
    depth = len(PurePosixPath(shown).parts)
    while shown in taken and depth < len(parts) - 1:
        depth += 1
        shown = PurePosixPath(*parts[-depth:]).as_posix()
    return shown


__all__ = ["ROOTS_SETTING", "absolute", "distinct", "study_path"]
