"""Which new theme is which old one: a one-to-one matching on shared statements and centres.

Score of old theme i against new theme j: the Jaccard overlap of their statements, counted
over the statements both runs saw (new statements cannot be in an old theme), plus a small
weight on the cosine of their centres to break ties. The Hungarian method
(`scipy.optimize.linear_sum_assignment`) picks the pairing with the highest total score; a
pair is kept when the overlap is at least `MIN_OVERLAP`, or, for an old theme none of whose
statements is left (they were forgotten), when the centres' cosine is at least `MIN_COSINE`.
Old themes left without a partner have vanished; new themes without one are new.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

MIN_OVERLAP = 0.3
MIN_COSINE = 0.9
COSINE_WEIGHT = 0.05


@dataclass
class Side:
    """One theme to match: its statements and its normalised centre."""

    members: frozenset[str]
    centre: np.ndarray


def match(old: list[Side], new: list[Side], seen: set[str]) -> dict[int, int]:
    """new index -> old index for the pairs that are the same theme."""
    if not old or not new:
        return {}
    from scipy.optimize import linear_sum_assignment

    overlap = np.zeros((len(old), len(new)))
    for i, before in enumerate(old):
        for j, after in enumerate(new):
            kept = after.members & seen
            union = len(before.members | kept)
            overlap[i, j] = len(before.members & kept) / union if union else 0.0
    cosine = np.array([[float(a.centre @ b.centre) for b in new] for a in old])
    rows, cols = linear_sum_assignment(overlap + COSINE_WEIGHT * cosine, maximize=True)
    found = {}
    for i, j in zip(rows.tolist(), cols.tolist()):
        if overlap[i, j] >= MIN_OVERLAP or (not old[i].members and cosine[i, j] >= MIN_COSINE):
            found[j] = i
    return found


def centre(vectors: np.ndarray) -> np.ndarray:
    mean = vectors.mean(axis=0) if len(vectors) else np.zeros(vectors.shape[1])
    return mean / (np.linalg.norm(mean) or 1.0)
