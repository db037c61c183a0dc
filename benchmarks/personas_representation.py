"""Why the default misses the Changelog shows: how each part of the persona profile separates
known groups, and what the default decides under other profiles.

    .venv/bin/python benchmarks/personas_representation.py --changelog PATH
        [--workspaces DIR] [--shared ../shared/data]

Reuses the workspaces `personas_quality.py --workspaces DIR` leaves (ingest and themes run
there when missing). For the Changelog podcasts (guests and hosts of Go Time, JS Party and
Practical AI, grouped by show; `known_groups.py`):

1. per profile block (`synth.personas.profile`), plain k-means (k = 3, seed 0, 10 starts)
   against the shows, and, as a ceiling no clustering can beat, 5-fold logistic regression
   told the shows (accuracy; the majority show alone is the floor);
2. the same for Go Time against JS Party only (k = 2);
3. what k-means at k = 3 on the mean embeddings groups: shows and statements per person;
4. the default decision (null test and stability, `synth.personas.segment`) under four
   profiles: as shipped; the meaning block centred (each person's statements less the
   study's mean statement); all four blocks weighted equally (entities 1.0, not 0.5); both.
   The same on the sample corpus (5 planted segments) and, with `--shared`, on the Jupyter
   survey and on its shuffled copy, which must stay one persona.
The variants are built here, by swapping the profile builder the null test uses too; the
tool itself ships the first.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import adjusted_rand_score
from sklearn.model_selection import StratifiedKFold, cross_val_score

sys.path.insert(0, str(Path(__file__).resolve().parent))
from known_groups import changelog_corpus
from personas_quality import SURVEY, TRUTH, analysed

import synth.personas.profile as profile
import synth.personas.validity as validity
from synth.embed import load_embedder
from synth.kmeans import kmeans
from synth.personas.segment import segment
from synth.personas.validity import ShuffledAnswers
from synth.study import Study, load_study

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = profile.build_profiles
BLOCKS = ("meaning", "themes", "entities")


def variant(centred: bool, entities: float) -> Callable[[Study], profile.Profiles]:
    """A profile builder: as shipped, with the meaning block optionally centred on the
    study's mean statement and the entities block weighted `entities`."""
    def build(study: Study) -> profile.Profiles:
        found = SHIPPED(study)
        if centred and len(study.vectors):
            row = {pid: i for i, pid in enumerate(found.ids)}
            kept = [i for i, u in enumerate(study.units) if u.participant_id in row]
            centre = study.vectors[kept].mean(axis=0)
            meaning = np.zeros_like(found.blocks["meaning"])
            for i in kept:
                meaning[row[study.units[i].participant_id]] += study.vectors[i] - centre
            found.blocks["meaning"] = profile._unit_rows(meaning)
        return found
    build.entities = entities  # type: ignore[attr-defined]
    return build


def decide(study: Study, truth: dict[str, str], build: Callable) -> str:
    """The default decision with `build` as the profile builder (the null's too)."""
    weights = dict(profile.WEIGHTS)
    profile.WEIGHTS["entities"] = build.entities
    validity.build_profiles = build
    try:
        profiles = build(study)
        rich = [pid for pid, thin in zip(profiles.ids, profiles.thin) if not thin]
        found = segment(profiles, None, ShuffledAnswers(study, rich))
    finally:
        validity.build_profiles = SHIPPED
        profile.WEIGHTS.update(weights)
    v = found.validity
    pairs = [(truth[pid], label) for pid, label in zip(profiles.ids, found.labels.tolist())
             if pid in truth and label >= 0]
    score = adjusted_rand_score(*zip(*pairs)) if pairs and truth else float("nan")
    test, held = v.null, v.stability
    return (f"{v.decision}, k {v.k} (best k {v.candidate_k}: z {test.z:.1f}, subsets ARI "
            f"{held.mean_ari:.2f}) | {'-' if np.isnan(score) else f'{score:.3f}'}"
            if test and held else f"{v.decision}, k {v.k} | -")


