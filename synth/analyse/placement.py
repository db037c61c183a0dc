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


def scores(evidence: Evidence, framework: Framework, prototypes: Prototypes) -> np.ndarray:
    """One score per framework dimension, then one for `other`."""
    result = np.zeros(len(framework.dimensions) + 1)
    result[-1] = framework.threshold
    lowered = evidence.text.lower()
    for i, dimension in enumerate(framework.dimensions):
        similarity = np.sort(prototypes.examples[i] @ evidence.vector)[::-1]
        score = TEXT_WEIGHT * float(similarity[:2].mean())
        if evidence.question is not None and len(prototypes.questions[i]):
            asked = float((prototypes.questions[i] @ evidence.question).max())
            score += QUESTION_WEIGHT * max(0.0, asked - QUESTION_FLOOR)
        cues = sum(1 for cue in dimension.cues
                   if cue in evidence.lemmas or (" " in cue and cue in lowered))
        score += CUE_WEIGHT * min(cues, 3)
        if dimension.id == "frustration" and evidence.sentiment < NEGATIVE:
            score += SENTIMENT_WEIGHT
        result[i] = score
    if prototypes.model is not None:
        result += MODEL_WEIGHT * prototypes.model.predict_proba(evidence.vector[None, :])[0]
    return result


def place(evidence: Evidence, framework: Framework, prototypes: Prototypes) -> tuple[str, float]:
    """(dimension, confidence) for one unit."""
    found = scores(evidence, framework, prototypes)
    best = int(found.argmax())
    weights = np.exp((found - found.max()) / TEMPERATURE)
    probability = round(float(weights[best] / weights.sum()), 3)
    if best == len(framework.dimensions):
        return OTHER, probability
    return framework.dimensions[best].id, probability
