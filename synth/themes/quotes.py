"""Quotes that stand alone: specific, self-contained, central to the theme, from different people.

A statement is a candidate quote only when it stands alone (`synth.analyse.standalone`: no
opening that points at something unsaid, no bare question, no hedge without content, no
backchannel); when a theme has too few of those, the others fill in after them. Among
candidates, quotes are ranked by closeness to the theme's centre plus `KEY_TERMS` per key
term of the theme they carry (its label and keyphrases) and up to `CONTENT` for how much
content they carry (`Facts.content`), so a quote says what the theme is
about in the words that name it. Near-duplicates are skipped; different people first.
The theme's summary is its best-ranked statement of a readable length.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from synth.themes.label import variant_key

NEAR_DUPLICATE = 0.85
GOOD_LENGTH = (5, 60)     # words: long enough to stand alone, short enough to read
SUMMARY_LENGTH = 35       # words at most in a one-line summary
KEY_TERMS = 0.05
CONTENT = 0.1             # up to this much for a statement rich in content words


def _order(vectors: np.ndarray, texts: Sequence[str], standalone: Sequence[bool],
           candidates: Sequence[Sequence[str]], key_terms: Sequence[str],
           content: Sequence[int]) -> list[int]:
    centre = vectors.mean(axis=0)
    centre = centre / (np.linalg.norm(centre) or 1.0)
    centrality = vectors @ centre
    keys = {variant_key(k) for k in key_terms}
    carried = [len(keys & {variant_key(c) for c in found}) for found in candidates]
    score = (centrality + KEY_TERMS * np.minimum(carried, 3)
             + CONTENT * np.minimum(np.asarray(content), 8) / 8)
    return sorted(range(len(texts)), key=lambda i: (
        not standalone[i], not GOOD_LENGTH[0] <= len(texts[i].split()) <= GOOD_LENGTH[1],
        -score[i], i))


def representative(vectors: np.ndarray, texts: Sequence[str], people: Sequence[str],
                   standalone: Sequence[bool] | None = None,
                   candidates: Sequence[Sequence[str]] | None = None,
                   key_terms: Sequence[str] = (), content: Sequence[int] | None = None,
                   count: int = 3) -> list[int]:
    """Indices (into the theme's statements) of up to `count` quotes, best first."""
    if not len(vectors):
        return []
    standalone = standalone if standalone is not None else [True] * len(texts)
    candidates = candidates if candidates is not None else [()] * len(texts)
    content = content if content is not None else [0] * len(texts)
    order = _order(vectors, texts, standalone, candidates, key_terms, content)
    chosen: list[int] = []
    for distinct_people in (True, False):
        for i in order:
            if len(chosen) == count:
                return chosen
            if i in chosen or (distinct_people and people[i] in {people[j] for j in chosen}):
                continue
            if any(float(vectors[i] @ vectors[j]) > NEAR_DUPLICATE for j in chosen):
                continue
            chosen.append(i)
    return chosen


def summary(vectors: np.ndarray, texts: Sequence[str], standalone: Sequence[bool],
            candidates: Sequence[Sequence[str]], key_terms: Sequence[str],
            content: Sequence[int]) -> int | None:
    """The index of the theme's most central self-contained statement that fits on a line."""
    if not len(vectors):
        return None
    order = _order(vectors, texts, standalone, candidates, key_terms, content)
    short = [i for i in order if len(texts[i].split()) <= SUMMARY_LENGTH]
    return (short or order)[0]
