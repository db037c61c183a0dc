"""Removing a source or a participant from the workspace: `synth forget SOURCE|PARTICIPANT`.

A participant who withdraws consent, or a file that should never have been ingested, goes
whole and at once (one transaction): its statements, turns and survey answers, their
embeddings and analysis, the people only it held, and every derived result that could quote
them (themes, personas, the ICP), which the next `synth themes` or `synth run` rebuilds.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from synth.attributes import participant_index, researched
from synth.embed import text_hash
from synth.errors import SynthError
from synth.workspace import Workspace

DERIVED = ("unit_themes", "themes", "participant_personas", "personas", "reports")


@dataclass
class Forgotten:
    sources: list[str] = field(default_factory=list)       # as shown
    participants: list[str] = field(default_factory=list)  # ids
    units: int = 0


def find(workspace: Workspace, target: str) -> tuple[list, list]:
    """The sources (by path as given, resolved, or shown) and the participants (by id or
    name, any case) that `target` names."""
    resolved = str(Path(target).resolve()) if target else ""
    sources = workspace.query(
        "SELECT id, path, display FROM sources WHERE path = ? OR display = ? ORDER BY display",
        (resolved, target))
    people = workspace.query(
        "SELECT id, name FROM participants WHERE id = ? OR LOWER(name) = LOWER(?) ORDER BY id",
        (target, target.strip()))
    return sources, people


def forget(workspace: Workspace, target: str) -> Forgotten:
    sources, people = find(workspace, target)
    if not sources and not people:
        raise SynthError(f"'{target}' is neither an ingested source nor a participant. See "
                         "`synth status` for sources and `synth participants` for ids")
    if sources and people:
        raise SynthError(f"'{target}' names both a source and a participant. Give the "
                         "source's path or the participant's id from `synth participants`")
    forgotten = Forgotten([row["display"] for row in sources], [row["id"] for row in people])
    named = [key for key, pid in participant_index(researched(workspace)).items()
             if pid in forgotten.participants]     # how a people file or tag named them
    with workspace.transaction() as db:
        db.executemany("DELETE FROM people_attributes WHERE person = ?", [(k,) for k in named])
        if sources:
            marks = ",".join("?" * len(sources))
            ids = [row["id"] for row in sources]
            gone = workspace.query(f"SELECT text FROM units WHERE source_id IN ({marks})",
                                   tuple(ids))
            db.execute(f"DELETE FROM sources WHERE id IN ({marks})", ids)
        else:
            marks = ",".join("?" * len(people))
            ids = [row["id"] for row in people]
            gone = workspace.query(f"SELECT text FROM units WHERE participant_id IN ({marks})",
                                   tuple(ids))
            for table in ("units", "turns", "answers"):
                db.execute(f"DELETE FROM {table} WHERE participant_id IN ({marks})", ids)
            db.execute(f"DELETE FROM participants WHERE id IN ({marks})", ids)
        forgotten.units = len(gone)
        kept = {text_hash(row["text"]) for row in workspace.query("SELECT text FROM units")}
        db.executemany("DELETE FROM embeddings WHERE hash = ?",
                       [(h,) for h in {text_hash(row["text"]) for row in gone} - kept])
        db.execute("DELETE FROM participants WHERE id NOT IN (SELECT participant_id FROM turns)"
                   " AND id NOT IN (SELECT participant_id FROM answers)")
        for table in DERIVED:
            db.execute(f"DELETE FROM {table}")
    return forgotten


def gone_from(workspace: Workspace, folders: list[Path]) -> list[str]:
    """Sources once ingested from these folders whose files are no longer there (shown)."""
    roots = [str(folder.resolve()) + os.sep for folder in folders if folder.is_dir()]
    return [row["display"] for row in workspace.query(
                "SELECT path, display FROM sources ORDER BY display")
            if any(row["path"].startswith(root) for root in roots)
            and not Path(row["path"]).exists()]
