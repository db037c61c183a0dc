"""Find themes in what people said: cluster each source question's statements, and keep a
group only when it is a theme.

A *source question* is where statements come from: one survey column (its header), or all
the participants' statements of the study's interviews. Clustering each one on its own, as
an analyst sorts one question's sticky notes at a time, keeps a statement that answers
"What makes it pleasant?" out of the themes of "What hinders you?", whatever its words.

A group found by clustering (`synth.themes.cluster`) is a theme only when
- its statements share a topic: the cohesion of the group (the length of the mean of its
  normalised embeddings) beats `NULL_DRAWS` groups of the same size drawn at random from the
  same source question by `NULL_Z` standard deviations; and
- it has a label its statements hold (`synth.themes.label`, `synth.themes.support`); and
- at least `MIN_VOICES` people say it (one person's story told at length is not a theme),
  or everyone, where fewer speak.
A group that fails keeps, as a theme, the statements that hold its best-held label when
they are enough and pass the cohesion check themselves (a topic inside a loose cluster: the
interviews' statements are long and range widely), and the rest is checked again (at most
`MAX_PEELS` times); a group where no label is held widely enough is split in two (k-means)
and each half checked again, down to `MAX_SPLITS` levels. What is left, and groups under
the smallest theme size, are *uncoded*: counted and browsable, never shown under a label.
Last, an uncoded statement joins its nearest theme when it is as close to the theme's centre
as 49 in 50 of the theme's own statements, and the theme still holds its label with it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from synth.kmeans import SEED, kmeans
from synth.themes.cluster import cluster

NULL_DRAWS = 30
NULL_Z = 3.0
MAX_SPLITS = 3
MAX_PEELS = 6
JOIN_QUANTILE = 0.02   # an uncoded statement joins a theme as close as 49 in 50 of its own
JOIN_FLOOR = 0.30      # and never below this cosine
WHOLE = 0.8          # a group holding this share of its source question has no null to beat
MIN_VOICES = 2

# statement indexes -> whether a label its statements hold exists (a label, or "", will do)
Labeller = Callable[[list[int]], str | bool]
# statement indexes -> the statements holding the group's best-held label (may be none)
Holders = Callable[[list[int]], list[int]]
Voices = Callable[[list[int]], int]        # statement indexes -> how many people said them


@dataclass
class Found:
    """What one source question holds: its themes (statement indexes, largest first) and
    the statements no theme holds."""

    themes: list[list[int]] = field(default_factory=list)
    uncoded: list[int] = field(default_factory=list)
    split: int = 0                 # groups split because they failed a check
    refused: int = 0               # statements left uncoded by a failed check


def smallest_theme(n: int) -> int:
    """The fewest statements a theme of a source question of `n` statements may have."""
    return max(5, n // 300)


class Cohesion:
    """Cohesion of groups of one source question against random groups of the same size."""

    def __init__(self, vectors: np.ndarray) -> None:
        self.vectors = vectors
        self.null: dict[int, tuple[float, float]] = {}

    @staticmethod
    def of(vectors: np.ndarray) -> float:
        return float(np.linalg.norm(vectors.mean(axis=0)))

    def z(self, group: np.ndarray) -> float:
        """How many standard deviations `group` (rows of vectors) beats random groups."""
        size, n = len(group), len(self.vectors)
        if size >= WHOLE * n:
            return float("inf")
        if size not in self.null:
            rng = np.random.default_rng(SEED + size)
            draws = [self.of(self.vectors[rng.choice(n, size, replace=False)])
                     for _ in range(NULL_DRAWS)]
            self.null[size] = (float(np.mean(draws)), float(np.std(draws)) or 1e-9)
        mean, sd = self.null[size]
        return (self.of(group) - mean) / sd


def find(members: list[int], vectors: np.ndarray, label: Labeller,
         k: int | None = None, holders: Holders | None = None,
         most: int | None = None, voices: Voices | None = None) -> Found:
    """The themes of one source question (`members`: indexes into `vectors`). `most`: the
    most clusters to start from (None: `synth.themes.cluster`'s own cap); `voices`: how
    many people said a group's statements (None: not checked)."""
    found = Found()
    if not members:
        return found
    pool = vectors[members]
    smallest = smallest_theme(len(members))
    cohesion = Cohesion(pool)
    # everyone, when fewer than MIN_VOICES people speak here (one interview has themes too)
    heard = 0 if voices is None else min(MIN_VOICES, voices(members))

    def theme(group: list[int]) -> bool:
        return (len(group) >= smallest and cohesion.z(vectors[group]) >= NULL_Z
                and (voices is None or voices(group) >= heard) and bool(label(group)))
    if k is None and most is not None:
        k = max(1, min(most, len(members) // (2 * smallest)))
    hierarchy = cluster(pool, k)
    found.uncoded = [members[j] for j in np.flatnonzero(hierarchy.themes < 0)]
    queue = [([members[j] for j in np.flatnonzero(hierarchy.themes == t)], 0, 0)
             for t in range(int(hierarchy.themes.max()) + 1)]
    while queue:
        group, splits, peels = queue.pop(0)
        if len(group) < smallest:
            found.uncoded += group
            continue
        if theme(group):
            found.themes.append(group)
            continue
        kept = holders(group) if holders is not None else []
        if theme(kept):
            found.themes.append(kept)
            rest = sorted(set(group) - set(kept))
            if peels < MAX_PEELS:
                queue.append((rest, splits, peels + 1))
            else:
                found.uncoded += rest
                found.refused += len(rest)
            continue
        if splits < MAX_SPLITS and len(group) >= 2 * smallest:
            halves = kmeans(vectors[group], 2, 2)
            found.split += 1
            queue += [([group[j] for j in np.flatnonzero(halves == h)], splits + 1, peels)
                      for h in (0, 1)]
            continue
        found.uncoded += group
        found.refused += len(group)
    _absorb(found, vectors, label)
    found.themes.sort(key=lambda g: (-len(g), g[0]))
    found.uncoded.sort()
    return found


def _absorb(found: Found, vectors: np.ndarray, label: Labeller) -> None:
    """Uncoded statements join the theme they are nearest, when they are as close to its
    centre as 49 in 50 of its own statements are (the rule new statements of a later run
    follow) and the theme still holds its label with them; else they stay uncoded."""
    if not found.themes or not found.uncoded:
        return
    centres = np.stack([_unit(vectors[g].mean(axis=0)) for g in found.themes])
    floors = [max(JOIN_FLOOR, float(np.quantile(vectors[g] @ centres[t], JOIN_QUANTILE)))
              for t, g in enumerate(found.themes)]
    closeness = vectors[found.uncoded] @ centres.T
    joining: dict[int, list[tuple[float, int]]] = {}
    for row, i in enumerate(found.uncoded):
        t = int(closeness[row].argmax())
        if closeness[row, t] >= floors[t]:
            joining.setdefault(t, []).append((float(closeness[row, t]), i))
    joined: set[int] = set()
    for t, near in sorted(joining.items()):
        near = [i for _, i in sorted(near, key=lambda pair: (-pair[0], pair[1]))]
        while near and not label(found.themes[t] + near):
            near = near[:len(near) // 2]        # the closest half, until the label holds
        found.themes[t] = sorted(found.themes[t] + near)
        joined.update(near)
    found.uncoded = [i for i in found.uncoded if i not in joined]


def _unit(vector: np.ndarray) -> np.ndarray:
    return vector / (np.linalg.norm(vector) or 1.0)


__all__ = ["MIN_VOICES", "NULL_Z", "SEED", "Cohesion", "Found", "find", "smallest_theme"]
