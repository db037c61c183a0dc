"""Theme labels from keyphrases: spaCy noun chunks ranked by class-based TF-IDF.

Each theme is one "document" made of its units' keyphrases; a phrase scores
tf(phrase, theme) * log(1 + average theme size / frequency of the phrase across themes),
as in BERTopic's c-TF-IDF, so phrases frequent in this theme and rare elsewhere win.
A phrase must occur in at least two units of the theme (one unit's wording is not a theme)
unless the theme is that small or no phrase recurs. The label joins the top two phrases.
"""

from __future__ import annotations

import math
from collections import Counter


def rank_phrases(phrases_by_theme: dict[int, list[tuple[str, ...]]], top: int = 5
                 ) -> dict[int, list[str]]:
    """phrases_by_theme: theme -> one tuple of keyphrases per unit. -> theme -> top phrases."""
    counts = {theme: Counter(p for unit in units for p in set(unit))
              for theme, units in phrases_by_theme.items()}
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
        chosen: list[str] = []
        for _, phrase in scored:
            if any(phrase in other or other in phrase for other in chosen):
                continue  # "build" and "slow build" say the same thing twice
            chosen.append(phrase)
            if len(chosen) == top:
                break
        ranked[theme] = chosen
    return ranked


def make_label(keyphrases: list[str], fallback: str) -> str:
    if not keyphrases:
        return fallback
    return " / ".join(keyphrases[:2])
