"""The four developer motivations (open-source passion, heavy product use, career growth,
thought leadership), loaded from an editable data file (`synth/data/motivations.json`).

A statement shows a motivation when a logistic regression fitted on the file's example
statements of each motivation and of `none` (statements that express no motivation,
many of them about open source, jobs or conferences: talking about a thing is not being
moved by it) gives that motivation at least the file's `threshold` probability. Measured on
a labelled set of real statements (`benchmarks/devsets/motivations.csv`): macro-F1 over the
four motivations 0.67 on its development split and 0.59 on its test split, against 0.39 and
0.20 for the nearest-example rule it replaced (`benchmarks/insight_quality.py`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from synth.data import read_json
from synth.embed import Embedder, embed
from synth.errors import SynthError

NONE = "none"
MODEL_C = 30.0     # inverse regularisation, chosen on the development split
ANYWHERE = 0.7     # probability a statement outside the Motivation question needs


@dataclass(frozen=True)
class Motivation:
    id: str
    title: str
    summary: str
    examples: tuple[str, ...]
    incentives: tuple[str, ...]
    content: tuple[str, ...]
    avoid: tuple[str, ...]


@dataclass(frozen=True)
class Motivations:
    items: tuple[Motivation, ...]
    threshold: float
    none: tuple[str, ...] = ()      # statements that express no motivation


def load_motivations(path: Path | None = None) -> Motivations:
    data, where = read_json("motivations.json", path)
    try:
        items = tuple(Motivation(m["id"], m["title"], m["summary"], tuple(m["examples"]),
                                 tuple(m.get("incentives", ())), tuple(m.get("content", ())),
                                 tuple(m.get("avoid", ())))
                      for m in data["motivations"])
    except (KeyError, TypeError) as error:
        raise SynthError(f"{where}: every motivation needs id, title, summary and examples "
                         f"(missing {error}). Start from synth/data/motivations.json") from None
    if not items or any(not m.examples for m in items):
        raise SynthError(f"{where}: each motivation needs at least one example statement")
    none = tuple(data.get("none", ()))
    if not none:
        raise SynthError(f"{where}: 'none' needs example statements that express no "
                         "motivation, so the classifier can tell them apart")
    return Motivations(items, float(data.get("threshold", 0.4)), none)


def detect_motivations(vectors: np.ndarray, dimensions: list[str], motivations: Motivations,
                       embedder: Embedder) -> list[tuple[str, float] | None]:
    """Per statement: (motivation id, probability) or None. Outside the Motivation question
    a statement needs `ANYWHERE` probability: in an interview most statements express no
    motivation, and a classifier fitted on a few dozen examples is not sure enough there.
    A statement placed in Frustrations is a pain or a criticism, never a motivation."""
    from sklearn.linear_model import LogisticRegression

    groups = [m.examples for m in motivations.items] + [motivations.none]
    examples = np.vstack([embed(None, embedder, list(g)) for g in groups])
    labels = np.concatenate([np.full(len(g), i) for i, g in enumerate(groups)])
    model = LogisticRegression(C=MODEL_C, max_iter=2000).fit(examples, labels)
    if not len(vectors):
        return []
    probabilities = model.predict_proba(np.asarray(vectors))
    found: list[tuple[str, float] | None] = []
    for row, dimension in zip(probabilities, dimensions):
        best = int(row.argmax())
        if dimension == "frustration":
            found.append(None)
            continue
        needed = motivations.threshold if dimension == "motivation" else ANYWHERE
        if best < len(motivations.items) and row[best] >= needed:
            found.append((motivations.items[best].id, round(float(row[best]), 3)))
        else:
            found.append(None)
    return found
