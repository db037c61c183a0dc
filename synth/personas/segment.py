"""Segment participants into personas, choosing how many by a stated criterion.

Criterion: k-means on the profiles (fixed seed, so the same study gives the same personas)
for every k from `min_personas(n)` to `max_personas(n)`, keeping the k with the best
silhouette (cosine, on a fixed sample of at most 2,000; `synth.kmeans`).
`max_personas(n)` = min(8, sqrt(n)) (2 for 6 interviewees, 3 for 12, 8 from 64 on);
`min_personas(n)` is half of it, at least 2: a single persona says nothing, and silhouette
alone favours a 2-way split. `k` overrides.

Only people with enough text are clustered. The others are placed afterwards by their
survey attributes alone (the persona whose members' attributes they are closest to), or
reported as unassigned when they have neither text nor attributes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from synth.errors import SynthError
from synth.kmeans import best_k, by_size, kmeans
from synth.personas.profile import MIN_UNITS, Profiles

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


def choose_k(matrix: np.ndarray) -> int:
    n = len(matrix)
    return best_k(matrix, min_personas(n), max_personas(n), N_INIT)


def segment(profiles: Profiles, k: int | None = None) -> Segmentation:
    n = len(profiles.ids)
    rich = np.flatnonzero(~profiles.thin)
    labels = np.full(n, -1, dtype=int)
    how = ["unassigned: no statements and no survey attributes"] * n
    if len(rich) == 0:
        raise SynthError(f"no participant has {MIN_UNITS} or more statements, so there is "
                         "nothing to segment. Ingest interviews or survey free-text answers")
    matrix = profiles.matrix()[rich]
    k = min(k or choose_k(matrix), len(rich))
    found = np.zeros(len(rich), dtype=int) if k <= 1 else kmeans(matrix, k, N_INIT)
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
    return Segmentation(by_size(labels), how, k)
