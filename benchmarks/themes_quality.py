"""Theme agreement with human codes on two real coded data sets: synth against k-means told
the true number of codes and BERTopic, on the same units and embeddings.

    make bench            (installs the `bench` extra: BERTopic)
    .venv/bin/python benchmarks/themes_quality.py [--shared ../shared/data] [--no-bertopic]
                                                  [--banking77 PATH]

1. The Jupyter UX survey (CC0): the survey analysts' theme labels (`labels/*_themes.csv`),
   one set per free-text question. A unit is scored when its respondent got exactly one
   theme for that question.
2. Banking77 (CC BY 4.0, PolyAI: Casanueva et al. 2020, "Efficient Intent Detection with
   Dual Sentence Encoders"): 3,080 real online-banking requests, each coded by people with
   one of 77 intents. Not shipped: pass `--banking77` the `banking_data/test.csv` of
   github.com/PolyAI-LDN/task-specific-datasets (columns `text,category`). It stands for the
   short requests a feature-request survey question gets, and is scored as one question.
Per question: adjusted Rand index (ARI), normalised and adjusted mutual information (NMI,
AMI) between the codes and each method's groups, with unassigned units (BERTopic's outlier
topic -1, synth's uncoded statements) counted as one more group, as a reader would see them.
synth is scored twice: by its themes (a readable dozen or so per question, by design) and by
its finest level (a statement's sub-theme when it has one, else its theme), the level to
set beside a method told there are 77 intents.
Also reported: number of themes, share unassigned and wall-clock time (models loaded).

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
from sklearn.metrics import (
    adjusted_mutual_info_score,
    adjusted_rand_score,
    normalized_mutual_info_score,
)

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


def scores(pairs: list[tuple[str, str]]) -> tuple[float, float, float]:
    gold, predicted = zip(*pairs)
    return (adjusted_rand_score(gold, predicted), normalized_mutual_info_score(gold, predicted),
            adjusted_mutual_info_score(gold, predicted))


def run_kmeans(vectors: np.ndarray, k: int) -> list[str]:
    """k-means told the true number of codes: the bar any clustering should clear."""
    from synth.kmeans import kmeans

    return [str(t) for t in kmeans(vectors, min(k, len(vectors)), 4)]


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


def themed(source: Path, folder: Path):  # type: ignore[no-untyped-def]
    """synth's themes of one study: (result, {"synth": seconds}, units with their theme,
    their embeddings)."""
    with Workspace.open(folder / "ws") as workspace:
        ingest(workspace, [source], IngestOptions())
        embedder = load_embedder()
        start = time.perf_counter()
        result = run_themes(workspace, Settings(out=folder / "out"), embedder)
        seconds = {"synth": time.perf_counter() - start}
        seconds["synth (finest)"] = seconds["synth"]
        units = workspace.query("SELECT u.id, u.text, u.location, COALESCE(ut.theme_id, '')"
                                " AS theme, COALESCE(NULLIF(ut.subtheme_id, ''), ut.theme_id,"
                                " '') AS finest FROM units u LEFT JOIN unit_themes ut"
                                " ON ut.unit_id = u.id ORDER BY u.id")
        vectors = embed(workspace, embedder, [u["text"] for u in units])
    return result, seconds, units, vectors


def jupyter(shared: Path, folder: Path, bertopic: bool) -> dict:
    survey = shared / "jupyter-ux-survey-2015" / "survey-export.csv"
    gold, names = truth(shared), short_names(shared)
    result, seconds, units, vectors = themed(survey, folder / "jupyter")
    keys, by_question = scored(units, gold, names)
    methods: dict[str, list[str]] = {"synth": [u["theme"] for u in units],
                                     "synth (finest)": [u["finest"] for u in units]}
    for name in ("k-means (true k)", *(["BERTopic"] if bertopic else [])):
        start = time.perf_counter()
        predicted = [""] * len(units)
        for indices in by_question.values():
            k = len({gold[keys[i]] for i in indices})
            found = (run_kmeans(vectors[indices], k) if name.startswith("k-means")
                     else run_bertopic([units[i]["text"] for i in indices], vectors[indices]))
            for i, topic in zip(indices, found):
                predicted[i] = f"{keys[i][1]}:{topic}" if topic else ""
        methods[name] = predicted
        seconds[name] = time.perf_counter() - start
    questions = {q: [(gold[keys[i]], i) for i in ix] for q, ix in sorted(by_question.items())}
    return {"name": "Jupyter UX survey", "questions": questions, "methods": methods,
            "seconds": seconds, "themes": {"synth": len(result.themes)}}


def banking77(path: Path, folder: Path, bertopic: bool) -> dict:
    with path.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    export = folder / "banking77.csv"
    with export.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["respondent id", "What would you like to ask your bank?"])
        writer.writerows([[f"r{n}", row["text"]] for n, row in enumerate(rows, 1)])
    result, seconds, units, vectors = themed(export, folder / "banking")
    row_of = [int(u["location"].split(",")[0].removeprefix("row ")) - 2 for u in units]
    gold = [rows[r]["category"] for r in row_of]
    methods: dict[str, list[str]] = {"synth": [u["theme"] for u in units],
                                     "synth (finest)": [u["finest"] for u in units]}
    start = time.perf_counter()
    methods["k-means (true k)"] = run_kmeans(vectors, len(set(gold)))
    seconds["k-means (true k)"] = time.perf_counter() - start
    if bertopic:
        start = time.perf_counter()
        methods["BERTopic"] = run_bertopic([u["text"] for u in units], vectors)
        seconds["BERTopic"] = time.perf_counter() - start
    return {"name": "Banking77", "questions": {"requests": list(zip(gold, range(len(units))))},
            "methods": methods, "seconds": seconds, "themes": {"synth": len(result.themes)}}


def report(study: dict) -> dict[str, tuple[float, float, float]]:
    """Print one data set's table; -> each method's weighted mean (ARI, NMI, AMI)."""
    methods = study["methods"]
    print(f"### {study['name']}\n")
    print("| question | units | " + " | ".join(f"{m} ARI / NMI / AMI" for m in methods) + " |")
    print("|---|---:|" + "---|" * len(methods))
    totals: dict[str, np.ndarray] = defaultdict(lambda: np.zeros(3))
    weight = 0
    for question, pairs in study["questions"].items():
        cells = []
        for method, predicted in methods.items():
            found = np.array(scores([(code, predicted[i] or "unassigned") for code, i in pairs]))
            totals[method] += found * len(pairs)
            cells.append(" / ".join(f"{x:.3f}" for x in found))
        weight += len(pairs)
        print(f"| {question} | {len(pairs)} | " + " | ".join(cells) + " |")
    means = {m: tuple(totals[m] / weight) for m in methods}
    print(f"| **weighted mean** | {weight} | "
          + " | ".join(" / ".join(f"**{x:.3f}**" for x in means[m]) for m in methods) + " |\n")
    print("| method | groups | unassigned | seconds |")
    print("|---|---:|---:|---:|")
    scored_units = sorted({i for pairs in study["questions"].values() for _, i in pairs})
    for method, predicted in methods.items():
        shown = [predicted[i] for i in scored_units]
        groups = len({p for p in shown if p})
        share = sum(1 for p in shown if not p) / len(shown)
        print(f"| {method} | {groups} | {share:.1%} | {study['seconds'][method]:.1f} |")
    print()
    return means


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--no-bertopic", action="store_true")
    parser.add_argument("--banking77", type=Path, default=None,
                        help="banking_data/test.csv of PolyAI-LDN/task-specific-datasets")
    parser.add_argument("--skip-placement", action="store_true")
    args = parser.parse_args()
    survey = args.shared / "jupyter-ux-survey-2015" / "survey-export.csv"
    if not survey.exists():
        print(f"shared data not found: {survey}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as folder:
        report(jupyter(args.shared, Path(folder), not args.no_bertopic))
        if args.banking77 is not None:
            report(banking77(args.banking77, Path(folder), not args.no_bertopic))
        if not args.skip_placement:
            accuracy, placed = placement_from_text_alone(Path(folder))
            print(f"Placement from text alone (sample survey, question context removed): "
                  f"{accuracy:.1%} of {placed} units in the persona question their question "
                  "asks for.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
