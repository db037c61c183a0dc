"""`synth ingest` and `synth run`."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from synth.cli.analysis import (
    icp_options,
    icp_stage,
    out_option,
    persona_options,
    personas_stage,
    report_stage,
    shared_options,
    theme_options,
    themes_stage,
)
from synth.cli.common import (
    SOME_INPUTS_FAILED,
    USAGE_OR_NOTHING_USABLE,
    Failure,
    check_out,
    open_workspace,
    printable,
    quiet_option,
    showing_progress,
    table,
)
from synth.errors import SynthError
from synth.ingest import IngestOptions, IngestReport, ingest
from synth.ingest.forget import forget
from synth.ingest.survey import SurveyOptions
from synth.stages import Settings
from synth.words import count


def _columns(value: str | None) -> list[str]:
    return [name.strip() for name in value.split(",") if name.strip()] if value else []


def ingest_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The options `ingest` and `run` share."""
    for option in reversed([
        click.argument("paths", nargs=-1, required=True,
                       type=click.Path(path_type=Path, readable=False)),
        click.option("--strict", is_flag=True,
                     help="Stop at the first input that cannot be read; write nothing."),
        click.option("--interviewer", "interviewers", multiple=True, metavar="NAME",
                     help="A speaker who is on the research side (repeatable); "
                          "remembered by the workspace."),
        click.option("--id-column", metavar="COL", help="Survey column holding respondent ids."),
        click.option("--text-columns", metavar="COL[,COL...]",
                     help="Survey columns holding free-text answers."),
        click.option("--attribute-columns", metavar="COL[,COL...]",
                     help="Survey columns describing respondents (choice, numeric)."),
        click.option("--sheet", metavar="NAME",
                     help="The worksheet of an .xlsx survey to read (default: the first)."),
    ]):
        command = option(command)
    return command


def run_ingest(context: click.Context, paths: tuple[Path, ...], strict: bool,
               interviewers: tuple[str, ...], id_column: str | None, text_columns: str | None,
               attribute_columns: str | None, sheet: str | None = None) -> IngestReport:
    options = IngestOptions(
        survey=SurveyOptions(id_column, _columns(text_columns), _columns(attribute_columns),
                             sheet),
        interviewers=list(interviewers), strict=strict)
    new = _first_missing(context.obj)
    with open_workspace(context) as workspace, showing_progress(context) as progress:
        try:
            report = ingest(workspace, list(paths), options, progress=progress)
        except SynthError as error:
            _remove(new)
            raise Failure(str(error), SOME_INPUTS_FAILED) from None
    if not report.usable:
        _remove(new)
    click.echo(_summary(report))
    for failed in report.failed:
        click.echo(f"Error: {printable(failed.detail)}", err=True)
    for gone in report.gone:
        click.echo(f"gone: {printable(gone)} is no longer in its folder but still in the "
                   f"workspace. `synth forget {printable(gone)}` removes it", err=True)
    if not report.usable:
        raise Failure("nothing usable was ingested. Give synth transcripts (.txt, .md, .vtt, "
                      ".srt, .docx) or survey exports (.csv, .tsv, .xlsx)")
    if report.failed:
        context.exit(SOME_INPUTS_FAILED)
    return report


@click.command("ingest")
@ingest_options
@quiet_option
@click.pass_context
def ingest_command(context: click.Context, **options: Any) -> None:
    """Read transcripts and survey exports into the workspace.

    PATHS are files or folders (read recursively). Unchanged files are skipped; a changed
    file replaces its old statements in one transaction.
    """
    run_ingest(context, **options)


@click.command("run")
@ingest_options
@out_option
@shared_options
@theme_options
@persona_options
@icp_options
@click.pass_context
def run_command(context: click.Context, paths: tuple[Path, ...], strict: bool,
                interviewers: tuple[str, ...], id_column: str | None, text_columns: str | None,
                attribute_columns: str | None, sheet: str | None, **options: Any) -> None:
    """Ingest PATHS and run every stage (themes, personas and DevRel plan, ICP, the HTML
    report), writing to --out.

    Inputs that fail are reported and the rest go on; the exit code is then 1.
    """
    check_out(options["out"])
    try:
        run_ingest(context, paths, strict, interviewers, id_column, text_columns,
                   attribute_columns, sheet)
    except click.exceptions.Exit as done:
        if done.exit_code != SOME_INPUTS_FAILED:
            raise
        failed = True
    else:
        failed = False
    settings = Settings(**options)
    click.echo()
    themes_stage(context, settings)
    click.echo()
    personas_stage(context, settings)
    click.echo()
    icp_stage(context, settings)
    report_stage(context, settings)
    if failed:
        context.exit(SOME_INPUTS_FAILED)


