"""Segment participants into personas, choosing how many by a stated criterion.

Criterion: k-means on the profiles (fixed seed, so the same study gives the same personas)
for every k from `min_personas(n)` to `max_personas(n)`, keeping the k with the best
silhouette (cosine; `synth.kmeans`), all on the fixed sample of at most 2,000 people that
the validity test uses. Beyond 2,000 people the personas are fitted on that sample and
everyone else joins the nearest centre, so the cost stays flat as studies grow.
`max_personas(n)` = min(8, sqrt(n)) (2 for 6 interviewees, 3 for 12, 8 from 64 on);
`min_personas(n)` is half of it, at least 2: a single persona says nothing, and silhouette
alone favours a 2-way split. `k` overrides.

Then the segmentation must prove itself (`validity.py`): its silhouette must beat the same
people's answers shuffled across people, and its personas must hold together on subsets.
When it does not, the study gets one study-wide persona and the reason; a forced k is kept,
with the figures reported anyway.

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
from synth.kmeans import best_k, by_size, kmeans
from synth.personas.profile import MIN_UNITS, Profiles
from synth.personas.validity import Null, ShuffledColumns, Validity, assess, tested_rows
from synth.progress import Progress, silent

MAX_PERSONAS = 8
N_INIT = 10


def max_personas(n: int) -> int:
    return max(1, min(MAX_PERSONAS, int(math.sqrt(n))))


def min_personas(n: int) -> int:
    return min(max_personas(n), max(2, math.ceil(max_personas(n) / 2)))


@dataclass
class Segmentation:
    labels: np.ndarray      # persona index per participant (0 = largest), -1 unassigned
    how: list[str]          # per participant: profile | attributes | unassigned: why
    k: int
    validity: Validity


def choose_k(matrix: np.ndarray) -> int:
    """The number of personas, chosen on the people the validity test samples (everyone
    up to 2,000): the silhouette is computed on such a sample anyway, and refitting every
    candidate k on tens of thousands of people would cost minutes for the same answer."""
    n = len(matrix)
    return best_k(matrix[tested_rows(n)], min_personas(n), max_personas(n), N_INIT)


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
    with threadpool_limits(limits=1):
        candidate = min(k or choose_k(matrix), n)
        found = np.zeros(n, dtype=int) if candidate <= 1 else _fit(matrix, candidate)
        labels, how = _place(profiles, rich, found, candidate)
        validity = assess(matrix, labels[rich], range(min_personas(n), max_personas(n) + 1),
                          k is not None, null or ShuffledColumns(matrix), progress)
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
