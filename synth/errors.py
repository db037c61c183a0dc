"""Errors a user can act on.

Every error synth raises for bad input or a bad workspace is a `SynthError`: its message is
one line that names the file (and line or row), says what was wrong and what to do. The CLI
prints it without a traceback.
"""

from __future__ import annotations

from pathlib import Path


class SynthError(Exception):
    """A problem the user can fix. `str(error)` is the whole message."""


class InputError(SynthError):
    """A research file synth cannot read."""

    def __init__(self, path: Path | str, problem: str, fix: str, where: str = "") -> None:
        self.path = str(path)
        self.where = where
        self.problem = problem
        self.fix = fix
        place = f"{self.path}, {where}" if where else self.path
        super().__init__(f"{place}: {problem}. {fix}")


class NotResearch(InputError):
    """A file that holds no research (no speaker turns, no survey columns).

    Named explicitly on the command line it is an error; met while walking a folder it is
    skipped with its reason, since folders hold READMEs and protocols too.
    """


class WorkspaceError(SynthError):
    """The workspace is locked, corrupt or from a newer synth."""


class WorkspaceBusy(WorkspaceError):
    """Another synth run holds the workspace (exit code 3: try again later)."""
