"""k-means as both clustering stages use it (themes within a question, personas among
participants): a fixed seed, k chosen by cosine silhouette within a range the stage sets,
and clusters numbered by size."""

from __future__ import annotations

import numpy as np

SEED = 0
SAMPLE = 2000     # silhouette on a fixed sample of at most this many points


def kmeans(matrix: np.ndarray, k: int, n_init: int) -> np.ndarray:
    """A cluster index per row (fixed seed: the same input gives the same clusters)."""
    from sklearn.cluster import KMeans

    return KMeans(n_clusters=k, n_init=n_init, random_state=SEED).fit(matrix).labels_


def best_k(matrix: np.ndarray, low: int, high: int, n_init: int) -> int:
    """The k in low..high with the best cosine silhouette (the smallest on a tie); 1 when
    there is no room for two clusters."""
    from sklearn.metrics import silhouette_score

    n = len(matrix)
    if high < 2 or n < 3:
        return 1
    best, best_score = low, -2.0
    for k in range(low, high + 1):
        labels = kmeans(matrix, k, n_init)
        if len(set(labels.tolist())) < 2:
            continue
        score = silhouette_score(matrix, labels, metric="cosine",
                                 sample_size=min(SAMPLE, n), random_state=SEED)
        if score > best_score + 1e-9:
            best, best_score = k, score
    return best


def by_size(labels: np.ndarray) -> np.ndarray:
    """Renumber clusters 0.. by size, largest first; ties by first appearance; -1 stays."""
    found = [t for t in dict.fromkeys(labels.tolist()) if t >= 0]
    order = sorted(found, key=lambda t: (-int((labels == t).sum()), found.index(t)))
    mapping = {old: new for new, old in enumerate(order)} | {-1: -1}
    return np.array([mapping[t] for t in labels.tolist()], dtype=int)
