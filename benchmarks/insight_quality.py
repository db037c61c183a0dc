"""Insight quality on real research written by others: placement, motivations, the theme
hierarchy and its labels, and what synth says of the real interviews.

    .venv/bin/python benchmarks/insight_quality.py [--shared ../shared/data] [--skip-survey]
                                                   [--precision fast|full]

1. Placement in the eight questions (and `other`), text alone, on the labelled development
   set `benchmarks/devsets/placement.csv` (real statements; see its SOURCES.md): macro-F1 on
   the dev and test splits, and the confusion matrix over both.
2. Motivations on `benchmarks/devsets/motivations.csv`: macro-F1 over the four motivations,
   dev and test, against the nearest-example rule synth used before.
3. Themes on the Jupyter UX survey against the analysts' codes (answers with exactly one
   code; the question whose answers all share one code is left out): ARI, NMI and AMI at
   theme and sub-theme level, counts, and label agreement: the share of themes whose label
   is closer (embedding cosine) to the name of the analysts' code most of its answers carry
   than to any other code name of that question.
4. The 16 real interviews: the share of statements in `other` with a sample, ten theme
   labels, and the persona names.
6. Label support on the interviews and the survey (`label_support`): for each theme and
   sub-theme, the share of its statements holding a content lemma of its label (spaCy
   lemmas, stop words and punctuation dropped); the statement-weighted median, the share of
   statements under labels held by under 20%, and the share of statements coded.
7. Survey polarity on the Jupyter survey: answers to the complaint questions ("difficult to
   use", "hinders you") placed in Frustrations, answers to the praise question ("pleasant")
   placed there, and themes' polarity purity (the share of a theme's statements whose
   column has the theme's majority stance), statement-weighted.
8. Placement on a second set labelled by someone else: the Jupyter answers, from their text
   alone, against the persona question the survey's authors asked for (hinders, difficult,
   needs not addressed: Frustrations; integrations: Key tools; needs addressed: Workflows).
5. Whether the personas exist: the null test and stability figures of the persona stage
   (`benchmarks/personas_quality.py`) on the interviews, the survey and the survey with its
   columns shuffled.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
from sklearn.metrics import (
    adjusted_mutual_info_score,
    adjusted_rand_score,
    confusion_matrix,
    f1_score,
    normalized_mutual_info_score,
)

from synth.analyse import build_prototypes
from synth.analyse.entities import load_gazetteer
from synth.analyse.facts import spacy_describer
from synth.analyse.framework import load_framework
from synth.analyse.placement import Evidence, decide, place, probabilities
from synth.embed import embed, load_embedder
from synth.ingest import IngestOptions, ingest
from synth.personas.motivation import detect_motivations, load_motivations
from synth.stages import Settings, run_personas, run_themes
from synth.themes.support import support
from synth.workspace import Workspace

ROOT = Path(__file__).resolve().parents[1]
DEVSETS = ROOT / "benchmarks" / "devsets"
sys.path.insert(0, str(ROOT / "benchmarks"))
from themes_quality import scored, short_names, truth  # noqa: E402


def read(name: str) -> list[dict]:
    with (DEVSETS / name).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def split_f1(rows: list[dict], predicted: list[str], labels: list[str]) -> dict[str, float]:
    found = {}
    for split in ("dev", "test"):
        idx = [i for i, r in enumerate(rows) if r["split"] == split]
        found[split] = f1_score([rows[i]["label"] for i in idx], [predicted[i] for i in idx],
                                average="macro", labels=labels, zero_division=0)
    return found


def placement(embedder) -> None:  # type: ignore[no-untyped-def]
    rows = read("placement.csv")
    framework = load_framework()
    prototypes = build_prototypes(framework, embedder)
    describe = spacy_describer(load_gazetteer())
    texts = [r["text"] for r in rows]
    vectors = embed(None, embedder, texts)
    predicted = [dimension for dimension, _ in place(
        [Evidence(v, None, frozenset(f.lemmas), t, f.sentiment)
         for t, v, f in zip(texts, vectors, describe(texts))], framework, prototypes)]
    labels = sorted({r["label"] for r in rows})
    f1 = split_f1(rows, predicted, labels)
    print(f"## Placement (text alone), {len(rows)} real statements\n")
    print(f"macro-F1: dev {f1['dev']:.3f}, test {f1['test']:.3f}\n")
    per_label = f1_score([r["label"] for r in rows], predicted, average=None, labels=labels)
    print("| question | F1 |\n|---|---:|")
    for label, score in zip(labels, per_label):
        print(f"| {label} | {score:.2f} |")
    matrix = confusion_matrix([r["label"] for r in rows], predicted, labels=labels)
    print("\nconfusion (rows: truth, columns: synth)\n")
    print("| truth | " + " | ".join(label[:6] for label in labels) + " |")
    print("|---|" + "---:|" * len(labels))
    for label, line in zip(labels, matrix):
        print(f"| {label} | " + " | ".join(str(n) for n in line) + " |")
    print()


def motivations(embedder) -> None:  # type: ignore[no-untyped-def]
    rows = read("motivations.csv")
    found = load_motivations()
    vectors = embed(None, embedder, [r["text"] for r in rows])
    ids = [m.id for m in found.items]
    detected = detect_motivations(vectors, ["motivation"] * len(rows), found, embedder)
    predicted = [hit[0] if hit else "none" for hit in detected]
    # the rule before: nearest example at cosine 0.45 or more
    examples = [embed(None, embedder, list(m.examples[:6])) for m in found.items]
    similarity = np.stack([(e @ vectors.T).max(axis=0) for e in examples], axis=1)
    before = [ids[int(s.argmax())] if s.max() >= 0.45 else "none" for s in similarity]
    now, old = split_f1(rows, predicted, ids), split_f1(rows, before, ids)
    print(f"## Motivations, {len(rows)} real statements (macro-F1 over the four)\n")
    print("| method | dev | test |\n|---|---:|---:|")
    print(f"| nearest example >= 0.45 (before) | {old['dev']:.3f} | {old['test']:.3f} |")
    print(f"| classifier with 'none' examples (now) | {now['dev']:.3f} | {now['test']:.3f} |\n")


def survey(shared: Path, embedder, folder: Path) -> None:  # type: ignore[no-untyped-def]
    export = shared / "jupyter-ux-survey-2015" / "survey-export.csv"
    gold, names = truth(shared), short_names(shared)
    with Workspace.open(folder / "jupyter") as workspace:
        ingest(workspace, [export], IngestOptions())
        result = run_themes(workspace, Settings(out=folder / "jupyter-out"), embedder)
        print("## The Jupyter survey\n")
        figures = label_support(folder / "jupyter-out", _lemmas(workspace),
                                spacy_describer(load_gazetteer()))
        print("| study | coded | theme label support: median / weak (themes) | sub-theme: "
              "median / weak (sub-themes) |\n|---|---:|---|---|")
        print(support_rows("Jupyter survey", figures) + "\n")
        polarity(workspace, result)
        units = workspace.query("SELECT u.id, u.location, COALESCE(ut.theme_id, '') AS theme,"
                                " COALESCE(ut.subtheme_id, '') AS sub FROM units u LEFT JOIN"
                                " unit_themes ut ON ut.unit_id = u.id ORDER BY u.id")
    labels = {t.id: t.label for t in result.themes}
    keys, by_question = scored(units, gold, names)
    print("## Themes against the Jupyter analysts' codes\n")
    print("| question | answers | codes | theme ARI | NMI | AMI | sub-theme ARI | NMI | AMI |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    totals = np.zeros(6)
    agree, judged = 0, 0
    for question, indices in sorted(by_question.items()):
        truth_codes = [gold[keys[i]] for i in indices]
        cells = []
        for level in ("theme", "sub"):
            predicted = [(units[i][level] or units[i]["theme"]) or "unassigned" for i in indices]
            cells += [adjusted_rand_score(truth_codes, predicted),
                      normalized_mutual_info_score(truth_codes, predicted),
                      adjusted_mutual_info_score(truth_codes, predicted)]
        totals += np.array(cells) * len(indices)
        print(f"| {question} | {len(indices)} | {len(set(truth_codes))} | "
              + " | ".join(f"{c:.3f}" for c in cells) + " |")
        code_names = sorted(set(truth_codes))
        code_vectors = embed(None, embedder, [c.replace("_", " ") for c in code_names])
        by_theme: dict[str, Counter[str]] = defaultdict(Counter)
        for i, code in zip(indices, truth_codes):
            if units[i]["theme"]:
                by_theme[units[i]["theme"]][code] += 1
        for theme, codes in by_theme.items():
            if sum(codes.values()) < 5:
                continue
            label_vector = embed(None, embedder, [labels[theme]])[0]
            nearest = code_names[int(np.argmax(code_vectors @ label_vector))]
            agree += nearest == codes.most_common(1)[0][0]
            judged += 1
    weight = sum(map(len, by_question.values()))
    print(f"| **weighted mean** | {weight} | | "
          + " | ".join(f"{t / weight:.3f}" for t in totals) + " |\n")
    themes = len(result.themes)
    subthemes = sum(len(t.subthemes) for t in result.themes)
    print(f"{themes} themes and {subthemes} sub-themes over "
          f"{len({t.dimension for t in result.themes})} questions; label agreement with the "
          f"analysts' code names: {agree} of {judged} themes ({agree / max(judged, 1):.0%}).\n")
    largest(result.themes)


def largest(themes: list) -> None:  # type: ignore[type-arg]
    print("The ten largest themes, with their first quote:\n")
    for theme in sorted(themes, key=lambda t: (-t.size, t.id))[:10]:
        print(f"- {theme.dimension}: **{theme.label}** ({theme.size} statements, label held "
              f"by {theme.support:.0%})"
              + (f"; sub-themes: {', '.join(s.label for s in theme.subthemes[:4])}"
                 if theme.subthemes else ""))
        if theme.quotes:
            print(f"  > {theme.quotes[0].text[:200]}")
    print()


def interviews(shared: Path, embedder, folder: Path) -> None:  # type: ignore[no-untyped-def]
    source = shared / "pypi-mismatches-interviews"
    settings = Settings(out=folder / "interviews-out")
    with Workspace.open(folder / "interviews") as workspace:
        ingest(workspace, [source], IngestOptions())
        result = run_themes(workspace, settings, embedder)
        figures = label_support(folder / "interviews-out", _lemmas(workspace),
                                spacy_describer(load_gazetteer()))
        personas = run_personas(workspace, settings, embedder)
        rows = workspace.query("SELECT u.text FROM units u JOIN placements p ON p.unit_id = u.id"
                               " WHERE p.dimension = 'other' ORDER BY u.id")
    total = len(result.analysis.ids)
    print("## The 16 real interviews\n")
    print(f"`other` holds {len(rows)} of {total} statements ({len(rows) / total:.0%}); "
          "a random sample of thirty:\n")
    for row in random.Random(0).sample(rows, min(30, len(rows))):
        print(f"- {row['text'][:160]}")
    print("\n| study | coded | theme label support: median / weak (themes) | sub-theme: "
          "median / weak (sub-themes) |\n|---|---:|---|---|")
    print(support_rows("PyPI interviews", figures) + "\n")
    largest(result.themes)
    print("Personas:\n")
    for card in personas.result.cards:
        motivation = (card["motivation"]["dominant"] or {}).get("title", "no clear motivation")
        print(f"- **{card['name']}** ({card['title']}): {card['size']} people, {card['kind']}, "
              f"{motivation}")
    print()


def _lemmas(workspace: Workspace) -> dict[str, frozenset[str]]:
    return {row["unit_id"]: frozenset(json.loads(row["lemmas"]))
            for row in workspace.query("SELECT unit_id, lemmas FROM analysis")}


def label_support(out: Path, lemmas: dict[str, frozenset[str]], describe) -> dict:  # type: ignore[no-untyped-def]
    """The label-support figures of one run's outputs (units.csv, themes.json)."""
    with (out / "units.csv").open(encoding="utf-8") as handle:
        units = list(csv.DictReader(handle))
    members: dict[str, list[str]] = defaultdict(list)
    for unit in units:
        if unit["theme_id"]:
            members[unit["theme_id"]].append(unit["unit_id"])
        if unit["subtheme_id"]:
            members[unit["subtheme_id"]].append(unit["unit_id"])
    data = json.loads((out / "themes.json").read_text("utf-8"))
    labels = {}
    for dimension in data["dimensions"]:
        for theme in dimension["themes"]:
            labels[theme["id"]] = (theme["label"], "theme")
            labels.update((sub["id"], (sub["label"], "sub")) for sub in theme["subthemes"])
    words = dict(zip(labels, (frozenset(f.lemmas) for f in describe(
        [label for label, _ in labels.values()]))))
    found = {"coded": sum(1 for u in units if u["theme_id"]) / max(len(units), 1),
             "statements": len(units)}
    for level in ("theme", "sub"):
        pairs = [(len(members[i]), support(words[i], [lemmas.get(u, frozenset())
                                                       for u in members[i]], every=False))
                 for i, (_, kind) in labels.items() if kind == level and members[i]]
        total = sum(n for n, _ in pairs)
        median, seen = 0.0, 0
        for n, share in sorted(pairs, key=lambda pair: pair[1]):
            seen += n
            if seen >= total / 2:
                median = share
                break
        found[level] = {"groups": len(pairs), "median": median,
                        "weak": sum(n for n, share in pairs if share < 0.2) / max(total, 1)}
    return found


