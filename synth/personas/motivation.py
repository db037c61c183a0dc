"""The four developer motivations (open-source passion, heavy product use, career growth,
thought leadership), loaded from an editable data file (`synth/data/motivations.json`).

A statement shows a motivation when its embedding is close to the motivation's example
statements (cosine to the nearest example at least the file's `threshold`), or when it is
placed in the Motivation question and uses one of the motivation's cue words. A segment's
profile is the share of its members who voice each motivation; the dominant one is the
highest share.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from synth.data import read_json
from synth.embed import Embedder, embed
from synth.errors import SynthError


@dataclass(frozen=True)
class Motivation:
    id: str
    title: str
    summary: str
    examples: tuple[str, ...]
    cues: tuple[str, ...]
    incentives: tuple[str, ...]
    content: tuple[str, ...]
    avoid: tuple[str, ...]


@dataclass(frozen=True)
class Motivations:
    items: tuple[Motivation, ...]
    threshold: float


def load_motivations(path: Path | None = None) -> Motivations:
    data, where = read_json("motivations.json", path)
    try:
        items = tuple(Motivation(m["id"], m["title"], m["summary"], tuple(m["examples"]),
                                 tuple(c.lower() for c in m.get("cues", ())),
                                 tuple(m.get("incentives", ())), tuple(m.get("content", ())),
                                 tuple(m.get("avoid", ())))
                      for m in data["motivations"])
    except (KeyError, TypeError) as error:
        raise SynthError(f"{where}: every motivation needs id, title, summary and examples "
                         f"(missing {error}). Start from synth/data/motivations.json") from None
    if not items or any(not m.examples for m in items):
        raise SynthError(f"{where}: each motivation needs at least one example statement")
    return Motivations(items, float(data.get("threshold", 0.45)))


def detect_motivations(texts: list[str], vectors: np.ndarray, dimensions: list[str],
                       motivations: Motivations, embedder: Embedder
                       ) -> list[tuple[str, float] | None]:
    """Per statement: (motivation id, strength) or None."""
    examples = [embed(None, embedder, list(m.examples)) for m in motivations.items]
    cues = [re.compile(r"\b(?:" + "|".join(re.escape(c) for c in m.cues) + r")\b")
            if m.cues else None for m in motivations.items]
    found: list[tuple[str, float] | None] = []
    for text, vector, dimension in zip(texts, vectors, dimensions):
        similarity = np.array([float((e @ vector).max()) for e in examples])
        best = int(similarity.argmax())
        if similarity[best] >= motivations.threshold:
            found.append((motivations.items[best].id, round(float(similarity[best]), 3)))
            continue
        lowered = text.lower()
        hits = [i for i, cue in enumerate(cues) if cue and dimension == "motivation"
                and cue.search(lowered)]
        if hits:
            top = max(hits, key=lambda i: (similarity[i], -i))
            found.append((motivations.items[top].id, round(float(similarity[top]), 3)))
        else:
            found.append(None)
    return found