def separability(study: Study, truth: dict[str, str]) -> None:
    profiles = SHIPPED(study)
    rows = np.array([i for i, pid in enumerate(profiles.ids)
                     if not profiles.thin[i] and pid in truth])
    shows = np.array([truth[profiles.ids[i]] for i in rows])
    folds = StratifiedKFold(5, shuffle=True, random_state=0)
    meaning = profiles.blocks["meaning"][rows]
    cosine = meaning @ meaning.T
    sizes = ", ".join(f"{g} {n}" for g, n in sorted(Counter(shows).items()))
    print(f"{len(rows)} speakers ({sizes}); mean cosine between two speakers' mean embeddings "
          f"{cosine[np.triu_indices(len(rows), 1)].mean():.2f}\n")
    for title, keep, k in (("three shows", np.ones(len(rows), bool), 3),
                           ("Go Time vs JS Party", shows != "Practical AI", 2)):
        floor = Counter(shows[keep]).most_common(1)[0][1] / keep.sum()
        print(f"{title} (majority {floor:.2f}):\n\n| block | k-means ARI (k {k}) | "
              "logistic regression accuracy (5-fold) |\n|---|---:|---:|")
        for name in (*BLOCKS, "all (as segmented)"):
            x = (profiles.matrix(rows) if name.startswith("all") else
                 profiles.blocks[name][rows])[keep]
            ari = adjusted_rand_score(shows[keep], kmeans(x, k, 10))
            accuracy = cross_val_score(LogisticRegression(max_iter=2000), x, shows[keep],
                                       cv=folds).mean()
            print(f"| {name} | {ari:.3f} | {accuracy:.2f} |")
        print()
    labels = kmeans(meaning, 3, 10)
    statements = np.array(profiles.units)[rows]
    print("k-means on mean embeddings, k = 3:\n\n| cluster | speakers | by show | median "
          "statements |\n|---|---:|---|---:|")
    for cluster in range(3):
        members = labels == cluster
        mix = ", ".join(f"{g} {n}" for g, n in Counter(shows[members]).most_common())
        print(f"| {cluster + 1} | {members.sum()} | {mix} | {np.median(statements[members]):.0f} |")
    print()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--changelog", type=Path, required=True,
                        help="a clone of github.com/thechangelog/transcripts (at 44a0e16c)")
    parser.add_argument("--workspaces", type=Path, required=True)
    parser.add_argument("--shared", type=Path, default=None)
    args = parser.parse_args()
    embedder = load_embedder(precision="fast")
    studies: list[tuple[str, Study, dict[str, str]]] = []
    folder = args.workspaces / "changelog"
    speakers = changelog_corpus(args.changelog, folder / "in")
    with analysed([folder / "in"], folder) as workspace:
        ids = {r["name"]: r["id"] for r in workspace.query(
            "SELECT id, name FROM participants WHERE kind = 'participant'")}
        truth = {ids[name]: show for name, show in speakers.items() if name in ids}
        studies.append(("Changelog podcasts by show", load_study(workspace, embedder), truth))
    separability(studies[0][1], truth)
    planted = {r["Response ID"]: r["segment"] for r in csv.DictReader(
        (TRUTH / "sample-survey-truth.csv").open(encoding="utf-8"))}
    planted |= {r["speaker"]: r["segment"] for r in csv.DictReader(
        (TRUTH / "sample-interviews-truth.csv").open(encoding="utf-8"))}
    with analysed([ROOT / "corpora"], args.workspaces / "sample") as workspace:
        names = {r["id"]: r["name"] for r in workspace.query("SELECT id, name FROM participants")}
        studies.append(("sample corpus (5 planted)", load_study(workspace, embedder),
                        {pid: planted[name] for pid, name in names.items() if name in planted}))
    if args.shared and (args.shared / SURVEY).is_file():
        with analysed([args.shared / SURVEY], args.workspaces / "jupyter") as workspace:
            studies.append(("Jupyter survey", load_study(workspace, embedder), {}))
        shuffled = args.workspaces / "shuffled" / "in" / "survey-export.csv"
        if shuffled.is_file():   # written by personas_quality.py --only shuffled
            with analysed([shuffled], args.workspaces / "shuffled") as workspace:
                studies.append(("Jupyter survey, answers shuffled",
                                load_study(workspace, embedder), {}))
    variants = (("as shipped", variant(False, 0.5)), ("meaning centred", variant(True, 0.5)),
                ("blocks weighted equally", variant(False, 1.0)),
                ("centred and equal", variant(True, 1.0)))
    print("| study | profile | default decision (best k: z, subsets ARI) | ARI vs groups |")
    print("|---|---|---|---:|")
    for name, study, truth in studies:
        for label, build in variants:
            print(f"| {name} | {label} | {decide(study, truth, build)} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
