"""Theme quality on the real Jupyter UX survey, synth against BERTopic, same units and embeddings.

    make bench            (installs the `bench` extra: BERTopic)
    .venv/bin/python benchmarks/themes_quality.py [--shared ../shared/data] [--no-bertopic]

Ground truth: the survey analysts' theme labels (`labels/*_themes.csv`), one set per
free-text question. A unit is scored when its respondent got exactly one theme for that
question. Per question: adjusted Rand index (ARI) and normalised mutual information (NMI)
between the truth and each method's clusters, with unassigned units (BERTopic's outlier
topic -1, synth's empty theme_id) counted as one more cluster, as a reader would see them.
Also reported: share of units unassigned and wall-clock time (models already loaded).

Also measured: placement from text alone, on the sample corpus's survey, where each
free-text question asks for one persona question: units are placed with their question
context removed and compared with the dimension the question asks for.
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import numpy as np
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

from synth.analyse.entities import load_gazetteer
from synth.analyse.facts import spacy_describer
from synth.embed import embed, load_embedder
from synth.ingest import IngestOptions, ingest
from synth.stages import Settings, run_themes
from synth.workspace import Workspace

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_SURVEY = ROOT / "corpora" / "survey" / "beacon-survey-2026.csv"
SAMPLE_QUESTIONS = {  # the persona question each sample-survey question asks for
    "What is the hardest part of shipping software at your company right now?": "frustration",
    "Which tools, editors and services do you rely on every day?": "tools",
    "Walk us through how a change gets from your laptop to production.": "workflow",
    "Who do you work with most closely, and who do you depend on?": "collaboration",
    "Where do you go online to learn, ask questions or talk with other developers?": "presence",
    "What drives you in your work, and where do you want your career to go?": "motivation",
}


def truth(shared: Path) -> dict[tuple[int, str], str]:
    """(spreadsheet row, question short name) -> the analysts' single theme."""
    labels = shared / "jupyter-ux-survey-2015" / "labels"
    found = {}
    for path in sorted(labels.glob("*_themes.csv")):
        question = path.name.removesuffix("_themes.csv")
        with path.open(encoding="utf-8") as handle:
            for row in csv.reader(handle, delimiter=";"):
                if not row or not row[0].strip().isdigit():
                    continue
                themes = [t for t in row[1].split(",") if t.strip()]
                if len(themes) == 1:
                    found[(int(row[0]) + 2, question)] = themes[0]
    return found


def short_names(shared: Path) -> dict[str, str]:
    """Export header (normalised) -> question short name, by column position."""
    folder = shared / "jupyter-ux-survey-2015"
    with (folder / "survey-export.csv").open(encoding="utf-8") as handle:
        export = [" ".join(h.replace("\xa0", " ").split()) for h in next(csv.reader(handle))]
    with (folder / "labels" / "survey_short_columns.csv").open(encoding="utf-8") as handle:
        short = next(csv.reader(handle))[1:]
    return {long: name.rstrip("_0123456789") for long, name in zip(export, short)}


def scored(units: list, gold: dict[tuple[int, str], str], names: dict[str, str]
           ) -> tuple[list[tuple[int, str]], dict[str, list[int]]]:
    """Each unit's (row, question) key, and per question the units the analysts coded with a
    single theme. A question whose analysts gave everyone the same theme cannot score a
    clustering, and is left out."""
    keys = []
    for unit in units:
        row, column = unit["location"].split(", column ", 1)
        keys.append((int(row.removeprefix("row ")), names.get(column, "")))
    by_question: dict[str, list[int]] = defaultdict(list)
    for index, key in enumerate(keys):
        if key in gold:
            by_question[key[1]].append(index)
    for question in [q for q, ix in by_question.items() if len({gold[keys[i]] for i in ix}) < 2]:
        del by_question[question]
    return keys, by_question


def scores(pairs: list[tuple[str, str]]) -> tuple[float, float]:
    gold, predicted = zip(*pairs)
    return adjusted_rand_score(gold, predicted), normalized_mutual_info_score(gold, predicted)


def run_bertopic(texts: list[str], vectors: np.ndarray) -> list[str]:
    from bertopic import BERTopic
    from umap import UMAP

    umap_model = UMAP(n_neighbors=15, n_components=5, min_dist=0.0, metric="cosine",
                      random_state=42)
    model = BERTopic(umap_model=umap_model, calculate_probabilities=False, verbose=False)
    topics, _ = model.fit_transform(texts, vectors)
    return [str(t) if t != -1 else "" for t in topics]


