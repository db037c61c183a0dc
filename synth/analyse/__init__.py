"""Analyse: every unit's facts (spaCy, VADER), embedding, and persona question.

Facts and embeddings are cached in the workspace, so a re-run, or a run after one new
file, only computes what is new. Placements are recomputed every run (they are cheap and
depend on the framework file) and replaced in one transaction.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from itertools import islice

import numpy as np

from synth.analyse.facts import Describer, Facts
from synth.analyse.framework import Framework
from synth.analyse.placement import Evidence, Prototypes, decide, probabilities
from synth.embed import Embedder, Executor, embed
from synth.progress import Progress, silent
from synth.workspace import Workspace

FINGERPRINT_SETTING = "analysis_fingerprint"
CHUNK = 1000         # statements described per stored transaction
UNITS_SQL = ("SELECT u.id, u.text, u.question, u.participant_id, u.location, s.display AS source,"
             " s.kind FROM units u JOIN sources s ON s.id = u.source_id"
             " ORDER BY s.display, u.seq")


@dataclass
class Analysis:
    """Everything later stages need, in the workspace's canonical unit order."""

    ids: list[str]
    vectors: np.ndarray
    facts: list[Facts]
    dimensions: list[str]
    confidences: list[float]
    probabilities: np.ndarray | None = None   # per unit: each question's, then `other`'s
    questions: list[str] | None = None        # per unit: its survey column or interview question
    kinds: list[str] | None = None            # per unit: 'survey' or 'interview'

    def counts(self) -> Counter[str]:
        return Counter(self.dimensions)


def analyse(workspace: Workspace, framework: Framework, embedder: Embedder,
            describer: Describer, fingerprint: str, progress: Progress = silent,
            executor: Executor | None = None) -> Analysis:
    units = workspace.query(UNITS_SQL)
    facts = _facts(workspace, units, describer, fingerprint, progress)
    vectors = embed(workspace, embedder, [u["text"] for u in units], progress, executor)
    questions = sorted({u["question"] for u in units if u["question"]})
    asked = dict(zip(questions, embed(workspace, embedder, questions))) if questions else {}
    prototypes = build_prototypes(framework, embedder, workspace)
    progress("placing", 0, len(units), "")
    probability = probabilities(
        [Evidence(vector, asked.get(unit["question"]), frozenset(f.lemmas), unit["text"],
                  f.sentiment) for unit, vector, f in zip(units, vectors, facts)],
        framework, prototypes)
    placed = decide(probability, framework, [f.content for f in facts])
    progress("placing", len(units), len(units), "")
    with workspace.transaction() as db:
        db.execute("DELETE FROM placements")
        db.executemany("INSERT INTO placements VALUES (?, ?, ?)",
                       [(u["id"], d, c) for u, (d, c) in zip(units, placed)])
    return Analysis([u["id"] for u in units], vectors, facts, [d for d, _ in placed],
                    [c for _, c in placed], probability, [u["question"] for u in units],
                    [u["kind"] for u in units])


def build_prototypes(framework: Framework, embedder: Embedder,
                     workspace: Workspace | None = None) -> Prototypes:
    """The framework's example statements and questions, embedded (cached when a workspace
    is given)."""
    return Prototypes(
        [embed(workspace, embedder, [*d.examples, d.description]) for d in framework.dimensions],
        [embed(workspace, embedder, list(d.questions)) if d.questions else np.zeros((0, 1))
         for d in framework.dimensions],
        embed(workspace, embedder, list(framework.other_examples))
        if framework.other_examples else None)


def _facts(workspace: Workspace, units: list, describer: Describer,
           fingerprint: str, progress: Progress) -> list[Facts]:
    if workspace.setting(FINGERPRINT_SETTING) != fingerprint:
        with workspace.transaction() as db:
            db.execute("DELETE FROM analysis")
        workspace.set_setting(FINGERPRINT_SETTING, fingerprint)
    stored = {row["unit_id"]: Facts(row["sentiment"],
                                    tuple(tuple(e) for e in json.loads(row["entities"])),
                                    tuple(json.loads(row["phrases"])),
                                    tuple(json.loads(row["lemmas"])),
                                    tuple(json.loads(row["candidates"])),
                                    bool(row["standalone"]), row["content"])
              for row in workspace.query("SELECT * FROM analysis")}
    missing = [u for u in units if u["id"] not in stored]
    progress("parsing", 0, len(missing), "")
    described = iter(describer([u["text"] for u in missing]))
    for start in range(0, len(missing), CHUNK):
        chunk = missing[start:start + CHUNK]
        fresh = dict(zip((u["id"] for u in chunk), islice(described, len(chunk))))
        with workspace.transaction() as db:
            db.executemany(
                "INSERT OR REPLACE INTO analysis (unit_id, sentiment, entities, phrases, lemmas,"
                " candidates, standalone, content) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [(uid, f.sentiment, json.dumps(f.entities), json.dumps(f.phrases),
                  json.dumps(f.lemmas), json.dumps(f.candidates), int(f.standalone), f.content)
                 for uid, f in fresh.items()])
        stored.update(fresh)
        progress("parsing", start + len(chunk), len(missing), "")
    return [stored[u["id"]] for u in units]
