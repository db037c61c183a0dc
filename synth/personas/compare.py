"""Fair comparisons of a segment with everyone else: people, not statements.

A segment voices a theme when a member said at least one statement in it; its share is
over the members who said anything (one named denominator: people who wrote two hundred
answers count once, like people who wrote two). The difference with the rest (the other
segmented people who said anything) comes with Newcombe's hybrid score interval (95%, from
the two Wilson intervals; Newcombe 1998, method 10) and Fisher's exact test, two-sided;
p-values are corrected for the number of themes compared (Holm). A comparison is made only
when both sides have at least `MIN_COMPARE` people; otherwise it says it is too small.
"""

from __future__ import annotations

import math

from synth.icp.stats import wilson
from synth.words import count

MIN_COMPARE = 5
ALPHA = 0.05


def difference(inside: int, n_inside: int, outside: int, n_outside: int) -> dict:
    """Shares, their difference with a 95% interval, and Fisher's exact p."""
    from scipy.stats import fisher_exact

    p1 = inside / n_inside if n_inside else 0.0
    p2 = outside / n_outside if n_outside else 0.0
    l1, u1 = wilson(inside, n_inside)
    l2, u2 = wilson(outside, n_outside)
    d = p1 - p2
    low = d - math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2)
    high = d + math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2)
    p = float(fisher_exact([[inside, n_inside - inside], [outside, n_outside - outside]])[1])
    return {"share": round(p1, 4), "rest_people": outside, "rest_share": round(p2, 4),
            "difference": round(d, 4), "low": round(low, 4), "high": round(high, 4),
            "p": float(f"{min(p, 1.0):.3g}")}


def holm(pvalues: list[float]) -> list[float]:
    """Holm's step-down adjustment (controls the family-wise error rate)."""
    order = sorted(range(len(pvalues)), key=lambda i: pvalues[i])
    adjusted = [1.0] * len(pvalues)
    running = 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (len(pvalues) - rank) * pvalues[i]))
        adjusted[i] = running
    return adjusted


def compare(voices: dict[str, set[str]], inside: set[str], outside: set[str]) -> dict[str, dict]:
    """Per theme voiced on either side: members voicing it and the test figures (corrected
    over every theme compared), or `test: None` when a side is too small; nothing when
    there is no one to compare with (a study-wide persona)."""
    found: dict[str, dict] = {}
    if not inside or not outside:
        return found
    for theme, who in voices.items():
        a, b = len(who & inside), len(who & outside)
        if a or b:
            found[theme] = {"people": a, "speakers": len(inside), **difference(
                a, len(inside), b, len(outside))}
    small = min(len(inside), len(outside)) < MIN_COMPARE
    adjusted = holm([stat["p"] for stat in found.values()])
    for stat, p in zip(found.values(), adjusted):
        stat["p_adjusted"] = float(f"{p:.3g}")
        stat["test"] = None if small else ("fisher-holm")
        stat["significant"] = not small and p < ALPHA
    return found


def too_small(inside: int, outside: int) -> str:
    """Why a comparison is not made, or ''."""
    if inside < MIN_COMPARE:
        return (f"too small to compare: {count(inside, 'member')} said anything "
                f"(at least {MIN_COMPARE} needed)")
    if outside < MIN_COMPARE:
        return (f"too small to compare: only "
                f"{count(outside, 'other person', 'other people')} said anything "
                f"(at least {MIN_COMPARE} needed)")
    return ""
