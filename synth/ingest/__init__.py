"""Ingest: research files in, statements (units) attributed to participants out.

`ingest(workspace, paths, options)` reads every file first (so `--strict` can stop before
anything is written), settles who is who across the whole workspace, then writes each new
or changed file in its own transaction. Unchanged files are skipped.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from synth.attributes import (
    PeopleRow,
    given_attributes,
    is_people_file,
    read_people_file,
    store_people_file,
)
from synth.documents import Document
from synth.errors import InputError, NotResearch
from synth.ingest import people, store
from synth.ingest.forget import gone_from, withdrawn, withdrawn_key
from synth.ingest.mentions import PeopleFinder, no_people, spacy_people_finder
from synth.ingest.paths import ROOTS_SETTING, absolute, distinct, study_path
from synth.ingest.readers import read_document
from synth.ingest.survey import SurveyOptions
from synth.ingest.units import SentenceSplitter, spacy_splitter
from synth.progress import Progress, silent
from synth.words import count
from synth.workspace import Workspace

INTERVIEWERS_SETTING = "interviewers"
T = TypeVar("T")



@dataclass
class IngestOptions:
    survey: SurveyOptions = field(default_factory=SurveyOptions)
    interviewers: list[str] = field(default_factory=list)
    strict: bool = False


@dataclass
class FileResult:
    """What happened to one input: `ingested`, `replaced`, `unchanged`, `moved` (the same
    content as a source whose file is gone: its path is updated), `skipped`, `failed`."""

    path: str
    status: str = "failed"
    detail: str = ""
    format: str = ""
    participants: int = 0
    turns: int = 0
    units: int = 0
    notes: list[str] = field(default_factory=list)   # decisions worth telling
    columns: dict[str, str] = field(default_factory=dict)   # a survey's header -> its use


@dataclass
class IngestReport:
    files: list[FileResult] = field(default_factory=list)
    gone: list[str] = field(default_factory=list)   # sources whose files left the folders

    @property
    def failed(self) -> list[FileResult]:
        return [f for f in self.files if f.status == "failed"]

    @property
    def usable(self) -> list[FileResult]:
        return [f for f in self.files
                if f.status in {"ingested", "replaced", "unchanged", "moved"}]


@dataclass
class _Pending:
    document: Document
    source: str
    digest: str
    result: FileResult
    named: bool


def collect(paths: list[Path],
            workspace: Path | None = None) -> list[tuple[Path, bool, str, Path | None]]:
    """Files to read, with whether the user named each one (folders are walked, sorted),
    for a folder that could not be listed, why, and the folder given that holds the file
    (None for a file named on its own).

    Hidden files and folders (like the `.synth` workspace itself) are left out of walks, and
    so is the `workspace` folder wherever it is (`--workspace research/ws`).
    """
    found: list[tuple[Path, bool, str, Path | None]] = []
    skip = workspace.resolve() if workspace is not None else None
    for path in paths:
        if path.is_dir():
            def unlisted(error: OSError, folder: Path = path) -> None:
                found.append((Path(error.filename), False, error.strerror or str(error),
                              folder))

            for root, dirs, files in os.walk(path, onerror=unlisted):
                if skip is not None and Path(root).resolve() == skip:
                    dirs[:] = []
                    continue
                dirs[:] = sorted(d for d in dirs if not d.startswith(".")
                                 and (skip is None or (Path(root) / d).resolve() != skip))
                found.extend((Path(root) / name, False, "", path)
                             for name in sorted(files) if not name.startswith("."))
        else:
            found.append((path, True, "", None))
    return found


def local_path(path: Path) -> str:
    """How the terminal names a file (in errors): relative to the current folder."""
    return Path(os.path.relpath(path.resolve())).as_posix()


def ingest(workspace: Workspace, paths: list[Path], options: IngestOptions | None = None,
           progress: Progress | None = None,
           splitter: SentenceSplitter | None = None,
           finder: PeopleFinder | None = None) -> IngestReport:
    """Ingest `paths`. `splitter` and `finder` default to the spaCy pipeline; a caller that
    brings its own splitter and no finder gets `no_people` (no NER model is loaded)."""
    options = options or IngestOptions()
    progress = progress or silent
    interviewers = sorted(set(workspace.setting(INTERVIEWERS_SETTING, []))
                          | set(options.interviewers))
    known = {row["path"]: row for row in workspace.query("SELECT * FROM sources")}
    report = IngestReport()
    moves: list[tuple[str, str, str]] = []
    people_files: list[tuple[FileResult, list[PeopleRow]]] = []
    roots = workspace.setting(ROOTS_SETTING, [])
    pending = _read_all(paths, known, options, report, progress, moves, roots,
                        withdrawn(workspace), workspace.directory, people_files)
    if moves:
        with workspace.transaction() as db:
            db.executemany("UPDATE sources SET path = ?, display = ? WHERE path = ?", moves)
        known = {row["path"]: row for row in workspace.query("SELECT * FROM sources")}

    replaced = {p.source for p in pending}
    stats = [people.SpeakerStats(row["path"], e["key"], e["turns"], e["questions"], e["words"])
             for row in known.values() if row["path"] not in replaced
             for e in json.loads(row["speakers"])]
    for p in pending:
        if p.document.kind == "interview":
            stats += people.speaker_stats(p.source, p.document.path.stem, p.document.turns)
    cast = people.cast(stats, interviewers)
    pending = [p for p in pending if _has_participants(p, cast, options)]

    split = splitter
    if finder is None and splitter is not None:
        finder = no_people
    counter = _Counter(progress, "segmenting", 2 * sum(len(p.document.turns) for p in pending))
    for p in pending:
        split = split or spacy_splitter()
        finder = finder or spacy_people_finder()
        p.result.turns, p.result.units = store.write_document(
            workspace, p.document, p.source, p.result.path, p.digest, cast,
            counter.counted(split, p.result.path), counter.counted(finder, p.result.path))
        p.result.participants = _participants(p.document, cast)
        counter.report(p.result.path)
    counter.finish()
    for row in known.values():
        if row["path"] not in replaced and row["kind"] == "interview" \
                and store.needs_recast(row, cast):
            split = split or spacy_splitter()
            store.recast(workspace, row, cast, split)

    if options.interviewers:
        workspace.set_setting(INTERVIEWERS_SETTING, interviewers)
    roots = sorted(set(workspace.setting(ROOTS_SETTING, []))
                   | {str(absolute(path)) for path in paths if path.is_dir()})
    if report.usable and roots != workspace.setting(ROOTS_SETTING, []):
        workspace.set_setting(ROOTS_SETTING, roots)
    store.refresh_participants(workspace, cast)
    _store_people_files(workspace, people_files)
    report.gone = gone_from(workspace, paths)
    return report


def _store_people_files(workspace: Workspace,
                        people_files: list[tuple[FileResult, list[PeopleRow]]]) -> None:
    """Store each people file's attributes, and say whom each row matched."""
    for result, rows in people_files:
        changed = store_people_file(workspace, result.path, rows)
        result.status = "ingested" if changed else "unchanged"
        _given, unmatched = given_attributes(workspace)
        named = {row.person.casefold() for row in rows}
        missing = [row for row in rows if row.person.casefold() in unmatched]
        result.participants = len(named) - len(missing)
        columns = sorted({a for row in rows for a in row.attributes})
        result.notes.append(f"people file: attributes {', '.join(columns)} for "
                            f"{result.participants} of {count(len(rows), 'participant')}")
        for row in missing:
            result.notes.append(f"row {row.row}: '{row.person}' matches no participant yet "
                                "(kept: it applies once they are ingested; check the "
                                "spelling against `synth participants`)")


