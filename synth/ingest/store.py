"""Writing ingested documents into the workspace, one transaction per file."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import replace
from pathlib import Path

from synth.documents import Document, Turn
from synth.ingest import people
from synth.ingest.forget import withdrawn, withdrawn_key
from synth.ingest.mentions import PeopleFinder, no_people
from synth.ingest.units import SentenceSplitter, Unit, segment
from synth.workspace import Workspace, now


def units_for(turns: list[Turn], stem: str, kind: str, cast: people.Cast,
              split: SentenceSplitter) -> tuple[list[Turn], list[Unit]]:
    """Question context for every turn, and the units of everyone not interviewing."""
    if kind == "survey":
        return turns, segment(turns, range(len(turns)), split, whole_answers=True)
    turns = people.with_questions(turns, stem, cast)
    speaking = [i for i, turn in enumerate(turns)
                if cast.kind(turn.speaker, stem) != people.INTERVIEWER]
    return turns, segment(turns, speaking, split)


def speaker_entries(document: Document, cast: people.Cast) -> list[dict]:
    """What the workspace remembers of each speaker: stats, and the role and id used."""
    stem = document.path.stem
    return [{"key": s.key, "turns": s.turns, "questions": s.questions, "words": s.words,
             "kind": cast.kind_of(s.key), "id": cast.id_of(s.key)}
            for s in people.speaker_stats(str(document.path), stem, document.turns)]


def write_document(workspace: Workspace, document: Document, source: str, display: str,
                   digest: str, cast: people.Cast, split: SentenceSplitter,
                   finder: PeopleFinder = no_people) -> tuple[int, int]:
    """Replace whatever the workspace held for `source` with `document`, with the people
    its text mentions; people withdrawn with `synth forget` are left out. -> (turns, units)"""
    stem = document.path.stem
    gone = withdrawn(workspace)
    document = _without_withdrawn(document, cast, gone)
    turns, units = units_for(document.turns, stem, document.kind, cast, split)
    speakers = speaker_entries(document, cast) if document.kind == "interview" else []
    speakers = [e for e in speakers if withdrawn_key("person", e["id"]) not in gone]
    values = sorted({value for answers in document.attributes.values()
                     for value in answers.values()})   # "CTO: Daniel Okoro / ..." too
    headers = sorted(document.columns)      # a header can name someone ("... tell Maria?")
    mentioned = sorted({name for names in finder([t.text for t in document.turns] + values
                                                 + headers)
                        for name in names})
    with workspace.transaction() as db:
        db.execute("DELETE FROM sources WHERE path = ?", (source,))
        source_id = db.execute(
            "INSERT INTO sources (path, display, sha256, format, kind, ingested_at, columns,"
            " speakers) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (source, display, digest, document.format, document.kind, now(),
             json.dumps(document.columns), json.dumps(speakers)),
        ).lastrowid
        ids = [_participant(turn, stem, document.kind, cast) for turn in turns]
        turn_ids = [db.execute(
            "INSERT INTO turns (source_id, seq, speaker, participant_id, text, anchors,"
            " question) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (source_id, seq, turn.speaker, pid, turn.text, json.dumps(turn.anchors),
             turn.question)).lastrowid for seq, (turn, pid) in enumerate(zip(turns, ids))]
        insert_units(db, source_id, digest, units, ids, turn_ids)
        db.executemany(
            "INSERT INTO answers (source_id, participant_id, attributes, name)"
            " VALUES (?, ?, ?, ?)",
            [(source_id, pid, json.dumps(attrs, sort_keys=True), document.names.get(pid, ""))
             for pid, attrs in document.attributes.items()])
        db.executemany("INSERT INTO mentions (source_id, name) VALUES (?, ?)",
                       [(source_id, name) for name in mentioned])
        rebuild_participants(workspace, cast)  # a file's units and its people together
    return len(turns), len(units)


def _without_withdrawn(document: Document, cast: people.Cast, keys: set[str]) -> Document:
    """The document less the turns, answers and names of withdrawn participants."""
    def gone(pid: str) -> bool:
        return withdrawn_key("person", pid) in keys

    stem = document.path.stem
    if not any(k.startswith("person:") for k in keys):
        return document
    turns = [t for t in document.turns
             if not gone(_participant(t, stem, document.kind, cast))]
    return replace(document, turns=turns,
                   attributes={k: v for k, v in document.attributes.items() if not gone(k)},
                   names={k: v for k, v in document.names.items() if not gone(k)})


def insert_units(db: sqlite3.Connection, source_id: int, digest: str, units: list[Unit],
                 participant_ids: list[str], turn_ids: list[int]) -> None:
    """Unit ids come from the file's content and the unit's position: stable across runs."""
    db.executemany(
        "INSERT INTO units (id, source_id, turn_id, seq, participant_id, text, location,"
        " question) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(hashlib.sha256(f"{digest}:{seq}".encode()).hexdigest()[:16], source_id,
          turn_ids[unit.turn_index], seq, participant_ids[unit.turn_index], unit.text,
          unit.location, unit.question) for seq, unit in enumerate(units)])


def recast(workspace: Workspace, row: sqlite3.Row, cast: people.Cast,
           split: SentenceSplitter) -> None:
    """Roles or identities changed for an ingested conversation: redo its turns' ids,
    question context and units from the stored turns, in one transaction."""
    source_id, stem = row["id"], Path(row["path"]).stem
    stored = workspace.query("SELECT * FROM turns WHERE source_id = ? ORDER BY seq",
                             (source_id,))
    turns = [Turn(t["speaker"], t["text"], tuple(tuple(a) for a in json.loads(t["anchors"])))
             for t in stored]
    turns, units = units_for(turns, stem, "interview", cast, split)
    ids = [cast.participant_id(turn.speaker, stem) for turn in turns]
    speakers = [entry | {"kind": cast.kind_of(entry["key"]), "id": cast.id_of(entry["key"])}
                for entry in json.loads(row["speakers"])]
    with workspace.transaction() as db:
        db.execute("DELETE FROM units WHERE source_id = ?", (source_id,))
        db.executemany("UPDATE turns SET question = ?, participant_id = ? WHERE id = ?",
                       [(turn.question, pid, t["id"]) for turn, pid, t in zip(turns, ids, stored)])
        insert_units(db, source_id, row["sha256"], units, ids, [t["id"] for t in stored])
        db.execute("UPDATE sources SET speakers = ? WHERE id = ?",
                   (json.dumps(speakers), source_id))
        rebuild_participants(workspace, cast)


def needs_recast(row: sqlite3.Row, cast: people.Cast) -> bool:
    entries = json.loads(row["speakers"])
    return any((e["kind"], e["id"]) != (cast.kind_of(e["key"]), cast.id_of(e["key"]))
               for e in entries)


def refresh_participants(workspace: Workspace, cast: people.Cast) -> None:
    """Rebuild the participants table from the turns and answers the workspace holds."""
    with workspace.transaction():
        rebuild_participants(workspace, cast)


def rebuild_participants(workspace: Workspace, cast: people.Cast) -> None:
    """The participants table from the turns and answers, inside the caller's transaction
    (so no transaction ever leaves statements without their people)."""
    speakers = workspace.query(
        "SELECT t.participant_id AS id, MIN(t.speaker) AS label, MIN(s.path) AS path"
        " FROM turns t JOIN sources s ON s.id = t.source_id WHERE s.kind = 'interview'"
        " GROUP BY t.participant_id")
    answers: dict[str, dict[str, str]] = {}
    respondent_names: dict[str, str] = {}
    for row in workspace.query("SELECT participant_id, attributes, name FROM answers"
                               " ORDER BY source_id"):
        answers.setdefault(row["participant_id"], {}).update(json.loads(row["attributes"]))
        if row["name"]:
            respondent_names[row["participant_id"]] = row["name"]
    names = {}
    for row in workspace.query(
            "SELECT t.participant_id AS id, t.speaker AS label FROM turns t"
            " JOIN sources s ON s.id = t.source_id WHERE s.kind = 'interview'"):
        name = people.display_name(row["label"])
        if len(name) > len(names.get(row["id"], "")):
            names[row["id"]] = name  # the fullest form: "Priya Raman" over "Priya"
    db = workspace.db
    db.execute("DELETE FROM participants")
    db.executemany(
        "INSERT INTO participants (id, name, kind) VALUES (?, ?, ?)",
        [(row["id"], names[row["id"]], cast.kind(row["label"], Path(row["path"]).stem))
         for row in speakers])
    db.executemany(
        "INSERT INTO participants (id, name, kind, attributes) VALUES (?, ?, ?, ?)",
        [(pid, respondent_names.get(pid) or pid.split(":", 1)[1], people.RESPONDENT,
          json.dumps(attrs, sort_keys=True)) for pid, attrs in answers.items()])


def _participant(turn: Turn, stem: str, kind: str, cast: people.Cast) -> str:
    return turn.speaker if kind == "survey" else cast.participant_id(turn.speaker, stem)
