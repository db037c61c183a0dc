"""Segment participants into personas, choosing how many by a stated criterion.

Criterion: the number of personas k is the one whose split stands furthest above the same
people's answers shuffled across people: for every k from 2 to `max_personas(n)` =
min(8, sqrt(n)), the cosine silhouette of k-means on the real profiles minus its mean on the
20 shuffled copies of the null test (`validity.py`) at the same k; the largest gap wins (the
smallest k on a tie). A raw silhouette rewards whatever k splits noise best too; against the
null at the same k, each k is judged by the structure it finds beyond what any split of
these answers would. (Before, k ran from max/2 to max by raw silhouette: from 64 people on,
4 to 8, so three clear groups could never be found.) `k` overrides.

Then the segmentation must prove itself: at its k, the real silhouette must beat every
shuffled copy with z >= 3, and its personas must hold together on subsets. When it does not,
the study gets one study-wide persona and the reason; a forced k is kept, with the figures
reported anyway. Personas are fitted (fixed seed) on the validity test's sample of at most
2,000 people; everyone else joins the nearest centre, so the cost stays flat as studies grow.

Only people with enough text are clustered. The others are placed afterwards by their
survey attributes alone (the persona whose members' attributes they are closest to), or
reported as unassigned when they have neither text nor attributes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from threadpoolctl import threadpool_limits

from synth.errors import SynthError
from synth.kmeans import by_size, kmeans
from synth.personas.profile import MIN_UNITS, Profiles
from synth.personas.validity import (
    Null,
    ShuffledColumns,
    Validity,
    assess,
    null_test,
    tested_rows,
)
from synth.progress import Progress, silent

MAX_PERSONAS = 8
N_INIT = 10


def max_personas(n: int) -> int:
    return max(1, min(MAX_PERSONAS, int(math.sqrt(n))))


def min_personas(n: int) -> int:
    """The fewest personas a split can give: 2 (a single persona is no split)."""
    return min(max_personas(n), 2)


@dataclass
class Segmentation:
    labels: np.ndarray      # persona index per participant (0 = largest), -1 unassigned
    how: list[str]          # per participant: profile | attributes | unassigned: why
    k: int
    validity: Validity


def segment(profiles: Profiles, k: int | None = None, null: Null | None = None,
            progress: Progress = silent) -> Segmentation:
    """Personas for the profiled people, tested against `null` (default: the profile
    matrix with every column shuffled; `build_personas` shuffles the study's answers)."""
    rich = np.flatnonzero(~profiles.thin)
    if len(rich) == 0:
        raise SynthError(f"no participant has {MIN_UNITS} or more statements, so there is "
                         "nothing to segment. Ingest interviews or survey free-text answers")
    matrix = profiles.matrix(rich)
    n = len(rich)
    # one thread: k-means runs ~60 times here, and OpenMP threads on a busy machine make
    # each small fit up to 70x slower (measured); results do not depend on it
    null = null or ShuffledColumns(matrix)
    with threadpool_limits(limits=1):
        test = None
        if k is None:
            ks = range(min_personas(n), max_personas(n) + 1)
            if n >= 3 and ks[-1] >= 2:
                test = null_test(null, tested_rows(n), ks, progress)
            candidate = test.k if test else 1
        else:
            candidate = min(k, n)
            ks = range(candidate, candidate + 1)
        found = np.zeros(n, dtype=int) if candidate <= 1 else _fit(matrix, candidate)
        labels, how = _place(profiles, rich, found, candidate)
        validity = assess(matrix, labels[rich], ks, k is not None, null, progress, test)
    if validity.k < candidate:
        labels, how = _place(profiles, rich, np.zeros(n, dtype=int), 1)
    return Segmentation(labels, how, validity.k, validity)


def _fit(matrix: np.ndarray, k: int) -> np.ndarray:
    """k-means on everyone; beyond the validity sample (2,000 people), on that sample, with
    everyone else joining the nearest centre: the sample is what the personas were tested
    on, and a full fit with 10 starts on 100,000 profiles would take many minutes."""
    rows = tested_rows(len(matrix))
    if len(rows) == len(matrix):
        return kmeans(matrix, k, N_INIT)
    labels = kmeans(matrix[rows], k, N_INIT)
    centres = np.stack([matrix[rows[labels == t]].mean(axis=0) for t in range(k)])
    distances = ((centres ** 2).sum(axis=1)[None, :]
                 - 2 * np.vstack([matrix[i:i + 4096] @ centres.T
                                  for i in range(0, len(matrix), 4096)]))
    found = distances.argmin(axis=1)
    found[rows] = labels
    return found


def _place(profiles: Profiles, rich: np.ndarray, found: np.ndarray,
           k: int) -> tuple[np.ndarray, list[str]]:
    """Labels for everyone: the clustered people's, the thin ones' by their attributes."""
    n = len(profiles.ids)
    labels = np.full(n, -1, dtype=int)
    how = ["unassigned: no statements and no survey attributes"] * n
    labels[rich] = found
    for i in rich:
        how[i] = "profile"
    attributes = profiles.blocks["attributes"]
    centroids = np.array([attributes[rich[found == t]].mean(axis=0) for t in range(k)])
    for i in np.flatnonzero(profiles.thin):
        if attributes[i].any() and centroids.any():
            labels[i] = int(np.argmax(centroids @ attributes[i]))
            how[i] = "attributes"
        elif profiles.units[i]:
            how[i] = "unassigned: too little text and no survey attributes"
    return by_size(labels), how
