"""Personas against planted and published groups, against noise, and as the researcher defines
them.

    .venv/bin/python benchmarks/personas_quality.py [--shared ../shared/data]
        [--changelog PATH] [--workspaces DIR] [--only NAME,...]

`--workspaces DIR` keeps each study's workspace (ingest and themes run once, then reused:
a full run on the survey takes minutes on 2 cores); by default a temporary folder.

For each data-driven run: the validity figures (the best cosine silhouette against 20 copies
with each answer shuffled across people: null mean, sd and max, z and p; the mean ARI on 10
subsets of 80% and the lowest per-persona Jaccard), the decision and k, and the ARI against
the known groups, next to plain k-means (same k, same seed) on each person's mean embedding.

- `sample`: the sample corpus (`corpora/`), against its planted segments in
  `benchmarks/truth/` (interviewees by speaker, respondents by Response ID).
- `interviews`: the shared PyPI interviews, automatic and with k = 2, against upstream
  maintainers (Donald, Ernest, Nick) vs downstream users (Naomi, Terri, Jackie); then the
  same groups given by a people file (`synth personas --by group`), with each card's
  distinctive themes and their test figures.
- `changelog`: guests and hosts of three Changelog podcasts (`known_groups.py`; needs a clone
  of github.com/thechangelog/transcripts, `--changelog`), grouped by show.
- `jupyter`: the Jupyter UX survey: automatic, and against the analysts' primary role codes
  (groups of 20+ respondents); then `--by` usage frequency with distinctive themes.
- `shuffled`: the same export with each column's answers shuffled across rows (seed 0): no
  segments exist, so the right answer is one persona.
Seconds are wall-clock for the personas stage (ingest, themes and model loading excluded).
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import numpy as np
from sklearn.metrics import adjusted_rand_score

sys.path.insert(0, str(Path(__file__).resolve().parent))
from known_groups import changelog_corpus, jupyter_roles

from synth.embed import load_embedder
from synth.ingest import IngestOptions, ingest
from synth.kmeans import kmeans
from synth.personas.profile import build_profiles
from synth.stages import PersonasRun, Settings, run_personas, run_themes
from synth.study import load_study
from synth.workspace import Workspace

ROOT = Path(__file__).resolve().parents[1]
TRUTH = ROOT / "benchmarks" / "truth"
PRECISION = "fast"        # the embeddings (insight_quality.py sets it from --precision)
MAINTAINERS = {"Donald", "Ernest", "Nick"}
SURVEY = Path("jupyter-ux-survey-2015") / "survey-export.csv"
USAGE = "How often do you use Jupyter Notebook?"
MIN_GROUP = 20            # known groups smaller than this are left out of the ARI


@contextmanager
def analysed(paths: list[Path], folder: Path) -> Iterator[Workspace]:
    """The study's workspace in `folder`, ingested and themed once (reused when it exists)."""
    with Workspace.open(folder / "ws") as workspace:
        if not workspace.query("SELECT 1 FROM themes LIMIT 1"):
            ingest(workspace, paths, IngestOptions())
            run_themes(workspace, Settings(out=folder / "themes"),
                       load_embedder(precision=PRECISION))
        yield workspace


def personas(workspace: Workspace, out: Path, **settings) -> tuple[PersonasRun, float]:
    start = time.perf_counter()
    run = run_personas(workspace, Settings(out=out, **settings),
                       load_embedder(precision=PRECISION))
    return run, time.perf_counter() - start


def labels_of(run: PersonasRun) -> dict[str, int]:
    return dict(zip(run.result.ids, run.result.segmentation.labels.tolist()))


def ari(truth: dict[str, str], found: dict[str, int]) -> float:
    pairs = [(truth[pid], label) for pid, label in found.items() if pid in truth]
    return adjusted_rand_score(*zip(*pairs)) if pairs else float("nan")


def mean_embedding_kmeans(workspace: Workspace, truth: dict[str, str], k: int) -> float:
    """Plain k-means (seed 0, 10 starts) on each person's mean embedding, as a baseline."""
    study = load_study(workspace, load_embedder(precision=PRECISION))
    profiles = build_profiles(study)
    rows = np.array([i for i, (pid, thin) in enumerate(zip(profiles.ids, profiles.thin))
                     if not thin and pid in truth])
    labels = kmeans(profiles.blocks["meaning"][rows], k, 10)
    return adjusted_rand_score([truth[profiles.ids[i]] for i in rows], labels)


