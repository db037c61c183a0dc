"""Themes: find them in what people said, then place them in the persona questions.

The stage is one flow (`build_themes`):
1. **find**: each source question's statements (a survey column; the interviews) are
   clustered, and a group is kept only when it is a theme (`synth.themes.find`: cohesion
   beats random groups, and a label its statements hold exists); the rest are uncoded;
2. **place**: each theme goes to one persona question from all its statements and their
   column (`synth.themes.place`, `synth.themes.columns`);
3. **plan**: ids that stay stable across runs, incremental runs and codebook edits
   (`synth.themes.plan`);
4. **label**: a phrase in the participants' words that its statements hold
   (`synth.themes.label`), for themes and sub-themes alike;
5. **quote**: three quotes that stand alone (`synth.themes.quotes`).

Every theme carries a label in the participants' words, a one-line summary (its most
central self-contained statement), keyphrases, three quotes that stand alone with their
source and location, its size, the participants who voice it (count and share), its mean
sentiment, its top entities, and its sub-themes (each with the same, and two quotes). The
whole set is replaced in one transaction.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field

import numpy as np

from synth.analyse import Analysis
from synth.analyse.framework import Framework
from synth.embed import Embedder, embed
from synth.progress import Progress, silent
from synth.study import study_privacy
from synth.themes.cluster import cluster
from synth.themes.columns import Column
from synth.themes.find import Cohesion, find
from synth.themes.label import Group, Labelled, best_held, label_groups, variant_key
from synth.themes.place import leaves, statement_question, theme_question
from synth.themes.plan import Planned, Planner
from synth.themes.quotes import representative, summary
from synth.themes.support import Lemmatizer, PhraseLemmas
from synth.workspace import Workspace

UNIT_SQL = ("SELECT u.id, u.text, u.participant_id, u.location, s.display AS source"
            " FROM units u JOIN sources s ON s.id = u.source_id")
QUOTES, SUBTHEME_QUOTES = 3, 2
INTERVIEW_THEMES = 40     # clusters to start from in the interviews, which span every question


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
    source_question: str = ""  # the survey column it comes from ("" for interviews)

    def detail(self) -> str:
        data = asdict(self)
        for key in ("id", "dimension", "rank", "label"):
            data.pop(key)
        return json.dumps(data, sort_keys=True)


class _Builder:
    """Labels, quotes and counts for the groups of one study's units."""

    def __init__(self, workspace: Workspace, analysis: Analysis, embedder: Embedder,
                 lemmatize: Lemmatizer | None = None) -> None:
        self.workspace = workspace
        self.analysis = analysis
        self.embedder = embedder
        self.lemmas = PhraseLemmas(lemmatize) if lemmatize else None
        self.pools: dict[tuple[str, str], list[int]] = {}
        self.privacy = study_privacy(workspace)
        self.nameless: dict[str, bool] = {}
        self.units = {row["id"]: row for row in workspace.query(UNIT_SQL)}
        self.everyone = len({self.units[uid]["participant_id"] for uid in analysis.ids})

    def label(self, inside: list[int]) -> Labelled:
        """The best label `inside` holds on its own (no siblings to avoid)."""
        return label_groups([self.group(inside)], self.phrases, lemmas=self.lemmas)[0]

    def names_nobody(self, phrase: str) -> bool:
        """Whether a candidate label is free of anyone's name, in any case: a label or
        keyphrase is never a person ("carter" from "I'm Sam Carter")."""
        if phrase not in self.nameless:
            self.nameless[phrase] = all(self.privacy.text(form) == form
                                        for form in (phrase, phrase.title()))
        return self.nameless[phrase]

    def pool(self, key: tuple[str, str], sources: dict[int, tuple[str, str]]) -> list[int]:
        """The statements of one source question (computed once)."""
        if key not in self.pools:
            self.pools[key] = [i for i, k in sorted(sources.items()) if k == key]
        return self.pools[key]

    def holders(self, inside: list[int]) -> list[int]:
        """The statements of `inside` holding its most widely held candidate label."""
        if self.lemmas is None:
            return []
        best = best_held([self.analysis.facts[i].candidates for i in inside],
                         [frozenset(self.analysis.facts[i].lemmas) for i in inside], self.lemmas)
        return [inside[j] for j in best]

    def phrases(self, texts: list[str]) -> np.ndarray:
        return embed(self.workspace, self.embedder, texts)

    def group(self, inside: list[int]) -> Group:
        centre = self.analysis.vectors[inside].mean(axis=0)
        return Group([[c for c in self.analysis.facts[i].candidates if self.names_nobody(c)]
                      for i in inside],
                     centre / (np.linalg.norm(centre) or 1.0),
                     [frozenset(self.analysis.facts[i].lemmas) for i in inside])

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


