"""Segments the researcher defines, and how distinct each one's statements are.

Three ways to say who is in which persona, instead of letting synth find segments:
- `--by COLUMN`: one persona per answer of a survey column (choice or free text) or of an
  attribute the researcher gave (people file, tags). Answers are compared without case or
  extra spaces; with more than `MAX_VALUES` distinct answers (free text), answers given by
  fewer than `MIN_FREE` people are left out unless a mapping groups them.
- `--map FILE`: a YAML mapping `segment name: [phrases]` that normalises free text: an answer
  joins the first segment one of whose phrases it contains (case-insensitive, from a word
  start); an answer no phrase matches joins a segment named `Other` when the file has one,
  else is left unassigned, with the reason.
- `--define personas.yaml`: personas by name, each with `members` (ids, names, pseudonyms)
  and/or `where` (attribute rules: `column: answer` or `column: [answers]`; every rule must
  hold). A person matching two definitions is in the first.

Validity is reported, never used as a gate (`distinctness`): how distinct each segment's
statements are from everyone else's (the mean cosine silhouette of its members on their
statement profiles, without the attributes the segments were defined by), against the same
people with the segment labels shuffled `PERMUTATIONS` times (p = (1 + shuffles at least
as distinct) / (1 + shuffles)).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from synth.errors import SynthError
from synth.icp.columns import same_column
from synth.kmeans import SEED
from synth.personas.profile import Profiles
from synth.personas.validity import tested_rows
from synth.study import Study
from synth.words import count

MAX_VALUES = 12          # a column with more distinct answers is free text
MIN_FREE = 5             # ...whose answers need this many people to make a segment alone
PERMUTATIONS = 199
STATEMENT_BLOCKS = ("meaning", "themes", "entities")


@dataclass
class Defined:
    """Researcher-defined segments: names and members (in order), and who is left out."""

    how: str                                   # "--by COLUMN", "personas.yaml"...
    names: list[str]
    members: list[set[str]]
    left_out: dict[str, str] = field(default_factory=dict)   # participant id -> why
    notes: list[str] = field(default_factory=list)
    draft: dict[str, list[str]] = field(default_factory=dict)  # a --map to start from


def _norm(value: str) -> str:
    return " ".join(value.split()).casefold()


def column_answers(study: Study, column: str) -> tuple[str, dict[str, str]]:
    """(the column's header as stored, participant id -> answer) for an attribute column or
    a survey free-text column (its statements joined); a SynthError lists the columns."""
    attributes = sorted({c for p in study.people for c in p.attributes})
    header = next((c for c in attributes if c == column), None) or next(
        (c for c in attributes if same_column(c, column)), None)
    if header is not None:
        return header, {p.id: p.attributes[header] for p in study.people
                        if p.attributes.get(header, "").strip()}
    texts: dict[str, dict[str, list[str]]] = {}
    for unit in study.units:
        if unit.location.startswith("row ") and ", column " in unit.location:
            asked = unit.location.split(", column ", 1)[1]
            texts.setdefault(asked, {}).setdefault(unit.participant_id, []).append(unit.text)
    header = next((c for c in texts if c == column), None) or next(
        (c for c in texts if same_column(c, column)), None)
    if header is None:
        known = "; ".join(f"'{c}'" for c in [*attributes, *sorted(texts)][:20])
        raise SynthError(f"--by '{column}' is not a column of the study. The columns are: "
                         f"{known}. Attributes you give with a people file or `synth "
                         "participants tag` are columns too")
    return header, {pid: " ".join(parts) for pid, parts in texts[header].items()}


def read_mapping(path: Path) -> list[tuple[str, list[str]]]:
    """A mapping file: `segment name: [phrase, ...]`, in order."""
    data = _yaml(path)
    if not isinstance(data, dict) or not data:
        raise SynthError(f"{path}: a mapping needs one line per segment, `Name: [phrase, "
                         "...]` (e.g. `Data scientist: [data scien, machine learning]`)")
    found = []
    for name, phrases in data.items():
        if isinstance(phrases, str):
            phrases = [phrases]
        if not isinstance(phrases, list) or not all(isinstance(p, (str, int)) for p in phrases):
            raise SynthError(f"{path}: segment '{name}' needs a list of phrases, e.g. "
                             f"`{name}: [first phrase, second phrase]`")
        found.append((str(name), [str(p) for p in phrases]))
    return found


def _yaml(path: Path) -> object:
    import yaml

    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise SynthError(f"{path}: cannot read it ({error.strerror}). Check the path") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f", line {mark.line + 1}" if mark else ""
        raise SynthError(f"{path}{where}: not valid YAML ({getattr(error, 'problem', error)})."
                         " Fix the line (indent lists under their key)") from None


def _matcher(phrases: list[str]) -> re.Pattern[str] | None:
    words = [re.escape(_norm(p)) for p in phrases if _norm(p)]
    return re.compile(r"(?<!\w)(" + "|".join(words) + ")") if words else None


def by_column(study: Study, column: str, mapping: Path | None = None) -> Defined:
    """One segment per answer of `column` (or per group of `mapping`)."""
    header, answers = column_answers(study, column)
    how = f"--by '{header}'" + (f" --map {mapping}" if mapping else "")
    left_out = {p.id: f"no answer to '{header}'" for p in study.people if p.id not in answers}
    if mapping is not None:
        groups = [(name, _matcher(phrases)) for name, phrases in read_mapping(mapping)]
        names = [name for name, _ in groups]
        members: list[set[str]] = [set() for _ in groups]
        for pid, answer in sorted(answers.items()):
            text = _norm(answer)
            index = next((i for i, (_, m) in enumerate(groups) if m and m.search(text)), None)
            if index is None and "other" in [n.casefold() for n in names]:
                index = [n.casefold() for n in names].index("other")
            if index is None:
                left_out[pid] = f"their answer matches no segment of {mapping.name}"
            else:
                members[index].add(pid)
        kept = [(n, m) for n, m in zip(names, members) if m]
        return Defined(how, [n for n, _ in kept], [m for _, m in kept], left_out)
    spellings: dict[str, Counter[str]] = {}
    for answer in answers.values():
        spellings.setdefault(_norm(answer), Counter())[" ".join(answer.split())] += 1
    groups_by: dict[str, set[str]] = {}
    for pid, answer in answers.items():
        groups_by.setdefault(_norm(answer), set()).add(pid)
    notes = []
    if len(groups_by) > MAX_VALUES:
        small = [key for key, who in groups_by.items() if len(who) < MIN_FREE]
        for key in small:
            for pid in groups_by.pop(key):
                left_out[pid] = (f"their answer to '{header}' is shared by fewer than "
                                 f"{MIN_FREE} people: group answers with --map FILE")
        notes.append(f"'{header}' has {count(len(groups_by) + len(small), 'distinct answer')}: "
                     f"{len(small)} given by fewer than {MIN_FREE} people "
                     f"{'is' if len(small) == 1 else 'are'} left out "
                     "(group them with --map FILE; personas/segments-map.yaml is a draft)")
    order = sorted(groups_by, key=lambda key: (-len(groups_by[key]), key))
    names = [min(spellings[key].items(), key=lambda s: (-s[1], s[0]))[0] for key in order]
    draft: dict[str, list[str]] = {}
    if len(spellings) > MAX_VALUES:       # free text: a mapping to edit, from what was kept
        draft = {name: [key] for name, key in zip(names, order)}
        draft["Other"] = []
    return Defined(how, names, [groups_by[key] for key in order], left_out, notes, draft)


def from_file(study: Study, path: Path) -> Defined:
    """Personas a `personas.yaml` defines by members and attribute rules."""
    from synth.attributes import participant_index

    data = _yaml(path)
    entries = data.get("personas") if isinstance(data, dict) else data
    if not isinstance(entries, list) or not entries:
        raise SynthError(f"{path}: expected `personas:` and a list of personas, each with a "
                         "`name` and `members` or `where` (see the README, Personas)")
    index = participant_index([{"id": p.id, "name": p.name, "kind": p.kind} for p in study.people])
    attributes = sorted({c for p in study.people for c in p.attributes})
    names, members = [], []
    taken: dict[str, str] = {}
    notes = []
    for number, entry in enumerate(entries, start=1):
        where = f"{path}, persona {number}"
        if not isinstance(entry, dict) or not str(entry.get("name", "")).strip():
            raise SynthError(f"{where}: every persona needs a `name`")
        unknown = set(entry) - {"name", "members", "where", "description"}
        if unknown:
            raise SynthError(f"{where} ('{entry['name']}'): unknown field(s) "
                             f"{', '.join(sorted(map(str, unknown)))}. Use name, members, where")
        if not entry.get("members") and not entry.get("where"):
            raise SynthError(f"{where} ('{entry['name']}'): give `members` (a list of "
                             "participants) or `where` (attribute: answer rules)")
        chosen: set[str] = set()
        for person in entry.get("members") or []:
            pid = index.get(_norm(str(person)))
            if pid is None:
                raise SynthError(f"{where} ('{entry['name']}'): no participant is called "
                                 f"'{person}'. Name them as `synth participants` lists them")
            chosen.add(pid)
        rules = entry.get("where") or {}
        if rules:
            if not isinstance(rules, dict):
                raise SynthError(f"{where} ('{entry['name']}'): `where` maps attributes to "
                                 "answers, e.g. `where: {role: maintainer}`")
            resolved = []
            for column, wanted in rules.items():
                header = next((c for c in attributes if same_column(c, str(column))), None)
                if header is None:
                    raise SynthError(f"{where} ('{entry['name']}'): '{column}' is not an "
                                     f"attribute. The attributes are: {', '.join(attributes)}")
                values = wanted if isinstance(wanted, list) else [wanted]
                resolved.append((header, {_norm(str(v)) for v in values}))
            chosen |= {p.id for p in study.people
                       if all(_norm(p.attributes.get(h, "")) in v for h, v in resolved)}
        doubled = sorted(pid for pid in chosen if pid in taken)
        if doubled:
            notes.append(f"{count(len(doubled), 'person', 'people')} of '{entry['name']}' "
                         f"{'is' if len(doubled) == 1 else 'are'} already in "
                         f"'{taken[doubled[0]]}' (a person is in the first persona they match)")
        chosen -= set(taken)
        for pid in chosen:
            taken[pid] = str(entry["name"])
        names.append(str(entry["name"]).strip())
        members.append(chosen)
    left_out = {p.id: f"matches no persona of {path.name}" for p in study.people
                if p.id not in taken}
    return Defined(path.name, names, members, left_out, notes)


def distinctness(profiles: Profiles, members: list[set[str]]) -> dict:
    """Per segment and overall: the mean cosine silhouette of members on their statement
    profiles, and its permutation p (labels shuffled among the people tested)."""
    from sklearn.metrics import silhouette_samples
    from sklearn.metrics.pairwise import cosine_distances

    label_of = {pid: i for i, group in enumerate(members) for pid in group}
    rows = np.array([i for i, (pid, thin) in enumerate(zip(profiles.ids, profiles.thin))
                     if pid in label_of and not thin], dtype=int)
    result: dict = {"statistic": "mean cosine silhouette of members' statement profiles "
                    "(meaning, themes, names) against everyone else's",
                    "permutations": PERMUTATIONS, "tested": 0, "overall": None,
                    "p": None, "segments": [None] * len(members)}
    if len(rows) > 2000:
        rows = rows[tested_rows(len(rows))]
    labels = np.array([label_of[profiles.ids[i]] for i in rows])
    present = sorted(set(labels.tolist()))
    if len(present) < 2 or len(rows) < 3:
        result["reason"] = ("too few people with statements in two or more segments to "
                            "compare")
        return result
    distances = cosine_distances(profiles.matrix(rows, names=STATEMENT_BLOCKS))
    np.fill_diagonal(distances, 0.0)

    def scores(assigned: np.ndarray) -> tuple[float, list[float]]:
        samples = silhouette_samples(distances, assigned, metric="precomputed")
        per = [float(samples[assigned == t].mean()) if (assigned == t).any() else float("nan")
               for t in range(len(members))]
        return float(samples.mean()), per

    real, per = scores(labels)
    rng = np.random.default_rng(SEED)
    beaten, beaten_per = 0, np.zeros(len(members))
    for _ in range(PERMUTATIONS):
        again, again_per = scores(rng.permutation(labels))
        beaten += again >= real
        beaten_per += np.array([a >= r for a, r in zip(again_per, per)])
    result.update({"tested": len(rows), "overall": round(real, 4),
                   "p": round((1 + beaten) / (1 + PERMUTATIONS), 4)})
    for t in range(len(members)):
        n = int((labels == t).sum())
        result["segments"][t] = None if n < 2 else {    # one member has no silhouette
            "tested": n, "silhouette": round(per[t], 4),
            "p": round((1 + float(beaten_per[t])) / (1 + PERMUTATIONS), 4)}
    return result
