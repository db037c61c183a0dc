"""Representative quotes: central to the theme, not near-duplicates, from different people."""

from __future__ import annotations

import numpy as np

NEAR_DUPLICATE = 0.85
GOOD_LENGTH = (5, 60)   # words: long enough to stand alone, short enough to read


def representative(vectors: np.ndarray, texts: list[str], people: list[str],
                   count: int = 3) -> list[int]:
    """Indices (into the theme's units) of up to `count` quotes, most central first."""
    if not len(vectors):
        return []
    centroid = vectors.mean(axis=0)
    centroid /= np.linalg.norm(centroid) or 1.0
    centrality = vectors @ centroid
    order = sorted(range(len(texts)), key=lambda i: (
        not GOOD_LENGTH[0] <= len(texts[i].split()) <= GOOD_LENGTH[1], -centrality[i], i))
    chosen: list[int] = []
    for distinct_people in (True, False):
        for i in order:
            if len(chosen) == count:
                return chosen
            if i in chosen or (distinct_people and people[i] in {people[j] for j in chosen}):
                continue
            if any(float(vectors[i] @ vectors[j]) > NEAR_DUPLICATE for j in chosen):
                continue
            chosen.append(i)
    return chosen
