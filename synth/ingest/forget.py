"""Removing a source or a participant from the workspace: `synth forget SOURCE|PARTICIPANT`.

A participant who withdraws consent, or a file that should never have been ingested, goes
whole and at once (one transaction): its statements, turns and survey answers, their
embeddings and analysis, the people only it held, and every derived result that could quote
them (themes, personas, the ICP), which the next `synth themes` or `synth run` rebuilds.

A person goes everywhere: their name is replaced by `[name]` in what others said (and in
the question context, the sources' speaker lists, the third parties found by NER and the
codebook's edit log), a file left with nobody but the interviewer goes with them, every
theme label synth chose is chosen again from the statements left (a label made of their
words goes), and the workspace remembers hashes of what was withdrawn, so ingesting the
same folder again does not bring them back.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from synth.attributes import participant_index, researched
from synth.embed import text_hash
from synth.errors import SynthError
from synth.workspace import Workspace

NAME = "[name]"
_PARTICLES = frozenset({"van", "von", "der", "den", "del", "della", "dos", "das", "les", "the",
                        "mrs", "miss", "prof"})

DERIVED = ("unit_themes", "themes", "participant_personas", "personas", "reports")


@dataclass
class Forgotten:
    sources: list[str] = field(default_factory=list)       # as shown
    participants: list[str] = field(default_factory=list)  # ids
    units: int = 0


def same_name(text: str) -> str:
    """A name as compared: Unicode-normalised, case-folded in any script ("JÜRGEN MÜLLER"
    is "Jürgen Müller"), white space collapsed."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def withdrawn_key(kind: str, value: str) -> str:
    return f"{kind}:{hashlib.sha256(value.encode('utf-8')).hexdigest()}"


def withdrawn(workspace: Workspace) -> set[str]:
    return {row["key"] for row in workspace.query("SELECT key FROM withdrawn")}


def find(workspace: Workspace, target: str) -> tuple[list, list]:
    """The sources (by path as given, resolved, or shown) and the participants (by id or
    name, any case in any script) that `target` names."""
    resolved = str(Path(target).resolve()) if target else ""
    sources = workspace.query(
        "SELECT id, path, display FROM sources WHERE path = ? OR display = ? ORDER BY display",
        (resolved, target))
    wanted = same_name(target)
    people = [row for row in workspace.query("SELECT id, name FROM participants ORDER BY id")
              if row["id"] == target or (wanted and same_name(row["name"]) == wanted)]
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
            stale: list = []
        else:
            gone, stale = _forget_people(workspace, db, [row["id"] for row in people])
        forgotten.units = len(gone)
        gone = gone + stale
        kept = {text_hash(row["text"]) for row in workspace.query("SELECT text FROM units")}
        db.executemany("DELETE FROM embeddings WHERE hash = ?",
                       [(h,) for h in {text_hash(row["text"]) for row in gone} - kept])
        db.execute("DELETE FROM participants WHERE id NOT IN (SELECT participant_id FROM turns)"
                   " AND id NOT IN (SELECT participant_id FROM answers)")
        for table in DERIVED:
            db.execute(f"DELETE FROM {table}")
    return forgotten


def _forget_people(workspace: Workspace, db,  # type: ignore[no-untyped-def]
                   ids: list[str]) -> tuple[list, list]:
    """Remove these participants everywhere (see the module docstring), inside the caller's
    transaction. -> their units' texts, and the old texts of others' units that named them."""
    from synth.ingest.people import display_name

    marks = ",".join("?" * len(ids))
    names = {row["name"] for row in workspace.query(
        f"SELECT name FROM participants WHERE id IN ({marks})", tuple(ids))}
    names |= {display_name(row["speaker"]) for row in workspace.query(
        f"SELECT DISTINCT speaker FROM turns WHERE participant_id IN ({marks})", tuple(ids))}
    names |= {row["name"] for row in workspace.query(
        f"SELECT name FROM answers WHERE participant_id IN ({marks}) AND name != ''",
        tuple(ids))}
    plain_ids = {pid.split(":", 1)[-1] for pid in ids}      # a respondent "named" R05
    names = {name for name in names if name and name not in ids and name not in plain_ids}
    touched = [row["source_id"] for row in workspace.query(
        f"SELECT DISTINCT source_id FROM turns WHERE participant_id IN ({marks}) UNION"
        f" SELECT DISTINCT source_id FROM answers WHERE participant_id IN ({marks})",
        (*ids, *ids))]
    gone = workspace.query(f"SELECT text FROM units WHERE participant_id IN ({marks})",
                           tuple(ids))
    for table in ("units", "turns", "answers"):
        db.execute(f"DELETE FROM {table} WHERE participant_id IN ({marks})", ids)
    db.execute(f"DELETE FROM participants WHERE id IN ({marks})", ids)
    db.executemany("INSERT OR IGNORE INTO withdrawn (key) VALUES (?)",
                   [(withdrawn_key("person", pid),) for pid in ids])
    for source_id in touched:
        row = workspace.query("SELECT sha256, speakers FROM sources WHERE id = ?", (source_id,))
        if not row:
            continue
        if not workspace.query("SELECT 1 FROM units WHERE source_id = ? LIMIT 1", (source_id,)):
            # nobody left but the interviewer: the file goes, and stays out
            db.execute("INSERT OR IGNORE INTO withdrawn (key) VALUES (?)",
                       (withdrawn_key("file", row[0]["sha256"]),))
            db.execute("DELETE FROM sources WHERE id = ?", (source_id,))
            continue
        speakers = [e for e in json.loads(row[0]["speakers"]) if e.get("id") not in ids]
        db.execute("UPDATE sources SET speakers = ? WHERE id = ?",
                   (json.dumps(speakers), source_id))
    pattern, stale = _names_pattern(names), []
    if pattern is not None:
        parts = {part.casefold() for name in names for part in re.split(r"[\s_.-]+", name)
                 if len(part) >= 3 and part.casefold() not in _PARTICLES}
        stale = _scrub(workspace, db, pattern, parts)
    # labels synth chose may be their words: every one is chosen again on the next run
    db.execute("UPDATE codebook_themes SET label = '' WHERE named = 0")
    db.execute("DELETE FROM codebook_units WHERE unit_id NOT IN (SELECT id FROM units)")
    return gone, stale