@dataclass
class Discovery:
    """What finding and placing did: each statement's persona question, each question's
    themes (statement indexes), and how many statements no theme holds."""

    dimensions: list[str]
    groups: dict[str, list[list[int]]] = field(default_factory=dict)
    uncoded: int = 0


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
    builder = _Builder(workspace, analysis, embedder, lemmatize)
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
        planner.finder = lambda inside, count: _checked(builder, inside, count)
    themes: list[Theme] = []
    assignment: dict[str, tuple[str, str]] = {}
    sources = {i: key for key, members in pools(analysis).items() for i in members}
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
        for index, (plan, labelled) in enumerate(zip(planned, labels)):
            inside = plan.inside
            parts = plan.parts if plan.parts is not None else cluster(
                analysis.vectors[inside], 1).subthemes
            subthemes, sub_members = _subthemes(builder, plan.id, inside, np.asarray(parts),
                                                labelled.label, planner)
            key_terms = [labelled.label, *labelled.keyphrases]
            origin, cohesion = where_from(builder, inside, sources, columns)
            themes.append(Theme(
                id=plan.id, dimension=dimension, rank=index + 1, label=labelled.label,
                summary=builder.summary(inside, key_terms), keyphrases=labelled.keyphrases,
                **builder.counts(inside),
                sentiment=round(float(np.mean([analysis.facts[i].sentiment for i in inside])), 3),
                entities=builder.entities(inside), quotes=builder.quotes(inside, key_terms, QUOTES),
                subthemes=subthemes, support=labelled.support, cohesion=cohesion,
                stance=origin.stance if origin else "",
                source_question=origin.header if origin else ""))
            by_unit = {i: "" for i in inside}
            for sub in subthemes:
                by_unit.update((i, sub.id) for i in sub_members[sub.id])
            assignment.update((analysis.ids[i], (plan.id, by_unit[i])) for i in inside)
    progress("labelling", len(asked), len(asked), "")
    if planner is not None:
        planner.record(themes, assignment, analysis.ids, dimensions, analysis.vectors)
    _store(workspace, themes, assignment, planner, dimensions, analysis.ids)
    return themes, assignment


def where_from(builder: _Builder, inside: list[int], sources: dict[int, tuple[str, str]],
               columns: dict[str, Column]) -> tuple[Column | None, float]:
    """A theme's survey column (the one most of its statements answer; None for interview
    themes) and its cohesion z against random groups of that source question."""
    analysis = builder.analysis
    key = max(sorted({sources[i] for i in inside}),
              key=lambda k: sum(sources[i] == k for i in inside))
    first = next(i for i in inside if sources[i] == key)
    column = _column(analysis, first, columns) if key[0] == "survey" else None
    pool = builder.pool(key, sources)
    z = Cohesion(analysis.vectors[pool]).z(analysis.vectors[inside])
    return column, round(min(z, 99.0), 1)


def _questions(framework: Framework) -> list[str]:
    return [d.id for d in framework.dimensions] + ["other"]


def _column(analysis: Analysis, i: int, columns: dict[str, Column]) -> Column | None:
    if analysis.kinds is None or analysis.questions is None or analysis.kinds[i] != "survey":
        return None
    return columns.get(analysis.questions[i])


def statement_dimensions(analysis: Analysis, framework: Framework,
                         columns: dict[str, Column]) -> list[str]:
    """Each statement's question on its own: its column's, else its placement."""
    if analysis.probabilities is None:
        return list(analysis.dimensions)
    questions = _questions(framework)
    found = []
    for i, placed in enumerate(analysis.dimensions):
        column = _column(analysis, i, columns)
        if column is None or (not column.question and column.stance not in
                              ("praise", "complaint", "need")):
            found.append(placed)
        else:
            found.append(statement_question(analysis.probabilities[i],
                                            analysis.facts[i].sentiment, questions, column))
    return found


_NUMBERED = re.compile(r"^[^:#]{0,60}#\s*\d+\s*:\s*")


def source_question(header: str) -> str:
    """The question a survey column asks: numbered copies of one question ("Aspect #1:...",
    "Aspect #2:...") are one source question."""
    return _NUMBERED.sub("", header).strip() or header


def pools(analysis: Analysis) -> dict[tuple[str, str], list[int]]:
    """Statements by source question: ('survey', question) per survey question (its
    numbered columns together), ('interview', '') for the interviews."""
    found: dict[tuple[str, str], list[int]] = {}
    for i in range(len(analysis.ids)):
        if analysis.kinds is not None and analysis.kinds[i] == "survey":
            key = ("survey", source_question(analysis.questions[i]) if analysis.questions
                   else "")
        else:
            key = ("interview", "")
        found.setdefault(key, []).append(i)
    return dict(sorted(found.items()))


def discover(builder: _Builder, framework: Framework, columns: dict[str, Column],
             k: int | None = None, progress: Progress = silent) -> Discovery:
    """Find each source question's themes, then place every theme in a persona question."""
    analysis = builder.analysis
    questions = _questions(framework)
    dimensions = statement_dimensions(analysis, framework, columns)
    found = Discovery(dimensions)
    sources = pools(analysis)
    probabilities = analysis.probabilities
    sentiments = np.array([f.sentiment for f in analysis.facts])
    for done, ((kind, header), members) in enumerate(sources.items()):
        progress("themes", done, len(sources), header[:40] or kind)
        column = _column(analysis, members[0], columns) if kind == "survey" else None
        result = find(members, analysis.vectors, lambda g: builder.label(g).label, k,
                      builder.holders, INTERVIEW_THEMES if kind == "interview" else None)
        found.uncoded += len(result.uncoded)
        for group in result.themes:
            if probabilities is None:
                dimension = max(sorted(set(dimensions[i] for i in group)),
                                key=lambda d: sum(dimensions[i] == d for i in group))
            else:
                dimension = theme_question(probabilities[group], sentiments[group], questions,
                                           column)
                if kind == "interview":
                    gone = leaves(probabilities[group], questions, dimension)
                    group = [i for i, out in zip(group, gone) if not out]
            for i in group:
                dimensions[i] = dimension
            found.groups.setdefault(dimension, []).append(group)
    progress("themes", len(sources), len(sources), "")
    for groups in found.groups.values():
        groups.sort(key=lambda g: (-len(g), g[0]))
    return found


def _checked(builder: _Builder, inside: list[int], k: int | None) -> list[list[int]]:
    """Themes among `inside` (statements of one persona question) that pass the checks."""
    return find(inside, builder.analysis.vectors, lambda g: builder.label(g).label, k,
                builder.holders).themes


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
            if not found[i].label:
                found[i] = label_groups([builder.group(p.inside)], builder.phrases,
                                        fallback=fallback)[0]
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