def row(study: str, run: PersonasRun, seconds: float, found_ari: float | None) -> str:
    """One line of the table: the validity figures, the decision, k and the ARI."""
    v = run.result.segmentation.validity
    test, held = v.null, v.stability
    null = (f"{test.real:.3f} (k {test.k}) | {test.null_mean:.3f} ± {test.null_sd:.3f}, max "
            f"{test.null_max:.3f} | {test.z:.1f} | {test.p:.3f}") if test else "- | - | - | -"
    stable = (f"{held.mean_ari:.2f} | {min(held.jaccard):.2f}") if held else "- | -"
    return (f"| {study} | {v.people} | {null} | {stable} | {v.decision} | "
            f"{v.k} (of {v.candidate_k}) | {'-' if found_ari is None else f'{found_ari:.3f}'}"
            f" | {seconds:.0f} |")


def known_groups(name: str, workspace: Workspace, folder: Path, truth: dict[str, str]) -> list:
    """Default and forced k against the known groups, next to k-means on mean embeddings."""
    sizes = Counter(truth.values())
    truth = {pid: group for pid, group in truth.items() if sizes[group] >= MIN_GROUP}
    k = len(set(truth.values()))
    print(f"{name}: {len(truth)} people with a known group of {MIN_GROUP}+ "
          f"({', '.join(f'{g} {n}' for g, n in sorted(sizes.items()) if n >= MIN_GROUP)})")
    rows = []
    for label, settings in (("automatic", {}), (f"k = {k}", {"personas": k})):
        run, seconds = personas(workspace, folder / f"out-{label}", **settings)
        rows.append(row(f"{name}, {label}", run, seconds, ari(truth, labels_of(run))))
        names = [card["name"] for card in run.result.cards]
        print(f"  {label}: {len(names)} personas: {'; '.join(names)}")
    baseline = mean_embedding_kmeans(workspace, truth, k)
    print(f"  k-means on mean embeddings, k = {k}: ARI {baseline:.3f}")
    rows.append(f"| {name}, k-means on mean embeddings, k = {k} | | | | | | | | - | {k} |"
                f" {baseline:.3f} | |")
    return rows


def distinctive(run: PersonasRun, title: str) -> None:
    """Each defined card's distinctness and its most distinctive themes, with the tests."""
    figures = run.result.segmentation.validity.defined or {}
    print(f"\n{title}: {figures.get('how')}; overall silhouette {figures.get('overall')}, "
          f"p {figures.get('p')} ({figures.get('permutations')} permutations)\n")
    print("| persona | people | silhouette, p | distinctive themes (members voicing, vs the "
          "rest; difference [95% CI]; adjusted p) |")
    print("|---|---:|---|---|")
    for card in run.result.cards:
        d = card["validity"]["distinct"]
        themes = [t for s in card["sections"] for t in s["themes"] if s["distinctive"]]
        themes.sort(key=lambda t: -t.get("difference", t["lift"]))
        shown = "; ".join(_theme(t) for t in themes[:4]) or "none"
        figures = "-" if not d else f"{d['silhouette']:.3f}, p {d['p']:.3f}"
        print(f"| {card['name']} | {card['size']} | {figures} | {shown} |")


def _theme(t: dict) -> str:
    if "difference" not in t:
        return f"{t['label']} ({t['people']}, {t['share']:.0%} vs {t['all_share']:.0%})"
    if t.get("test") is None:
        return f"{t['label']} ({t['people']}, {t['share']:.0%}; too small to compare)"
    return (f"{t['label']} ({t['people']}, {t['share']:.0%} vs {t['rest_share']:.0%}; "
            f"{t['difference']:+.0%} [{t['low']:+.0%}, {t['high']:+.0%}]; "
            f"p {t['p_adjusted']:.3g})")


def sample(folder: Path) -> list[str]:
    truth = {r["Response ID"]: r["segment"] for r in csv.DictReader(
        (TRUTH / "sample-survey-truth.csv").open(encoding="utf-8"))}
    truth |= {r["speaker"]: r["segment"] for r in csv.DictReader(
        (TRUTH / "sample-interviews-truth.csv").open(encoding="utf-8"))}
    with analysed([ROOT / "corpora"], folder) as workspace:
        names = {r["id"]: r["name"] for r in workspace.query("SELECT id, name FROM participants")}
        by_id = {pid: truth[name] for pid, name in names.items() if name in truth}
        run, seconds = personas(workspace, folder / "out")
    return [row("sample corpus (planted segments)", run, seconds, ari(by_id, labels_of(run)))]


