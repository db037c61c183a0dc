"""Ingest: research files in, statements (units) attributed to participants out.

`ingest(workspace, paths, options)` reads every file first (so `--strict` can stop before
anything is written), then writes each new or changed file in its own transaction, then
settles who is who across the whole workspace. Unchanged files are skipped.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from synth.documents import Document, Turn
from synth.errors import InputError, NotResearch, SynthError
from synth.ingest import people
from synth.ingest.readers import read_document
from synth.ingest.survey import SurveyOptions
from synth.ingest.units import SentenceSplitter, Unit, segment, spacy_splitter
from synth.workspace import Workspace, now

INTERVIEWERS_SETTING = "interviewers"


@dataclass
class IngestOptions:
    survey: SurveyOptions = field(default_factory=SurveyOptions)
    interviewers: list[str] = field(default_factory=list)
    strict: bool = False


@dataclass
class FileResult:
    """What happened to one input: `ingested`, `replaced`, `unchanged`, `skipped`, `failed`."""

    path: str
    status: str
    detail: str = ""
    format: str = ""
    participants: int = 0
    turns: int = 0
    units: int = 0


@dataclass
class IngestReport:
    files: list[FileResult] = field(default_factory=list)

    @property
    def failed(self) -> list[FileResult]:
        return [f for f in self.files if f.status == "failed"]

    @property
    def usable(self) -> list[FileResult]:
        return [f for f in self.files if f.status in {"ingested", "replaced", "unchanged"}]


# progress(stage, done, total, path): "reading" each input, then "segmenting" each new one.
Progress = Callable[[str, int, int, str], None]


def collect(paths: list[Path]) -> list[tuple[Path, bool]]:
    """Files to read, with whether the user named each one (folders are walked, sorted).

    Hidden files and folders (like the `.synth` workspace itself) are left out of walks.
    """
    found: list[tuple[Path, bool]] = []
    for path in paths:
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found.extend((Path(root) / name, False)
                             for name in sorted(files) if not name.startswith("."))
        else:
            found.append((path, True))
    return found


def display_path(path: Path) -> str:
    return Path(os.path.relpath(path.resolve())).as_posix()


def ingest(workspace: Workspace, paths: list[Path], options: IngestOptions | None = None,
           progress: Progress | None = None,
           splitter: SentenceSplitter | None = None) -> IngestReport:
    options = options or IngestOptions()
    progress = progress or (lambda *_: None)
    report = IngestReport()
    interviewers = sorted(set(workspace.setting(INTERVIEWERS_SETTING, []))
                          | set(options.interviewers))
    known = {row["path"]: row for row in workspace.query("SELECT * FROM sources")}
    by_hash = {row["sha256"]: row["display"] for row in known.values()}

    documents: list[tuple[Document, str, FileResult, bool]] = []
    inputs = collect(paths)
    for done, (path, named) in enumerate(inputs):
        shown = display_path(path) if path.exists() else str(path)
        progress("reading", done, len(inputs), shown)
        result = FileResult(shown, "failed")
        report.files.append(result)
        try:
            document, digest = _read(Path(shown), options)
        except NotResearch as error:
            if named:
                _fail(result, error, options)
            else:
                result.status, result.detail = "skipped", f"{error.problem}"
            continue
        except InputError as error:
            _fail(result, error, options)
            continue
        old = known.get(str(path.resolve()))
        result.format = document.format
        if old is not None and old["sha256"] == digest:
            result.status, result.detail = "unchanged", "already ingested"
            continue
        if digest in by_hash and (old is None or by_hash[digest] != old["display"]):
            result.status, result.detail = "skipped", f"same content as {by_hash[digest]}"
            continue
        by_hash[digest] = shown
        result.status = "replaced" if old is not None else "ingested"
        documents.append((document, digest, result, named))

    replaced = {str(d.path.resolve()) for d, _, r, _ in documents if r.status == "replaced"}
    stats = [people.SpeakerStats(**entry) for row in known.values() if row["path"] not in replaced
             for entry in _stored_stats(row)]
    for document, *_ in documents:
        if document.kind == "interview":
            stats += people.speaker_stats(str(document.path.resolve()), document.path.stem,
                                          document.turns)
    roles = people.assign_roles(stats, interviewers)
    documents = [entry for entry in documents if _has_participants(entry, roles, options)]

    split = splitter
    for done, (document, digest, result, _) in enumerate(documents):
        progress("segmenting", done, len(documents), result.path)
        split = split or spacy_splitter()
        _write(workspace, document, digest, result, roles, split)

    for row in known.values():
        if row["path"] in replaced or row["kind"] != "interview":
            continue
        if any(roles.get(entry["key"]) != entry["kind"] for entry in _stored_stats(row, True)):
            split = split or spacy_splitter()
            _rewrite_roles(workspace, row, roles, split)

    if options.interviewers:
        workspace.set_setting(INTERVIEWERS_SETTING, interviewers)
    _refresh_participants(workspace, roles)
    return report


def _has_participants(entry: tuple[Document, str, FileResult, bool], roles: dict[str, str],
                      options: IngestOptions) -> bool:
    """A conversation where only the research team speaks (a protocol, a script) is no data."""
    document, _, result, named = entry
    if document.kind != "interview":
        return True
    stem = document.path.stem
    if any(roles[people.speaker_key(s, stem)] != people.INTERVIEWER for s in document.speakers):
        return True
    error = NotResearch(document.path, "only the interviewer speaks "
                        f"({', '.join(document.speakers)}), so there is nothing to analyse",
                        "If a participant was taken for the interviewer, name the real one "
                        "with --interviewer NAME")
    if named:
        _fail(result, error, options)
    else:
        result.status, result.detail = "skipped", error.problem
    return False


def _fail(result: FileResult, error: InputError, options: IngestOptions) -> None:
    if options.strict:
        raise error
    result.status, result.detail = "failed", str(error)


def _read(path: Path, options: IngestOptions) -> tuple[Document, str]:
    if not path.exists():
        raise InputError(path, "no such file or folder", "Check the path")
    document = read_document(path, options.survey)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return document, digest


def _stored_stats(row: object, with_kind: bool = False) -> list[dict]:
    entries = json.loads(row["speakers"])  # type: ignore[index]
    if with_kind:
        return entries
    return [{k: v for k, v in entry.items() if k != "kind"} | {"source": row["path"]}
            for entry in entries]


def _participant_id(turn: Turn, document_stem: str, kind: str) -> str:
    if kind == "survey":
        return turn.speaker
    return people.speaker_key(turn.speaker, document_stem).replace(" ", "-")


def _units_for(turns: list[Turn], stem: str, kind: str, roles: dict[str, str],
               split: SentenceSplitter) -> tuple[list[Turn], list[Unit]]:
    if kind == "survey":
        return turns, segment(turns, range(len(turns)), split, whole_answers=True)
    turns = people.with_questions(turns, stem, roles)
    speaking = [i for i, turn in enumerate(turns)
                if roles.get(people.speaker_key(turn.speaker, stem)) != people.INTERVIEWER]
    return turns, segment(turns, speaking, split)


def _write(workspace: Workspace, document: Document, digest: str, result: FileResult,
           roles: dict[str, str], split: SentenceSplitter) -> None:
    path, stem = str(document.path.resolve()), document.path.stem
    turns, units = _units_for(document.turns, stem, document.kind, roles, split)
    speakers = []
    if document.kind == "interview":
        speakers = [{"key": s.key, "turns": s.turns, "questions": s.questions,
                     "words": s.words, "kind": roles[s.key]}
                    for s in people.speaker_stats(path, stem, document.turns)]
    with workspace.transaction() as db:
        db.execute("DELETE FROM sources WHERE path = ?", (path,))
        source_id = db.execute(
            "INSERT INTO sources (path, display, sha256, format, kind, ingested_at, columns,"
            " speakers) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (path, result.path, digest, document.format, document.kind, now(),
             json.dumps(document.columns), json.dumps(speakers)),
        ).lastrowid
        turn_ids = _insert_turns(db, source_id, turns, stem, document.kind)
        _insert_units(db, source_id, digest, units, turns, turn_ids, stem, document.kind)
        db.executemany(
            "INSERT INTO answers (source_id, participant_id, attributes) VALUES (?, ?, ?)",
            [(source_id, pid, json.dumps(attrs, sort_keys=True))
             for pid, attrs in document.attributes.items()])
    result.turns, result.units = len(turns), len(units)
    if document.kind == "survey":
        result.participants = len(document.attributes)
    else:
        result.participants = sum(entry["kind"] != people.INTERVIEWER for entry in speakers)


def _insert_turns(db, source_id, turns, stem, kind) -> list[int]:  # type: ignore[no-untyped-def]
    ids = []
    for seq, turn in enumerate(turns):
        ids.append(db.execute(
            "INSERT INTO turns (source_id, seq, speaker, participant_id, text, anchors,"
            " question) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (source_id, seq, turn.speaker, _participant_id(turn, stem, kind), turn.text,
             json.dumps(turn.anchors), turn.question)).lastrowid)
    return ids


def _insert_units(db, source_id, digest, units, turns, turn_ids, stem, kind) -> None:  # type: ignore[no-untyped-def]
    db.executemany(
        "INSERT INTO units (id, source_id, turn_id, seq, participant_id, text, location,"
        " question) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(hashlib.sha256(f"{digest}:{seq}".encode()).hexdigest()[:16], source_id,
          turn_ids[unit.turn_index], seq, _participant_id(turns[unit.turn_index], stem, kind),
          unit.text, unit.location, unit.question) for seq, unit in enumerate(units)])


def _rewrite_roles(workspace: Workspace, row: object, roles: dict[str, str],
                   split: SentenceSplitter) -> None:
    """Roles changed for an ingested conversation: redo its question context and units."""
    source_id, stem = row["id"], Path(row["path"]).stem  # type: ignore[index]
    stored = workspace.query("SELECT * FROM turns WHERE source_id = ? ORDER BY seq", (source_id,))
    turns = [Turn(t["speaker"], t["text"], tuple(map(tuple, json.loads(t["anchors"]))))
             for t in stored]
    turns, units = _units_for(turns, stem, "interview", roles, split)
    speakers = [entry | {"kind": roles[entry["key"]]} for entry in _stored_stats(row, True)]
    with workspace.transaction() as db:
        db.execute("DELETE FROM units WHERE source_id = ?", (source_id,))
        db.executemany("UPDATE turns SET question = ? WHERE id = ?",
                       [(turn.question, t["id"]) for turn, t in zip(turns, stored)])
        _insert_units(db, source_id, row["sha256"], units, turns,  # type: ignore[index]
                      [t["id"] for t in stored], stem, "interview")
        db.execute("UPDATE sources SET speakers = ? WHERE id = ?",
                   (json.dumps(speakers), source_id))


def _refresh_participants(workspace: Workspace, roles: dict[str, str]) -> None:
    """Rebuild the participants table from the turns the workspace holds."""
    speakers = workspace.query(
        "SELECT t.participant_id AS id, MIN(t.speaker) AS label, MIN(s.path) AS path"
        " FROM turns t JOIN sources s ON s.id = t.source_id WHERE s.kind = 'interview'"
        " GROUP BY t.participant_id")
    answers: dict[str, dict[str, str]] = {}
    for row in workspace.query("SELECT participant_id, attributes FROM answers"
                               " ORDER BY source_id"):
        answers.setdefault(row["participant_id"], {}).update(json.loads(row["attributes"]))
    with workspace.transaction() as db:
        db.execute("DELETE FROM participants")
        for row in speakers:
            key = people.speaker_key(row["label"], Path(row["path"]).stem)
            db.execute("INSERT INTO participants (id, name, kind) VALUES (?, ?, ?)",
                       (row["id"], people.display_name(row["label"]),
                        roles.get(key, people.PARTICIPANT)))
        db.executemany(
            "INSERT INTO participants (id, name, kind, attributes) VALUES (?, ?, ?, ?)",
            [(pid, pid.split(":", 1)[1], people.RESPONDENT, json.dumps(attrs, sort_keys=True))
             for pid, attrs in answers.items()])


__all__ = ["FileResult", "IngestOptions", "IngestReport", "SynthError", "ingest"]
