"""Personas: segment participants by their profiles and build a card per segment.

`build_personas` reads the analysed study, segments it (`segment.py`) and tests the segments
against the study's answers shuffled across people and on subsets (`validity.py`), builds
each card's data (`card.py`) and stores cards, assignments and the validity figures in one
transaction. Rendering reads what is stored; nothing here writes files.
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
from synth.personas.validity import ShuffledAnswers
from synth.progress import Progress, silent
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
                   signals_file: Path | None = None,
                   progress: Progress = silent) -> PersonasResult:
    profiles = build_profiles(study)
    rich = [pid for pid, thin in zip(profiles.ids, profiles.thin) if not thin]
    found = segment(profiles, k, ShuffledAnswers(study, rich), progress)
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
        cards.append(_with_validity(builder.card(Segment(rank + 1, members, everyone)),
                                    found))
    _store(workspace, cards, profiles.ids, found)
    return PersonasResult(cards, found, profiles.ids)


def _with_validity(card: dict, found: Segmentation) -> dict:
    """The card, with how far its segment holds together (and, for the study-wide persona
    the data left us with, a name that says so)."""
    validity = found.validity
    held = validity.stability
    card["validity"] = {"decision": validity.decision, "k": validity.k,
                        "jaccard": held.jaccard[card["rank"] - 1]
                        if held and validity.k == validity.candidate_k else None,
                        "stable": card["rank"] not in held.flagged
                        if held and validity.k == validity.candidate_k else None}
    if validity.decision == "one persona":
        card["name"] = "Everyone in the study"
        card["title"] = "One study-wide persona: the data show no distinct segments"
    return card


def _store(workspace: Workspace, cards: list[dict], ids: list[str],
           found: Segmentation) -> None:
    with workspace.transaction() as db:
        db.execute("DELETE FROM participant_personas")
        db.execute("DELETE FROM personas")
        db.execute("INSERT OR REPLACE INTO reports (name, detail) VALUES ('personas', ?)",
                   (json.dumps(found.validity.as_dict(), sort_keys=True),))
        db.executemany("INSERT INTO personas (id, rank, detail) VALUES (?, ?, ?)",
                       [(c["id"], c["rank"], json.dumps(c, sort_keys=True)) for c in cards])
        db.executemany("INSERT INTO participant_personas VALUES (?, ?, ?)",
                       [(pid, f"persona-{label + 1}" if label >= 0 else None, how)
                        for pid, label, how in zip(ids, found.labels.tolist(), found.how)])


__all__ = ["PersonasResult", "build_personas"]
