"""`synth status` and `synth participants`: what the workspace holds."""

from __future__ import annotations

import json

import click

from synth.cli.common import open_workspace, table
from synth.render import csv_text
from synth.words import count

_KINDS_ORDER = "CASE kind WHEN 'participant' THEN 0 WHEN 'respondent' THEN 1 ELSE 2 END"


@click.command("status")
@click.pass_context
def status_command(context: click.Context) -> None:
    """Show the sources, participants and statements the workspace holds."""
    with open_workspace(context, create=False, read_only=True) as workspace:
        sources = workspace.query(
            "SELECT s.display, s.format, s.kind, COUNT(DISTINCT u.participant_id) AS people,"
            " (SELECT COUNT(*) FROM turns t WHERE t.source_id = s.id) AS turns,"
            " COUNT(u.id) AS units FROM sources s LEFT JOIN units u ON u.source_id = s.id"
            " GROUP BY s.id ORDER BY s.display")
        kinds = workspace.query(
            f"SELECT kind, COUNT(*) AS n FROM participants GROUP BY kind ORDER BY {_KINDS_ORDER}")
        units = workspace.query("SELECT COUNT(*) AS n FROM units")[0]["n"]
    click.echo(f"workspace: {context.obj}")
    if not sources:
        click.echo("empty: run `synth ingest PATH...` to add research files")
        return
    click.echo(table(["source", "format", "kind", "speakers", "turns", "units"],
                     [[r["display"], r["format"], r["kind"], str(r["people"]), str(r["turns"]),
                       str(r["units"])] for r in sources]))
    people = ", ".join(count(row["n"], row["kind"]) for row in kinds)
    click.echo(f"\n{count(len(sources), 'source')}, {people}, {count(units, 'unit')}")


@click.command("participants")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True, help="Output format.")
@click.pass_context
def participants_command(context: click.Context, fmt: str) -> None:
    """List participants: participant_id, name, kind, sources, units."""
    with open_workspace(context, create=False, read_only=True) as workspace:
        rows = workspace.query(  # grouped once, not a subquery per person: 20,000 is fast
            "SELECT p.id AS participant_id, p.name, p.kind, COALESCE(t.n, 0) AS sources,"
            " COALESCE(u.n, 0) AS units FROM participants p"
            " LEFT JOIN (SELECT participant_id, COUNT(DISTINCT source_id) AS n FROM turns"
            " GROUP BY participant_id) t ON t.participant_id = p.id"
            " LEFT JOIN (SELECT participant_id, COUNT(*) AS n FROM units"
            " GROUP BY participant_id) u ON u.participant_id = p.id"
            f" ORDER BY {_KINDS_ORDER}, p.id")
    columns = ["participant_id", "name", "kind", "sources", "units"]
    records = [{column: row[column] for column in columns} for row in rows]
    if fmt == "json":
        click.echo(json.dumps(records, indent=2, ensure_ascii=False))
    elif fmt == "csv":
        click.echo(csv_text(columns, ([r[c] for c in columns] for r in records)), nl=False)
    else:
        click.echo(table(columns, [[str(r[c]) for c in columns] for r in records]))


COMMANDS = [status_command, participants_command]
