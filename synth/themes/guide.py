"""An interview guide: the questions the interviewer asks, in close wording, in several of
the study's interviews ("How would you describe your relationship with the Python
community?" and "How would you describe your position in the Python community?").

Answers to one guide question are a source question of their own, as a survey column is:
an analyst sorts them together, apart from the rest of the conversation. Questions asked
once ("Can you elaborate on that?", a follow-up on one story) stay with the rest.

Two phrasings are one question when their embeddings' cosine similarity, averaged over the
phrasings grouped so far (average linkage), is at least `SAME_QUESTION`; a question is part
of the guide when it is asked in at least `ASKED_IN` interviews and in `SHARE` of them.
On the 16 PyPI interviews this finds 7 guide questions (well maintained, sustainable,
relationship with the Python community, PyPI's history...).
"""

from __future__ import annotations

import numpy as np

SAME_QUESTION = 0.75
ASKED_IN = 3
SHARE = 0.25


def guide_questions(questions: list[str], interviews: list[str],
                    vectors: np.ndarray) -> dict[str, str]:
    """Each question of the guide -> its guide question (the phrasing asked in the most
    interviews, then the first in sorted order). `questions` and `interviews` run in
    parallel (one pair per statement); `vectors` hold one normalised row per distinct
    question, in sorted order."""
    asked: dict[str, set[str]] = {}
    for question, interview in zip(questions, interviews):
        if question:
            asked.setdefault(question, set()).add(interview)
    distinct = sorted(asked)
    everyone = len(set(interviews))
    if len(distinct) < 2 or everyone < ASKED_IN:
        return {}
    from sklearn.cluster import AgglomerativeClustering

    groups = AgglomerativeClustering(n_clusters=None, distance_threshold=1 - SAME_QUESTION,
                                     metric="cosine", linkage="average").fit_predict(vectors)
    found: dict[str, str] = {}
    for group in sorted(set(groups.tolist())):
        phrasings = [q for q, g in zip(distinct, groups) if g == group]
        where = set().union(*(asked[q] for q in phrasings))
        if len(where) < max(ASKED_IN, SHARE * everyone):
            continue
        guide = min(phrasings, key=lambda q: (-len(asked[q]), q))
        found.update((q, guide) for q in phrasings)
    return found


__all__ = ["ASKED_IN", "SAME_QUESTION", "SHARE", "guide_questions"]
