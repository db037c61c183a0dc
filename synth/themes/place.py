"""Place each theme in a persona question, from all its statements and their question.

- A survey column the researcher (or its header) ties to a question places every theme of
  its answers there (`synth.themes.columns`): the column is the question.
- Otherwise a theme goes where its statements' placement probabilities add up to most
  (`synth.analyse.placement`), with two rules on evidence:
  - Frustrations need pain: a theme goes there only when more of its statements are
    negative than positive (VADER), or its column asks for complaints or needs;
  - a column that asks for praise never places a theme in Frustrations;
  - `other` is small talk and logistics: a theme goes there only when its typical statement
    carries at most `SMALL_TALK` content words, and never from a survey column (an answer
    is content, however short: "undo", "collapsible headers").
- A statement of an interview theme leaves it only when it clearly belongs elsewhere: its
  own placement is at least `CLEARLY` sure of another question and gives the theme's under
  `HARDLY`. It is then uncoded, in its own question. (Statement placement is right about
  seven times in ten, and its softmax is sharp: at 0.99 one in six of the PyPI interviews'
  coded statements left their theme, often wrongly ("As long as the service keeps working,
  they're happy" out of Service into Frustrations); at 0.999 half as many, mostly rightly
  ("Download -- uploads were a lot more challenging" into Frustrations).)
"""

from __future__ import annotations

import numpy as np

from synth.analyse.framework import OTHER
from synth.analyse.placement import SMALL_TALK
from synth.themes.columns import Column

FRUSTRATION = "frustration"
NEGATIVE, POSITIVE = -0.05, 0.3     # VADER compound scores that count as negative, positive
CLEARLY, HARDLY = 0.999, 0.0001


def theme_question(probabilities: np.ndarray, sentiments: np.ndarray, questions: list[str],
                   column: Column | None = None, content: np.ndarray | None = None) -> str:
    """The question of a theme. `probabilities`: one row per statement, a column per entry
    of `questions` (the persona questions, then `other`)."""
    if column is not None and column.question:
        return column.question
    ranked = sorted(range(len(questions)),
                    key=lambda q: (-float(probabilities[:, q].mean()), q))
    complaint = column is not None and column.stance in ("complaint", "need")
    praise = column is not None and column.stance == "praise"
    pained = complaint or (np.mean(sentiments < NEGATIVE) > np.mean(sentiments > POSITIVE))
    chatty = content is None or float(np.median(content)) <= SMALL_TALK
    for q in ranked:
        if questions[q] == FRUSTRATION and (praise or not pained):
            continue
        if questions[q] == OTHER and (not chatty or column is not None):
            continue        # an answer to a survey question is content, never small talk
        return questions[q]
    return questions[ranked[0]]


def leaves(probabilities: np.ndarray, questions: list[str], theme: str) -> np.ndarray:
    """Which statements (rows) clearly belong to another question than their theme's."""
    at = questions.index(theme)
    best = probabilities.argmax(axis=1)
    return ((best != at) & (probabilities.max(axis=1) >= CLEARLY)
            & (probabilities[:, at] < HARDLY))


def statement_question(probability: np.ndarray, sentiment: float, questions: list[str],
                       column: Column | None = None, content: int | None = None) -> str:
    """The question of a statement no theme holds: its column's, else its own placement
    under the same rules as a theme's."""
    return theme_question(probability[None, :], np.array([sentiment]), questions, column,
                          None if content is None else np.array([content]))