class _Counter:
    """Progress through every turn of every file, once split into sentences and once
    searched for names (the two slow steps of writing a file)."""

    EVERY = 256

    def __init__(self, progress: Progress, stage: str, total: int) -> None:
        self.progress, self.stage, self.total, self.done = progress, stage, total, 0
        progress(stage, 0, total, "")

    def counted(self, function: Callable[[list[str]], Iterator[T]],
                detail: str) -> Callable[[list[str]], Iterator[T]]:
        def run(texts: list[str]) -> Iterator[T]:
            for item in function(texts):
                self.done += 1
                if self.done % self.EVERY == 0:
                    self.report(detail)
                yield item
        return run

    def report(self, detail: str) -> None:
        self.progress(self.stage, min(self.done, self.total - 1), self.total, detail)

    def finish(self) -> None:
        self.progress(self.stage, self.total, self.total, "")


def _read_all(paths: list[Path], known: dict, options: IngestOptions, report: IngestReport,
              progress: Progress, moves: list[tuple[str, str, str]],
              roots: list[str], gone: set[str] = frozenset(),  # type: ignore[assignment]
              workspace_dir: Path | None = None,
              people_files: list[tuple[FileResult, list[PeopleRow]]] | None = None,
              ) -> list[_Pending]:
    """Read every input; `moves` gets (new path, new display, old path) for moved files and
    for files now cited by another path. `gone`: what `synth forget` withdrew (a file of it
    is skipped). `people_files` gets the people files (participant attributes) met, with
    their rows."""
    pending: list[_Pending] = []
    by_hash = {row["sha256"]: row["display"] for row in known.values()}
    missing = {row["sha256"]: row for row in known.values() if not Path(row["path"]).exists()}
    cited = {row["display"]: row["path"] for row in known.values()}
    inputs = collect(paths, workspace_dir)
    for done, (path, named, unlisted, root) in enumerate(inputs):
        shown = str(path)
        if path.exists():
            source = str(path.resolve())
            shown = distinct(study_path(path, root, roots), path,
                             {d for d, p in cited.items() if p != source})
            cited[shown] = source
        progress("reading", done, len(inputs), shown)
        result = FileResult(shown)
        report.files.append(result)
        try:
            if unlisted:
                raise InputError(path, f"cannot read the folder ({unlisted})",
                                 "Check its permissions; the files in it were not ingested")
            _check_readable(path)
            if is_people_file(path):
                result.format = "people"
                if people_files is not None:
                    people_files.append((result, read_people_file(Path(local_path(path)))))
                continue
            document = read_document(Path(local_path(path)), options.survey)
        except NotResearch as error:
            _fail(result, error, options, skip=not named)
            continue
        except InputError as error:
            _fail(result, error, options)
            continue
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if document.kind == "survey":
            result.columns = dict(document.columns)
        old = known.get(source)
        result.format = document.format
        if withdrawn_key("file", digest) in gone:
            result.status, result.detail = "skipped", "withdrawn with `synth forget`"
        elif old is not None and old["sha256"] == digest:
            result.status, result.detail = "unchanged", "already ingested"
            if old["display"] != shown:   # cited by its path in the study from now on
                moves.append((source, shown, source))
                by_hash[digest] = shown
        elif old is None and digest in missing:
            moved = missing.pop(digest)
            moves.append((source, shown, moved["path"]))
            by_hash[digest] = shown
            result.status, result.detail = "moved", f"moved from {moved['display']}"
        elif digest in by_hash and by_hash[digest] != shown:
            result.status, result.detail = "skipped", f"same content as {by_hash[digest]}"
        else:
            by_hash[digest] = shown
            result.status = "replaced" if old is not None else "ingested"
            pending.append(_Pending(document, source, digest, result, named))
    progress("reading", len(inputs), len(inputs), "")
    return pending


