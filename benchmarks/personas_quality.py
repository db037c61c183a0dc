"""Persona segmentation against planted and published ground truth, and against noise.

    .venv/bin/python benchmarks/personas_quality.py [--shared ../shared/data] [--only NAME,...]

For each study: the validity figures (the best cosine silhouette against 20 copies with each
answer shuffled across people: null mean, sd and max, z and p; the mean ARI on 10 subsets of
80% and the lowest per-persona Jaccard), the decision and k, and the ARI against the truth
where there is one.

- `sample`: the sample corpus (`corpora/`), against its planted segments in
  `benchmarks/truth/` (interviewees by speaker, respondents by Response ID), with each planted
  segment's persona, kind and motivation.
- `interviews`: the shared PyPI interviews (`pypi-mismatches-interviews`), automatic and with
  k = 2, against upstream maintainers (Donald, Ernest, Nick) vs downstream users (Naomi,
  Terri, Jackie).
- `jupyter`: the real Jupyter UX survey export (no truth).
- `shuffled`: the same export with each column's answers shuffled across rows (seed 0,
  written to a temporary folder): no segments exist, so the right answer is one persona.
Seconds are wall-clock for themes + personas (ingest and model loading excluded).
"""

from __future__ import annotations

import argparse
import csv
import random
import tempfile
import time
from collections import Counter
from pathlib import Path

from sklearn.metrics import adjusted_rand_score

from synth.embed import load_embedder
from synth.ingest import IngestOptions, ingest
from synth.stages import PersonasRun, Settings, run_personas, run_themes
from synth.workspace import Workspace

ROOT = Path(__file__).resolve().parents[1]
TRUTH = ROOT / "benchmarks" / "truth"
PRECISION = "fast"        # the embeddings (insight_quality.py sets it from --precision)
MAINTAINERS = {"Donald", "Ernest", "Nick"}
SURVEY = Path("jupyter-ux-survey-2015") / "survey-export.csv"


def personas(paths: list[Path], folder: Path,
             ks: tuple[int | None, ...] = (None,)) -> list[tuple[dict, PersonasRun, float]]:
    """Per k: (participant name -> persona index, the run, seconds)."""
    embedder = load_embedder(precision=PRECISION)
    found = []
    with Workspace.open(folder / "ws") as workspace:
        ingest(workspace, paths, IngestOptions())
        embedder.embed_batch(["warm up"])
        start = time.perf_counter()
        run_themes(workspace, Settings(out=folder / "out"), embedder)
        themes = time.perf_counter() - start
        names = {r["id"]: r["name"] for r in workspace.query("SELECT id, name FROM participants")}
        for k in ks:
            start = time.perf_counter()
            run = run_personas(workspace, Settings(out=folder / f"out-{k}", personas=k),
                               embedder)
            seconds = themes + time.perf_counter() - start
            assigned = {names[pid]: int(label) for pid, label in
                        zip(run.result.ids, run.result.segmentation.labels.tolist())}
            found.append((assigned, run, seconds))
    return found


def row(study: str, run: PersonasRun, seconds: float, ari: float | None) -> str:
    """One line of the table: the validity figures, the decision, k and the ARI."""
    v = run.result.segmentation.validity
    test, held = v.null, v.stability
    null = (f"{test.real:.3f} (k {test.k}) | {test.null_mean:.3f} ± {test.null_sd:.3f}, max "
            f"{test.null_max:.3f} | {test.z:.1f} | {test.p:.3f}") if test else "- | - | - | -"
    stable = (f"{held.mean_ari:.2f} | {min(held.jaccard):.2f}") if held else "- | -"
    return (f"| {study} | {v.people} | {null} | {stable} | {v.decision} | "
            f"{v.k} (of {v.candidate_k}) | {'-' if ari is None else f'{ari:.3f}'} | "
            f"{seconds:.0f} |")


def sample(folder: Path) -> list[str]:
    truth = {r["Response ID"]: r["segment"] for r in csv.DictReader(
        (TRUTH / "sample-survey-truth.csv").open(encoding="utf-8"))}
    truth |= {r["speaker"]: r["segment"] for r in csv.DictReader(
        (TRUTH / "sample-interviews-truth.csv").open(encoding="utf-8"))}
    [(assigned, run, seconds)] = personas([ROOT / "corpora"], folder)
    cards = run.result.cards
    pairs = [(truth[name], label) for name, label in assigned.items() if name in truth]
    print(f"Sample corpus: {len(pairs)} people with a planted segment\n")
    print("| planted segment | people | persona (members from it) | kind | motivation |")
    print("|---|---:|---|---|---|")
    for segment in sorted(set(truth.values())):
        labels = Counter(label for planted, label in pairs if planted == segment)
        label, count = labels.most_common(1)[0]
        card = cards[label] if label >= 0 else None
        motivation = (card["motivation"]["dominant"] or {}).get("title", "-") if card else "-"
        print(f"| {segment} | {sum(labels.values())} | {card['name'] if card else '-'} "
              f"({count}) | {card['kind'] if card else '-'} | {motivation} |")
    print()
    return [row("sample corpus (planted segments)", run, seconds,
                adjusted_rand_score(*zip(*pairs)))]


def interviews(shared: Path, folder: Path) -> list[str]:
    found = personas([shared / "pypi-mismatches-interviews"], folder, ks=(None, 2))
    rows = []
    for (assigned, run, seconds), k in zip(found, ("automatic", "k = 2")):
        truth = [("maintainer" if name in MAINTAINERS else "user", label)
                 for name, label in assigned.items()]
        groups = {}
        for name, label in sorted(assigned.items()):
            groups.setdefault(label, []).append(name)
        print(f"PyPI interviews, {k}: " + "; ".join(", ".join(g) for g in groups.values()))
        rows.append(row(f"PyPI interviews, {k} (maintainers/users)", run, seconds,
                        adjusted_rand_score(*zip(*truth))))
    return rows


def jupyter(shared: Path, folder: Path) -> list[str]:
    [(_, run, seconds)] = personas([shared / SURVEY], folder)
    return [row("Jupyter survey", run, seconds, None)]


def shuffled(shared: Path, folder: Path) -> list[str]:
    """Each column's answers shuffled across rows (seed 0): no respondent is real any more."""
    with (shared / SURVEY).open(encoding="utf-8", newline="") as handle:
        header, *body = list(csv.reader(handle))
    columns = [list(column) for column in zip(*body)]
    rng = random.Random(0)
    for column in columns:
        rng.shuffle(column)
    path = folder / "in" / "survey-export.csv"
    path.parent.mkdir(parents=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([header, *zip(*columns)])
    [(_, run, seconds)] = personas([path], folder)
    return [row("Jupyter survey, columns shuffled", run, seconds, None)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--only", default="sample,interviews,jupyter,shuffled")
    args = parser.parse_args()
    chosen = args.only.split(",")
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        if "sample" in chosen:
            rows += sample(Path(folder) / "sample")
        if "interviews" in chosen and (args.shared / "pypi-mismatches-interviews").is_dir():
            rows += interviews(args.shared, Path(folder) / "interviews")
        for name, study in (("jupyter", jupyter), ("shuffled", shuffled)):
            if name in chosen and (args.shared / SURVEY).is_file():
                rows += study(args.shared, Path(folder) / name)
    print("\n| study | people | silhouette | null mean ± sd, max | z | p | mean ARI "
          "(subsets) | lowest Jaccard | decision | k (of candidate) | ARI vs truth | s |")
    print("|---|---:|---|---|---:|---:|---:|---:|---|---|---:|---:|")
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
