"""`synth themes` and `synth personas`: the analysis stages, each on the workspace."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from synth.cli.common import (
    Failure,
    check_out,
    open_workspace,
    printable,
    quiet_option,
    showing_progress,
    table,
)
from synth.errors import SynthError
from synth.stages import (
    IcpRun,
    PersonasRun,
    Settings,
    ThemesResult,
    run_icp,
    run_personas,
    run_report,
    run_score,
    run_themes,
)
from synth.words import count

Decorator = Callable[[Callable[..., Any]], Callable[..., Any]]


def _apply(options: list[Decorator]) -> Decorator:
    def decorate(command: Callable[..., Any]) -> Callable[..., Any]:
        for option in reversed(options):
            command = option(command)
        return command
    return decorate


out_option = click.option("--out", type=click.Path(path_type=Path),
                          default=Path("outputs"), show_default=True,
                          help="Folder for the outputs.")

def _executor(context: click.Context, parameter: click.Parameter, value: str | None):  # type: ignore[no-untyped-def]
    if value is None or value == "local":
        return None
    from synth.embed.ray import RayExecutor

    return RayExecutor(context.meta.get(RAY_ADDRESS))


RAY_ADDRESS = "synth.ray_address"


def _ray_address(context: click.Context, parameter: click.Parameter, value: str | None) -> None:
    if value:
        context.meta[RAY_ADDRESS] = value


shared_options = _apply([
    quiet_option,
    click.option("--model", default="all-MiniLM-L6-v2", show_default=True,
                 help="sentence-transformers model: the bundled default, or a local path."),
    click.option("--precision", type=click.Choice(["fast", "full"]), default=None,
                 help="Embeddings: fast (int8 ONNX Runtime, the default) or full (the "
                      "exact PyTorch model). Later stages follow the analysis."),
    click.option("--ray-address", metavar="ADDRESS", is_eager=True, expose_value=False,
                 callback=_ray_address,
                 help="The Ray cluster for --executor ray (default: $RAY_ADDRESS, else a "
                      "local Ray instance)."),
    click.option("--executor", type=click.Choice(["local", "ray"]), default=None,
                 callback=_executor,
                 help="Where embedding batches run: here (default), or on a Ray cluster."),
    click.option("--framework", type=click.Path(dir_okay=False, path_type=Path),
                 help="Your own persona-question framework (JSON, like the shipped one)."),
    click.option("--templates", type=click.Path(file_okay=False, exists=True,
                                                path_type=Path),
                 help="Folder of your own Jinja templates, overriding the shipped ones."),
    click.option("--keep-names", is_flag=True,
                 help="Show participant ids and names in quotes (for internal use; "
                      "emails, phones and secrets stay redacted)."),
])

theme_options = _apply([
    click.option("--themes", "themes", type=click.IntRange(1, 50), metavar="N",
                 help="Clusters to start from in each survey question and in the interviews "
                      "(default: chosen from the data); only those that pass the checks on "
                      "their statements are shown as themes."),
    click.option("--codebook", type=click.Path(dir_okay=False, exists=True, path_type=Path),
                 help="Apply your edited codebook (.yaml, .qdc or .qdpx) first; the edits "
                      "are kept in the workspace for every later run."),
    click.option("--recluster", is_flag=True,
                 help="Cluster every statement again (pinned themes kept), matching the "
                      "new themes to the old ones to keep their ids, instead of adding new "
                      "statements to the existing themes."),
    click.option("--study", type=click.Path(dir_okay=False, path_type=Path),
                 help="The study file that sets survey columns' persona question and stance "
                      "(default: ./synth.yaml when there is one)."),
])

persona_options = _apply([
    click.option("--k", "personas", type=click.IntRange(1, 30), metavar="N",
                 help="Number of personas (default: chosen against shuffled answers)."),
    click.option("--by", metavar="COLUMN",
                 help="One persona per answer of COLUMN: a survey question, or an attribute "
                      "from a people file or `synth participants tag` (e.g. group)."),
    click.option("--map", "by_map", type=click.Path(dir_okay=False, exists=True,
                                                    path_type=Path), metavar="FILE",
                 help="With --by: a YAML file grouping free-text answers into segments "
                      "(`Segment name: [phrase, ...]`)."),
    click.option("--define", type=click.Path(dir_okay=False, exists=True, path_type=Path),
                 metavar="FILE",
                 help="Personas you define (personas.yaml: name, members and/or attribute "
                      "rules): one card each."),
    click.option("--motivations", type=click.Path(dir_okay=False, path_type=Path),
                 help="Your own motivation framework (JSON, like the shipped one; an example "
                      "for non-developers: docs/motivations-creative-professionals.json)."),
    click.option("--audience", type=click.Choice(["auto", "developers", "other"]),
                 default="auto", show_default=True,
                 help="Who the people are: the developer-motivation framework applies to "
                      "developers (auto: when they look like developers)."),
    click.option("--signals", type=click.Path(dir_okay=False, path_type=Path),
                 help="Your own enthusiasm-signals file (JSON, like the shipped one)."),
])


def _roles(context: click.Context, parameter: click.Parameter,
           values: tuple[str, ...]) -> dict[str, str] | None:
    found = {}
    for value in values:
        role, _, header = value.partition("=")
        if not header:
            raise click.BadParameter(f"'{value}' is not ROLE=COLUMN, e.g. "
                                     "company_size='How many people work here?'")
        found[role.strip()] = header.strip()
    return found or None


icp_options = _apply([
    click.option("--value-column", metavar="COL",
                 help="Survey column holding the value signal (NPS, willingness to pay, "
                      "satisfaction, usage). Default: found from the headers, else "
                      "enthusiasm in the text."),
    click.option("--column", "columns", multiple=True, metavar="ROLE=COL", callback=_roles,
                 help="Name the column holding company_size, team_size, revenue, industry, "
                      "region, tech_stack or role (repeatable)."),
])


def _on_workspace(context: click.Context, stage: Callable[..., Any], *args: Any) -> Any:
    """Run one library stage on the existing workspace; its errors become one-line messages."""
    out = args[0].out if args and isinstance(args[0], Settings) else None
    if out is not None and stage is not run_score:
        check_out(out)
    with open_workspace(context, create=False) as workspace, \
            showing_progress(context) as progress:
        try:
            return stage(workspace, *args, progress=progress)
        except SynthError as error:
            raise Failure(str(error)) from None


def themes_stage(context: click.Context, settings: Settings) -> ThemesResult:
    result = _on_workspace(context, run_themes, settings)
    if result.columns:
        click.echo(table(["survey question", "persona question", "stance", "set by"],
                         [[_short(c.header), c.question or "(its answers decide)", c.stance,
                           c.set_by] for c in result.columns.values()]))
        click.echo("Change a column in synth.yaml: columns: {\"<header>\": {question: "
                   "frustration, stance: complaint}}\n")
    counts = result.analysis.counts()
    by_dimension: dict[str, int] = {}
    for theme in result.themes:
        by_dimension[theme.dimension] = by_dimension.get(theme.dimension, 0) + 1
    coded: dict[str, int] = {}
    for theme in result.themes:
        coded[theme.dimension] = coded.get(theme.dimension, 0) + theme.size
    rows = [[dimension, f"{counts[dimension]:,}", str(by_dimension.get(dimension, 0)),
             f"{counts[dimension] - coded.get(dimension, 0):,}"]
            for dimension in dict.fromkeys([*by_dimension, *counts])]
    click.echo(table(["question", "statements", "themes", "uncoded"], rows))
    total = len(result.analysis.ids)
    click.echo(f"\n{count(len(result.themes), 'theme')}; {total - result.assigned:,} of "
               f"{total:,} statements uncoded (no theme whose label they hold and whose "
               "statements share a topic). Wrote "
               f"{', '.join(str(p) for p in result.written)}")
    if result.planner is not None:
        outcomes = result.planner.outcomes.values()
        fresh, joined = sum(o.fresh for o in outcomes), sum(o.joined for o in outcomes)
        made = sum(len(o.new_themes) for o in outcomes)
        if fresh and not result.planner.recluster:
            click.echo(f"{count(fresh, 'new statement')}: {joined} joined existing themes, "
                       f"{count(made, 'new theme')} (see changes.md).")
        for note in result.notes:     # names from another tool's file: escaped
            click.echo(printable(note if note.startswith("warning:") else f"codebook: {note}"))
        for edit in result.planner.applied:
            click.echo(printable(f"codebook: {edit}"))
    return result


def _short(header: str, width: int = 60) -> str:
    return header if len(header) <= width else header[:width - 1] + "…"


def personas_stage(context: click.Context, settings: Settings) -> PersonasRun:
    run = _on_workspace(context, run_personas, settings)
    rows = [[card["id"], card["name"], card["kind"], str(card["size"]),
             (card["motivation"]["dominant"] or {}).get("title", "-")]
            for card in run.result.cards]
    click.echo(table(["persona", "name", "kind", "people", "motivation"], rows))
    unassigned = int((run.result.segmentation.labels < 0).sum())
    click.echo(f"\n{count(len(rows), 'persona')}; {unassigned} of "
               f"{count(len(run.result.ids), 'participant')} unassigned. "
               f"Wrote {settings.out / 'personas'}/, {settings.out / 'personas.json'}, "
               f"{settings.out / 'participants.csv'}")
    return run


def icp_stage(context: click.Context, settings: Settings) -> IcpRun:
    run = _on_workspace(context, run_icp, settings)
    findings = run.report["findings"]
    if findings:
        rows = [[str(i), a["column"], ", ".join(v["value"] for v in a["ideal"]) or "-",
                 f"{a['strength']:.2f}", "yes" if a["conclusive"] else "no"]
                for i, a in enumerate(findings["top"], 1)]
        click.echo(table(["#", "attribute", "best fit", "strength", "conclusive"], rows))
    for caveat in run.report["caveats"]:
        click.echo(f"note: {caveat}")
    click.echo(f"Wrote {', '.join(str(p) for p in run.written)}")
    return run


def report_stage(context: click.Context, settings: Settings) -> None:
    path = _on_workspace(context, run_report, settings)
    click.echo(f"Wrote {path}")


@click.command("themes")
@out_option
@shared_options
@theme_options
@click.pass_context
def themes_command(context: click.Context, **options: Any) -> None:
    """Find themes in what people said to each question, check them against their statements,
    and place each in a persona question."""
    themes_stage(context, Settings(**options))


@click.command("personas")
@out_option
@shared_options
@persona_options
@click.pass_context
def personas_command(context: click.Context, **options: Any) -> None:
    """Segment participants into personas and write a persona card for each.

    Run after `synth themes`.
    """
    personas_stage(context, Settings(**options))


@click.command("icp")
@out_option
@shared_options
@icp_options
@click.pass_context
def icp_command(context: click.Context, **options: Any) -> None:
    """Find the ideal customer profile: the attributes of best-fit customers, what they need,
    have and don't need, and the negative profile. Run after `synth personas`."""
    icp_stage(context, Settings(**options))


