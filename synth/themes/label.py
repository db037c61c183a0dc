"""Theme labels from keyphrases: spaCy noun chunks ranked by class-based TF-IDF.

Each theme is one "document" made of its units' keyphrases; a phrase scores
tf(phrase, theme) * log(1 + average theme size / frequency of the phrase across themes),
as in BERTopic's c-TF-IDF, so phrases frequent in this theme and rare elsewhere win.
Spelling variants count as one phrase ("build", "builds", "Builds"), shown as the theme's
most frequent spelling. A phrase must occur in at least two units of the theme (one unit's
wording is not a theme) unless the theme is that small or no phrase recurs. The label joins
the top two phrases.
"""

from __future__ import annotations

import math
from collections import Counter


def variant_key(phrase: str) -> str:
    """One key for a phrase's spelling variants: lower case, last word without plural -s."""
    key = phrase.lower()
    if len(key) > 3 and key.endswith("s") and not key.endswith(("ss", "us", "is")):
        key = key[:-1]
    return key


def rank_phrases(phrases_by_theme: dict[int, list[tuple[str, ...]]], top: int = 5
                 ) -> dict[int, list[str]]:
    """phrases_by_theme: theme -> one tuple of keyphrases per unit. -> theme -> top phrases."""
    counts: dict[int, Counter[str]] = {}
    spellings: dict[int, Counter[str]] = {}
    for theme, units in phrases_by_theme.items():
        spellings[theme] = Counter(p for unit in units for p in set(unit))
        counts[theme] = Counter(k for unit in units for k in {variant_key(p) for p in unit})
    across = Counter(p for counter in counts.values() for p in counter.elements())
    sizes = [sum(c.values()) for c in counts.values()] or [1]
    average = sum(sizes) / len(sizes)
    ranked = {}
    for theme, counter in counts.items():
        needed = 2 if len(phrases_by_theme[theme]) >= 4 else 1
        if not any(count >= needed for count in counter.values()):
            needed = 1
        total = sum(counter.values()) or 1
        scored = sorted(((count / total * math.log(1 + average / across[p]), p)
                         for p, count in counter.items() if count >= needed),
                        key=lambda item: (-item[0], item[1]))
        shown = _spelling(spellings[theme])
        chosen: list[str] = []
        for _, key in scored:
            if any(key in other or other in key for other in chosen):
                continue  # "build" and "slow build" say the same thing twice
            chosen.append(key)
            if len(chosen) == top:
                break
        ranked[theme] = [shown[key] for key in chosen]
    return ranked


def _spelling(spellings: Counter[str]) -> dict[str, str]:
    """variant key -> its most frequent spelling (ties: alphabetical)."""
    best: dict[str, tuple[int, str]] = {}
    for phrase, count in spellings.items():
        key = variant_key(phrase)
        if key not in best or (-count, phrase) < (-best[key][0], best[key][1]):
            best[key] = (count, phrase)
    return {key: phrase for key, (_, phrase) in best.items()}


def make_label(keyphrases: list[str], fallback: str) -> str:
    """The top two keyphrases, capitalised like a heading ("Flaky tests / GitHub Actions")."""
    if not keyphrases:
        return fallback
    label = " / ".join(keyphrases[:2])
    return label[0].upper() + label[1:]
