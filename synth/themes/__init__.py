"""Themes: find them in what people said, then place them in the persona questions.

The stage is one flow (`build_themes`):
1. **find**: each source question's statements (a survey question; the interviews) are
   clustered, and a group is kept only when it is a theme (`synth.themes.finder`: cohesion
   beats random groups, and a label its statements hold exists); the rest are uncoded;
2. **place**: each theme goes to one persona question from all its statements and their
   column (`synth.themes.discover`, `synth.themes.place`, `synth.themes.columns`);
3. **plan**: ids that stay stable across runs, incremental runs and codebook edits
   (`synth.themes.plan`);
4. **label**: a phrase in the participants' words that its statements hold
   (`synth.themes.label`), for themes and sub-themes alike;
5. **quote**: three quotes that stand alone (`synth.themes.quotes`).
`synth.themes.statements` holds what every step reads of the statements.

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
from synth.embed import Embedder
from synth.progress import Progress, silent
from synth.themes.cluster import cluster
from synth.themes.columns import Column
from synth.themes.discover import (
    Discovery,
    checked,
    discover,
    pools,
    statement_dimensions,
    where_from,
)
from synth.themes.label import Labelled, label_groups, variant_key
from synth.themes.plan import Planned, Planner
from synth.themes.statements import Quote, Statements
from synth.themes.support import Lemmatizer
from synth.workspace import Workspace

QUOTES, SUBTHEME_QUOTES = 3, 2


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
    support: float = 1.0


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
    support: float = 1.0       # share of its statements holding a word of its label
    cohesion: float = 0.0      # z of its cohesion against random groups of its source question
    stance: str = ""           # its column's stance (complaint, praise, need, wish, neutral)
    source_question: str = ""  # its survey column, or interview guide question, or ""

    def detail(self) -> str:
        data = asdict(self)
        for key in ("id", "dimension", "rank", "label"):
            data.pop(key)
        return json.dumps(data, sort_keys=True)


def build_themes(workspace: Workspace, analysis: Analysis, framework: Framework,
                 embedder: Embedder, k: int | None = None, planner: Planner | None = None,
                 progress: Progress = silent, columns: dict[str, Column] | None = None,
                 lemmatize: Lemmatizer | None = None
                 ) -> tuple[list[Theme], dict[str, tuple[str, str]]]:
    """Find, place, label and store themes. -> (themes, unit id -> (theme id, sub-theme id)).

    `columns`: each survey column's question and stance (`synth.themes.columns`);
    `lemmatize`: content lemmas of phrases, for the label check (without it, labels are not
    checked against their statements). With a `planner` (the codebook) ids stay stable
    across runs, and the codebook is stored in the same transaction."""
    builder = Statements(workspace, analysis, embedder, lemmatize)
    columns = columns or {}
    found = None
    if planner is None or planner.first or planner.recluster:
        found = discover(builder, framework, columns, k, progress)
        dimensions = found.dimensions
    else:
        dimensions = statement_dimensions(analysis, framework, columns)
    if planner is not None:
        dimensions = planner.dimensions(analysis.ids, dimensions)
    analysis.dimensions = list(dimensions)       # the analysis now reads as placed
    if planner is not None:
        planner.finder = lambda inside, count: checked(builder, inside, count)
    themes: list[Theme] = []
    assignment: dict[str, tuple[str, str]] = {}
    sources = {i: key for key, members in pools(analysis, builder.guide).items()
               for i in members}
    by_dimension: dict[str, list[int]] = {}
    for i, dimension in enumerate(dimensions):
        by_dimension.setdefault(dimension, []).append(i)
    asked = [d for d in framework.ids if d in by_dimension]
    for done, dimension in enumerate(asked):
        progress("labelling", done, len(asked), dimension)
        members = by_dimension[dimension]
        groups = found.groups.get(dimension, []) if found else None
        if planner is not None:
            planned = planner.plan(dimension, members, analysis.ids, analysis.vectors, groups)
        else:
            planned = [Planned(f"{dimension}-{t + 1:02d}", g, None, False)
                       for t, g in enumerate(groups or [])]
        planned.sort(key=lambda p: (-len(p.inside), p.id))
        labels = _labels(builder, planned, framework.title(dimension))
        # a group whose statements no longer hold any label (statements that left it, or a
        # merge) is not shown: its statements are uncoded
        kept = [(plan, labelled) for plan, labelled in zip(planned, labels) if labelled.label]
        for index, (plan, labelled) in enumerate(kept):
            inside = plan.inside
            parts = plan.parts if plan.parts is not None else cluster(
                analysis.vectors[inside], 1).subthemes
            subthemes, sub_members = _subthemes(builder, plan.id, inside, np.asarray(parts),
                                                labelled.label, planner)
            key_terms = [labelled.label, *labelled.keyphrases]
            origin, cohesion, asked = where_from(builder, inside, sources, columns)
            themes.append(Theme(
                id=plan.id, dimension=dimension, rank=index + 1, label=labelled.label,
                summary=builder.summary(inside, key_terms), keyphrases=labelled.keyphrases,
                **builder.counts(inside),
                sentiment=round(float(np.mean([analysis.facts[i].sentiment for i in inside])), 3),
                entities=builder.entities(inside), quotes=builder.quotes(inside, key_terms, QUOTES),
                subthemes=subthemes, support=labelled.support, cohesion=cohesion,
                stance=origin.stance if origin else "",
                source_question=asked))
            by_unit = {i: "" for i in inside}
            for sub in subthemes:
                by_unit.update((i, sub.id) for i in sub_members[sub.id])
            assignment.update((analysis.ids[i], (plan.id, by_unit[i])) for i in inside)
    progress("labelling", len(asked), len(asked), "")
    if planner is not None:
        planner.record(themes, assignment, analysis.ids, dimensions, analysis.vectors)
    _store(workspace, themes, assignment, planner, dimensions, analysis.ids)
    return themes, assignment


def _labels(builder: Statements, planned: list[Planned], fallback: str) -> list[Labelled]:
    """Kept labels stay (with the keyphrases synth would give now); the other groups are
    labelled, never with a kept label. A group none of whose candidates its statements hold
    gets "" (not shown)."""
    found = label_groups([builder.group(p.inside) for p in planned], builder.phrases,
                         fallback=fallback, lemmas=builder.lemmas)
    kept = {variant_key(p.label) for p in planned if p.label is not None}
    todo = [i for i, p in enumerate(planned) if p.label is None]
    if any(variant_key(found[i].label) in kept for i in todo):
        again = label_groups([builder.group(planned[i].inside) for i in todo], builder.phrases,
                             taken=kept, fallback=fallback, lemmas=builder.lemmas)
        found = [*found]
        for i, labelled in zip(todo, again):
            found[i] = labelled
    for i, p in enumerate(planned):
        if p.label is None and not found[i].label:
            found[i] = builder.label(p.inside)   # every label it holds is a sibling's
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


def _subthemes(builder: Statements, theme_id: str, inside: list[int], parts: np.ndarray,
               parent_label: str, planner: Planner | None = None
               ) -> tuple[list[Subtheme], dict[str, list[int]]]:
    """A theme's sub-themes, and the units of each (ids from the planner when given)."""
    if not len(parts) or parts.max() < 1:
        return [], {}
    groups = [[inside[j] for j in np.flatnonzero(parts == s)] for s in range(int(parts.max()) + 1)]
    labels = label_groups([builder.group(g) for g in groups], builder.phrases,
                          taken={variant_key(parent_label)}, fallback=parent_label,
                          lemmas=builder.lemmas)
    held = [j for j, labelled in enumerate(labels) if labelled.label]
    if len(held) < 2:
        return [], {}     # sub-themes whose labels their statements do not hold are not shown
    groups, labels = [groups[j] for j in held], [labels[j] for j in held]
    ids = (planner.subtheme_ids(theme_id, [[builder.analysis.ids[i] for i in g] for g in groups])
           if planner else [f"{theme_id}.{s + 1}" for s in range(len(groups))])
    found, members = [], {}
    for group, labelled, sub_id in zip(groups, labels, ids):
        members[sub_id] = group
        key_terms = [labelled.label, *labelled.keyphrases]
        found.append(Subtheme(sub_id, labelled.label, builder.summary(group, key_terms),
                              labelled.keyphrases, **builder.counts(group),
                              quotes=builder.quotes(group, key_terms, SUBTHEME_QUOTES),
                              support=labelled.support))
    return found, members


def _store(workspace: Workspace, themes: list[Theme], assignment: dict[str, tuple[str, str]],
           planner: Planner | None = None, dimensions: list[str] | None = None,
           ids: list[str] | None = None) -> None:
    with workspace.transaction() as db:
        if planner is not None:
            planner.store(db)
        if dimensions is not None and ids is not None:
            db.executemany("UPDATE placements SET dimension = ? WHERE unit_id = ?",
                           list(zip(dimensions, ids)))
        db.execute("DELETE FROM unit_themes")
        db.execute("DELETE FROM themes")
        db.executemany("INSERT INTO themes (id, dimension, rank, label, detail) VALUES"
                       " (?, ?, ?, ?, ?)",
                       [(t.id, t.dimension, t.rank, t.label, t.detail()) for t in themes])
        db.executemany("INSERT INTO unit_themes (unit_id, theme_id, subtheme_id)"
                       " VALUES (?, ?, ?)",
                       [(uid, theme, sub) for uid, (theme, sub) in sorted(assignment.items())])


__all__ = ["Discovery", "Planned", "Quote", "Subtheme", "Theme", "build_themes", "discover"]