def _first_missing(path: Path) -> Path | None:
    """The outermost folder of `path` that does not exist yet (what opening it creates)."""
    missing = None
    absolute = path.absolute()
    for folder in [absolute, *absolute.parents]:
        if folder.exists():
            return missing
        missing = folder
    return missing


def _remove(created: Path | None) -> None:
    """Take away a workspace this run created when it ingested nothing."""
    if created is not None:
        shutil.rmtree(created, ignore_errors=True)


def _summary(report: IngestReport) -> str:
    rows = [[f.path, f.format or "-", f.status, str(f.participants), str(f.turns), str(f.units)]
            for f in report.files]
    lines = [table(["file", "format", "status", "participants", "turns", "units"], rows), ""]
    counts: dict[str, int] = {}
    for f in report.files:
        counts[f.status] = counts.get(f.status, 0) + 1
    lines.append(f"{count(len(report.files), 'file')}: " + ", ".join(
        f"{n} {status}" for status, n in sorted(counts.items())))
    for f in report.files:
        if f.status in {"skipped", "moved"}:
            lines.append(f"{f.status} {printable(f.path)}: {printable(f.detail)}")
        for note in f.notes:
            lines.append(f"{printable(f.path)}: {printable(note)}")
    for f in report.files:
        if f.columns:
            lines += ["", column_table(f.path, f.columns)]
    return "\n".join(lines)


HEADER_WIDTH = 48
_USES = {"id": "id", "text": "text", "attribute": "attribute",
         "identifier": "identifier (never shown)"}


def shortened(header: str, width: int = HEADER_WIDTH) -> str:
    """A survey question cut to `width` characters at a word, with an ellipsis."""
    header = " ".join(header.split())
    if len(header) <= width:
        return header
    cut = header[:width - 1].rsplit(" ", 1)[0] if " " in header[:width - 1] else \
        header[:width - 1]
    return cut.rstrip(" ,;:-") + "…"


def column_table(path: str, columns: dict[str, str]) -> str:
    """How a survey's columns are used, one line a column: number, header (shortened), use."""
    rows = []
    for number, (header, use) in enumerate(columns.items(), start=1):
        kind, _, why = use.partition(": ")
        rows.append([str(number), shortened(header), _USES.get(kind, kind)
                     + (f" ({why})" if why else "")])
    return (f"{printable(path)}: {count(len(columns), 'column')}\n"
            + table(["#", "column", "read as"], rows)
            + "\nChange with --text-columns, --attribute-columns, --id-column (full column "
              "names, comma-separated)")


@click.command("forget")
@click.argument("targets", nargs=-1, required=True, metavar="SOURCE|PARTICIPANT...")
@click.pass_context
def forget_command(context: click.Context, targets: tuple[str, ...]) -> None:
    """Remove a source (its file's path) or a participant (id or name, as `synth
    participants` lists them) from the workspace: their statements, turns, answers,
    embeddings and people, and the themes, personas and ICP built on them. Run `synth run`
    (or `synth themes`) again to rewrite the outputs without them."""
    with open_workspace(context, create=False) as workspace:
        for target in targets:
            try:
                done = forget(workspace, target)
            except SynthError as error:
                raise Failure(str(error)) from None
            what = ", ".join(done.sources or done.participants)
            click.echo(f"forgot {printable(what)}: {count(done.units, 'statement')}. Themes, "
                       "personas and the ICP were removed: run `synth run` or `synth themes` to "
                       "rewrite the outputs")


COMMANDS = [ingest_command, run_command, forget_command]
__all__ = ["COMMANDS", "USAGE_OR_NOTHING_USABLE"]