def _names_pattern(names: set[str]) -> re.Pattern[str] | None:
    """Each name whole in any case, and each part of it (3+ letters) when capitalised."""
    forms: dict[str, str] = {}
    for name in names:
        forms[" ".join(name.split())] = "(?i:" + r"\s+".join(map(re.escape, name.split())) + ")"
        for part in re.split(r"[\s-]+", name):
            if len(part) >= 3 and part.casefold() not in _PARTICLES and part[0].isalpha():
                forms.setdefault(part, re.escape(part[0].upper()) + f"(?i:{re.escape(part[1:])})")
    if not forms:
        return None
    ordered = sorted(forms, key=lambda form: (-len(form), form))
    return re.compile(r"(?<!\w)(?:" + "|".join(forms[f] for f in ordered) + r")(?!\w)")


def _scrub(workspace: Workspace, db, pattern: re.Pattern[str],  # type: ignore[no-untyped-def]
           parts: set[str]) -> list:
    """Replace the names in what the workspace keeps of everyone else. -> the old texts of
    the units changed (their embeddings are stale)."""
    old = []
    for row in workspace.query("SELECT id, text, question FROM units"):
        text, question = pattern.sub(NAME, row["text"]), pattern.sub(NAME, row["question"])
        if (text, question) != (row["text"], row["question"]):
            old.append({"text": row["text"]})
            db.execute("UPDATE units SET text = ?, question = ? WHERE id = ?",
                       (text, question, row["id"]))
            db.execute("DELETE FROM analysis WHERE unit_id = ?", (row["id"],))
    for row in workspace.query("SELECT id, text, question FROM turns"):
        text, question = pattern.sub(NAME, row["text"]), pattern.sub(NAME, row["question"])
        if (text, question) != (row["text"], row["question"]):
            db.execute("UPDATE turns SET text = ?, question = ? WHERE id = ?",
                       (text, question, row["id"]))
    for row in workspace.query("SELECT rowid, name FROM mentions"):
        if pattern.search(row["name"]):
            db.execute("DELETE FROM mentions WHERE rowid = ?", (row["rowid"],))
    for row in workspace.query("SELECT id, display FROM sources"):   # a file named after them
        shown = re.sub(r"[^\W_]+", lambda m: "name" if m.group().casefold() in parts
                       else m.group(), row["display"])
        if shown != row["display"]:
            db.execute("UPDATE sources SET display = ? WHERE id = ?", (shown, row["id"]))
    for row in workspace.query("SELECT seq, edit FROM codebook_edits"):
        edit = pattern.sub(NAME, row["edit"])
        if edit != row["edit"]:
            db.execute("UPDATE codebook_edits SET edit = ? WHERE seq = ?", (edit, row["seq"]))
    return old


def gone_from(workspace: Workspace, folders: list[Path]) -> list[str]:
    """Sources once ingested from these folders whose files are no longer there (shown)."""
    roots = [str(folder.resolve()) + os.sep for folder in folders if folder.is_dir()]
    return [row["display"] for row in workspace.query(
                "SELECT path, display FROM sources ORDER BY display")
            if any(row["path"].startswith(root) for root in roots)
            and not Path(row["path"]).exists()]
