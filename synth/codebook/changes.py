"""What a run changed, for changes.md: new themes, themes that grew, shrank or vanished, how
many new statements joined existing themes, and personas whose membership changed.

The themes stage stores the theme part in the `reports` table (name 'changes'); the
personas stage adds the persona part. changes.md is rendered from that record, through the
same privacy as every output (pseudonyms, redaction).
"""

from __future__ import annotations

import json
from pathlib import Path

from synth.privacy import Privacy
from synth.render import render_template, write_outputs
from synth.themes.codebook import ACTIVE, Codebook
from synth.workspace import Workspace

Snapshot = dict[str, dict]


def snapshot(codebook: Codebook) -> Snapshot:
    """The active themes before a run: id -> label, size, question."""
    return {e.id: {"label": e.label, "size": e.size, "dimension": e.dimension}
            for e in codebook.entries.values() if e.status == ACTIVE and e.size}


def theme_changes(before: Snapshot, planner, themes: list) -> dict:  # type: ignore[no-untyped-def]
    """The theme part of the changes record."""
    now = {t.id: t for t in themes}
    new, grew, shrank, vanished = [], [], [], []
    for theme in themes:
        old = before.get(theme.id)
        row = {"id": theme.id, "label": theme.label, "dimension": theme.dimension,
               "size": theme.size, "before": old["size"] if old else 0}
        if old is None:
            new.append(row)
        elif theme.size > old["size"]:
            grew.append(row)
        elif theme.size < old["size"]:
            shrank.append(row)
    for tid, old in sorted(before.items()):
        if tid not in now:
            status = planner.codebook.entries[tid].status if tid in planner.codebook.entries \
                else "vanished"
            vanished.append({"id": tid, "label": old["label"], "dimension": old["dimension"],
                             "size": 0, "before": old["size"], "status": status})
    outcomes = planner.outcomes.values()
    return {"first": not before, "run": planner.codebook.run,
            "mode": "recluster" if planner.recluster else "incremental",
            "fresh": sum(o.fresh for o in outcomes), "joined": sum(o.joined for o in outcomes),
            "new": new, "grew": grew, "shrank": shrank, "vanished": vanished,
            "edits": list(getattr(planner, "applied", [])), "personas": []}


def changed_nothing(record: dict) -> bool:
    """A run that found no new statement, applied no edit and moved no theme."""
    return not (record["fresh"] or record["edits"] or record["new"] or record["grew"]
                or record["shrank"] or record["vanished"])


def pending_changes(workspace: Workspace) -> dict | None:
    """The stored changes record when the run that stored it stopped before writing
    changes.md (killed after its results were committed), else None."""
    rows = workspace.query("SELECT detail FROM reports WHERE name = 'changes'")
    record = json.loads(rows[0]["detail"]) if rows else None
    return record if record is not None and record.get("written") is False else None


def store_changes(db, before: Snapshot, planner, pending: dict | None) -> None:  # type: ignore[no-untyped-def]
    """Store this run's changes record, inside the transaction of its results. A run that
    changes nothing after one that stopped before writing its outputs records that one's
    changes again, so the re-run writes what the interrupted run would have."""
    record = theme_changes(before, planner, planner.themes)
    if pending is not None and changed_nothing(record):
        record = pending
    record["written"] = False
    db.execute("INSERT OR REPLACE INTO reports (name, detail) VALUES ('changes', ?)",
               (json.dumps(record, sort_keys=True),))


def mark_written(workspace: Workspace) -> None:
    """changes.md of the stored record is written."""
    rows = workspace.query("SELECT detail FROM reports WHERE name = 'changes'")
    if rows:
        record = json.loads(rows[0]["detail"])
        record["written"] = True
        with workspace.transaction() as db:
            db.execute("UPDATE reports SET detail = ? WHERE name = 'changes'",
                       (json.dumps(record, sort_keys=True),))


def persona_changes(before: dict[str, str | None], after: dict[str, str | None],
                    names: dict[str, str]) -> list[dict]:
    """Personas whose members changed: for each persona now, who joined and who left it
    (participant ids; pseudonymised when rendered). Persona ids are by size, so a persona is
    compared with the earlier persona that shared most of its members."""
    def groups(assigned: dict[str, str | None]) -> dict[str, set[str]]:
        found: dict[str, set[str]] = {}
        for who, persona in assigned.items():
            if persona:
                found.setdefault(persona, set()).add(who)
        return found

    old, new = groups(before), groups(after)
    if not old:
        return []
    changed = []
    for persona, members in sorted(new.items()):
        twin = max(sorted(old), key=lambda p: len(old[p] & members))
        joined, left = sorted(members - old[twin]), sorted(old[twin] - members)
        if joined or left:
            changed.append({"id": persona, "name": names.get(persona, persona),
                            "size": len(members), "joined": joined, "left": left})
    return changed


def add_persona_changes(workspace: Workspace, personas: list[dict]) -> None:
    rows = workspace.query("SELECT detail FROM reports WHERE name = 'changes'")
    record = json.loads(rows[0]["detail"]) if rows else {"first": True, "new": [], "grew": [],
                                                         "shrank": [], "vanished": [],
                                                         "edits": [], "fresh": 0,
                                                         "joined": 0, "run": 0,
                                                         "mode": "incremental"}
    record["personas"] = personas
    with workspace.transaction() as db:
        db.execute("INSERT OR REPLACE INTO reports (name, detail) VALUES ('changes', ?)",
                   (json.dumps(record, sort_keys=True),))


def write_changes(workspace: Workspace, out: Path, privacy: Privacy,
                  templates: Path | None = None) -> Path:
    rows = workspace.query("SELECT detail FROM reports WHERE name = 'changes'")
    record = json.loads(rows[0]["detail"]) if rows else {}
    for key in ("new", "grew", "shrank", "vanished"):
        for row in record.get(key, []):
            row["label"] = privacy.text(row["label"])
    for persona in record.get("personas", []):
        persona["name"] = privacy.text(persona["name"])
        persona["joined"] = [privacy.who(p) for p in persona["joined"]]
        persona["left"] = [privacy.who(p) for p in persona["left"]]
    record["edits"] = [privacy.text(edit) for edit in record.get("edits", [])]
    path = out / "changes.md"
    write_outputs(out, {path: render_template("changes.md.j2", record, templates)})
    return path
