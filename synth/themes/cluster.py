"""Cluster one question's units into a theme hierarchy: themes, and sub-themes within them.

Criterion: one Ward tree over the normalised embeddings (Euclidean distance on unit vectors
orders pairs as cosine does), cut twice, so every sub-theme lies inside one theme:
- sub-themes: the cut at Ward distance `SUBTHEME_CUT`;
- themes: the cut at `THEME_CUT`, and never more than `MAX_THEMES` (a reader takes in about a
  dozen; past that the tree is cut into `MAX_THEMES`).
Both distances were measured on real labelled data, the Jupyter UX survey's analyst codes
(7 questions, 2,211 single-coded answers; `benchmarks/insight_quality.py`): the sub-theme cut
is the one with the best adjusted mutual information (AMI) with the analysts' codes (0.270
at 2.5; 1.5 gives 0.231, 3.5 gives 0.252), the theme cut the coarsest whose AMI is within 10%
of that best (0.248 at 4.0, 4.5 falls to 0.234). Ward distances grow with the number of
statements merged, so more statements make more sub-themes: a question with 4,500 answers
may hold a hundred topics, and they are kept as sub-themes rather than lost in 20 buckets.
Beyond `TREE_LIMIT` units the tree is built on a fixed sample, with the cuts scaled to the
sample's size, and every unit joins the nearest sub-theme centre.

Sub-themes smaller than `MIN_SUBTHEME` join their nearest sibling; a theme with one
sub-theme has none. A unit is left unassigned only when it is unlike its theme (cosine to
its centre under `FLOOR`), never more than `MAX_UNASSIGNED` of the question: no outlier
bucket. `k` fixes the number of themes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from synth.kmeans import SEED, by_size

SUBTHEME_CUT = 2.5
THEME_CUT = 4.0
MAX_THEMES = 12
MIN_SUBTHEME = 3
TREE_LIMIT = 4000
FLOOR = 0.15
MAX_UNASSIGNED = 0.10


@dataclass
class Hierarchy:
    themes: np.ndarray       # theme index per unit, 0.. by size, -1 unassigned
    subthemes: np.ndarray    # sub-theme index per unit within its theme, 0.. by size; -1 none


def min_size(n: int) -> int:
    return max(2, n // 100)


def cluster(vectors: np.ndarray, k: int | None = None) -> Hierarchy:
    n = len(vectors)
    if n == 0:
        return Hierarchy(np.zeros(0, dtype=int), np.zeros(0, dtype=int))
    if n < 3:
        return Hierarchy(np.zeros(n, dtype=int), np.full(n, -1))
    fine, coarse = _cuts(vectors, k)
    coarse = _dissolve_small(vectors, coarse, min_size(n))
    coarse = by_size(_unassign_outliers(vectors, coarse))
    subthemes = np.full(n, -1)
    for theme in range(int(coarse.max()) + 1):
        inside = np.flatnonzero(coarse == theme)
        parts = _dissolve_small(vectors[inside], fine[inside], MIN_SUBTHEME)
        if len(set(parts.tolist())) > 1:
            subthemes[inside] = by_size(parts)
    return Hierarchy(coarse, subthemes)


def _cuts(vectors: np.ndarray, k: int | None) -> tuple[np.ndarray, np.ndarray]:
    """(sub-theme cut, theme cut): cluster numbers per unit from one Ward tree."""
    from scipy.cluster.hierarchy import fcluster, linkage

    n = len(vectors)
    sample = np.arange(n)
    if n > TREE_LIMIT:
        sample = np.sort(np.random.default_rng(SEED).choice(n, TREE_LIMIT, replace=False))
    scale = math.sqrt(len(sample) / n)
    tree = linkage(vectors[sample].astype(np.float64), method="ward")
    fine = fcluster(tree, SUBTHEME_CUT * scale, criterion="distance")
    if k:
        coarse = fcluster(tree, min(k, len(sample)), criterion="maxclust")
    else:
        coarse = fcluster(tree, THEME_CUT * scale, criterion="distance")
        if coarse.max() > MAX_THEMES:
            coarse = fcluster(tree, MAX_THEMES, criterion="maxclust")
    if len(sample) == n:
        return fine - 1, coarse - 1
    # every unit joins the nearest sub-theme centre; its theme is that sub-theme's theme
    centres = _centroids(vectors[sample], fine - 1)
    parent = {int(f): int(c) for f, c in zip(fine - 1, coarse - 1)}
    nearest = np.concatenate([np.argmax(vectors[i:i + 2048] @ centres.T, axis=1)
                              for i in range(0, n, 2048)])
    return nearest, np.array([parent[int(f)] for f in nearest])


def _centroids(vectors: np.ndarray, labels: np.ndarray) -> np.ndarray:
    size = int(labels.max()) + 1
    centroids = np.zeros((size, vectors.shape[1]), dtype=np.float64)
    for cluster_index in range(size):
        members = vectors[labels == cluster_index]
        if len(members):
            mean = members.mean(axis=0)
            centroids[cluster_index] = mean / (np.linalg.norm(mean) or 1.0)
    return centroids


def _dissolve_small(vectors: np.ndarray, labels: np.ndarray, smallest: int) -> np.ndarray:
    """Clusters under `smallest` units join the nearest cluster that is big enough."""
    labels = np.asarray(labels)
    counts = np.bincount(labels)
    keep = [t for t in range(len(counts)) if counts[t] >= smallest]
    if not keep or len(keep) == np.count_nonzero(counts):
        return labels
    centroids = _centroids(vectors, labels)[keep]
    moved = labels.copy()
    for i in np.flatnonzero(~np.isin(labels, keep)):
        moved[i] = keep[int(np.argmax(centroids @ vectors[i]))]
    return moved


def _unassign_outliers(vectors: np.ndarray, labels: np.ndarray) -> np.ndarray:
    centroids = _centroids(vectors, labels)
    similarity = np.einsum("ij,ij->i", vectors, centroids[labels])
    weakest = np.argsort(similarity, kind="stable")[: int(MAX_UNASSIGNED * len(labels))]
    labels = labels.copy()
    labels[[i for i in weakest if similarity[i] < FLOOR]] = -1
    return labels
