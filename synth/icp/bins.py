"""Quantile bins for numeric answers (years, team size as numbers), with readable labels.

A numeric column with many distinct answers would give one tiny group per number; binned, it
gives a few groups big enough to compare ("0-2", "3-5", "6-10", "11+").
"""

from __future__ import annotations

import math
from bisect import bisect_left
from dataclasses import dataclass

MAX_DISTINCT = 5  # a numeric column with more distinct answers than this is binned


@dataclass(frozen=True)
class Bins:
    """Upper bounds of the bins but the last (`edges`, ascending) and one label per bin."""

    edges: tuple[float, ...]
    labels: tuple[str, ...]

    def label(self, answer: str) -> str | None:
        """The label of the bin an answer falls in; None if it is not a number."""
        number = as_number(answer)
        if number is None:
            return None
        return self.labels[bisect_left(self.edges, number)]


def as_number(answer: str) -> float | None:
    """The answer as a number ("1,200" -> 1200.0), or None."""
    try:
        number = float(answer.strip().replace(",", ""))
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def bin_count(answers: int) -> int:
    """Quintiles from 100 answers, quartiles from 40, terciles below."""
    return 5 if answers >= 100 else 4 if answers >= 40 else 3


def make_bins(answers: list[str]) -> Bins | None:
    """Quantile bins for a column whose answers are all numbers with many distinct values.

    Returns None (analyse the answers as they are) for any other column. Ties can merge
    quantiles, so a very lumpy column may get fewer bins than `bin_count` asks.
    """
    numbers = [as_number(answer) for answer in answers]
    if not numbers or any(number is None for number in numbers):
        return None
    values = sorted(number for number in numbers if number is not None)
    if len(set(values)) <= MAX_DISTINCT:
        return None
    count = bin_count(len(values))
    cuts = {values[math.ceil(i * len(values) / count) - 1] for i in range(1, count)}
    edges = sorted(cut for cut in cuts if cut < values[-1])
    if not edges:  # most answers share the largest value: split just below it
        edges = [max(value for value in values if value < values[-1])]
    return Bins(tuple(edges), _labels(values, edges))


def _labels(values: list[float], edges: list[float]) -> tuple[str, ...]:
    whole = all(value.is_integer() for value in values)
    dash = " to " if values[0] < 0 else "-"
    labels = []
    for i, edge in enumerate(edges):
        if whole:
            low = values[0] if i == 0 else edges[i - 1] + 1
            labels.append(_fmt(edge) if low == edge else f"{_fmt(low)}{dash}{_fmt(edge)}")
        else:
            labels.append(f"up to {_fmt(edge)}" if i == 0 else
                          f"{_fmt(edges[i - 1])}{dash}{_fmt(edge)}")
    labels.append(f"{_fmt(edges[-1] + 1)}+" if whole else f"over {_fmt(edges[-1])}")
    return tuple(labels)


def _fmt(number: float) -> str:
    return f"{number:,.0f}" if number.is_integer() else f"{number:,.4g}"
