"""The `synth` command: a thin layer that parses options, calls the library, reports.

The library raises `SynthError` for anything a user can fix; here it becomes a one-line
message on stderr and an exit code, never a traceback.
"""

from __future__ import annotations

from pathlib import Path

import click

from synth import __version__
from synth.cli import analysis as analysis_commands
from synth.cli import codebook as codebook_commands
from synth.cli import ingest as ingest_commands
from synth.cli import inspect as inspect_commands
from synth.cli.common import quiet_option
from synth.cli.group import SynthGroup
from synth.workspace import default_path


@click.group(cls=SynthGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="synth")
@quiet_option
@click.option("--workspace", type=click.Path(file_okay=False, path_type=Path),
              envvar="SYNTH_WORKSPACE", default=None,
              help="Workspace folder (default: .synth in the current folder, "
                   "or $SYNTH_WORKSPACE).")
@click.pass_context
def main(context: click.Context, workspace: Path | None) -> None:
    """Turn developer interviews and surveys into themes and persona cards, locally.

    --workspace and --quiet go before or after the command.

    \b
    Exit codes: 0 success; 1 some inputs failed; 2 usage error or nothing usable;
    3 the workspace is in use by another synth run.
    """
    context.obj = workspace or default_path()


for module in (ingest_commands, analysis_commands, codebook_commands, inspect_commands):
    for command in module.COMMANDS:
        main.add_command(command)
