"""What every command shares: turning library errors into messages and exit codes."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from synth.cli.progress import ProgressDisplay
from synth.errors import SynthError, WorkspaceBusy
from synth.progress import Progress, silent
from synth.workspace import Workspace

QUIET = "synth.quiet"
USAGE_OR_NOTHING_USABLE = 2
SOME_INPUTS_FAILED = 1
WORKSPACE_IN_USE = 3


class Failure(click.ClickException):
    """A one-line error with the exit code the README documents."""

    def __init__(self, message: str, exit_code: int = USAGE_OR_NOTHING_USABLE) -> None:
        super().__init__(printable(message))
        self.exit_code = exit_code


def printable(text: str) -> str:
    """Text safe to print on one terminal line: control characters (newlines, escape
    sequences in file names) shown as escapes, never sent to the terminal."""
    return "".join(char if char.isprintable() else repr(char)[1:-1] for char in str(text))


def check_out(folder: Path) -> None:
    """Fail before any work when the output folder cannot be written."""
    from synth.render import check_writable

    try:
        check_writable(folder)
    except SynthError as error:
        raise Failure(str(error)) from None


@contextmanager
def open_workspace(context: click.Context, create: bool = True,
                   read_only: bool = False) -> Iterator[Workspace]:
    path: Path = context.obj
    try:
        with Workspace.open(path, create=create, read_only=read_only) as workspace:
            yield workspace
    except WorkspaceBusy as error:
        raise Failure(str(error), WORKSPACE_IN_USE) from None
    except SynthError as error:
        raise Failure(str(error)) from None


def _set_quiet(context: click.Context, parameter: click.Parameter, value: bool) -> None:
    if value:
        context.meta[QUIET] = True


quiet_option = click.option("--quiet", "-q", is_flag=True, expose_value=False,
                            callback=_set_quiet, help="Show no progress bars.")


@contextmanager
def showing_progress(context: click.Context) -> Iterator[Progress]:
    """Progress on stderr for the work inside (bars on a terminal, a line per stage in a
    log), or nothing after `--quiet`."""
    if context.meta.get(QUIET):
        yield silent
        return
    display = ProgressDisplay()
    try:
        yield display
    finally:
        display.close()


def table(headers: list[str], rows: list[list[str]]) -> str:
    """A plain aligned text table; numbers right-aligned."""
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows)]
    numeric = [all(str(row[i]).replace(",", "").isdigit() for row in rows) and rows != []
               for i in range(len(headers))]

    headers = [printable(cell) for cell in headers]
    rows = [[printable(cell) for cell in row] for row in rows]
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows)]

    def line(cells: list[str]) -> str:
        return "  ".join(str(cell).rjust(width) if is_number else str(cell).ljust(width)
                         for cell, width, is_number in zip(cells, widths, numeric)).rstrip()

    return "\n".join([line(headers), line(["-" * width for width in widths])]
                     + [line(row) for row in rows])