def support_rows(name: str, figures: dict) -> str:
    cells = [f"{figures[level]['median']:.2f} / {figures[level]['weak']:.0%} "
             f"({figures[level]['groups']})" for level in ("theme", "sub")]
    return f"| {name} | {figures['coded']:.0%} | " + " | ".join(cells) + " |"


JUPYTER_ASKS = {   # the survey's own questions -> the persona question each asks for
    "hinders you": "frustration", "difficult to use": "frustration",
    "not address": "frustration", "more tightly integrated": "tools",
    "does Jupyter Notebook address": "workflow",
}


def asks(header: str) -> str:
    return next((q for cue, q in JUPYTER_ASKS.items() if cue in header), "")


def polarity(workspace: Workspace, result) -> None:  # type: ignore[no-untyped-def]
    """Complaint and praise answers, and themes' polarity purity, on the Jupyter survey."""
    rows = workspace.query("SELECT u.id, u.question, p.dimension, COALESCE(ut.theme_id, '')"
                           " AS theme FROM units u JOIN placements p ON p.unit_id = u.id"
                           " LEFT JOIN unit_themes ut ON ut.unit_id = u.id")
    stance = {h: c.stance for h, c in result.columns.items()}
    complaint = [r for r in rows if "difficult to use" in r["question"]
                 or "hinders you" in r["question"]]
    praise = [r for r in rows if "pleasant" in r["question"]]
    by_theme: dict[str, Counter[str]] = defaultdict(Counter)
    for r in rows:
        if r["theme"]:
            by_theme[r["theme"]][stance.get(r["question"], "neutral")] += 1
    pure = sum(c.most_common(1)[0][1] for c in by_theme.values())
    total = sum(sum(c.values()) for c in by_theme.values())
    print("| figure | goal | now |\n|---|---|---:|")
    print(f"| complaint answers in Frustrations | >= 0.90 | "
          f"{sum(r['dimension'] == 'frustration' for r in complaint) / len(complaint):.2f} |")
    print(f"| praise answers in Frustrations | <= 0.05 | "
          f"{sum(r['dimension'] == 'frustration' for r in praise) / len(praise):.2f} |")
    print(f"| themes' polarity purity | >= 0.90 | {pure / max(total, 1):.2f} |\n")


