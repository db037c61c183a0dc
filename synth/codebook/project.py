"""`synth export FILE.qdpx`: the stored study as a REFI-QDA project, read from the workspace
(nothing recomputed) and shown through the study's privacy (pseudonyms, redaction):
sources, codes, codings, and participants as cases with their attributes."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from synth.codebook.files import codebook_records
from synth.codebook.refi import project_files, qdpx_bytes
from synth.errors import SynthError
from synth.privacy import Privacy
from synth.themes.codebook import load
from synth.workspace import Workspace

UNITS_SQL = ("SELECT u.id, u.participant_id, u.text, u.question, s.display AS source,"
             " s.id AS source_id,"
             " COALESCE(ut.theme_id, '') AS theme_id, COALESCE(ut.subtheme_id, '') AS sub"
             " FROM units u JOIN sources s ON s.id = u.source_id"
             " LEFT JOIN unit_themes ut ON ut.unit_id = u.id ORDER BY s.display, u.seq")


def export_project(workspace: Workspace, path: Path, privacy: Privacy) -> dict:
    records = codebook_records(workspace, load(workspace), privacy)
    sources: dict[str, dict] = {}
    for row in workspace.query(UNITS_SQL):
        source = sources.setdefault(row["source"], {
            "key": row["source"], "name": privacy.source(row["source"]), "units": []})
        source["units"].append({"id": row["id"], "who_id": row["participant_id"],
                                "who": privacy.who(row["participant_id"]),
                                "text": privacy.text(row["text"]),
                                "question": privacy.text(row["question"]),
                                "code": row["sub"] or row["theme_id"]})
    attributes = participant_attributes(workspace)
    people = [{"id": r["id"], "name": privacy.who(r["id"]),
               "attributes": {privacy.text(column): privacy.text(value) for column, value
                              in attributes.get(r["id"], {}).items() if value.strip()}}
              for r in workspace.query("SELECT DISTINCT participant_id AS id FROM units"
                                       " ORDER BY participant_id")]
    files = project_files(records, list(sources.values()), people)
    write_bytes(path, qdpx_bytes(files))
    return {"sources": len(sources), "codes": len(records),
            "codings": sum(1 for s in sources.values() for u in s["units"] if u["code"])}


def participant_attributes(workspace: Workspace) -> dict[str, dict[str, str]]:
    """{participant id: {attribute: value}} as the workspace stores them, values as text:
    survey answers, and (where the workspace has them) people files and tags."""
    try:    # people files and tags (issue 19) merge over the survey answers
        from synth.attributes import attributes_by_participant  # type: ignore[import-not-found]
    except ImportError:
        attributes_by_participant = None
    if attributes_by_participant is not None:
        stored = attributes_by_participant(workspace)
    else:
        stored = {row["id"]: json.loads(row["attributes"] or "{}") for row in workspace.query(
            "SELECT id, attributes FROM participants ORDER BY id")}
    return {pid: {str(k): "" if v is None else str(v) for k, v in values.items()}
            for pid, values in sorted(stored.items()) if isinstance(values, dict)}


def write_bytes(path: Path, data: bytes) -> None:
    """All or nothing: a temporary file in the same folder, then an atomic rename."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.",
                                             suffix=".tmp")
    except OSError as error:
        raise SynthError(f"cannot write {path} ({error.strerror}). Choose a folder you can "
                         "write to") from None
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
