"""A profile per participant: what they talk about, what they name, and who they are.

Four blocks, each scaled to unit length per person and then weighted, so that no block
wins by having more columns:
- `meaning`: the mean embedding of their statements (what they say, in any words);
- `themes`: the share of their statements in each topic, the finest theme level (a sub-theme,
  or a theme without sub-themes): what they say, as the study groups it. In a study that
  mixes interviews and a survey, less the mean of the people of their kind (`_within_kinds`):
  the two kinds share no theme, and the raw block set them apart by source alone;
- `entities`: the tools, languages and communities they name (named by 2+ people; the
  `MAX_ENTITIES` named by the most people, so a study of 100,000 answers naming thousands of
  packages does not make a matrix of gigabytes);
- `attributes`: their survey answers to choice questions, one-hot (role, company size...).
People with fewer than `MIN_UNITS` statements are `thin`: segmentation does not rest on
them; they are placed by their attributes afterwards, or reported as unassigned.
Blocks are float32: at 166,666 respondents and a thousand topics, a float64 profile matrix
alone took 2.9 GB.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np

from synth.study import Study

MIN_UNITS = 2
MAX_ENTITIES = 500
MAX_CHOICES = 30          # a column with more distinct answers is not a choice question
WEIGHTS = {"meaning": 1.0, "themes": 1.0, "entities": 0.5, "attributes": 1.0}


@dataclass
class Profiles:
    ids: list[str]                       # participant ids, in study order
    blocks: dict[str, np.ndarray]        # block name -> one row per participant
    units: list[int]                     # statements per participant

    def matrix(self, rows: np.ndarray | None = None, *,
               names: tuple[str, ...] = tuple(WEIGHTS)) -> np.ndarray:
        """The weighted blocks side by side, for `rows` (default: everyone)."""
        chosen = slice(None) if rows is None else rows
        return np.hstack([WEIGHTS[name] * self.blocks[name][chosen] for name in names])

    @property
    def thin(self) -> np.ndarray:
        return np.array([n < MIN_UNITS for n in self.units], dtype=bool)

    @property
    def has_attributes(self) -> np.ndarray:
        return self.blocks["attributes"].any(axis=1)


def choice_columns(study: Study) -> list[str]:
    """Survey columns that work as categories: 2..MAX_CHOICES distinct answers, answers
    shared by several people (not ids, dates or free text). Attributes the researcher gave
    (a people file, tags) are left out: segments found from the data must not be the
    researcher's own labels read back (`synth personas --by` uses those)."""
    values: dict[str, Counter[str]] = {}
    for person in study.people:
        for column, value in person.attributes.items():
            if value.strip() and column not in person.given:
                values.setdefault(column, Counter())[value.strip()] += 1
    return sorted(column for column, counts in values.items()
                  if 2 <= len(counts) <= MAX_CHOICES and max(counts.values()) >= 2
                  and sum(counts.values()) >= 2 * len(counts))


def build_profiles(study: Study) -> Profiles:
    ids = [p.id for p in study.people]
    row = {pid: i for i, pid in enumerate(ids)}
    n = len(ids)
    meaning = np.zeros((n, study.vectors.shape[1] if len(study.vectors) else 1),
                       dtype=np.float32)
    counts = np.zeros(n, dtype=int)
    theme_ids = sorted(study.topics)
    theme_col = {t: j for j, t in enumerate(theme_ids)}
    themes = np.zeros((n, max(len(theme_ids), 1)), dtype=np.float32)
    named: dict[str, set[str]] = {}
    for index, unit in enumerate(study.units):
        i = row.get(unit.participant_id)
        if i is None:
            continue
        meaning[i] += study.vectors[index]
        counts[i] += 1
        if unit.topic:
            themes[i, theme_col[unit.topic]] += 1
        for name, _ in unit.entities:
            named.setdefault(name, set()).add(unit.participant_id)
    widest = sorted((name for name, who in named.items() if len(who) >= 2),
                    key=lambda name: (-len(named[name]), name))[:MAX_ENTITIES]
    shared = sorted(widest)
    entities = np.zeros((n, max(len(shared), 1)), dtype=np.float32)
    for j, name in enumerate(shared):
        for pid in named[name]:
            entities[row[pid], j] = 1.0
    columns = choice_columns(study)
    options = sorted({(c, p.attributes[c].strip()) for p in study.people for c in columns
                      if p.attributes.get(c, "").strip()})
    option_col = {option: j for j, option in enumerate(options)}
    attributes = np.zeros((n, max(len(options), 1)), dtype=np.float32)
    for person in study.people:
        for column in columns:
            j = option_col.get((column, person.attributes.get(column, "").strip()))
            if j is not None:
                attributes[row[person.id], j] = 1.0
    kinds = {p.kind for p in study.people}
    if len(kinds) > 1:
        themes = _within_kinds(_unit_rows(themes), [p.kind for p in study.people], counts)
    blocks = {"meaning": meaning, "themes": themes, "entities": entities,
              "attributes": attributes}
    return Profiles(ids, {name: _unit_rows(block) for name, block in blocks.items()},
                    counts.tolist())


def _within_kinds(block: np.ndarray, kinds: list[str], counts: np.ndarray) -> np.ndarray:
    """Each row less the mean row of the people of its kind who said anything.

    In a study that mixes interviews and a survey, the two kinds of source share no theme
    (an interview guide's questions have themes of their own), so on the raw block every
    interviewee is as far as can be from every respondent, and the interviewees came out as
    a persona of their own (the sample corpus: 12 interviewees from all five planted
    segments, k 6). Centred within its kind, a row says how a person's themes differ from
    those of the people asked the same way: across kinds the cosine is 0, as for two people
    of one kind on average."""
    found = block.copy()
    for kind in sorted(set(kinds)):
        rows = np.array([i for i, k in enumerate(kinds) if k == kind and counts[i]])
        if len(rows):
            found[rows] -= block[rows].mean(axis=0)
    return found


def _unit_rows(block: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(block, axis=1, keepdims=True)
    block /= np.where(norms == 0, 1.0, norms)
    return block
