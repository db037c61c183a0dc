"""Persona outputs: a card per persona, the side-by-side index, personas.json and
participants.csv. Reads the cards the persona stage stored; pseudonyms and redaction are
applied here, on the way out, so the workspace keeps the real evidence."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from synth.attributes import attributes_by_participant
from synth.privacy import Privacy
from synth.render import csv_text, render_template, write_outputs
from synth.workspace import Workspace

FOLDER = "personas"


# Fields that hold synth's own identifiers, never research text.
_STRUCTURAL = frozenset({"id", "unit_id", "theme_id", "persona_id", "dimension", "kind",
                         "how", "assigned_by"})


def shown(value: Any, privacy: Privacy) -> Any:
    """Stored data as outputs show it: quotes pseudonymised and redacted, and every other
    text (names, titles, labels, survey answers) through the same redaction."""
    if isinstance(value, list):
        return [shown(item, privacy) for item in value]
    if isinstance(value, str):
        return privacy.text(value)
    if not isinstance(value, dict):
        return value
    if "unit_id" in value and "text" in value:
        return privacy.quote(value)
    return {key: item if key in _STRUCTURAL else shown(item, privacy)
            for key, item in value.items()}


def persona_records(workspace: Workspace, privacy: Privacy) -> list[dict]:
    return [shown(json.loads(row["detail"]), privacy)
            for row in workspace.query("SELECT detail FROM personas ORDER BY rank")]


def write_persona_outputs(workspace: Workspace, out: Path, privacy: Privacy,
                          templates: Path | None = None) -> list[Path]:
    personas = persona_records(workspace, privacy)
    assigned = workspace.query(
        "SELECT pp.participant_id, COALESCE(pp.persona_id, '') AS persona_id, pp.how,"
        " p.kind, p.attributes FROM participant_personas pp"
        " JOIN participants p ON p.id = pp.participant_id ORDER BY pp.participant_id")
    unassigned = [row for row in assigned if not row["persona_id"]]
    stored = workspace.query("SELECT detail FROM reports WHERE name = 'personas'")
    # the figures are numbers, but a defined persona's name and notes come from answers
    validity = shown(json.loads(stored[0]["detail"]), privacy) if stored else None
    context = {"personas": personas, "participants": len(assigned), "validity": validity,
               "unassigned": len(unassigned),
               "unassigned_reasons": sorted({row["how"] for row in unassigned}),
               "keep_names": privacy.keep_names}
    texts: dict[Path, str] = {}
    for persona in personas:
        texts[out / FOLDER / f"{persona['id']}.md"] = render_template(
            "persona.md.j2", {"p": persona, **context}, templates)
    texts[out / FOLDER / "index.md"] = render_template("personas-index.md.j2", context,
                                                        templates)
    texts[out / "personas.json"] = json.dumps(
        {"participants": len(assigned), "unassigned": len(unassigned), "validity": validity,
         "personas": personas},
        indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    draft = ((validity or {}).get("defined") or {}).get("mapping_draft")
    if draft:
        texts[out / FOLDER / "segments-map.yaml"] = _mapping(draft, validity["defined"]["how"])
    texts[out / "participants.csv"] = _participants_csv(assigned, privacy,
                                                        attributes_by_participant(workspace))
    _remove_stale(out / FOLDER, {path.name for path in texts})
    return write_outputs(out, texts)


def _mapping(draft: dict[str, list[str]], how: str) -> str:
    """A `--map` file to edit: each kept answer as a segment of its own, and Other."""
    import yaml

    return (f"# Segments for synth personas {how}. Copy this file (synth rewrites it on\n"
            "# every --by run without --map), merge, rename and add phrases, then run\n"
            "# synth personas --by COLUMN --map YOUR_COPY (an answer joins the first segment\n"
            "# one of whose phrases it contains; Other takes the rest; delete Other to leave\n"
            "# them out).\n" + yaml.safe_dump(draft, allow_unicode=True, sort_keys=False,
                                              default_flow_style=None, width=88))


def _participants_csv(rows: list, privacy: Privacy,
                      given: dict[str, dict[str, str]]) -> str:
    """Survey answers and the attributes the researcher gave (people file, tags)."""
    attributes = [given.get(row["participant_id"], json.loads(row["attributes"]))
                  for row in rows]
    columns = sorted({column for found in attributes for column in found})
    records = sorted(zip(rows, attributes), key=lambda r: privacy.who(r[0]["participant_id"]))
    return csv_text(
        ["participant_id", "persona_id", "assigned_by", "kind",
         *(privacy.text(column) for column in columns)],
        ([privacy.who(row["participant_id"]), row["persona_id"], row["how"], row["kind"],
          *(privacy.text(found.get(column, "")) for column in columns)]
         for row, found in records))


def _remove_stale(folder: Path, keep: set[str]) -> None:
    """Cards of personas a previous run had and this one has not."""
    if folder.is_dir():
        for path in folder.glob("persona-*.md"):
            if path.name not in keep:
                path.unlink()