@click.command("report")
@out_option
@quiet_option
@click.option("--framework", type=click.Path(dir_okay=False, path_type=Path),
              help="Your own persona-question framework (JSON), as given to `synth themes`.")
@click.option("--templates", type=click.Path(file_okay=False, exists=True, path_type=Path),
              help="Folder of your own templates (report.html.j2, report.css, report.js), "
                   "overriding the shipped ones.")
@click.option("--keep-names", is_flag=True,
              help="Show participant ids and names in quotes (for internal use; "
                   "emails, phones and secrets stay redacted).")
@click.pass_context
def report_command(context: click.Context, **options: Any) -> None:
    """Write report.html: one self-contained page (charts, segments, search) that works
    offline. Run after `synth themes`, `synth personas` and `synth icp` (or `synth run`)."""
    report_stage(context, Settings(**options))


@click.command("score")
@click.argument("leads", type=click.Path(path_type=Path))
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("outputs/leads-scored.csv"), show_default=True,
              help="Where to write the scored leads.")
@click.option("--model", default="all-MiniLM-L6-v2", show_default=True,
              help="The model the study was analysed with.")
@icp_options
@click.pass_context
def score_command(context: click.Context, leads: Path, out: Path, model: str,
                  value_column: str | None, columns: dict[str, str] | None) -> None:
    """Score each lead in LEADS (a CSV with columns like the survey's: company size,
    industry...) 0-100 against the study's ICP, with the reasons."""
    settings = Settings(model=model, value_column=value_column, columns=columns)
    if out.is_dir():
        raise Failure(f"--out {out} is a folder. Name the file to write, e.g. --out "
                      f"{out / 'leads-scored.csv'}")
    check_out(out.parent)
    scores = _on_workspace(context, run_score, settings, leads, out)
    for scored in scores[:10]:
        click.echo(f"{scored.score:>3}  row {scored.row + 2}: {'; '.join(scored.reasons)}")
    click.echo(f"{count(len(scores), 'lead')} scored. Wrote {out}")


COMMANDS = [themes_command, personas_command, icp_command, report_command, score_command]
