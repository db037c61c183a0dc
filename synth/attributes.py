"""Attributes the researcher gives participants: a people file, or tags.

NVivo and ATLAS.ti classify cases by attributes; synth does the same for interviewees (and
respondents). Two ways in, both stored in the workspace (`people_attributes`, migration
0009) and kept across runs and re-ingests:

- a **people file** (`synth ingest people.csv`): a CSV or TSV whose first column is
  `participant` (or `participant_id`, `speaker`, `person`, `name`) and whose other columns
  are attributes (`role,company_size,...`), one short answer per cell. Each row names a
  participant by id, name, first name or pseudonym (`P03`); rows are kept as written and
  matched when read, so a people file may come before the transcripts it describes.
- **tags** (`synth participants tag P01 P03 maintainer` sets `group = maintainer`;
  `role=maintainer` sets `role`), for participants already in the workspace.

`given_attributes` resolves them to participant ids; `load_study` merges them into each
person's attributes (marked as given, so data-driven segmentation never clusters on the
researcher's own labels), and from there they reach `synth personas --by`, the ICP, the
report's segment picker and participants.csv.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path

from synth.errors import InputError, SynthError
from synth.privacy import pseudonyms
from synth.workspace import Workspace

KEY_HEADERS = ("participant", "participant_id", "participant id", "speaker", "person", "name")
DEFAULT_ATTRIBUTE = "group"
MAX_CELL = 60             # mean characters: longer answers are free text, not attributes
RESEARCHED = ("participant", "respondent")


@dataclass(frozen=True)
class PeopleRow:
    person: str                 # as the file names them
    attributes: dict[str, str]
    row: int                    # as a spreadsheet numbers it (the header is row 1)


def _rows(text: str) -> list[list[str]]:
    dialect = "excel-tab" if text.split("\n", 1)[0].count("\t") > \
        text.split("\n", 1)[0].count(",") else "excel"
    return [row for row in csv.reader(io.StringIO(text), dialect) if any(c.strip() for c in row)]


def is_people_file(path: Path) -> bool:
    """A CSV/TSV whose first header is a participant key and whose cells are short."""
    if path.suffix.lower() not in {".csv", ".tsv", ".tab"} or not path.is_file():
        return False
    from synth.ingest.decode import decode, read_bytes

    try:
        rows = _rows(decode(read_bytes(path), path))
    except (InputError, csv.Error, OSError):
        return False
    if len(rows) < 2 or len(rows[0]) < 2:
        return False
    header = [cell.strip().casefold() for cell in rows[0]]
    if header[0].lstrip("\ufeff") not in KEY_HEADERS or not all(header[1:]):
        return False
    cells = [cell.strip() for row in rows[1:] for cell in row[1:] if cell.strip()]
    return not cells or sum(map(len, cells)) / len(cells) <= MAX_CELL


def read_people_file(path: Path) -> list[PeopleRow]:
    """The rows of a people file, or an InputError naming the row and the fix."""
    from synth.ingest.decode import decode, read_bytes

    rows = _rows(decode(read_bytes(path), path))
    header = [cell.strip().lstrip("\ufeff") for cell in rows[0]]
    found: list[PeopleRow] = []
    seen: dict[str, int] = {}
    for number, row in enumerate(rows[1:], start=2):
        if len(row) > len(header):
            raise InputError(path, f"row {number} has {len(row)} cells but the header has "
                             f"{len(header)}", "Quote cells that hold commas, or add the "
                             "missing header", f"row {number}")
        person = row[0].strip()
        if not person:
            raise InputError(path, f"row {number} names no participant",
                             f"Fill in its '{header[0]}' cell, or delete the row",
                             f"row {number}")
        key = person.casefold()
        if key in seen:
            raise InputError(path, f"{person} is listed twice (rows {seen[key]} and {number})",
                             "Keep one row per participant", f"row {number}")
        seen[key] = number
        found.append(PeopleRow(person, {h: c.strip() for h, c in zip(header[1:], row[1:])
                                        if c.strip()}, number))
    return found


def store_people_file(workspace: Workspace, display: str, rows: list[PeopleRow]) -> bool:
    """Replace what this file said before with its rows; -> whether anything changed."""
    origin = f"{display}, row "
    before = workspace.query("SELECT person, attribute, value, origin FROM people_attributes"
                             " WHERE origin LIKE ? ORDER BY person, attribute",
                             (origin.replace("%", "_") + "%",))
    after = sorted((row.person.casefold(), attribute, value, f"{origin}{row.row}")
                   for row in rows for attribute, value in row.attributes.items())
    if [tuple(r) for r in before] == after:
        return False
    with workspace.transaction() as db:
        db.execute("DELETE FROM people_attributes WHERE origin LIKE ?",
                   (origin.replace("%", "_") + "%",))
        db.executemany("INSERT OR REPLACE INTO people_attributes VALUES (?, ?, ?, ?)", after)
    return True


def researched(workspace: Workspace) -> list:
    return [row for row in workspace.query("SELECT id, name, kind FROM participants ORDER BY id")
            if row["kind"] in RESEARCHED]


def participant_index(people: list) -> dict[str, str]:
    """Every way a researcher may name a participant -> their id: the id, the name, a first
    name that only one participant has, and the pseudonym outputs show (P03)."""
    found: dict[str, str] = {}
    firsts: dict[str, set[str]] = {}
    for row in people:
        firsts.setdefault(row["name"].split()[0].casefold() if row["name"].split() else "",
                          set()).add(row["id"])
    for first, ids in firsts.items():
        if first and len(ids) == 1:
            found[first] = next(iter(ids))
    for pid, pseudonym in pseudonyms([row["id"] for row in people]).items():
        found[pseudonym.casefold()] = pid
    for row in people:
        found[" ".join(row["name"].split()).casefold()] = row["id"]
        found[row["id"].casefold()] = row["id"]
    return found


def given_attributes(workspace: Workspace) -> tuple[dict[str, dict[str, str]], list[str]]:
    """(participant id -> the attributes the researcher gave them, the people named in a
    people file or tag who match no participant)."""
    index = participant_index(researched(workspace))
    found: dict[str, dict[str, str]] = {}
    unmatched = []
    for row in workspace.query("SELECT person, attribute, value FROM people_attributes"
                               " ORDER BY person, attribute"):
        pid = index.get(row["person"])
        if pid is None:
            unmatched.append(row["person"])
            continue
        found.setdefault(pid, {})[row["attribute"]] = row["value"]
    return found, sorted(set(unmatched))


def attributes_by_participant(workspace: Workspace) -> dict[str, dict[str, str]]:
    """Every researched participant's attributes: survey answers, then what the researcher
    gave them (which wins on a clash)."""
    given, _ = given_attributes(workspace)
    return {row["id"]: {**json.loads(row["attributes"]), **given.get(row["id"], {})}
            for row in workspace.query("SELECT id, kind, attributes FROM participants")
            if row["kind"] in RESEARCHED}


def tag(workspace: Workspace, people: list[str], label: str) -> tuple[str, str, list[str]]:
    """Give `people` (ids, names or pseudonyms) an attribute: `label` is `attribute=value`,
    or a value of `group`. -> (attribute, value, participant ids). Unknown people are an
    error that lists who the workspace holds."""
    attribute, _, value = label.rpartition("=")
    attribute, value = attribute.strip() or DEFAULT_ATTRIBUTE, value.strip()
    if not value:
        raise SynthError(f"'{label}' gives no value. Write a tag (maintainer) or "
                         "attribute=value (role=maintainer)")
    everyone = researched(workspace)
    index = participant_index(everyone)
    ids = []
    for person in people:
        pid = index.get(" ".join(person.split()).casefold())
        if pid is None:
            known = ", ".join(row["name"] for row in everyone[:12])
            raise SynthError(f"no participant is called '{person}'. Name them by id, name or "
                             f"pseudonym as `synth participants` lists them ({known}"
                             f"{', ...' if len(everyone) > 12 else ''})")
        ids.append(pid)
    with workspace.transaction() as db:
        db.executemany("INSERT OR REPLACE INTO people_attributes VALUES (?, ?, ?, 'tag')",
                       [(pid.casefold(), attribute, value) for pid in ids])
    return attribute, value, ids


def untag(workspace: Workspace, people: list[str], attribute: str | None) -> int:
    """Remove what the researcher gave `people` (one attribute, or all); -> rows removed."""
    index = participant_index(researched(workspace))
    keys = set()
    for person in people:
        pid = index.get(" ".join(person.split()).casefold())
        if pid is None:
            raise SynthError(f"no participant is called '{person}'. Name them as "
                             "`synth participants` lists them")
        keys |= {key for key, target in index.items() if target == pid}
    removed = 0
    with workspace.transaction() as db:
        for key in sorted(keys):
            removed += db.execute(
                "DELETE FROM people_attributes WHERE person = ?"
                + (" AND attribute = ?" if attribute else ""),
                (key, attribute) if attribute else (key,)).rowcount
    return removed
