"""Are the personas real? A null test and a stability check, each with a stated rule.

**Null test.** The statistic is the cosine silhouette of k-means (on the first
`TEST_COMPONENTS` principal components, `TEST_STARTS` starts, the silhouette on the full
profiles) at each k of the persona range (or at the forced k). It is computed on the real
profiles and on `NULL_RUNS` null copies of them (seeds 1..NULL_RUNS), in which the answers
are dealt out again: each column is shuffled independently across people, which keeps every
column's answers (the marginals) and destroys who-said-what-together (the joint structure).
At each k, the gap = real - null mean; the k with the largest gap is the segmentation's
k (`segment.py`). Segments are structure only when, at that k, the real silhouette beats
every null copy (permutation p = 1/(NULL_RUNS + 1) = 0.048) *and* z >= `Z_MIN`. (Choosing
the best of up to 7 k's before testing makes the test a little lenient; the stability check
below and the z rule keep it honest.) The test runs on a fixed sample of at most
`TEST_SAMPLE` people.

For a study the columns are whole answers (`ShuffledAnswers`): a survey question's answer,
an interviewee's statements on one persona question, a survey choice column. Shuffling
single feature columns of the profile (`ShuffledColumns`, for bare matrices) breaks apart
what real text always has (correlated embedding dimensions, one-hot answers in clumps) and
calls noise structure: measured z 7.0 on the real Jupyter survey and 11.9 on answers dealt at
random, against -1.3 and 1.3 with whole answers; the planted sample corpus gives z 53.7.

**Stability** (Hennig's clusterboot, with subsets): the segmentation is rerun on
`STABILITY_RUNS` random 80% subsets (seeds 1..STABILITY_RUNS). For each: the adjusted Rand
index with the full solution on the people both share, and per persona the Jaccard index of
its members with the most similar subset cluster. The segmentation is stable when the mean
ARI is at least `ARI_MIN`; a persona whose mean Jaccard is under `JACCARD_MIN` is flagged
(Hennig: under 0.5 a cluster dissolves, from 0.75 on it is stable).

**Decision.** Segments are reported when they pass both; otherwise the study gets one
study-wide persona, with the reason and the figures. A forced k (`--k N`) is kept, and the
figures are reported for it anyway.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field, replace

import numpy as np

from synth.kmeans import SEED, kmeans
from synth.personas.profile import build_profiles
from synth.progress import Progress, silent
from synth.study import Study, Unit
from synth.words import count

NULL_RUNS = 20
STABILITY_RUNS = 10
SUBSET = 0.8
TEST_SAMPLE = 2000        # the null test and the stability check use at most this many people
Z_MIN = 3.0
ARI_MIN = 0.75
JACCARD_MIN = 0.75
N_INIT = 10               # k-means starts for the stability subsets (as the segmentation)
TEST_STARTS = 3           # ...and for the null test, on the profiles' first principal
TEST_COMPONENTS = 50      # components: 21 fits per k, affordable for 2,000 people
WORKERS = 4               # processes for the null copies and the subsets (at most the cores)

# A null: (rows of the people tested, seed) -> their profiles with the answers shuffled
# among them; seed None gives their real profiles, built the same way.
Null = Callable[[np.ndarray, "int | None"], np.ndarray]


@dataclass
class NullTest:
    statistic: str             # what was compared, in words
    real: float                # the statistic on the real profiles
    k: int                     # the k at which it was reached
    null: list[float]          # the statistic on each null copy
    null_mean: float
    null_sd: float
    null_max: float
    z: float
    p: float                   # (1 + null copies at least as good) / (1 + copies)
    passed: bool
    z_by_k: dict[str, float | None] = field(default_factory=dict)  # z at each k tried
    gap_by_k: dict[str, float | None] = field(default_factory=dict)   # real - null mean at each k


@dataclass
class Stability:
    runs: int
    subset: float
    mean_ari: float
    min_ari: float
    jaccard: list[float]       # per persona, in persona order (persona-1 first)
    passed: bool

    @property
    def flagged(self) -> list[int]:
        """Personas (1-based) whose members do not hold together across subsets."""
        return [i + 1 for i, value in enumerate(self.jaccard) if value < JACCARD_MIN]


@dataclass
class Validity:
    people: int                # people segmented by their profiles
    tested: int                # of them, in the null test and the stability check
    candidate_k: int           # the segmentation the figures are about
    k: int                     # personas reported
    forced: bool
    decision: str              # segments | one persona | forced | defined
    reason: str
    null: NullTest | None = None
    stability: Stability | None = None
    defined: dict | None = None  # researcher-defined segments: how, distinctness figures
    rule: dict = field(default_factory=lambda: {
        "null_runs": NULL_RUNS, "p_max": round(1 / (NULL_RUNS + 1), 4), "z_min": Z_MIN,
        "stability_runs": STABILITY_RUNS, "subset": SUBSET, "ari_min": ARI_MIN,
        "jaccard_min": JACCARD_MIN, "sample": TEST_SAMPLE})

    def as_dict(self) -> dict:
        found = asdict(self)
        if self.stability is not None:
            found["stability"]["flagged"] = self.stability.flagged
        return found


class ShuffledColumns:
    """The null for a bare profile matrix: every feature column shuffled on its own."""

    def __init__(self, matrix: np.ndarray) -> None:
        self.matrix = matrix

    def __call__(self, rows: np.ndarray, seed: int | None) -> np.ndarray:
        chosen = self.matrix[rows]
        if seed is None:
            return chosen
        order = np.random.default_rng(seed).random(chosen.shape).argsort(axis=0)
        return np.take_along_axis(chosen, order, axis=0)


class ShuffledAnswers:
    """The null for a study: each survey question's answers, each interview's statements on
    each persona question, and each survey choice column, dealt out again among the people
    tested (every column its own shuffle); profiles are then built exactly as for real."""

    def __init__(self, study: Study, ids: list[str]) -> None:
        self.study = study
        self.ids = ids               # one per matrix row
        # looked up once, not per copy: scanning 500,000 statements 21 times cost minutes
        self.statements: dict[str, list[int]] = {}
        for index, unit in enumerate(study.units):
            self.statements.setdefault(unit.participant_id, []).append(index)
        self.persons = {p.id: p for p in study.people}

    def __call__(self, rows: np.ndarray, seed: int | None) -> np.ndarray:
        people = [self.ids[r] for r in rows]
        slot = {pid: i for i, pid in enumerate(people)}
        kept = sorted(i for pid in people for i in self.statements.get(pid, []))
        chosen = [self.persons[pid] for pid in people]
        rng = np.random.default_rng(seed) if seed is not None else None
        deal: dict[str, np.ndarray] = {}
        units = []
        for index in kept:
            unit = self.study.units[index]
            if rng is not None:
                key = answer_column(unit)
                if key not in deal:
                    deal[key] = rng.permutation(len(people))
                unit = replace(unit, participant_id=people[deal[key][slot[unit.participant_id]]])
            units.append(unit)
        if rng is not None:
            answers: list[dict[str, str]] = [{} for _ in chosen]
            for column in sorted({c for p in chosen for c in p.attributes}):
                order = rng.permutation(len(chosen))
                for i, person in enumerate(chosen):
                    if column in person.attributes:
                        answers[order[i]][column] = person.attributes[column]
            chosen = [replace(p, attributes=a) for p, a in zip(chosen, answers)]
        sub = replace(self.study, units=units, vectors=self.study.vectors[kept], people=chosen)
        profiles = build_profiles(sub)
        order = {pid: i for i, pid in enumerate(profiles.ids)}
        return profiles.matrix(np.array([order[pid] for pid in people]))


def answer_column(unit: Unit) -> str:
    """What a statement answers: its survey question, else its persona question."""
    if unit.location.startswith("row ") and ", column " in unit.location:
        return "survey:" + unit.location.split(", column ", 1)[1]
    return "question:" + unit.dimension


def tested_rows(n: int) -> np.ndarray:
    """The rows tested: everyone up to TEST_SAMPLE, else a fixed random sample, in order."""
    if n <= TEST_SAMPLE:
        return np.arange(n)
    return np.sort(np.random.default_rng(SEED).choice(n, TEST_SAMPLE, replace=False))


def principal_components(matrix: np.ndarray, count: int = TEST_COMPONENTS) -> np.ndarray:
    """The rows' coordinates on the matrix's first `count` principal components."""
    centred = matrix - matrix.mean(axis=0)
    u, s, _ = np.linalg.svd(centred, full_matrices=False)
    return u[:, :count] * s[:count]


def silhouette(matrix: np.ndarray, ks: range) -> dict[int, float]:
    """The cosine silhouette (on the full profiles) of k-means (on their principal
    components) at each k of `ks` (-1.0 where no split exists)."""
    from sklearn.metrics import silhouette_score
    from sklearn.metrics.pairwise import cosine_distances

    reduced = principal_components(matrix)
    distances = cosine_distances(matrix)
    np.fill_diagonal(distances, 0.0)
    found = {}
    for k in ks:
        found[k] = -1.0
        if k < 2 or k >= len(matrix):
            continue
        labels = kmeans(reduced, k, TEST_STARTS)
        if len(set(labels.tolist())) < 2:
            continue
        found[k] = float(silhouette_score(distances, labels, metric="precomputed"))
    return found


def choose_k(gaps: dict[int, float]) -> int:
    """The k whose silhouette stands furthest above the shuffled copies' at the same k (the
    smallest on a tie). The copies' silhouette at each k is what splitting these answers
    into k groups gives without any structure, so a k gains only by finding more structure,
    not by being a finer split. (Measured on the planted sample corpus: the gap picks its 5
    segments; z = gap / sd picked 2, and Tibshirani's one-sd rule 4.)"""
    return max(sorted(gaps), key=lambda k: (round(gaps[k], 6), -k))


def null_test(null: Null, rows: np.ndarray, ks: range, progress: Progress = silent) -> NullTest:
    """The silhouette at each k of `ks` on the real profiles and on each null copy; the k
    chosen by the gap over the copies (`choose_k`), and the test at that k."""
    progress("null test", 0, NULL_RUNS + 1, "")
    found = []
    copies = (null(rows, seed) for seed in [None, *range(1, NULL_RUNS + 1)])
    for done, result in enumerate(_in_parallel(silhouette, copies, ks), 1):
        found.append(result)
        progress("null test", done, NULL_RUNS + 1, "")
    real, copies_found = found[0], found[1:]
    gaps, zs = {}, {}
    for k in ks:
        scores = [copy[k] for copy in copies_found]
        mean, sd = float(np.mean(scores)), float(np.std(scores, ddof=1))
        gaps[k] = real[k] - mean if real[k] > -1.0 else -np.inf
        zs[k] = ((real[k] - mean) / sd if sd > 0 else
                 (0.0 if real[k] <= mean else float("inf"))) if real[k] > -1.0 else -np.inf
    k = choose_k(gaps)
    scores = [copy[k] for copy in copies_found]
    mean, sd, z = float(np.mean(scores)), float(np.std(scores, ddof=1)), zs[k]
    p = (1 + sum(score >= real[k] for score in scores)) / (1 + NULL_RUNS)
    span = f"k = {ks[0]}" if len(ks) == 1 else f"k from {ks[0]} to {ks[-1]}"
    return NullTest(f"cosine silhouette of k-means against shuffled answers, {span}",
                    round(real[k], 4), k, [round(s, 4) for s in scores], round(mean, 4),
                    round(sd, 4), round(max(scores), 4),
                    round(z, 2) if np.isfinite(z) else (99.0 if z > 0 else -99.0),
                    round(p, 4), real[k] > max(scores) and z >= Z_MIN,
                    {str(key): (round(value, 2) if np.isfinite(value) else None)
                     for key, value in zs.items()},
                    {str(key): (round(value, 4) if np.isfinite(value) else None)
                     for key, value in gaps.items()})


def stability(matrix: np.ndarray, labels: np.ndarray, progress: Progress = silent) -> Stability:
    """Agreement of k-means on 80% subsets with `labels` (the full solution, 0..k-1)."""
    from sklearn.metrics import adjusted_rand_score

    n, k = len(matrix), int(labels.max()) + 1
    size = min(n, max(k + 1, round(SUBSET * n)))
    subsets = [np.sort(np.random.default_rng(SEED + 1 + run).choice(n, size, replace=False))
               for run in range(STABILITY_RUNS)]
    aris, jaccards = [], np.zeros((STABILITY_RUNS, k))
    progress("stability", 0, STABILITY_RUNS, "")
    fits = _in_parallel(kmeans, (matrix[subset] for subset in subsets), k, N_INIT)
    for run, (subset, again) in enumerate(zip(subsets, fits)):
        progress("stability", run, STABILITY_RUNS, "")
        full = labels[subset]
        aris.append(adjusted_rand_score(full, again))
        for persona in range(k):
            members = full == persona
            jaccards[run, persona] = max(
                (members & (again == t)).sum() / max((members | (again == t)).sum(), 1)
                for t in range(k))
    progress("stability", STABILITY_RUNS, STABILITY_RUNS, "")
    mean_ari = float(np.mean(aris))
    return Stability(STABILITY_RUNS, SUBSET, round(mean_ari, 4), round(float(min(aris)), 4),
                     [round(float(j), 4) for j in jaccards.mean(axis=0)], mean_ari >= ARI_MIN)


def _in_parallel(function: Callable, inputs: Iterable[np.ndarray], *args: object) -> Iterator:
    """`function(x, *args)` for each input, in order, on up to `WORKERS` processes (one
    thread each). Every call is seeded, so the results do not depend on how many run."""
    from joblib import Parallel, delayed

    jobs = min(WORKERS, len(os.sched_getaffinity(0)))
    if jobs < 2:
        return (function(x, *args) for x in inputs)
    return Parallel(n_jobs=jobs, backend="loky", return_as="generator")(
        delayed(function)(x, *args) for x in inputs)


def assess(matrix: np.ndarray, labels: np.ndarray, ks: range, forced: bool,
           null: Null, progress: Progress = silent, test: NullTest | None = None) -> Validity:
    """The figures for the segmentation `labels` (0..k-1, one per row of `matrix`) and the
    decision: keep its personas, or report one study-wide persona."""
    n, k = len(matrix), int(labels.max()) + 1
    rows = tested_rows(n)
    if k < 2 and (forced or n < 3 or ks[-1] < 2):
        why = (f"forced by --k {k}" if forced else
               f"{count(n, 'person', 'people')} with enough to say are too few to test "
               "for segments")
        return Validity(n, len(rows), k, k, forced, "forced" if forced else "one persona", why)
    if test is None or test.k != k:
        test = null_test(null, rows, range(k, k + 1) if forced else ks, progress)
    held = stability(matrix[rows], labels[rows], progress)
    found = (f"the split chosen ({test.statistic.split(', ')[1]}: k = {test.k}) has "
             f"silhouette {test.real:.3f}"
             f" against {NULL_RUNS} shuffled copies' mean {test.null_mean:.3f} and max"
             f" {test.null_max:.3f} (z {test.z:.1f}, p {test.p:.3f})")
    stable = f"on {STABILITY_RUNS} 80% subsets the mean ARI is {held.mean_ari:.2f}"
    if forced:
        verdict = ("the segments beat the null" if test.passed and held.passed else
                   "the data do not support segments" if not test.passed else
                   "the segments are not stable")
        return Validity(n, len(rows), k, k, True, "forced",
                        f"forced by --k {k}; {verdict}: {found}; {stable}", test, held)
    if not test.passed:
        return Validity(n, len(rows), k, 1, False, "one persona",
                        f"no segments beat shuffled answers: {found}", test, held)
    if not held.passed:
        return Validity(n, len(rows), k, 1, False, "one persona",
                        f"the segments are not stable: {stable} (needs {ARI_MIN}); {found}",
                        test, held)
    return Validity(n, len(rows), k, k, False, "segments",
                    f"{k} segments beat shuffled answers: {found}; {stable}", test, held)
