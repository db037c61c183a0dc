"""Themes: within each persona question, a hierarchy of labelled themes and sub-themes.

Every theme carries a label in the participants' words, a one-line summary (its most
central self-contained statement), keyphrases, three quotes that stand alone with their
source and location, its size, the participants who voice it (count and share), its mean
sentiment, its top entities, and its sub-themes (each with the same, and two quotes). The
whole set is replaced in one transaction.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

import numpy as np

from synth.analyse import Analysis
from synth.analyse.framework import Framework
from synth.embed import Embedder, embed
from synth.progress import Progress, silent
from synth.themes.cluster import cluster
from synth.themes.label import Group, Labelled, label_groups, variant_key
from synth.themes.plan import Planned, Planner
from synth.themes.quotes import representative, summary
from synth.workspace import Workspace

UNIT_SQL = ("SELECT u.id, u.text, u.participant_id, u.location, s.display AS source"
            " FROM units u JOIN sources s ON s.id = u.source_id")
QUOTES, SUBTHEME_QUOTES = 3, 2


@dataclass
class Quote:
    unit_id: str
    participant_id: str
    text: str
    source: str
    location: str


@dataclass
class Subtheme:
    id: str
    label: str
    summary: str
    keyphrases: list[str]
    size: int
    participants: int
    share: float
    quotes: list[Quote] = field(default_factory=list)


@dataclass
class Theme:
    id: str
    dimension: str
    rank: int
    label: str
    summary: str
    keyphrases: list[str]
    size: int
    participants: int
    share: float
    sentiment: float
    entities: list[tuple[str, str, int]]
    quotes: list[Quote] = field(default_factory=list)
    subthemes: list[Subtheme] = field(default_factory=list)

    def detail(self) -> str:
        data = asdict(self)
        for key in ("id", "dimension", "rank", "label"):
            data.pop(key)
        return json.dumps(data, sort_keys=True)


class _Builder:
    """Labels, quotes and counts for the groups of one study's units."""

    def __init__(self, workspace: Workspace, analysis: Analysis, embedder: Embedder) -> None:
        self.workspace = workspace
        self.analysis = analysis
        self.embedder = embedder
        self.units = {row["id"]: row for row in workspace.query(UNIT_SQL)}
        self.everyone = len({self.units[uid]["participant_id"] for uid in analysis.ids})

    def phrases(self, texts: list[str]) -> np.ndarray:
        return embed(self.workspace, self.embedder, texts)

    def group(self, inside: list[int]) -> Group:
        centre = self.analysis.vectors[inside].mean(axis=0)
        return Group([self.analysis.facts[i].candidates for i in inside],
                     centre / (np.linalg.norm(centre) or 1.0))

    def row(self, i: int):  # type: ignore[no-untyped-def]
        return self.units[self.analysis.ids[i]]

    def people(self, inside: list[int]) -> list[str]:
        return [self.row(i)["participant_id"] for i in inside]

    def quotes(self, inside: list[int], key_terms: list[str], count: int) -> list[Quote]:
        facts = [self.analysis.facts[i] for i in inside]
        texts = [self.row(i)["text"] for i in inside]
        picked = representative(self.analysis.vectors[inside], texts,
                                self.people(inside), [f.standalone for f in facts],
                                [f.candidates for f in facts], key_terms,
                                [f.content for f in facts], count)
        return [self.quote(inside[j]) for j in picked]

    def summary(self, inside: list[int], key_terms: list[str]) -> str:
        facts = [self.analysis.facts[i] for i in inside]
        j = summary(self.analysis.vectors[inside], [self.row(i)["text"] for i in inside],
                    [f.standalone for f in facts], [f.candidates for f in facts], key_terms,
                    [f.content for f in facts])
        return "" if j is None else self.row(inside[j])["text"]

    def quote(self, i: int) -> Quote:
        row = self.row(i)
        return Quote(row["id"], row["participant_id"], row["text"], row["source"],
                     row["location"])

    def counts(self, inside: list[int]) -> dict:
        who = set(self.people(inside))
        return {"size": len(inside), "participants": len(who),
                "share": round(len(who) / max(self.everyone, 1), 4)}

    def entities(self, inside: list[int]) -> list[tuple[str, str, int]]:
        named: dict[tuple[str, str], set[str]] = {}
        for i, person in zip(inside, self.people(inside)):
            for name, kind in self.analysis.facts[i].entities:
                named.setdefault((name, kind), set()).add(person)
        return sorted(((name, kind, len(who)) for (name, kind), who in named.items()),
                      key=lambda e: (-e[2], e[0]))[:5]


