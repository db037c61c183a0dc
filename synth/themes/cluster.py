"""Cluster one question's units into a theme hierarchy: themes, and sub-themes within them.

Criterion, measured on real labelled data (the Jupyter UX survey's analyst codes, 2,211
single-coded answers; `benchmarks/insight_quality.py`):
- how many themes: the number of clusters a Ward tree over the embeddings has at Ward
  distance `THEME_CUT`, never more than `MAX_THEMES` (a reader takes in about a dozen);
- which units: k-means with that k (fixed seed). Ward alone, cut at the same height, leaves
  one catch-all theme of a third of the answers; k-means with the same number of themes
  agrees better with the analysts (ARI 0.082 against 0.062, AMI 0.210 against 0.205);
- sub-themes: within each theme, a Ward tree cut at `SUBTHEME_CUT`, so every sub-theme lies
  inside one theme, and never more than `MAX_SUBTHEMES` (the tree cut lower down when the
  cut gives more).
The cuts: within a survey question, 2.5 gives the best adjusted mutual information with the
analysts' codes (0.270; 1.5 gives 0.231, 3.5 gives 0.252), and 4.0 is the coarsest cut within
10% of it (0.248). Ward distances grow with the number of statements merged, so more
statements make more sub-themes: a question with thousands of answers keeps its many topics
as sub-themes rather than losing them in 20 buckets. Up to a point: at 50,000 answers the cut
gave themes 77 sub-themes each, and at 500,000 it gave 2,600, which nobody reads (and which
made the persona profiles 25,000 columns wide). So a theme has at most `MAX_SUBTHEMES`; on
the Jupyter survey 6 of its 50 themes had more (13 to 23). Beyond `TREE_LIMIT` units a tree is
built on a fixed sample, with the cut scaled to the sample's size, and every unit joins the
nearest sub-theme centre.

Themes smaller than 1% of the question, and sub-themes smaller than `MIN_SUBTHEME`, join their
nearest sibling; a theme with one sub-theme has none. A unit is left unassigned only when it
is unlike its theme (cosine to its centre under `FLOOR`), never more than `MAX_UNASSIGNED` of
the question: no outlier bucket. `k` fixes the number of themes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from synth.kmeans import SEED, by_size, kmeans

SUBTHEME_CUT = 2.5
THEME_CUT = 4.0
MAX_THEMES = 12
MAX_SUBTHEMES = 12
MIN_SUBTHEME = 3
TREE_LIMIT = 4000
FLOOR = 0.15
MAX_UNASSIGNED = 0.10
N_INIT = 4


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
    k = min(k or theme_count(vectors), n)
    themes = np.zeros(n, dtype=int) if k <= 1 else kmeans(vectors, k, N_INIT)
    themes = _dissolve_small(vectors, themes, min_size(n))
    themes = by_size(_unassign_outliers(vectors, themes))
    subthemes = np.full(n, -1)
    for theme in range(int(themes.max()) + 1):
        inside = np.flatnonzero(themes == theme)
        if len(inside) < 2 * MIN_SUBTHEME:
            continue
        parts = _dissolve_small(vectors[inside],
                                _ward_cut(vectors[inside], SUBTHEME_CUT, MAX_SUBTHEMES),
                                MIN_SUBTHEME)
        if len(set(parts.tolist())) > 1:
            subthemes[inside] = by_size(parts)
    return Hierarchy(themes, subthemes)


def theme_count(vectors: np.ndarray, most: int = MAX_THEMES) -> int:
    """Clusters in the Ward tree at `THEME_CUT`, at most `most`."""
    return min(most, int(_ward_cut(vectors, THEME_CUT).max()) + 1)


def _ward_cut(vectors: np.ndarray, cut: float, most: int | None = None) -> np.ndarray:
    """Cluster numbers (0..) from a Ward tree cut at `cut` (on a sample beyond TREE_LIMIT),
    or lower down where that leaves at most `most` clusters."""
    from scipy.cluster.hierarchy import fcluster, linkage

    n = len(vectors)
    if n < 2:
        return np.zeros(n, dtype=int)
    sample = np.arange(n)
    if n > TREE_LIMIT:
        sample = np.sort(np.random.default_rng(SEED).choice(n, TREE_LIMIT, replace=False))
    tree = linkage(_distances(vectors[sample]), method="ward")
    found = fcluster(tree, cut * math.sqrt(len(sample) / n), criterion="distance") - 1
    if most is not None and found.max() + 1 > most:
        found = fcluster(tree, most, criterion="maxclust") - 1
    if len(sample) == n:
        return found
    centres = _centroids(vectors[sample], found)
    return np.concatenate([np.argmax(vectors[i:i + 2048] @ centres.T, axis=1)
                           for i in range(0, n, 2048)])


def _distances(vectors: np.ndarray) -> np.ndarray:
    """Condensed Euclidean distances between the rows, as `scipy.spatial.distance.pdist`
    gives them (to within 1e-14) but from one matrix product: 4x faster on 4,000 rows."""
    from scipy.spatial.distance import squareform

    rows = vectors.astype(np.float64)
    squared = rows @ rows.T
    norms = np.diag(squared).copy()
    squared *= -2
    squared += norms[:, None]
    squared += norms[None, :]
    np.maximum(squared, 0, out=squared)
    np.fill_diagonal(squared, 0)
    condensed = squareform(squared, checks=False)
    return np.sqrt(condensed, out=condensed)


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
