"""Personas: segment participants by their profiles and build a card per segment.

`build_personas` reads the analysed study, segments it (`segment.py`) and tests the segments
against the study's answers shuffled across people and on subsets (`validity.py`), or takes
the segments the researcher defines (`defined.py`: `--by`, `--map`, `--define`) and reports
how distinct they are; decides whether the motivation framework fits (`audience.py`); builds
each card's data (`card.py`) and stores cards, assignments and the validity figures in one
transaction. Rendering reads what is stored; nothing here writes files.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from synth.analyse.framework import Framework
from synth.embed import Embedder
from synth.errors import SynthError
from synth.personas.audience import decide
from synth.personas.card import CardBuilder, Segment
from synth.personas.defined import by_column, distinctness, from_file
from synth.personas.motivation import detect_motivations, load_motivations
from synth.personas.profile import Profiles, build_profiles
from synth.personas.segment import Segmentation, segment
from synth.personas.validity import ShuffledAnswers, Validity
from synth.progress import Progress, silent
from synth.signals import detect, load_signals
from synth.study import Study
from synth.workspace import Workspace


@dataclass
class PersonasResult:
    cards: list[dict]
    segmentation: Segmentation
    ids: list[str]              # participant ids, in the order of segmentation.labels


@dataclass
class Definition:
    """Segments the researcher defines instead of k-means: `--by COLUMN` (with an optional
    `--map FILE`) or `--define personas.yaml`."""

    by: str | None = None
    mapping: Path | None = None
    file: Path | None = None


def build_personas(workspace: Workspace, study: Study, framework: Framework,
                   embedder: Embedder, k: int | None = None,
                   motivations_file: Path | None = None,
                   signals_file: Path | None = None,
                   progress: Progress = silent,
                   definition: Definition | None = None,
                   audience: str = "auto") -> PersonasResult:
    profiles = build_profiles(study)
    if definition and (definition.by or definition.file):
        found = _defined(study, profiles, definition)
    else:
        rich = [pid for pid, thin in zip(profiles.ids, profiles.thin) if not thin]
        found = segment(profiles, k, ShuffledAnswers(study, rich), progress)
    motivations = load_motivations(motivations_file)
    fits = decide(study, audience, motivations_file)
    motivation_of = (detect_motivations(study.vectors, [u.dimension for u in study.units],
                                        motivations, embedder)
                     if fits.applies else [None] * len(study.units))
    signals = load_signals(signals_file)
    signals_of = [detect(u.text, signals) for u in study.units]
    builder = CardBuilder(study, framework, motivations, motivation_of, signals_of,
                          {s.id: s.title for s in signals}, fits)
    everyone = {pid for pid, label in zip(profiles.ids, found.labels) if label >= 0}
    cards = []
    for rank in range(int(found.labels.max()) + 1):
        members = {pid for pid, label in zip(profiles.ids, found.labels) if label == rank}
        cards.append(_with_validity(builder.card(Segment(rank + 1, members, everyone)),
                                    found))
    distinct_names(cards)
    _store(workspace, cards, profiles.ids, found)
    return PersonasResult(cards, found, profiles.ids)


def _defined(study: Study, profiles: Profiles, definition: Definition) -> Segmentation:
    """The researcher's segments as a segmentation, with their distinctness reported."""
    if definition.file:
        defined = from_file(study, definition.file)
    else:
        defined = by_column(study, definition.by or "", definition.mapping)
    kept = [(name, members) for name, members in zip(defined.names, defined.members) if members]
    defined.notes += [f"'{name}' matches nobody, so it has no card"
                      for name, members in zip(defined.names, defined.members) if not members]
    if not kept:
        raise SynthError(f"{defined.how} puts nobody in any persona. Check the column or the "
                         "definitions against `synth participants`")
    kept.sort(key=lambda item: (-len(item[1]), item[0]))
    label_of = {pid: rank for rank, (_, members) in enumerate(kept) for pid in members}
    labels = np.array([label_of.get(pid, -1) for pid in profiles.ids], dtype=int)
    how = [f"defined: {defined.how}" if pid in label_of else
           f"unassigned: {defined.left_out.get(pid, 'not in a defined persona')}"
           for pid in profiles.ids]
    figures = distinctness(profiles, [members for _, members in kept])
    figures.update({"how": defined.how, "names": [name for name, _ in kept],
                    "notes": defined.notes, "mapping_draft": defined.draft})
    k = len(kept)
    validity = Validity(int((~profiles.thin).sum()), figures["tested"], k, k, False,
                        "defined", f"defined by {defined.how}; figures reported, not used to "
                        "decide", defined=figures)
    return Segmentation(labels, how, k, validity)


def distinct_names(cards: list[dict]) -> None:
    """Two personas never share a name: a repeated name gets its persona's most
    distinctive theme, else its number."""
    counts = Counter(card["name"] for card in cards)
    for card in cards:
        if counts[card["name"]] < 2:
            continue
        topic = next((t["label"] for s in card["sections"] if s["distinctive"]
                      for t in s["themes"]), "")
        card["name"] = f"{card['name']}: {topic}" if topic else card["name"]
    seen: Counter[str] = Counter(card["name"] for card in cards)
    for card in cards:
        if seen[card["name"]] > 1:
            card["name"] = f"{card['name']} ({card['id']})"


def _with_validity(card: dict, found: Segmentation) -> dict:
    """The card, with how far its segment holds together (and, for the study-wide persona
    the data left us with, a name that says so)."""
    validity = found.validity
    if validity.decision == "defined":
        figures = validity.defined or {}
        card["name"] = figures["names"][card["rank"] - 1]
        card["validity"] = {"decision": "defined", "k": validity.k, "jaccard": None,
                            "stable": None,
                            "distinct": figures["segments"][card["rank"] - 1]}
        return card
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


__all__ = ["Definition", "PersonasResult", "build_personas", "distinct_names"]
