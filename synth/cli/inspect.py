"""`synth status` and `synth participants`: what the workspace holds."""

from __future__ import annotations

import json

import click

from synth.attributes import given_attributes, tag, untag
from synth.cli.common import Failure, open_workspace, table
from synth.errors import SynthError
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


@click.group("participants", invoke_without_command=True)
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True, help="Output format.")
@click.pass_context
def participants_command(context: click.Context, fmt: str) -> None:
    """List participants: participant_id, name, kind, sources, units, and the attributes
    you gave them (a people file, `synth participants tag`)."""
    if context.invoked_subcommand is not None:
        return
    with open_workspace(context, create=False, read_only=True) as workspace:
        rows = workspace.query(  # grouped once, not a subquery per person: 20,000 is fast
            "SELECT p.id AS participant_id, p.name, p.kind, COALESCE(t.n, 0) AS sources,"
            " COALESCE(u.n, 0) AS units FROM participants p"
            " LEFT JOIN (SELECT participant_id, COUNT(DISTINCT source_id) AS n FROM turns"
            " GROUP BY participant_id) t ON t.participant_id = p.id"
            " LEFT JOIN (SELECT participant_id, COUNT(*) AS n FROM units"
            " GROUP BY participant_id) u ON u.participant_id = p.id"
            f" ORDER BY {_KINDS_ORDER}, p.id")
        given, _ = given_attributes(workspace)
    attributes = sorted({a for found in given.values() for a in found})
    columns = ["participant_id", "name", "kind", "sources", "units", *attributes]
    records = [{**{column: row[column] for column in columns[:5]},
                **{a: given.get(row["participant_id"], {}).get(a, "") for a in attributes}}
               for row in rows]
    if fmt == "json":
        click.echo(json.dumps(records, indent=2, ensure_ascii=False))
    elif fmt == "csv":
        click.echo(csv_text(columns, ([r[c] for c in columns] for r in records)), nl=False)
    else:
        click.echo(table(columns, [[str(r[c]) for c in columns] for r in records]))


@participants_command.command("tag")
@click.argument("people", nargs=-1, required=True, metavar="PARTICIPANT... TAG")
@click.pass_context
def tag_command(context: click.Context, people: tuple[str, ...]) -> None:
    """Give participants an attribute: `tag P01 P03 maintainer` sets group=maintainer,
    `tag Donald role=maintainer` sets role. Name participants by id, name or pseudonym.
    Kept in the workspace across runs; `synth personas --by group` makes a card per value."""
    if len(people) < 2:
        raise Failure("name at least one participant and then the tag, e.g. "
                      "`synth participants tag P01 P03 maintainer`")
    with open_workspace(context, create=False) as workspace:
        try:
            attribute, value, ids = tag(workspace, list(people[:-1]), people[-1])
        except SynthError as error:
            raise Failure(str(error)) from None
    click.echo(f"{attribute} = {value} for {count(len(ids), 'participant')}. "
               f"`synth personas --by {attribute}` gives a card per {attribute}")


@participants_command.command("untag")
@click.argument("people", nargs=-1, required=True, metavar="PARTICIPANT...")
@click.option("--attribute", metavar="NAME",
              help="Remove only this attribute (default: every attribute you gave them).")
@click.pass_context
def untag_command(context: click.Context, people: tuple[str, ...],
                  attribute: str | None) -> None:
    """Remove the attributes you gave participants (tags and people-file rows)."""
    with open_workspace(context, create=False) as workspace:
        try:
            removed = untag(workspace, list(people), attribute)
        except SynthError as error:
            raise Failure(str(error)) from None
    click.echo(f"removed {removed} attribute value(s)")


COMMANDS = [status_command, participants_command]
