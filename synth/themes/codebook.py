"""The codebook as the workspace stores it: every theme id ever issued, and each statement's
theme in the last run.

A theme id is `{question}-{NN}`. Ids are never deleted from `codebook_themes` (a theme that
vanishes, is deleted or merged keeps its row with that status), so a new theme's number is
always one past the highest ever issued for its question: an id is never reused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from synth.workspace import Workspace

ACTIVE, VANISHED, DELETED, MERGED = "active", "vanished", "deleted", "merged"
RELEASED = "-"      # a statement whose theme the researcher deleted: it stays unassigned


@dataclass
class Entry:
    """One theme of the codebook."""

    id: str
    dimension: str
    label: str
    description: str = ""
    pinned: bool = False
    named: bool = False          # the researcher chose the label: synth never replaces it
    status: str = ACTIVE
    merged_into: str = ""
    centroid: np.ndarray | None = None
    size: int = 0
    subthemes: int = 0           # the highest sub-theme number ever issued under it
    first_run: int = 0
    last_run: int = 0


@dataclass
class Codebook:
    """The themes, and each statement's (question, theme id) in the last run: theme id ''
    when unassigned, `RELEASED` when its theme was deleted. `moved`: statements the
    researcher moved to another question with their theme."""

    entries: dict[str, Entry] = field(default_factory=dict)
    units: dict[str, tuple[str, str]] = field(default_factory=dict)
    moved: set[str] = field(default_factory=set)
    run: int = 0
    subthemes: dict[str, str] = field(default_factory=dict)   # unit id -> last sub-theme id

    def active(self, dimension: str | None = None) -> list[Entry]:
        return [e for e in self.entries.values() if e.status == ACTIVE
                and (dimension is None or e.dimension == dimension)]

    def members(self, theme_id: str) -> list[str]:
        return sorted(uid for uid, (_, t) in self.units.items() if t == theme_id)

    def new_id(self, dimension: str) -> str:
        """One past the highest number ever issued for `dimension`."""
        pattern = re.compile(rf"{re.escape(dimension)}-(\d+)$")
        used = [int(m.group(1)) for m in map(pattern.match, self.entries) if m]
        return f"{dimension}-{max(used, default=0) + 1:02d}"


def load(workspace: Workspace) -> Codebook:
    """The stored codebook (empty before the first themes run)."""
    entries = {}
    for row in workspace.query("SELECT * FROM codebook_themes ORDER BY id"):
        centroid = (np.frombuffer(row["centroid"], dtype=np.float32).copy()
                    if row["centroid"] is not None else None)
        entries[row["id"]] = Entry(row["id"], row["dimension"], row["label"],
                                   row["description"], bool(row["pinned"]), bool(row["named"]),
                                   row["status"], row["merged_into"], centroid, row["size"],
                                   row["subthemes"], row["first_run"], row["last_run"])
    rows = workspace.query("SELECT * FROM codebook_units")
    subthemes = {r["unit_id"]: r["subtheme_id"] for r in workspace.query(
        "SELECT unit_id, subtheme_id FROM unit_themes WHERE subtheme_id != ''")}
    return Codebook(entries, {r["unit_id"]: (r["dimension"], r["theme_id"]) for r in rows},
                    {r["unit_id"] for r in rows if r["moved"]},
                    max((e.last_run for e in entries.values()), default=0), subthemes)


def save(db, codebook: Codebook) -> None:  # type: ignore[no-untyped-def]
    """Replace the stored codebook, inside the caller's transaction."""
    db.execute("DELETE FROM codebook_themes")
    db.execute("DELETE FROM codebook_units")
    db.executemany(
        "INSERT INTO codebook_themes (id, dimension, label, description, pinned, named, status,"
        " merged_into, centroid, size, subthemes, first_run, last_run)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [(e.id, e.dimension, e.label, e.description, int(e.pinned), int(e.named), e.status,
          e.merged_into,
          None if e.centroid is None else np.asarray(e.centroid, dtype=np.float32).tobytes(),
          e.size, e.subthemes, e.first_run, e.last_run)
         for e in sorted(codebook.entries.values(), key=lambda e: e.id)])
    db.executemany("INSERT INTO codebook_units (unit_id, dimension, theme_id, moved)"
                   " VALUES (?, ?, ?, ?)",
                   [(uid, d, t, int(uid in codebook.moved))
                    for uid, (d, t) in sorted(codebook.units.items())])
