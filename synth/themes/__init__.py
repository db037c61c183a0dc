"""Themes: within each persona question, cluster its units into labelled themes.

Every theme carries a readable label, keyphrases, three representative quotes with their
source and location, its size, the participants who voice it (count and share), its mean
sentiment and its top entities. The whole set is replaced in one transaction.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

import numpy as np

from synth.analyse import Analysis
from synth.analyse.framework import Framework
from synth.themes.cluster import cluster
from synth.themes.label import make_label, rank_phrases
from synth.themes.quotes import representative
from synth.workspace import Workspace

UNIT_SQL = ("SELECT u.id, u.text, u.participant_id, u.location, s.display AS source"
            " FROM units u JOIN sources s ON s.id = u.source_id")


@dataclass
class Quote:
    unit_id: str
    participant_id: str
    text: str
    source: str
    location: str


@dataclass
class Theme:
    id: str
    dimension: str
    rank: int
    label: str
    keyphrases: list[str]
    size: int
    participants: int
    share: float
    sentiment: float
    entities: list[tuple[str, str, int]]
    quotes: list[Quote] = field(default_factory=list)

    def detail(self) -> str:
        data = asdict(self)
        for key in ("id", "dimension", "rank", "label"):
            data.pop(key)
        return json.dumps(data, sort_keys=True)


def build_themes(workspace: Workspace, analysis: Analysis, framework: Framework,
                 k: int | None = None) -> tuple[list[Theme], dict[str, str]]:
    """Cluster, label and store themes. -> (themes, unit id -> theme id)."""
    units = {row["id"]: row for row in workspace.query(UNIT_SQL)}
    everyone = len({units[uid]["participant_id"] for uid in analysis.ids})
    themes: list[Theme] = []
    assignment: dict[str, str] = {}
    for dimension in framework.ids:
        members = [i for i, d in enumerate(analysis.dimensions) if d == dimension]
        if not members:
            continue
        vectors = analysis.vectors[members]
        labels = cluster(vectors, k)
        ranked = rank_phrases({t: [analysis.facts[members[i]].phrases
                                   for i in np.flatnonzero(labels == t)]
                               for t in sorted(set(labels.tolist()) - {-1})})
        for theme_index, keyphrases in ranked.items():
            inside = [members[i] for i in np.flatnonzero(labels == theme_index)]
            theme = _theme(dimension, theme_index, keyphrases, inside, analysis, units,
                           everyone, framework)
            themes.append(theme)
            assignment.update((analysis.ids[i], theme.id) for i in inside)
    _store(workspace, themes, assignment)
    return themes, assignment


def _theme(dimension: str, index: int, keyphrases: list[str], inside: list[int],
           analysis: Analysis, units: dict, everyone: int, framework: Framework) -> Theme:
    rows = [units[analysis.ids[i]] for i in inside]
    people = [row["participant_id"] for row in rows]
    entity_people: dict[tuple[str, str], set[str]] = {}
    for i, person in zip(inside, people):
        for name, kind in analysis.facts[i].entities:
            entity_people.setdefault((name, kind), set()).add(person)
    entities = sorted(((name, kind, len(who)) for (name, kind), who in entity_people.items()),
                      key=lambda e: (-e[2], e[0]))[:5]
    picked = representative(analysis.vectors[inside], [r["text"] for r in rows], people)
    quotes = [Quote(rows[i]["id"], rows[i]["participant_id"], rows[i]["text"],
                    rows[i]["source"], rows[i]["location"]) for i in picked]
    fallback = f"{framework.title(dimension)} {index + 1}"
    return Theme(
        id=f"{dimension}-{index + 1:02d}", dimension=dimension, rank=index + 1,
        label=make_label(keyphrases, fallback), keyphrases=keyphrases, size=len(inside),
        participants=len(set(people)), share=round(len(set(people)) / max(everyone, 1), 4),
        sentiment=round(float(np.mean([analysis.facts[i].sentiment for i in inside])), 3),
        entities=entities, quotes=quotes)


def _store(workspace: Workspace, themes: list[Theme], assignment: dict[str, str]) -> None:
    with workspace.transaction() as db:
        db.execute("DELETE FROM unit_themes")
        db.execute("DELETE FROM themes")
        db.executemany("INSERT INTO themes (id, dimension, rank, label, detail) VALUES"
                       " (?, ?, ?, ?, ?)",
                       [(t.id, t.dimension, t.rank, t.label, t.detail()) for t in themes])
        db.executemany("INSERT INTO unit_themes VALUES (?, ?)", sorted(assignment.items()))


__all__ = ["Quote", "Theme", "build_themes"]
