"""Cluster one dimension's units into themes, choosing how many by a stated criterion.

Criterion: k-means on the normalised embeddings (k-means++ seeding, fixed seed, so the
same input gives the same themes) for every k from `min_themes(n)` to `max_themes(n)`,
keeping the k with the best silhouette (cosine, on a fixed sample of at most 2,000 units).
`max_themes(n)` = min(20, sqrt(n / 2)) is a readable number of themes (5 for 60 units, 9
for 170, 20 from 800 on); `min_themes(n)` is half of it. Sentence embeddings give flat
silhouette curves whose maximum is often a useless 2-way split, so the silhouette only
chooses among granularities a reader can use. `k` overrides.
Themes smaller than `min_size(n)` are dissolved into their nearest theme. A unit is left
unassigned only when it is unlike every theme (cosine to its centroid under `FLOOR`),
and never more than `MAX_UNASSIGNED` of the dimension: no outlier bucket.
"""

from __future__ import annotations

import math

import numpy as np

from synth.kmeans import best_k, by_size, kmeans

FLOOR = 0.15
MAX_UNASSIGNED = 0.10
MAX_THEMES = 20
N_INIT = 4


def max_themes(n: int) -> int:
    return max(1, min(MAX_THEMES, int(math.sqrt(n / 2))))


def min_themes(n: int) -> int:
    return max(2, math.ceil(max_themes(n) / 2))


def min_size(n: int) -> int:
    return max(2, n // 100)


def choose_k(vectors: np.ndarray) -> int:
    n = len(vectors)
    return best_k(vectors, min_themes(n), max_themes(n), N_INIT)


def cluster(vectors: np.ndarray, k: int | None = None) -> np.ndarray:
    """A theme index per unit, 0..k-1 ordered by size (largest first), or -1 unassigned."""
    n = len(vectors)
    if n == 0:
        return np.zeros(0, dtype=int)
    k = min(k or choose_k(vectors), n)
    labels = np.zeros(n, dtype=int) if k <= 1 else kmeans(vectors, k, N_INIT)
    labels = _dissolve_small(vectors, labels, min_size(n))
    centroids = _centroids(vectors, labels)
    similarity = np.einsum("ij,ij->i", vectors, centroids[labels])
    weakest = np.argsort(similarity, kind="stable")[: int(MAX_UNASSIGNED * n)]
    labels = labels.copy()
    labels[[i for i in weakest if similarity[i] < FLOOR]] = -1
    return by_size(labels)


def _centroids(vectors: np.ndarray, labels: np.ndarray) -> np.ndarray:
    size = labels.max() + 1
    centroids = np.zeros((size, vectors.shape[1]), dtype=np.float64)
    for theme in range(size):
        members = vectors[labels == theme]
        if len(members):
            mean = members.mean(axis=0)
            centroids[theme] = mean / (np.linalg.norm(mean) or 1.0)
    return centroids


def _dissolve_small(vectors: np.ndarray, labels: np.ndarray, smallest: int) -> np.ndarray:
    counts = np.bincount(labels)
    keep = [t for t in range(len(counts)) if counts[t] >= smallest]
    if not keep or len(keep) == len(counts):
        return labels
    centroids = _centroids(vectors, labels)[keep]
    moved = labels.copy()
    for i in np.flatnonzero(~np.isin(labels, keep)):
        moved[i] = keep[int(np.argmax(centroids @ vectors[i]))]
    return moved
