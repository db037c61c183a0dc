"""Find each source question's themes, then place every theme in a persona question.

A source question is a survey question (its numbered columns together: "Aspect #1: ...",
"Aspect #2: ..."), a question of the interview guide (`synth.themes.guide`: asked in several
interviews; its answers), or the rest of the interviews' participant statements. Each is
searched on its own (`synth.themes.finder`), and each theme found is placed from all its
statements (`synth.themes.place`) and its column (`synth.themes.columns`). Statements no
theme holds are placed one by one under the same rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from synth.analyse import Analysis
from synth.analyse.framework import Framework
from synth.progress import Progress, silent
from synth.themes.columns import Column
from synth.themes.finder import Cohesion, find
from synth.themes.label import variant_key
from synth.themes.place import leaves, statement_question, theme_question
from synth.themes.statements import Statements

INTERVIEW_THEMES = 40     # clusters to start from in the interviews, which span every question


@dataclass
class Discovery:
    """What finding and placing did: each statement's persona question, each question's
    themes (statement indexes), and how many statements no theme holds."""

    dimensions: list[str]
    groups: dict[str, list[list[int]]] = field(default_factory=dict)
    uncoded: int = 0


def where_from(builder: Statements, inside: list[int], sources: dict[int, tuple[str, str]],
               columns: dict[str, Column]) -> tuple[Column | None, float, str]:
    """A theme's survey column (the one most of its statements answer; None for interview
    themes), its cohesion z against random groups of that source question, and the
    question (the column's header, the interview guide's question, or "")."""
    analysis = builder.analysis
    key = max(sorted({sources[i] for i in inside}),
              key=lambda k: sum(sources[i] == k for i in inside))
    first = next(i for i in inside if sources[i] == key)
    column = column_of(analysis, first, columns) if key[0] == "survey" else None
    pool = builder.pool(key, sources)
    z = Cohesion(analysis.vectors[pool]).z(analysis.vectors[inside])
    return column, round(min(z, 99.0), 1), column.header if column else key[1]


def questions_of(framework: Framework) -> list[str]:
    return [d.id for d in framework.dimensions] + ["other"]


def column_of(analysis: Analysis, i: int, columns: dict[str, Column]) -> Column | None:
    if analysis.kinds is None or analysis.questions is None or analysis.kinds[i] != "survey":
        return None
    return columns.get(analysis.questions[i])


def statement_dimensions(analysis: Analysis, framework: Framework,
                         columns: dict[str, Column]) -> list[str]:
    """Each statement's question on its own (for statements no theme holds): its column's,
    else its placement, under the rules a theme's follows (`synth.themes.place`)."""
    if analysis.probabilities is None:
        return list(analysis.dimensions)
    questions = questions_of(framework)
    return [statement_question(analysis.probabilities[i], analysis.facts[i].sentiment,
                               questions, column_of(analysis, i, columns),
                               analysis.facts[i].content)
            for i in range(len(analysis.ids))]


_NUMBERED = re.compile(r"^[^:#]{0,60}#\s*\d+\s*:\s*")


def source_question(header: str) -> str:
    """The question a survey column asks: numbered copies of one question ("Aspect #1:...",
    "Aspect #2:...") are one source question."""
    return _NUMBERED.sub("", header).strip() or header


def pools(analysis: Analysis, guide: dict[str, str] | None = None
          ) -> dict[tuple[str, str], list[int]]:
    """Statements by source question: ('survey', question) per survey question (its
    numbered columns together), ('interview', guide question) for the answers to each
    question of the interview `guide`, ('interview', '') for the rest of the interviews."""
    found: dict[tuple[str, str], list[int]] = {}
    guide = guide or {}
    for i in range(len(analysis.ids)):
        if analysis.kinds is not None and analysis.kinds[i] == "survey":
            key = ("survey", source_question(analysis.questions[i]) if analysis.questions
                   else "")
        else:
            asked = analysis.questions[i] if analysis.questions else ""
            key = ("interview", guide.get(asked, ""))
        found.setdefault(key, []).append(i)
    return dict(sorted(found.items()))


def discover(builder: Statements, framework: Framework, columns: dict[str, Column],
             k: int | None = None, progress: Progress = silent) -> Discovery:
    """Find each source question's themes, then place every theme in a persona question."""
    analysis = builder.analysis
    questions = questions_of(framework)
    dimensions = statement_dimensions(analysis, framework, columns)
    found = Discovery(dimensions)
    sources = pools(analysis, builder.guide)
    probabilities = analysis.probabilities
    sentiments = np.array([f.sentiment for f in analysis.facts])
    content = np.array([f.content for f in analysis.facts])
    for done, ((kind, header), members) in enumerate(sources.items()):
        progress("themes", done, len(sources), header[:40] or kind)
        column = column_of(analysis, members[0], columns) if kind == "survey" else None
        result = find(members, analysis.vectors, builder.has_label, k,
                      builder.holders, INTERVIEW_THEMES if kind == "interview" else None,
                      builder.voices)
        found.uncoded += len(result.uncoded)
        for group in result.themes:
            if probabilities is None:
                dimension = max(sorted(set(dimensions[i] for i in group)),
                                key=lambda d: sum(dimensions[i] == d for i in group))
            else:
                dimension = theme_question(probabilities[group], sentiments[group], questions,
                                           column, content[group])
                if kind == "interview":
                    gone = leaves(probabilities[group], questions, dimension)
                    group = [i for i, out in zip(group, gone) if not out]
            if not group:
                continue
            for i in group:
                dimensions[i] = dimension
            found.groups.setdefault(dimension, []).append(group)
    progress("themes", len(sources), len(sources), "")
    for dimension, groups in found.groups.items():
        found.groups[dimension] = merged(builder, groups, columns)
    return found


def merged(builder: Statements, groups: list[list[int]], columns: dict[str, Column]
           ) -> list[list[int]]:
    """One question's themes, those with the same label and stance made one: "Cells" from
    "What makes it difficult?" and from "What hinders you?" is one complaint, and
    "Mastodon" from the interviews (no stance) and from a neutral survey column is one."""
    analysis = builder.analysis
    by_key: dict[tuple[str, str], list[int]] = {}
    for group in sorted(groups, key=lambda g: (-len(g), g[0])):
        label = variant_key(builder.label(group).label)
        column = column_of(analysis, group[0], columns)
        stance = column.stance if column and column.stance != "neutral" else ""
        key = (label or f"#{group[0]}", stance)
        by_key.setdefault(key, []).extend(group)
    return sorted((sorted(g) for g in by_key.values()), key=lambda g: (-len(g), g[0]))


def checked(builder: Statements, inside: list[int], k: int | None) -> list[list[int]]:
    """Themes among `inside` (statements of one persona question) that pass the checks."""
    return find(inside, builder.analysis.vectors, builder.has_label, k,
                builder.holders, voices=builder.voices).themes