def interviews(shared: Path, folder: Path) -> list[str]:
    with analysed([shared / "pypi-mismatches-interviews"], folder) as workspace:
        names = {r["id"]: r["name"] for r in workspace.query("SELECT id, name FROM participants")}
        truth = {pid: "maintainer" if name in MAINTAINERS else "user"
                 for pid, name in names.items()
                 if name in MAINTAINERS | {"Naomi", "Terri", "Jackie"}}
        rows = []
        for label, settings in (("automatic", {}), ("k = 2", {"personas": 2})):
            run, seconds = personas(workspace, folder / f"out-{label}", **settings)
            groups: dict[int, list[str]] = {}
            for pid, found in sorted(labels_of(run).items()):
                groups.setdefault(found, []).append(names[pid])
            print(f"PyPI interviews, {label}: " + "; ".join(", ".join(g)
                                                            for g in groups.values()))
            rows.append(row(f"PyPI interviews, {label} (maintainers/users)", run, seconds,
                            ari(truth, labels_of(run))))
        people = folder / "people.csv"
        people.write_text("participant,group\n" + "".join(
            f"{names[pid]},{group}\n" for pid, group in sorted(truth.items())), "utf-8")
        ingest(workspace, [people], IngestOptions())
        run, _ = personas(workspace, folder / "out-by", by="group")
        distinctive(run, "PyPI interviews, people file (`--by group`)")
    return rows


def changelog(repo: Path, folder: Path) -> list[str]:
    speakers = changelog_corpus(repo, folder / "in")
    with analysed([folder / "in"], folder) as workspace:
        ids = {r["name"]: r["id"] for r in workspace.query(
            "SELECT id, name FROM participants WHERE kind = 'participant'")}
        truth = {ids[name]: show for name, show in speakers.items() if name in ids}
        return known_groups("Changelog podcasts by show", workspace, folder, truth)


def jupyter(shared: Path, folder: Path) -> list[str]:
    with analysed([shared / SURVEY], folder) as workspace:
        rows = known_groups("Jupyter survey by analysts' role codes", workspace, folder,
                            jupyter_roles(shared))
        run, _ = personas(workspace, folder / "out-by", by=USAGE)
        distinctive(run, "Jupyter survey, `--by` usage frequency")
    return rows


def shuffled(shared: Path, folder: Path) -> list[str]:
    """Each column's answers shuffled across rows (seed 0): no respondent is real any more."""
    path = folder / "in" / "survey-export.csv"
    if not path.exists():
        with (shared / SURVEY).open(encoding="utf-8", newline="") as handle:
            header, *body = list(csv.reader(handle))
        columns = [list(column) for column in zip(*body)]
        rng = random.Random(0)
        for column in columns:
            rng.shuffle(column)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows([header, *zip(*columns)])
    with analysed([path], folder) as workspace:
        run, seconds = personas(workspace, folder / "out")
    print(f"Shuffled survey: {len(run.result.cards)} card(s)")
    return [row("Jupyter survey, columns shuffled", run, seconds, None)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--changelog", type=Path, default=None,
                        help="a clone of github.com/thechangelog/transcripts (at 44a0e16c)")
    parser.add_argument("--workspaces", type=Path, default=None,
                        help="keep and reuse each study's workspace here")
    parser.add_argument("--only", default="sample,interviews,changelog,jupyter,shuffled")
    args = parser.parse_args()
    chosen = args.only.split(",")
    rows = []
    with tempfile.TemporaryDirectory() as temporary:
        base = args.workspaces or Path(temporary)
        if "sample" in chosen:
            rows += sample(base / "sample")
        if "interviews" in chosen and (args.shared / "pypi-mismatches-interviews").is_dir():
            rows += interviews(args.shared, base / "interviews")
        if "changelog" in chosen and args.changelog and args.changelog.is_dir():
            rows += changelog(args.changelog, base / "changelog")
        for name, study in (("jupyter", jupyter), ("shuffled", shuffled)):
            if name in chosen and (args.shared / SURVEY).is_file():
                rows += study(args.shared, base / name)
    print("\n| study | people | silhouette | null mean ± sd, max | z | p | mean ARI "
          "(subsets) | lowest Jaccard | decision | k (of candidate) | ARI vs groups | s |")
    print("|---|---:|---|---|---:|---:|---:|---:|---|---|---:|---:|")
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