def _check_readable(path: Path) -> None:
    """A path that can be read as a file: not missing, not a link loop, not a pipe."""
    try:
        found = path.stat()
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise InputError(path, "it is a symbolic link that loops back on itself",
                             "Point the link at a real file, or leave it out") from None
        if path.is_symlink():
            raise InputError(path, "it is a symbolic link to a file that does not exist",
                             "Point the link at a real file, or leave it out") from None
        raise InputError(path, "no such file or folder", "Check the path") from None
    if not stat.S_ISREG(found.st_mode):
        raise NotResearch(path, "it is not a regular file (a pipe, socket or device), which "
                          "synth does not read", "Leave it out of the research folder")


def _has_participants(p: _Pending, cast: people.Cast, options: IngestOptions) -> bool:
    """A conversation where only the research team speaks (a protocol, a script) is no data."""
    stem = p.document.path.stem
    if p.document.kind != "interview" or any(
            cast.kind(s, stem) != people.INTERVIEWER for s in p.document.speakers):
        return True
    error = NotResearch(p.document.path, "only the interviewer speaks "
                        f"({', '.join(p.document.speakers)}), so there is nothing to analyse",
                        "If a participant was taken for the interviewer, name the real one "
                        "with --interviewer NAME")
    _fail(p.result, error, options, skip=not p.named)
    return False


def _fail(result: FileResult, error: InputError, options: IngestOptions,
          skip: bool = False) -> None:
    """Skip what a folder walk met that is not research; fail (or stop) on the rest."""
    if skip:
        result.status, result.detail = "skipped", error.problem
        return
    if options.strict:
        raise error
    result.status, result.detail = "failed", str(error)


def _participants(document: Document, cast: people.Cast) -> int:
    if document.kind == "survey":
        return len(document.attributes)
    stem = document.path.stem
    return len({cast.participant_id(s, stem) for s in document.speakers
                if cast.kind(s, stem) != people.INTERVIEWER})


__all__ = ["FileResult", "IngestOptions", "IngestReport", "collect", "ingest"]
