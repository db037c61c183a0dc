"""The researcher's edits to the codebook: read, checked against the stored codebook, applied.

An edit is one entry of the codebook file (see `synth.codebook.files`) that differs from the
stored theme: a new label (rename), `pinned`, a new `question` (move), `delete: true`,
`merge_into: ID`, `split:` (parts, each with example statements), or an entry without an id
(add a theme from example statements). Every problem is found before anything changes, and
named with the file's line and what to do. Themes the researcher shapes (merge targets,
split parts, added themes) are pinned, so a later `--recluster` keeps them whole.

Applying a file is idempotent (`synth themes --codebook FILE` on every run): an edit the
codebook already holds (a theme added with the same label in the same question, a theme
already deleted, merged into the same target or split) changes nothing the second time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from synth.analyse import Analysis
from synth.analyse.framework import OTHER, Framework
from synth.errors import InputError
from synth.themes.codebook import ACTIVE, DELETED, MERGED, RELEASED, Codebook, Entry
from synth.themes.match import centre
from synth.themes.plan import MIN_JOIN, Planner
from synth.workspace import Workspace

SPLIT = "split"


@dataclass
class Edit:
    """One entry of the codebook file, as the researcher left it."""

    line: int
    id: str | None
    question: str | None = None
    label: str | None = None
    description: str | None = None
    pinned: bool | None = None
    delete: bool = False
    merge_into: str | None = None
    split: list[tuple[str | None, list[str]]] | None = None
    examples: list[str] = field(default_factory=list)
    guid: str = ""                       # a REFI-QDA code's GUID (synth.codebook.refi)
    done: bool = False                   # the codebook already holds this edit: skipped


@dataclass
class Edits:
    path: Path
    entries: list[Edit]
    notes: list[str] = field(default_factory=list)   # what a REFI-QDA file's import found


def read_edits(path: Path, codebook: Codebook, framework: Framework,
               workspace: Workspace | None = None, strict: bool = False) -> Edits:
    """Read and check a codebook file against the stored codebook; raise an InputError naming
    the line for the first problem. A REFI-QDA file's codes are matched to the themes as
    `synth.codebook.imports` says (with `workspace`, also by the names and statements synth
    exports; `strict`: refuse a file in which nothing matches)."""
    from synth.codebook.files import read_entries

    path = Path(path)
    if path.suffix.lower() in (".qdc", ".qdpx"):
        from synth.codebook.imports import exported_study, refi_edits

        exported = (exported_study(workspace, codebook, path.suffix.lower() == ".qdpx")
                    if workspace is not None else None)
        entries, notes = refi_edits(path, codebook, framework, exported, strict)
        edits = Edits(path, entries, notes)
    else:
        edits = Edits(path, read_entries(path))
    check(edits, codebook, framework)
    return edits


def check(edits: Edits, codebook: Codebook, framework: Framework) -> None:
    def fail(edit: Edit, problem: str, fix: str) -> None:
        raise InputError(edits.path, problem, fix, f"line {edit.line}")

    questions = set(framework.ids)
    listed = ", ".join(framework.ids)
    seen: dict[str, int] = {}
    moved_to = {e.id: e.question for e in edits.entries if e.id and e.question}
    for edit in edits.entries:
        if edit.question is not None and edit.question not in questions:
            fail(edit, f"unknown question '{edit.question}'", f"Use one of: {listed}")
        if edit.label is not None and not edit.label.strip():
            fail(edit, "the label is empty", "Give the theme a label, or delete: true")
        if edit.id is None:
            if not (edit.question or edit.guid) or not edit.label or not edit.examples:
                fail(edit, "a new theme (an entry without id) needs a question, a label and "
                     "example statements", "Add question:, label: and examples: (a few "
                     "statements in the participants' words), or give the id of a theme")
            continue
        if edit.id in seen:
            fail(edit, f"theme {edit.id} is listed twice (also on line {seen[edit.id]})",
                 "Keep one entry per theme")
        seen[edit.id] = edit.line
        entry = codebook.entries.get(edit.id)
        if entry is None:
            fail(edit, f"unknown theme id '{edit.id}'", "Use an id from `synth codebook "
                 "export`, or leave the id out (with question, label and examples) to add a "
                 "new theme")
        assert entry is not None
        if _already(edit, entry):
            edit.done = True
            continue
        if entry.status != ACTIVE:
            fail(edit, f"theme {edit.id} is {entry.status}, not in the codebook any more",
                 "Remove this entry (export the codebook again to see the current themes)")
        actions = [name for name, on in (("delete", edit.delete),
                                          ("merge_into", edit.merge_into is not None),
                                          ("split", edit.split is not None)) if on]
        if len(actions) > 1:
            fail(edit, f"{' and '.join(actions)} on one theme", "Choose one of them")
        if edit.split is not None:
            _check_split(edit, edit.split, fail)
        if edit.merge_into is not None:
            target = codebook.entries.get(edit.merge_into)
            if edit.merge_into == edit.id:
                fail(edit, f"{edit.id} is merged into itself", "Name another theme in "
                     "merge_into:")
            if target is None or target.status != ACTIVE:
                fail(edit, f"merge_into names '{edit.merge_into}', which is not a theme of "
                     "the codebook", "Use an id from `synth codebook export`")
            assert target is not None
            mine = edit.question or entry.dimension
            theirs = moved_to.get(target.id) or target.dimension
            if mine != theirs:
                fail(edit, f"{edit.id} (question {mine}) and {target.id} (question {theirs}) "
                     "are in two questions", f"Move it first with `question: {theirs}` on "
                     f"this entry, or merge into a theme of {mine}")
            for other in (e for e in edits.entries if e.id == edit.merge_into):
                if other.merge_into or other.delete or other.split is not None:
                    fail(edit, f"{edit.merge_into} is itself merged, deleted or split in this "
                         "file", "Merge into a theme that stays")


def _already(edit: Edit, entry: Entry) -> bool:
    """A delete, merge or split this theme has had already (the same file applied again)."""
    return ((edit.delete and entry.status == DELETED)
            or (edit.merge_into is not None and entry.status == MERGED
                and entry.merged_into == edit.merge_into)
            or (edit.split is not None and entry.status == SPLIT))


def _same_label(label: str) -> str:
    return " ".join(label.split()).casefold()


def _added_before(edit: Edit, codebook: Codebook) -> bool:
    """A theme with this label that the researcher named is in the question already."""
    assert edit.label is not None
    return any(e.named and _same_label(e.label) == _same_label(edit.label)
               and (edit.question is None or e.dimension == edit.question)
               for e in codebook.active())


def _check_split(edit: Edit, split: list, fail: Callable[[Edit, str, str], None]) -> None:
    if len(split) < 2 or any(not examples for _, examples in split):
        fail(edit, f"the split of {edit.id} is empty or has a part without examples",
             "Give split: two or more parts, each with examples: (statements that belong "
             "in that part)")


def apply_edits(edits: Edits, planner: Planner, analysis: Analysis,
                embed: Callable[[list[str]], np.ndarray]) -> None:
    """Apply checked edits to the planner's codebook, using this run's statements."""
    codebook = planner.codebook
    index = {uid: i for i, uid in enumerate(analysis.ids)}
    applied = planner.applied

    def members(tid: str) -> list[str]:
        return [uid for uid in codebook.members(tid) if uid in index]

    for edit in edits.entries:
        if edit.done:
            continue
        if edit.id is None:
            if _added_before(edit, codebook):
                continue
            _add(edit, planner, analysis, index, embed(edit.examples))
            planner.first = False
            continue
        entry = codebook.entries[edit.id]
        if edit.label is not None and edit.label != entry.label:
            applied.append(f"renamed {entry.id} from '{entry.label}' to '{edit.label}'")
            entry.label, entry.named = edit.label, True
        if edit.description is not None and edit.description != entry.description:
            entry.description = edit.description
            applied.append(f"described {entry.id}")
        if edit.pinned is not None and edit.pinned != entry.pinned:
            entry.pinned = edit.pinned
            applied.append(f"{'pinned' if edit.pinned else 'unpinned'} {entry.id}")
        if edit.question is not None and edit.question != entry.dimension:
            applied.append(f"moved {entry.id} from {entry.dimension} to {edit.question}")
            entry.dimension = edit.question
            for uid in codebook.members(entry.id):
                codebook.units[uid] = (edit.question, entry.id)
                codebook.moved.add(uid)
        if edit.delete:
            entry.status = DELETED
            for uid in codebook.members(entry.id):
                codebook.units[uid] = (codebook.units[uid][0], RELEASED)
            applied.append(f"deleted {entry.id} '{entry.label}'")
    for edit in edits.entries:
        if edit.done:
            continue
        if edit.merge_into is not None:
            entry, target = codebook.entries[edit.id], codebook.entries[edit.merge_into]
            for uid in codebook.members(entry.id):
                codebook.units[uid] = (codebook.units[uid][0], target.id)
            entry.status, entry.merged_into, target.pinned = MERGED, target.id, True
            applied.append(f"merged {entry.id} '{entry.label}' into {target.id}")
        if edit.split:
            _split(edit, codebook, members(edit.id), analysis, index, embed)
            applied.append(f"split {edit.id} into {len(edit.split)} themes")


def _split(edit: Edit, codebook: Codebook, inside: list[str], analysis: Analysis,
           index: dict[str, int], embed: Callable[[list[str]], np.ndarray]) -> None:
    entry = codebook.entries[edit.id]
    parts = []
    for label, examples in edit.split:
        tid = codebook.new_id(entry.dimension)
        codebook.entries[tid] = Entry(tid, entry.dimension, label or "", pinned=True,
                                      named=bool(label), centroid=centre(embed(examples)),
                                      first_run=codebook.run + 1)
        parts.append(tid)
    centres = np.stack([codebook.entries[tid].centroid for tid in parts])
    for uid in inside:
        nearest = int(np.argmax(centres @ analysis.vectors[index[uid]]))
        codebook.units[uid] = (codebook.units[uid][0], parts[nearest])
    entry.status, entry.merged_into = SPLIT, ",".join(parts)


def _add(edit: Edit, planner: Planner, analysis: Analysis, index: dict[str, int],
         vectors: np.ndarray) -> None:
    """A theme from example statements: statements of its question nearer to it than to their
    own theme's centre (and at least `MIN_JOIN` close) join it."""
    codebook = planner.codebook
    assert edit.label is not None
    if edit.question is None:
        edit.question = _nearest_question(vectors, planner, analysis)
    tid = codebook.new_id(edit.question)
    added = Entry(tid, edit.question, edit.label, edit.description or "", pinned=True,
                  named=True, centroid=centre(vectors), first_run=codebook.run + 1)
    codebook.entries[tid] = added
    centres = {e.id: _centre_now(e.id, codebook, analysis, index) for e in
               codebook.active(edit.question) if e.id != tid}
    for uid, (dimension, theme) in sorted(codebook.units.items()):
        if dimension != edit.question or theme == RELEASED or uid not in index \
                or (theme in codebook.entries and codebook.entries[theme].pinned):
            continue
        vector = analysis.vectors[index[uid]]
        closeness = float(vector @ added.centroid)
        own = centres.get(theme)
        if closeness >= MIN_JOIN and (own is None or closeness > float(vector @ own)):
            codebook.units[uid] = (dimension, tid)
    planner.applied.append(f"added {tid} '{edit.label}'")


def _nearest_question(vectors: np.ndarray, planner: Planner, analysis: Analysis) -> str:
    """The question whose statements are, on average, closest to these examples."""
    where = planner.dimensions(analysis.ids, analysis.dimensions)
    mine = centre(vectors)
    scores = {d: float(centre(analysis.vectors[[i for i, x in enumerate(where) if x == d]])
                       @ mine) for d in sorted(set(where) - {OTHER})}
    return max(sorted(scores), key=lambda d: scores[d])


def _centre_now(tid: str, codebook: Codebook, analysis: Analysis,
                index: dict[str, int]) -> np.ndarray | None:
    inside = [index[uid] for uid in codebook.members(tid) if uid in index]
    return centre(analysis.vectors[inside]) if inside else codebook.entries[tid].centroid
