"""Place each unit in one of the eight persona questions, or `other`, with a confidence.

All the evidence counts, added up per dimension:
- the statement itself, by embedding similarity to the dimension's example statements
  (the mean of its two nearest examples), and by a logistic regression fitted on the
  examples of all eight questions and of `other` (small talk, logistics), which learns what
  sets the questions apart rather than what each resembles; its probability counts
  `MODEL_WEIGHT`, and its `other` probability is added to the `other` threshold;
- its question context (the interviewer's question or the survey column header), by
  similarity to the dimension's example questions: often the deciding evidence;
- cue lemmas from spaCy ("flaky", "deploy", "forum") and negative sentiment for
  frustrations.
A statement whose best evidence stays under the framework's `other` threshold (plus the
classifier's `other` probability) is `other`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

from synth.analyse.framework import OTHER, Framework

TEXT_WEIGHT, QUESTION_WEIGHT, CUE_WEIGHT, SENTIMENT_WEIGHT = 1.0, 1.5, 0.06, 0.08
QUESTION_FLOOR = 0.3          # a question this unlike every prompt says nothing
NEGATIVE = -0.3               # VADER compound score below which a statement is negative
TEMPERATURE = 0.05            # softmax temperature for the confidence
MODEL_WEIGHT = 0.6            # weight of the example classifier's probability
MODEL_C = 10.0                # its inverse regularisation (chosen on the development split)
SMALL_TALK = 1                # content words beyond which a statement is not small talk:
# on the PyPI interviews, 2 left 20% of statements in `other` with 5-7 of a sample of 30 being
# content ("The first person I talked to about it was Sumana"); 1 leaves 13%, 2-3 of 30


@dataclass(frozen=True)
class Evidence:
    """What placement needs of a unit (all precomputed and cached upstream)."""

    vector: np.ndarray              # normalised embedding of the text
    question: np.ndarray | None     # normalised embedding of its question, if any
    lemmas: frozenset[str]
    text: str
    sentiment: float


@dataclass(frozen=True)
class Prototypes:
    examples: list[np.ndarray]      # per dimension: normalised example vectors (rows)
    questions: list[np.ndarray]     # per dimension: normalised question vectors (rows)
    other: np.ndarray | None = None  # normalised vectors of `other` examples (rows)

    @cached_property
    def model(self):  # type: ignore[no-untyped-def]
        """Logistic regression over the examples: classes 0..n-1 the dimensions, n `other`.
        None when there are no `other` examples to learn from."""
        if self.other is None or not len(self.other):
            return None
        from sklearn.linear_model import LogisticRegression

        rows = [*self.examples, self.other]
        labels = np.concatenate([np.full(len(r), i) for i, r in enumerate(rows)])
        return LogisticRegression(C=MODEL_C, max_iter=2000).fit(np.vstack(rows), labels)


def scores(evidence: list[Evidence], framework: Framework,
           prototypes: Prototypes) -> np.ndarray:
    """One row per unit: a score per framework dimension, then one for `other`."""
    n, dimensions = len(evidence), framework.dimensions
    result = np.zeros((n, len(dimensions) + 1))
    result[:, -1] = framework.threshold
    if not n:
        return result
    vectors = np.stack([e.vector for e in evidence])
    asked = [i for i, e in enumerate(evidence) if e.question is not None]
    questions = np.stack([evidence[i].question for i in asked]) if asked else None
    for d in range(len(dimensions)):
        similarity = vectors @ prototypes.examples[d].T
        top = -np.sort(-similarity, axis=1)[:, :2]
        result[:, d] = TEXT_WEIGHT * top.mean(axis=1)
        if questions is not None and len(prototypes.questions[d]):
            fit = (questions @ prototypes.questions[d].T).max(axis=1)
            result[asked, d] += QUESTION_WEIGHT * np.maximum(0.0, fit - QUESTION_FLOOR)
    result[:, :-1] += CUE_WEIGHT * _cue_counts(evidence, framework)
    frustration = [d for d, dimension in enumerate(dimensions) if dimension.id == "frustration"]
    if frustration:
        negative = np.array([e.sentiment < NEGATIVE for e in evidence])
        result[negative, frustration[0]] += SENTIMENT_WEIGHT
    if prototypes.model is not None:
        result += MODEL_WEIGHT * prototypes.model.predict_proba(vectors)
    return result


def _cue_counts(evidence: list[Evidence], framework: Framework) -> np.ndarray:
    """Per unit and dimension, how many of the dimension's cues it carries (at most 3):
    single-word cues among its lemmas, phrase cues in its text."""
    words: dict[str, list[int]] = {}
    phrases: list[tuple[str, int]] = []
    for d, dimension in enumerate(framework.dimensions):
        for cue in dict.fromkeys(dimension.cues):
            if " " in cue:
                phrases.append((cue, d))
            else:
                words.setdefault(cue, []).append(d)
    counts = np.zeros((len(evidence), len(framework.dimensions)))
    for i, e in enumerate(evidence):
        for lemma in e.lemmas & words.keys():
            counts[i, words[lemma]] += 1
        if phrases:
            lowered = e.text.lower()
            for cue, d in phrases:
                if cue in lowered or cue in e.lemmas:
                    counts[i, d] += 1
    return np.minimum(counts, 3)


def probabilities(evidence: list[Evidence], framework: Framework,
                  prototypes: Prototypes) -> np.ndarray:
    """One row per unit: the probability of each framework question, then of `other`."""
    found = scores(evidence, framework, prototypes)
    weights = np.exp((found - found.max(axis=1, keepdims=True)) / TEMPERATURE)
    return weights / weights.sum(axis=1, keepdims=True)


def place(evidence: list[Evidence], framework: Framework,
          prototypes: Prototypes) -> list[tuple[str, float]]:
    """(dimension, confidence) for each unit."""
    return decide(probabilities(evidence, framework, prototypes), framework)


def decide(probability: np.ndarray, framework: Framework,
           content: list[int] | None = None) -> list[tuple[str, float]]:
    """(dimension, confidence) per row of probabilities. With `content` (content words per
    statement), `other` is kept for small talk and logistics: a statement carrying more than
    `SMALL_TALK` content words goes to its best persona question instead."""
    ids = [d.id for d in framework.dimensions] + [OTHER]
    best = probability.argmax(axis=1)
    if content is not None:
        rich = (best == len(ids) - 1) & (np.asarray(content) > SMALL_TALK)
        best[rich] = probability[rich, :-1].argmax(axis=1)
    return [(ids[b], round(float(probability[i, b]), 3)) for i, b in enumerate(best.tolist())]
