"""`synth themes`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from synth.cli.common import Failure, open_workspace, table
from synth.errors import SynthError
from synth.stages import ThemeSettings, ThemesResult, run_themes


def theme_options(command: Callable[..., Any]) -> Callable[..., Any]:
    for option in reversed([
        click.option("--model", default="all-MiniLM-L6-v2", show_default=True,
                     help="sentence-transformers model: the bundled default, or a local path."),
        click.option("--framework", type=click.Path(dir_okay=False, path_type=Path),
                     help="Your own persona-question framework (JSON, like the shipped one)."),
        click.option("--themes", "themes", type=click.IntRange(1, 50), metavar="N",
                     help="Themes per question (default: chosen by silhouette)."),
        click.option("--templates", type=click.Path(file_okay=False, exists=True,
                                                    path_type=Path),
                     help="Folder of your own Jinja templates, overriding the shipped ones."),
    ]):
        command = option(command)
    return command


def themes_stage(context: click.Context, out: Path, model: str, framework: Path | None,
                 themes: int | None, templates: Path | None) -> ThemesResult:
    settings = ThemeSettings(out, model, framework, themes, templates)
    with open_workspace(context, create=False) as workspace:
        try:
            result = run_themes(workspace, settings)
        except SynthError as error:
            raise Failure(str(error)) from None
    counts = result.analysis.counts()
    by_dimension: dict[str, int] = {}
    for theme in result.themes:
        by_dimension[theme.dimension] = by_dimension.get(theme.dimension, 0) + 1
    rows = [[dimension, str(counts[dimension]), str(by_dimension.get(dimension, 0))]
            for dimension in dict.fromkeys([*by_dimension, *counts])]
    click.echo(table(["question", "statements", "themes"], rows))
    total = len(result.analysis.ids)
    click.echo(f"\n{len(result.themes)} themes; {total - result.assigned} of {total} statements "
               f"unassigned. Wrote {', '.join(str(p) for p in result.written)}")
    return result


@click.command("themes")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("outputs"),
              show_default=True, help="Folder for units.csv, themes.json and themes.md.")
@theme_options
@click.pass_context
def themes_command(context: click.Context, **options: Any) -> None:
    """Place every statement in a persona question and cluster each into labelled themes."""
    themes_stage(context, **options)


COMMANDS = [themes_command]