def placement_from_text_alone(folder: Path) -> tuple[float, int]:
    from synth.analyse import analyse
    from synth.analyse.framework import load_framework

    with Workspace.open(folder / "sample") as workspace:
        ingest(workspace, [SAMPLE_SURVEY], IngestOptions())
        workspace.db.execute("UPDATE units SET question = ''")
        gazetteer = load_gazetteer()
        analysis = analyse(workspace, load_framework(), load_embedder(),
                           spacy_describer(gazetteer), gazetteer.fingerprint)
        columns = {row["id"]: row["location"].split(", column ", 1)[1]
                   for row in workspace.query("SELECT id, location FROM units")}
    pairs = [(SAMPLE_QUESTIONS[columns[uid]], dimension)
             for uid, dimension in zip(analysis.ids, analysis.dimensions)
             if columns[uid] in SAMPLE_QUESTIONS]
    return sum(a == b for a, b in pairs) / len(pairs), len(pairs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--no-bertopic", action="store_true")
    args = parser.parse_args()
    survey = args.shared / "jupyter-ux-survey-2015" / "survey-export.csv"
    if not survey.exists():
        print(f"shared data not found: {survey}", file=sys.stderr)
        return 2
    gold, names = truth(args.shared), short_names(args.shared)
    with tempfile.TemporaryDirectory() as folder:
        with Workspace.open(Path(folder) / "ws") as workspace:
            ingest(workspace, [survey], IngestOptions())
            embedder = load_embedder()
            start = time.perf_counter()
            result = run_themes(workspace, Settings(out=Path(folder) / "out"), embedder)
            synth_seconds = time.perf_counter() - start
            units = workspace.query("SELECT u.id, u.text, u.location, COALESCE(ut.theme_id, '')"
                                    " AS theme FROM units u LEFT JOIN unit_themes ut"
                                    " ON ut.unit_id = u.id ORDER BY u.id")
            texts = [u["text"] for u in units]
            vectors = embed(workspace, embedder, texts)
        methods = {"synth": [u["theme"] for u in units]}
        seconds = {"synth": synth_seconds}
        if not args.no_bertopic:
            start = time.perf_counter()
            methods["BERTopic"] = run_bertopic(texts, vectors)
            seconds["BERTopic"] = time.perf_counter() - start
        accuracy, placed = placement_from_text_alone(Path(folder))

    keys, by_question = scored(units, gold, names)

    print(f"Jupyter UX survey: {len(units)} units, {sum(map(len, by_question.values()))} "
          f"with a single analyst theme, {len(by_question)} questions\n")
    print("| question | units | " + " | ".join(f"{m} ARI | {m} NMI" for m in methods) + " |")
    print("|---|---:|" + "---:|---:|" * len(methods))
    totals: dict[str, list[float]] = defaultdict(list)
    for question, indices in sorted(by_question.items()):
        cells = []
        for method, predicted in methods.items():
            ari, nmi = scores([(gold[keys[i]], predicted[i] or "unassigned") for i in indices])
            totals[method].append((ari * len(indices), nmi * len(indices)))
            cells.append(f"{ari:.3f} | {nmi:.3f}")
        print(f"| {question} | {len(indices)} | " + " | ".join(cells) + " |")
    weight = sum(map(len, by_question.values()))
    cells = [f"{sum(a for a, _ in totals[m]) / weight:.3f} | "
             f"{sum(n for _, n in totals[m]) / weight:.3f}" for m in methods]
    print("| **weighted mean** | " + str(weight) + " | " + " | ".join(cells) + " |\n")
    print("| method | themes | unassigned | seconds |")
    print("|---|---:|---:|---:|")
    for method, predicted in methods.items():
        topics = len({p for p in predicted if p})
        share = sum(1 for p in predicted if not p) / len(predicted)
        print(f"| {method} | {topics} | {share:.1%} | {seconds[method]:.1f} |")
    print(f"\nPlacement from text alone (sample survey, question context removed): "
          f"{accuracy:.1%} of {placed} units in the persona question their question asks for.")
    print(f"synth themes: {len(result.themes)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