def build_themes(workspace: Workspace, analysis: Analysis, framework: Framework,
                 embedder: Embedder, k: int | None = None, planner: Planner | None = None,
                 progress: Progress = silent
                 ) -> tuple[list[Theme], dict[str, tuple[str, str]]]:
    """Cluster, label and store themes. -> (themes, unit id -> (theme id, sub-theme id)).

    With a `planner` (synth.codebook) the codebook decides the groups, their ids and the
    labels it keeps, and is stored in the same transaction."""
    builder = _Builder(workspace, analysis, embedder)
    themes: list[Theme] = []
    assignment: dict[str, tuple[str, str]] = {}
    dimensions = (planner.dimensions(analysis.ids, analysis.dimensions) if planner
                  else analysis.dimensions)
    by_dimension: dict[str, list[int]] = {}
    for i, dimension in enumerate(dimensions):
        by_dimension.setdefault(dimension, []).append(i)
    asked = [d for d in framework.ids if d in by_dimension]
    for done, dimension in enumerate(asked):
        progress("themes", done, len(asked), dimension)
        members = by_dimension[dimension]
        planned = (planner.plan(dimension, members, analysis.ids, analysis.vectors) if planner
                   else _clustered(dimension, members, analysis.vectors, k))
        planned.sort(key=lambda p: (-len(p.inside), p.id))
        groups = [p.inside for p in planned]
        labels = _labels(builder, planned, framework.title(dimension))
        for index, (inside, labelled) in enumerate(zip(groups, labels)):
            theme_id = planned[index].id
            parts = planned[index].parts
            if parts is None:
                parts = cluster(analysis.vectors[inside], 1).subthemes
            subthemes, sub_members = _subthemes(builder, theme_id, inside, np.asarray(parts),
                                                labelled.label, planner)
            key_terms = [labelled.label, *labelled.keyphrases]
            themes.append(Theme(
                id=theme_id, dimension=dimension, rank=index + 1, label=labelled.label,
                summary=builder.summary(inside, key_terms), keyphrases=labelled.keyphrases,
                **builder.counts(inside),
                sentiment=round(float(np.mean([analysis.facts[i].sentiment for i in inside])), 3),
                entities=builder.entities(inside), quotes=builder.quotes(inside, key_terms, QUOTES),
                subthemes=subthemes))
            by_unit = {i: "" for i in inside}
            for sub in subthemes:
                by_unit.update((i, sub.id) for i in sub_members[sub.id])
            assignment.update((analysis.ids[i], (theme_id, by_unit[i])) for i in inside)
    progress("themes", len(asked), len(asked), "")
    if planner is not None:
        planner.record(themes, assignment, analysis.ids, dimensions, analysis.vectors)
    _store(workspace, themes, assignment, planner, dimensions)
    return themes, assignment


def _clustered(dimension: str, members: list[int], vectors: np.ndarray,
               k: int | None) -> list[Planned]:
    """Without a codebook: the question's clusters, numbered by size."""
    found = cluster(vectors[members], k)
    planned = []
    for t in range(int(found.themes.max()) + 1):
        where = np.flatnonzero(found.themes == t)
        planned.append(Planned(f"{dimension}-{t + 1:02d}", [members[j] for j in where], None,
                               False, found.subthemes[where]))
    return planned


def _labels(builder: _Builder, planned: list[Planned], fallback: str) -> list[Labelled]:
    """Kept labels stay (with the keyphrases synth would give now); the other groups are
    labelled, never with a kept label."""
    found = label_groups([builder.group(p.inside) for p in planned], builder.phrases,
                         fallback=fallback)
    kept = {variant_key(p.label) for p in planned if p.label is not None}
    todo = [i for i, p in enumerate(planned) if p.label is None]
    if any(variant_key(found[i].label) in kept for i in todo):
        again = label_groups([builder.group(planned[i].inside) for i in todo], builder.phrases,
                             taken=kept, fallback=fallback)
        found = [*found]
        for i, labelled in zip(todo, again):
            found[i] = labelled
    return [found[i] if p.label is None else _kept(p.label, found[i])
            for i, p in enumerate(planned)]


def _kept(label: str, auto: Labelled) -> Labelled:
    """A kept label with the keyphrases of synth's own label (its own label among them when
    it differs)."""
    if variant_key(auto.label) == variant_key(label):
        return Labelled(label, auto.keyphrases)
    phrases = [auto.label, *auto.keyphrases]
    return Labelled(label, [k for k in phrases if variant_key(k) != variant_key(label)]
                    [:len(auto.keyphrases)])


def _subthemes(builder: _Builder, theme_id: str, inside: list[int], parts: np.ndarray,
               parent_label: str, planner: Planner | None = None
               ) -> tuple[list[Subtheme], dict[str, list[int]]]:
    """A theme's sub-themes, and the units of each (ids from the planner when given)."""
    if not len(parts) or parts.max() < 1:
        return [], {}
    groups = [[inside[j] for j in np.flatnonzero(parts == s)] for s in range(int(parts.max()) + 1)]
    labels = label_groups([builder.group(g) for g in groups], builder.phrases,
                          taken={variant_key(parent_label)}, fallback=parent_label)
    ids = (planner.subtheme_ids(theme_id, [[builder.analysis.ids[i] for i in g] for g in groups])
           if planner else [f"{theme_id}.{s + 1}" for s in range(len(groups))])
    found, members = [], {}
    for group, labelled, sub_id in zip(groups, labels, ids):
        members[sub_id] = group
        key_terms = [labelled.label, *labelled.keyphrases]
        found.append(Subtheme(sub_id, labelled.label, builder.summary(group, key_terms),
                              labelled.keyphrases, **builder.counts(group),
                              quotes=builder.quotes(group, key_terms, SUBTHEME_QUOTES)))
    return found, members


def _store(workspace: Workspace, themes: list[Theme], assignment: dict[str, tuple[str, str]],
           planner: Planner | None = None, dimensions: list[str] | None = None) -> None:
    with workspace.transaction() as db:
        if planner is not None:
            planner.store(db)
        db.execute("DELETE FROM unit_themes")
        db.execute("DELETE FROM themes")
        db.executemany("INSERT INTO themes (id, dimension, rank, label, detail) VALUES"
                       " (?, ?, ?, ?, ?)",
                       [(t.id, t.dimension, t.rank, t.label, t.detail()) for t in themes])
        db.executemany("INSERT INTO unit_themes (unit_id, theme_id, subtheme_id)"
                       " VALUES (?, ?, ?)",
                       [(uid, theme, sub) for uid, (theme, sub) in sorted(assignment.items())])


__all__ = ["Planned", "Quote", "Subtheme", "Theme", "build_themes"]
