"""Which statements make which theme, given the codebook of the last run.

- First run (no codebook yet): the themes found and placed by the stage
  (`synth.themes.discover`), numbered by size within their question (`{question}-01`...).
- Later runs, incrementally (the default): every statement the last run saw keeps its theme;
  a new statement joins the nearest theme of its question when its cosine to that theme's
  centre is at least the question's join threshold; the statements left are searched for
  themes with the same checks as a first run (`finder`), and each theme found of at least
  `min_new` statements becomes a new theme (fresh id, marked new); the others stay uncoded.
- `recluster`: the themes are found and placed again (except the statements of pinned
  themes), and matched to the old ones (`synth.themes.match`) to carry ids and labels.

The join threshold is calibrated on the data: the `JOIN_QUANTILE` quantile of the cosines of
the question's current members to their own theme's centre, so a new statement joins a
theme when it is at least as close to it as 49 in 50 of the theme's statements are to
theirs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from synth.themes.cluster import cluster, min_size
from synth.themes.codebook import ACTIVE, MERGED, RELEASED, VANISHED, Codebook, Entry, save

# a new statement joins a theme by the rule uncoded statements follow when themes are found
from synth.themes.finder import JOIN_FLOOR as MIN_JOIN
from synth.themes.finder import JOIN_QUANTILE
from synth.themes.match import Side, centre, match


@dataclass
class Planned:
    """One theme to build: its id, its statements (indexes into the analysis), the label it
    keeps (None: label it), whether it is new in this run, and its sub-theme per statement
    when already known (None: found here)."""

    id: str
    inside: list[int]
    label: str | None
    new: bool
    parts: np.ndarray | None = None


@dataclass
class Outcome:
    """What this run did to one question, for changes.md and the benchmark."""

    joined: int = 0           # new statements that joined an existing theme
    fresh: int = 0            # new statements in all
    new_themes: list[str] = field(default_factory=list)
    vanished: list[str] = field(default_factory=list)


class Planner:
    """Plans each question's themes from the codebook; the codebook is updated by `record`."""

    def __init__(self, codebook: Codebook, k: int | None = None, recluster: bool = False
                 ) -> None:
        self.codebook = codebook
        self.k = k
        self.recluster = recluster
        self.first = not codebook.entries and not codebook.units
        self.outcomes: dict[str, Outcome] = {}
        self.thresholds: dict[str, float] = {}
        self.applied: list[str] = []           # the codebook edits applied in this run
        self.source = ""                       # the codebook file they came from
        # themes among some statements (indexes) that pass the stage's checks; k or None
        self.finder: Callable[[list[int], int | None], list[list[int]]] | None = None
        self.themes: list = []                 # this run's themes, once recorded
        # further writes of this run (changes.md's record), in the transaction of its results
        self.on_store: list[Callable[[Any], None]] = []

    def dimensions(self, ids: list[str], dimensions: list[str]) -> list[str]:
        """Each statement's question: statements the researcher moved stay where they were
        moved to; in an incremental run, a statement the last run saw stays in its question
        (its theme was placed there as a whole); every other one goes where this run's
        analysis placed it."""
        units = self.codebook.units

        def kept(uid: str) -> bool:
            return uid in self.codebook.moved or (
                not self.first and not self.recluster and uid in units and bool(units[uid][0]))
        return [units[uid][0] if kept(uid) else d for uid, d in zip(ids, dimensions)]

    def plan(self, dimension: str, members: list[int], ids: list[str],
             vectors: np.ndarray, found: list[list[int]] | None = None) -> list[Planned]:
        """This run's themes of one question. `found`: the themes the stage found there
        (first runs and `recluster`); otherwise new statements are searched with `finder`."""
        outcome = self.outcomes.setdefault(dimension, Outcome())
        if self.first:
            if found is None:
                return self._cluster(dimension, members, vectors, new=False)
            return [self._entry(dimension, group, new=False) for group in found]
        entries = {e.id: e for e in self.codebook.active(dimension)}
        by_theme: dict[str, list[int]] = {tid: [] for tid in entries}
        fresh = []
        for i in members:
            before = self.codebook.units.get(ids[i])
            if before is None or before[0] != dimension:
                fresh.append(i)
                continue
            theme = self._current(before[1])
            if theme in by_theme and (not self.recluster or entries[theme].pinned):
                by_theme[theme].append(i)
            elif self.recluster and theme != RELEASED:
                fresh.append(i)
        outcome.fresh = sum(1 for i in fresh if ids[i] not in self.codebook.units)
        held = [tid for tid in entries if not self.recluster or entries[tid].pinned]
        centres = {tid: (centre(vectors[by_theme[tid]]) if by_theme[tid]
                         else entries[tid].centroid) for tid in held}
        centres = {tid: c for tid, c in centres.items() if c is not None}
        threshold = self._threshold(dimension, by_theme, centres, vectors)
        rest = []
        for i in fresh:
            best, score = _nearest(vectors[i], centres)
            if best is not None and score >= threshold:
                by_theme[best].append(i)
                outcome.joined += ids[i] not in self.codebook.units
            else:
                rest.append(i)
        planned = [Planned(tid, sorted(by_theme[tid]), entries[tid].label or None, False)
                   for tid in held if by_theme[tid]]
        if self.recluster:
            planned += self._rematch(dimension, rest, ids, vectors, entries, held, found)
        else:
            planned += [p for p in self._cluster(dimension, rest, vectors, new=True,
                                                 smallest=self.min_new(len(members)))]
        shown = {p.id for p in planned}
        outcome.new_themes = [p.id for p in planned if p.new]
        outcome.vanished = sorted(tid for tid in entries
                                  if tid not in shown and not entries[tid].pinned)
        return planned

    def min_new(self, question_size: int) -> int:
        """The fewest statements a new theme of a later run may have."""
        return max(3, min_size(question_size))

    def _current(self, theme_id: str) -> str:
        """A theme id followed through merges to the theme that holds its statements now."""
        seen = set()
        while theme_id in self.codebook.entries and theme_id not in seen:
            seen.add(theme_id)
            entry = self.codebook.entries[theme_id]
            if entry.status != MERGED:
                break
            theme_id = entry.merged_into
        return theme_id

    def _threshold(self, dimension: str, by_theme: dict[str, list[int]],
                   centres: dict[str, np.ndarray], vectors: np.ndarray) -> float:
        closeness = [float(vectors[i] @ centres[tid]) for tid, inside in by_theme.items()
                     if tid in centres for i in inside]
        found = max(MIN_JOIN, float(np.quantile(closeness, JOIN_QUANTILE))) if closeness \
            else MIN_JOIN
        self.thresholds[dimension] = round(found, 4)
        return found

    def _cluster(self, dimension: str, inside: list[int], vectors: np.ndarray, new: bool,
                 smallest: int = 1) -> list[Planned]:
        if not inside or len(inside) < smallest:
            return []
        return [self._entry(dimension, group, new)
                for group in self._find(vectors, inside, self.k if not new else None)
                if len(group) >= smallest]

    def _find(self, vectors: np.ndarray, inside: list[int], k: int | None) -> list[list[int]]:
        return self.finder(inside, k) if self.finder else _plain(vectors, inside, k)

    def _entry(self, dimension: str, group: list[int], new: bool) -> Planned:
        tid = self.codebook.new_id(dimension)
        self.codebook.entries[tid] = Entry(tid, dimension, "", status=ACTIVE,
                                           first_run=self.codebook.run + 1)
        return Planned(tid, list(group), None, new)

    def _rematch(self, dimension: str, rest: list[int], ids: list[str], vectors: np.ndarray,
                 entries: dict[str, Entry], held: list[str],
                 found: list[list[int]] | None = None) -> list[Planned]:
        if len(rest) < 3:
            return []
        if found is None:
            groups = self._find(vectors, rest, self.k)
        else:
            free = set(rest)
            groups = [kept for kept in ([i for i in g if i in free] for g in found) if kept]
        old_ids = [tid for tid in entries if tid not in held]
        old = [Side(frozenset(self.codebook.members(tid)),
                    entries[tid].centroid if entries[tid].centroid is not None
                    else np.zeros(vectors.shape[1])) for tid in old_ids]
        new = [Side(frozenset(ids[i] for i in g), centre(vectors[g])) for g in groups]
        pairs = match(old, new, set(self.codebook.units))
        planned = []
        for j, group in enumerate(groups):
            if j in pairs:
                entry = entries[old_ids[pairs[j]]]
                planned.append(Planned(entry.id, group, entry.label or None, False))
            else:
                tid = self.codebook.new_id(dimension)
                self.codebook.entries[tid] = Entry(tid, dimension, "",
                                                   first_run=self.codebook.run + 1)
                planned.append(Planned(tid, group, None, True))
        return planned

    def subtheme_ids(self, theme_id: str, members: list[list[str]]) -> list[str]:
        """Ids for a theme's sub-themes (given by their statements, largest first): the id of
        the last run's sub-theme of this theme it matches (Jaccard overlap, as for themes),
        else one past the highest number ever issued under the theme."""
        entry = self.codebook.entries[theme_id]
        previous: dict[str, set[str]] = {}
        for uid, sub in self.codebook.subthemes.items():
            if sub.rsplit(".", 1)[0] == theme_id:
                previous.setdefault(sub, set()).add(uid)
        old_ids = sorted(previous)
        highest = max([entry.subthemes, *(int(s.rsplit(".", 1)[1]) for s in old_ids)])
        zero = np.zeros(1)
        pairs = match([Side(frozenset(previous[s]), zero) for s in old_ids],
                      [Side(frozenset(m), zero) for m in members], set(self.codebook.units))
        found = []
        for j in range(len(members)):
            if j in pairs:
                found.append(old_ids[pairs[j]])
            else:
                highest += 1
                found.append(f"{theme_id}.{highest}")
        entry.subthemes = highest
        return found

    def record(self, themes: list, assignment: dict[str, tuple[str, str]], ids: list[str],
               dimensions: list[str], vectors: np.ndarray) -> None:
        """Update the codebook from this run's themes (labels, centres, sizes, statuses) and
        each statement's theme."""
        run = self.codebook.run + 1
        self.themes = themes
        index = {uid: i for i, uid in enumerate(ids)}
        shown = set()
        members: dict[str, list[int]] = {}
        for uid, (tid, _) in assignment.items():
            members.setdefault(tid, []).append(index[uid])
        for theme in themes:
            entry = self.codebook.entries[theme.id]
            inside = members.get(theme.id, [])
            entry.label = entry.label if entry.named else theme.label
            entry.dimension = theme.dimension
            entry.centroid = centre(vectors[inside]).astype(np.float32)
            entry.size = len(inside)
            entry.status = ACTIVE
            entry.first_run = entry.first_run or run
            entry.last_run = run
            shown.add(theme.id)
        for outcome in self.outcomes.values():
            for tid in outcome.vanished:
                if tid not in shown:
                    self.codebook.entries[tid].status = VANISHED
        released = {uid for uid, (_, t) in self.codebook.units.items() if t == RELEASED}
        self.codebook.units = {
            uid: (d, assignment[uid][0] if uid in assignment
                  else RELEASED if uid in released else "")
            for uid, d in zip(ids, dimensions)}
        self.codebook.moved &= set(ids)
        self.codebook.run = run


    def store(self, db) -> None:  # type: ignore[no-untyped-def]
        """Save the codebook, and the questions of moved statements, in the caller's
        transaction."""
        save(db, self.codebook)
        db.executemany("INSERT INTO codebook_edits (run, source, edit) VALUES (?, ?, ?)",
                       [(self.codebook.run, self.source, edit) for edit in self.applied])
        db.executemany("UPDATE placements SET dimension = ? WHERE unit_id = ?",
                       [(self.codebook.units[uid][0], uid) for uid in sorted(self.codebook.moved)])
        for write in self.on_store:
            write(db)


def _plain(vectors: np.ndarray, inside: list[int], k: int | None) -> list[list[int]]:
    """Plain clusters of `inside`, without the stage's checks (a planner used on its own)."""
    found = cluster(vectors[inside], k).themes
    return [[inside[j] for j in np.flatnonzero(found == t)] for t in range(int(found.max()) + 1)]


def _nearest(vector: np.ndarray, centres: dict[str, np.ndarray]) -> tuple[str | None, float]:
    best, score = None, -2.0
    for tid in sorted(centres):
        value = float(vector @ centres[tid])
        if value > score:
            best, score = tid, value
    return best, score
