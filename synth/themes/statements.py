"""The study's statements as the themes stage sees them: groups of them, their labels,
quotes, counts and entities, and the quotes' places in the sources."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from synth.analyse import Analysis
from synth.embed import Embedder, embed
from synth.study import study_privacy
from synth.themes.guide import guide_questions
from synth.themes.label import Group, Labelled, best_held, has_label, label_groups
from synth.themes.quotes import representative, summary
from synth.themes.support import Lemmatizer, PhraseLemmas
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



class Statements:
    """What the stage knows of a study's statements: groups of them as labels, quotes,
    counts and entities see them, and which source question each comes from."""

    def __init__(self, workspace: Workspace, analysis: Analysis, embedder: Embedder,
                 lemmatize: Lemmatizer | None = None) -> None:
        self.workspace = workspace
        self.analysis = analysis
        self.embedder = embedder
        self.lemmas = PhraseLemmas(lemmatize) if lemmatize else None
        self.pools: dict[tuple[str, str], list[int]] = {}
        self.privacy = study_privacy(workspace)
        self.nameless: dict[str, bool] = {}
        self.clean: dict[int, list[str]] = {}
        self.units = {row["id"]: row for row in workspace.query(UNIT_SQL)}
        self.everyone = len({self.units[uid]["participant_id"] for uid in analysis.ids})

    @cached_property
    def guide(self) -> dict[str, str]:
        """The interviews' guide: each interviewer question asked, in close wording, across
        interviews -> its guide question (`synth.themes.guide`)."""
        analysis = self.analysis
        if analysis.questions is None:
            return {}
        rows = [i for i in range(len(analysis.ids))
                if analysis.kinds is None or analysis.kinds[i] != "survey"]
        questions = [analysis.questions[i] for i in rows]
        distinct = sorted({q for q in questions if q})
        if len(distinct) < 2:
            return {}
        return guide_questions(questions, [self.row(i)["source"] for i in rows],
                               embed(self.workspace, self.embedder, distinct))

    def label(self, inside: list[int]) -> Labelled:
        """The best label `inside` holds on its own (no siblings to avoid)."""
        return label_groups([self.group(inside)], self.phrases, lemmas=self.lemmas)[0]

    def has_label(self, inside: list[int]) -> bool:
        """Whether `inside` holds a label on its own (`label` would give one; without
        lemmas labels are not checked, and every group has one)."""
        return self.lemmas is None or has_label(self.group(inside), self.phrases, self.lemmas)

    def names_nobody(self, phrase: str) -> bool:
        """Whether a candidate label is free of anyone's name, in any case: a label or
        keyphrase is never a person ("carter" from "I'm Sam Carter")."""
        if phrase not in self.nameless:     # names only: outputs redact the rest anyway
            self.nameless[phrase] = not any(self.privacy.names_in(form)
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
                         [self.statement_lemmas[i] for i in inside], self.lemmas)
        return [inside[j] for j in best]

    def phrases(self, texts: list[str]) -> np.ndarray:
        return embed(self.workspace, self.embedder, texts)

    def candidates(self, i: int) -> list[str]:
        """Statement `i`'s label candidates that name nobody (computed once)."""
        if i not in self.clean:
            self.clean[i] = [c for c in self.analysis.facts[i].candidates
                             if self.names_nobody(c)]
        return self.clean[i]

    @cached_property
    def statement_lemmas(self) -> list[frozenset[str]]:
        """Each statement's content lemmas, as a set (asked of every group tried)."""
        return [frozenset(facts.lemmas) for facts in self.analysis.facts]

    def group(self, inside: list[int]) -> Group:
        centre = self.analysis.vectors[inside].mean(axis=0)
        return Group([self.candidates(i) for i in inside],
                     centre / (np.linalg.norm(centre) or 1.0),
                     [self.statement_lemmas[i] for i in inside])

    def row(self, i: int):  # type: ignore[no-untyped-def]
        return self.units[self.analysis.ids[i]]

    def people(self, inside: list[int]) -> list[str]:
        return [self.row(i)["participant_id"] for i in inside]

    def voices(self, inside: list[int]) -> int:
        """How many people said the statements of `inside`."""
        return len(set(self.people(inside)))

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
