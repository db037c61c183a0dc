"""A REFI-QDA file from another tool, matched to the codebook: which code is which theme.

Other tools write their own GUIDs on every export, so a GUID is only the first clue:

- a top-level code whose GUID is a question's, or whose name is a question of the framework
  (its id or title), is that question; its child codes are themes;
- a theme code is matched to a theme by its GUID, then by its name within its question (the
  name synth exported, or the theme's label), then by its sub-codes' names (most of them are
  the theme's sub-themes), then, in a `.qdpx`, by the statements it codes (most of them are
  the theme's), then by its place among the matched codes of its question (see
  `_Matcher.match_positions`);
- a code under a known question that matches nothing is a new theme (its name, description
  and coded statements are its examples); a top-level leaf code that matches nothing is a
  new theme in the question whose statements are closest; a top-level code with child codes
  that is neither a question nor a theme is never made one theme: its children are matched
  as themes, and it is ignored;
- sub-codes are sub-themes, found again every run: ones that are not synth's are ignored.

What was matched, renamed, added and ignored is reported; a file in which nothing matches
gets a warning, or is refused with `strict`. Cases are read back and compared with the
participants' attributes; the workspace keeps its own (the survey or people file is their
source).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

from synth.analyse.framework import Framework
from synth.codebook.edits import Edit
from synth.codebook.refi import RefiCode, RefiFile, code_names, guid, read_refi
from synth.errors import InputError
from synth.themes.codebook import ACTIVE, Codebook
from synth.workspace import Workspace

STRATEGIES = ("id", "name", "sub-codes", "statements", "position")


@dataclass
class Exported:
    """What synth exports of the study now: the codebook records with their code names,
    each statement's shown text, and each participant's case name and attributes."""

    records: list[dict] = field(default_factory=list)
    statements: dict[str, str] = field(default_factory=dict)     # shown text -> unit id
    cases: dict[str, dict[str, str]] = field(default_factory=dict)   # case name -> attrs


def exported_study(workspace: Workspace, codebook: Codebook,
                   statements: bool = True) -> Exported:
    """`statements`: also each statement's shown text (for a `.qdpx`; redacting every
    statement takes a while on a large study)."""
    from synth.codebook.files import codebook_records
    from synth.codebook.project import participant_attributes
    from synth.study import study_privacy

    privacy = study_privacy(workspace)
    texts: dict[str, list[str]] = {}
    for row in workspace.query("SELECT id, text FROM units ORDER BY id") if statements else []:
        for shown in {_plain(privacy.text(row["text"])), _plain(row["text"])}:
            texts.setdefault(shown, []).append(row["id"])
    attributes = participant_attributes(workspace)
    cases = {}
    for pid in sorted(attributes):
        for name in (privacy.who(pid), pid):
            cases[name] = {privacy.text(k): privacy.text(v)     # as the export shows them
                           for k, v in attributes[pid].items()}
    return Exported(codebook_records(workspace, codebook, privacy),
                    {text: ids[0] for text, ids in texts.items() if len(set(ids)) == 1},
                    cases)


def _plain(text: str) -> str:
    return " ".join(text.split())


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


@dataclass
class Candidate:
    code: RefiCode
    question: str | None            # the question code it sits under (None: top level)
    theme: str | None = None        # the matched theme id
    how: str = ""


def refi_edits(path: Path, codebook: Codebook, framework: Framework,
               exported: Exported | None = None, strict: bool = False,
               ) -> tuple[list[Edit], list[str]]:
    """The edits a REFI-QDA file makes to the codebook, and what was read (report lines)."""
    refi = read_refi(path)
    exported = exported or Exported()
    names = code_names(exported.records)
    active = {tid: e for tid, e in codebook.entries.items() if e.status == ACTIVE}
    question_of = _question_names(framework)
    candidates: list[Candidate] = []
    ignored: list[str] = []
    questions = 0
    for top in refi.codes:
        question = _question(top, question_of)
        if question is not None:
            questions += 1
            candidates += [Candidate(c, question) for c in top.children]
        else:   # a new code, a theme moved to the top level, or a group of the tool's
            candidates.append(Candidate(top, None))
    matcher = _Matcher(active, names, exported, codebook)
    matcher.match_all(candidates)
    matcher.match_positions(candidates, exported.records)
    extra: list[Candidate] = []
    for candidate in candidates:       # an unmatched category: its children are candidates
        if candidate.theme is None and candidate.question is None and candidate.code.children:
            ignored.append(f"'{candidate.code.name}' (a group of codes under no question)")
            extra += [Candidate(c, None) for c in candidate.code.children]
    matcher.match_all(extra)
    candidates = [c for c in candidates if c.theme or not (c.question is None
                                                           and c.code.children)] + extra
    edits: list[Edit] = []
    renamed = added = 0
    for candidate in candidates:
        code = candidate.code
        if candidate.theme is not None:
            edit = _matched(candidate, active[candidate.theme], names)
            renamed += edit.label is not None
            ignored += _unknown_subcodes(code, candidate.theme, exported.records, names)
            edits.append(edit)
        elif not code.name:
            ignored.append(f"a code without a name (line {code.line})")
        elif candidate.question is None and code.children:
            ignored.append(f"'{code.name}' (a group of codes under no question)")
        else:
            added += 1
            examples = list(dict.fromkeys(t for t in (code.name, code.description,
                                                      *code.all_texts()[:50]) if t))
            edits.append(Edit(code.line, None, question=candidate.question, label=code.name,
                              description=code.description or None, examples=examples,
                              guid=code.guid or guid("import", code.name)))
            ignored += [f"'{c.name}' (a sub-code of new theme '{code.name}': sub-themes are "
                        "found again every run)" for c in code.children]
    matched = [c for c in candidates if c.theme is not None]
    how = Counter(c.how for c in matched)
    notes = [f"read {path.name}: {questions} question codes, {len(matched)} themes matched"
             + (f" ({', '.join(f'{how[s]} by {s}' for s in STRATEGIES if how[s])})"
                if matched else "")
             + f", {renamed} renamed, {added} added, {len(ignored)} codes ignored"]
    notes += [f"ignored {item}" for item in ignored]
    if not questions and not matched:
        problem = (f"none of its {sum(1 for _ in _walk(refi.codes))} codes matches a question "
                   "or a theme of this study")
        if strict:
            raise InputError(path, problem, "Export the codebook from this workspace (`synth "
                             "codebook export FILE.qdc`), edit it in your QDA tool, and keep "
                             "its question codes; or leave out --strict to add every code as "
                             "a new theme", "line 1")
        notes.append(f"warning: {problem}: every code is added as a new theme")
    notes += _case_notes(refi, exported)
    return edits, notes


def _walk(codes: list[RefiCode]):  # type: ignore[no-untyped-def]
    for code in codes:
        yield code
        yield from _walk(code.children)


def _question_names(framework: Framework) -> dict[str, str]:
    found = {}
    for question in framework.ids:
        found[_key(question)] = question
        found.setdefault(_key(framework.title(question)), question)
    return found


def _question(code: RefiCode, question_of: dict[str, str]) -> str | None:
    for question in dict.fromkeys(question_of.values()):
        if code.guid == guid("question", question):
            return question
    return question_of.get(_key(code.name))


class _Matcher:
    def __init__(self, active: dict, names: dict[tuple[str, str], str], exported: Exported,
                 codebook: Codebook) -> None:
        self.active, self.exported, self.codebook = active, exported, codebook
        self.claimed: set[str] = set()
        self.by_guid = {guid("theme", tid): tid for tid in active}
        self.subs: dict[str, set[str]] = {}
        labels = {r["id"]: r["label"] for r in exported.records}
        self.names = {tid: {_key(e.label), _key(labels.get(tid, e.label)),
                            _key(names.get(("theme", tid), e.label))}
                      for tid, e in active.items()}
        for record in exported.records:
            self.subs[record["id"]] = {_key(n) for s in record.get("subthemes", [])
                                       for n in (s["label"], names.get(("subtheme", s["id"]),
                                                                       s["label"]))}

    def match_positions(self, candidates: list[Candidate], records: list[dict]) -> None:
        """Within a question, codes still unmatched paired with unclaimed themes by their
        place between matched ones: a tool that keeps the order synth wrote (QualCoder, which
        appends new codes at the end) leaves a renamed code where its theme was. Only where
        the matched codes keep synth's order; between two matched codes only when the counts
        agree; after the last one the first codes pair (the rest are new codes)."""
        for question in dict.fromkeys(c.question for c in candidates if c.question):
            codes = [c for c in candidates if c.question == question]
            themes = [r["id"] for r in records if r["question"] == question
                      and r["id"] in self.active]
            place = {tid: i for i, tid in enumerate(themes)}
            anchors = [(i, place[c.theme]) for i, c in enumerate(codes) if c.theme in place]
            if any(b <= a for (_, a), (_, b) in pairwise(anchors)):
                continue                       # reordered (sorted by name, say): no places
            bounds = [(-1, -1), *anchors, (len(codes), len(themes))]
            for (code_from, theme_from), (code_to, theme_to) in pairwise(bounds):
                loose = [c for c in codes[code_from + 1:code_to] if c.theme is None]
                free = [t for t in themes[theme_from + 1:theme_to] if t not in self.claimed]
                last = code_to == len(codes)
                if free and (len(loose) == len(free) or (last and len(loose) > len(free))):
                    for candidate, tid in zip(loose, free):
                        candidate.theme, candidate.how = tid, "position"
                        self.claimed.add(tid)

    def _free(self, question: str | None) -> list[str]:
        return sorted(tid for tid, e in self.active.items() if tid not in self.claimed
                      and (question is None or e.dimension == question))

    def match_all(self, candidates: list[Candidate]) -> None:
        """Each strategy in turn over every candidate still unmatched: a GUID beats a name
        wherever the two codes sit in the file."""
        for strategy in STRATEGIES[:-1]:      # by position: once all else is matched
            for candidate in candidates:
                if candidate.theme is None:
                    self.match(candidate, strategy)

    def match(self, candidate: Candidate, strategy: str) -> None:
        code, found = candidate.code, None
        if strategy == "id":
            found = self.by_guid.get(code.guid)
            found = found if found not in self.claimed else None
        elif strategy == "name":
            hits = [t for t in self._free(candidate.question) if _key(code.name) in self.names[t]]
            found = hits[0] if len(hits) == 1 else None
        elif strategy == "sub-codes" and code.children:
            wanted = {_key(c.name) for c in code.children}
            scores = {t: len(wanted & self.subs.get(t, set()))
                      for t in self._free(candidate.question)}
            best = max(scores.values(), default=0)
            hits = [t for t, s in scores.items() if s == best]
            found = hits[0] if best and 2 * best >= len(wanted) and len(hits) == 1 else None
        elif strategy == "statements":
            units = [self.exported.statements.get(_plain(t)) for t in code.all_texts()]
            themes = Counter(self.codebook.units.get(u, ("", ""))[1] for u in units if u)
            free = set(self._free(None))
            votes = sum(themes.values())
            best = max((t for t in themes if t in free), key=lambda t: (themes[t], t),
                       default=None)
            found = best if best and votes and 2 * themes[best] > votes else None
        if found is not None:
            candidate.theme, candidate.how = found, strategy
            self.claimed.add(found)


def _matched(candidate: Candidate, entry, names: dict) -> Edit:  # type: ignore[no-untyped-def]
    code = candidate.code
    shown = {_key(entry.label), _key(names.get(("theme", entry.id), entry.label))}
    label = code.name if code.name and _key(code.name) not in shown else None
    description = (code.description if code.description
                   and _plain(code.description) != _plain(entry.description) else None)
    question = (candidate.question if candidate.question
                and candidate.question != entry.dimension else None)
    return Edit(code.line, entry.id, question=question, label=label, description=description,
                guid=code.guid)


def _unknown_subcodes(code: RefiCode, theme: str, records: list[dict],
                      names: dict) -> list[str]:
    known = {_key(n) for r in records if r["id"] == theme for s in r.get("subthemes", [])
             for n in (s["label"], names.get(("subtheme", s["id"]), s["label"]))}
    return [f"'{c.name}' (a sub-code of theme {theme}: sub-themes are found again every run)"
            for c in code.children if _key(c.name) not in known]


def _case_notes(refi: RefiFile, exported: Exported) -> list[str]:
    if not refi.cases:
        return []
    matched = {name: values for name, values in refi.cases.items() if name in exported.cases}
    differ = sorted(f"{name}: {column}" for name, values in matched.items()
                    for column, value in values.items()
                    if exported.cases[name].get(column, "") != value)
    note = (f"cases: {len(matched)} of {len(refi.cases)} are participants of this study; "
            f"{sum(len(v) for v in matched.values())} attribute values read, "
            f"{len(differ)} differ from the workspace's")
    if differ:
        note += (f" ({', '.join(differ[:5])}{', ...' if len(differ) > 5 else ''}); synth keeps "
                 "its own: change them in the survey or people file")
    return [note]
