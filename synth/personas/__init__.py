"""Personas: segment participants by their profiles and build a card per segment.

`build_personas` reads the analysed study, segments it (`segment.py`), builds each card's
data (`card.py`) and stores cards and assignments in one transaction. Rendering reads what
is stored; nothing here writes files.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from synth.analyse.framework import Framework
from synth.embed import Embedder
from synth.personas.card import CardBuilder, Segment
from synth.personas.motivation import detect_motivations, load_motivations
from synth.personas.profile import build_profiles
from synth.personas.segment import Segmentation, segment
from synth.signals import detect, load_signals
from synth.study import Study
from synth.workspace import Workspace


@dataclass
class PersonasResult:
    cards: list[dict]
    segmentation: Segmentation
    ids: list[str]              # participant ids, in the order of segmentation.labels


def build_personas(workspace: Workspace, study: Study, framework: Framework,
                   embedder: Embedder, k: int | None = None,
                   motivations_file: Path | None = None,
                   signals_file: Path | None = None) -> PersonasResult:
    profiles = build_profiles(study)
    found = segment(profiles, k)
    motivations = load_motivations(motivations_file)
    motivation_of = detect_motivations(study.vectors, [u.dimension for u in study.units],
                                       motivations, embedder)
    signals = load_signals(signals_file)
    signals_of = [detect(u.text, signals) for u in study.units]
    builder = CardBuilder(study, framework, motivations, motivation_of, signals_of,
                          {s.id: s.title for s in signals})
    everyone = {pid for pid, label in zip(profiles.ids, found.labels) if label >= 0}
    cards = []
    for rank in range(int(found.labels.max()) + 1):
        members = {pid for pid, label in zip(profiles.ids, found.labels) if label == rank}
        cards.append(builder.card(Segment(rank + 1, members, everyone)))
    _store(workspace, cards, profiles.ids, found)
    return PersonasResult(cards, found, profiles.ids)


def _store(workspace: Workspace, cards: list[dict], ids: list[str],
           found: Segmentation) -> None:
    with workspace.transaction() as db:
        db.execute("DELETE FROM participant_personas")
        db.execute("DELETE FROM personas")
        db.executemany("INSERT INTO personas (id, rank, detail) VALUES (?, ?, ?)",
                       [(c["id"], c["rank"], json.dumps(c, sort_keys=True)) for c in cards])
        db.executemany("INSERT INTO participant_personas VALUES (?, ?, ?)",
                       [(pid, f"persona-{label + 1}" if label >= 0 else None, how)
                        for pid, label, how in zip(ids, found.labels.tolist(), found.how)])


__all__ = ["PersonasResult", "build_personas"]
