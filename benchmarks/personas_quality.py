"""Persona segmentation against planted and published ground truth, with timings.

    .venv/bin/python benchmarks/personas_quality.py [--shared ../shared/data]

- Sample corpus (`corpora/`): adjusted Rand index between synth's personas (k chosen
  automatically) and the planted segments in `benchmarks/truth/` (interviewees by speaker,
  respondents by Response ID), and each planted segment's persona, kind and motivation.
- Shared interviews (`pypi-mismatches-interviews`) with k = 2: how the three upstream
  maintainers (Donald, Ernest, Nick) and three downstream users (Naomi, Terri, Jackie) split.
Seconds are wall-clock for themes + personas (ingest and model loading excluded).
"""

from __future__ import annotations

import argparse
import csv
import tempfile
import time
from collections import Counter
from pathlib import Path

from sklearn.metrics import adjusted_rand_score

from synth.embed import SentenceTransformerEmbedder
from synth.ingest import IngestOptions, ingest
from synth.stages import Settings, run_personas, run_themes
from synth.workspace import Workspace

ROOT = Path(__file__).resolve().parents[1]
TRUTH = ROOT / "benchmarks" / "truth"
MAINTAINERS = {"Donald", "Ernest", "Nick"}


def personas(paths: list[Path], folder: Path, k: int | None = None) -> tuple[dict, list, float]:
    """-> (participant name -> persona id, cards, seconds)."""
    embedder = SentenceTransformerEmbedder()
    with Workspace.open(folder / "ws") as workspace:
        ingest(workspace, paths, IngestOptions())
        embedder.embed_batch(["warm up"])
        start = time.perf_counter()
        settings = Settings(out=folder / "out", personas=k)
        run_themes(workspace, settings, embedder)
        run = run_personas(workspace, settings, embedder)
        seconds = time.perf_counter() - start
        names = {r["id"]: r["name"] for r in workspace.query("SELECT id, name FROM participants")}
    assigned = {names[pid]: int(label) for pid, label in
                zip(run.result.ids, run.result.segmentation.labels.tolist())}
    return assigned, run.result.cards, seconds


def sample(folder: Path) -> None:
    truth = {r["Response ID"]: r["segment"] for r in csv.DictReader(
        (TRUTH / "sample-survey-truth.csv").open(encoding="utf-8"))}
    truth |= {r["speaker"]: r["segment"] for r in csv.DictReader(
        (TRUTH / "sample-interviews-truth.csv").open(encoding="utf-8"))}
    assigned, cards, seconds = personas([ROOT / "corpora"], folder)
    pairs = [(truth[name], label) for name, label in assigned.items() if name in truth]
    ari = adjusted_rand_score(*zip(*pairs))
    print(f"Sample corpus: {len(pairs)} people, {len(cards)} personas (automatic), "
          f"ARI {ari:.3f} against the planted segments, {seconds:.1f} s\n")
    print("| planted segment | people | persona (members from it) | kind | motivation |")
    print("|---|---:|---|---|---|")
    for segment in sorted(set(truth.values())):
        labels = Counter(label for planted, label in pairs if planted == segment)
        label, count = labels.most_common(1)[0]
        card = cards[label] if label >= 0 else None
        motivation = (card["motivation"]["dominant"] or {}).get("title", "-") if card else "-"
        print(f"| {segment} | {sum(labels.values())} | {card['name'] if card else '-'} "
              f"({count}) | {card['kind'] if card else '-'} | {motivation} |")


def interviews(shared: Path, folder: Path) -> None:
    assigned, cards, seconds = personas([shared / "pypi-mismatches-interviews"], folder, k=2)
    truth = [("maintainer" if name in MAINTAINERS else "user", label)
             for name, label in assigned.items()]
    ari = adjusted_rand_score(*zip(*truth))
    print(f"\nShared interviews, k = 2 ({seconds:.1f} s): ARI {ari:.3f} against "
          "maintainers/users")
    for index, card in enumerate(cards):
        who = sorted(name for name, label in assigned.items() if label == index)
        print(f"- {card['name']}: {', '.join(who)}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        sample(Path(folder) / "sample")
        if (args.shared / "pypi-mismatches-interviews").is_dir():
            interviews(args.shared, Path(folder) / "interviews")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