def second_placement(embedder, shared: Path) -> None:  # type: ignore[no-untyped-def]
    """Placement from text alone on the Jupyter answers, against what the survey asked."""
    export = shared / "jupyter-ux-survey-2015" / "survey-export.csv"
    with export.open(encoding="utf-8") as handle:
        reader = csv.reader(handle)
        headers = [" ".join(h.replace("\xa0", " ").split()) for h in next(reader)]
        answers = [(cell.strip(), asks(header)) for row in reader
                   for header, cell in zip(headers, row) if asks(header) and cell.strip()]
    framework = load_framework()
    prototypes = build_prototypes(framework, embedder)
    describe = spacy_describer(load_gazetteer())
    texts = [text for text, _ in answers]
    vectors = embed(None, embedder, texts)
    facts = list(describe(texts))
    predicted = [d for d, _ in decide(probabilities(
        [Evidence(v, None, frozenset(f.lemmas), t, f.sentiment)
         for t, v, f in zip(texts, vectors, facts)], framework, prototypes), framework,
        [f.content for f in facts])]
    truth_labels = [label for _, label in answers]
    labels = sorted(set(truth_labels))
    f1 = f1_score(truth_labels, predicted, average="macro", labels=labels, zero_division=0)
    print(f"## Placement on a second set: {len(texts)} Jupyter answers, text alone\n")
    print(f"macro-F1 over {', '.join(labels)}: **{f1:.3f}** (labels: the persona question "
          "each survey question asks for)\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--skip-survey", action="store_true")
    parser.add_argument("--skip-personas", action="store_true")
    parser.add_argument("--precision", choices=["fast", "full"], default="fast",
                        help="the embeddings to measure (default: synth's default, fast)")
    args = parser.parse_args()
    embedder = load_embedder(precision=args.precision)
    print(f"# Embeddings: {embedder.name}\n")
    placement(embedder)
    motivations(embedder)
    if not args.shared.exists():
        print(f"shared data not found: {args.shared}", file=sys.stderr)
        return 2
    second_placement(embedder, args.shared)
    with tempfile.TemporaryDirectory() as folder:
        interviews(args.shared, embedder, Path(folder))
        if not args.skip_survey:
            survey(args.shared, embedder, Path(folder))
        if not args.skip_personas:
            personas_exist(args.shared, Path(folder), args.precision)
    return 0


def personas_exist(shared: Path, folder: Path, precision: str) -> None:
    import personas_quality as quality

    quality.PRECISION = precision
    rows = [*quality.interviews(shared, folder / "p-interviews"),
            *quality.jupyter(shared, folder / "p-jupyter"),
            *quality.shuffled(shared, folder / "p-shuffled")]
    print("\n## Do the personas exist?\n")
    print("| study | people | silhouette | null mean ± sd, max | z | p | mean ARI "
          "(subsets) | lowest Jaccard | decision | k (of candidate) | ARI vs truth | s |")
    print("|---|---:|---|---|---:|---:|---:|---:|---|---|---:|---:|")
    print("\n".join(rows))


if __name__ == "__main__":
    raise SystemExit(main())
