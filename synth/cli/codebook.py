"""`synth codebook export|apply` and `synth export`: the codebook the researcher owns, and the
project in REFI-QDA for NVivo, ATLAS.ti, MAXQDA and QualCoder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from synth.cli.analysis import out_option, shared_options, themes_stage
from synth.cli.common import Failure, open_workspace
from synth.errors import SynthError
from synth.stages import Settings, export_codebook_file, export_project_file
from synth.words import count

keep_names_option = click.option(
    "--keep-names", is_flag=True,
    help="Show participant ids and names (for internal use; emails, phones and secrets stay "
         "redacted).")


@click.group("codebook")
def codebook_group() -> None:
    """The codebook you own: export the themes to edit them, apply your edits."""


@codebook_group.command("export")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@keep_names_option
@click.pass_context
def codebook_export(context: click.Context, file: Path, keep_names: bool) -> None:
    """Write the current themes to FILE: .yaml to edit (rename, merge, split, delete, move,
    pin, add), or .qdc (REFI-QDA codebook)."""
    with open_workspace(context, create=False) as workspace:
        try:
            themes = export_codebook_file(workspace, file, keep_names)
        except SynthError as error:
            raise Failure(str(error)) from None
    click.echo(f"{count(themes, 'theme')}. Wrote {file}")


@codebook_group.command("apply")
@click.argument("file", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--strict", is_flag=True,
              help="Refuse a REFI-QDA file in which no code matches a question or a theme.")
@out_option
@shared_options
@click.pass_context
def codebook_apply(context: click.Context, file: Path, strict: bool, **options: Any) -> None:
    """Apply the edits in FILE (.yaml, .qdc, or a .qdpx's codebook) and rebuild the themes.

    Codes from a QDA tool are matched to themes by id, name, sub-codes and (.qdpx) the
    statements they code. Nothing changes when the file has an error. The edits stay in the
    workspace: later runs keep them."""
    themes_stage(context, Settings(codebook=file, strict_codebook=strict, **options))


@click.command("export")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@keep_names_option
@click.pass_context
def export_command(context: click.Context, file: Path, keep_names: bool) -> None:
    """Export the project to FILE.qdpx (REFI-QDA): sources, participants as cases, themes as
    codes, and every statement's coding with its position."""
    with open_workspace(context, create=False) as workspace:
        try:
            counts = export_project_file(workspace, file, keep_names)
        except SynthError as error:
            raise Failure(str(error)) from None
    click.echo(f"{count(counts['sources'], 'source')}, {count(counts['codes'], 'code')}, "
               f"{count(counts['codings'], 'coding')}. Wrote {file}")


COMMANDS = [codebook_group, export_command]
