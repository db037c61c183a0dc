"""Surveys: the column is the question. Each open-ended column gets a persona question and a
stance, proposed from its header and overridable in the study file.

A stance is what the column asks people to say: `complaint` ("What makes it difficult to
use?", "What hinders you?"), `praise` ("What makes it pleasant?"), `need` ("What needs are
not addressed?"), `wish` ("What would you change?") or `neutral`. It is read from the
header's wording (`STANCES`, first match wins). The persona question is `frustration` for
complaints and needs; otherwise the framework question whose example prompts the header is
closest to, when it is close enough (`PROMPT_FIT`), else none: the answers' themes are then
placed by what they say, never in Frustrations when the column asks for praise.

The researcher overrides any of it in `synth.yaml` (or the file `--study FILE` names):

    columns:
      "What aspects make it difficult to use?": {question: frustration, stance: complaint}
      "How did you first hear of it?": {question: presence}

Answers keep their column's stance: a praise answer is never quoted as a pain.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from synth.errors import SynthError

STANCE_NAMES = ("complaint", "praise", "need", "wish", "neutral")
# Header wording -> stance, in order: the first pattern that matches decides.
STANCES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("need", re.compile(r"\b(not (?:yet )?(?:address(?:ed)?|meet|met|cover(?:ed)?|"
                        r"support(?:ed)?)|unmet|missing|lack(?:ing|s)?)\b", re.I)),
    ("complaint", re.compile(r"\b(difficult|difficulty|difficulties|hard(?:er|est)?|hinders?|"
                             r"hindrances?|frustrat\w*|annoy\w*|pain\w*|problems?|challeng\w*|"
                             r"obstacles?|struggl\w*|dislike|hate|worst|prevents?|blocks?|"
                             r"barriers?|complain\w*|confus\w*|stop(?:s|ped)? you|"
                             r"slows? (?:you|things) down|gets? in (?:the|your) way)\b", re.I)),
    ("praise", re.compile(r"\b(pleasant|enjoy\w*|love|like (?:most|best|about)|favou?rite|"
                          r"best|useful|helpful|works? well|great|value most|appreciate)\b",
                          re.I)),
    ("wish", re.compile(r"\b(change|improve\w*|wish|would you like|add(?:ed)?|new features?|"
                        r"features? (?:would|do) you|if you could|suggest\w*|request\w*)\b",
                        re.I)),
)
FRUSTRATION = "frustration"
PROMPT_FIT = 0.45     # cosine of a header to a question's nearest example prompt to adopt it


@dataclass(frozen=True)
class Column:
    """What one survey column asks: a persona question ("" when its answers decide) and a
    stance, and whether the researcher set them."""

    header: str
    question: str
    stance: str
    set_by: str = "header"      # "header" (proposed) or the study file's name


def stance_of(header: str) -> str:
    return next((name for name, pattern in STANCES if pattern.search(header)), "neutral")


def propose(headers: list[str], header_vectors: np.ndarray, prompts: dict[str, np.ndarray]
            ) -> dict[str, Column]:
    """A question and stance per header. `prompts`: per persona question, its example
    prompts embedded (normalised rows); `header_vectors`: the headers embedded, same order."""
    found = {}
    for header, vector in zip(headers, header_vectors):
        stance = stance_of(header)
        question = ""
        if stance in ("complaint", "need"):
            question = FRUSTRATION
        else:
            fits = {q: float((rows @ vector).max()) for q, rows in prompts.items() if len(rows)}
            best = max(sorted(fits), key=lambda q: fits[q], default="")
            if best and fits[best] >= PROMPT_FIT and not (stance == "praise"
                                                          and best == FRUSTRATION):
                question = best
        found[header] = Column(header, question, stance)
    return found


def read_study_file(path: Path, questions: list[str]) -> dict[str, dict[str, str]]:
    """The `columns:` overrides of a study file: header -> {question, stance}. A file that
    is not valid, or names an unknown question or stance, is a one-line error with the fix."""
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except OSError as error:
        raise SynthError(f"{path}: cannot read it ({error.strerror}). Check the path") from None
    except UnicodeDecodeError:
        raise SynthError(f"{path}: not UTF-8 text. Save it as UTF-8") from None
    except yaml.YAMLError as error:
        where = getattr(error, "problem_mark", None)
        line = f", line {where.line + 1}" if where is not None else ""
        raise SynthError(f"{path}{line}: not valid YAML. Fix it; the shape is `columns: "
                         "{\"<header>\": {question: frustration, stance: complaint}}`") from None
    columns = data.get("columns", {}) if isinstance(data, dict) else None
    if not isinstance(columns, dict):
        raise SynthError(f"{path}: `columns` must map each survey header to {{question: ..., "
                         "stance: ...}}")
    found: dict[str, dict[str, str]] = {}
    for header, setting in columns.items():
        if not isinstance(setting, dict) or not set(setting) <= {"question", "stance"}:
            raise SynthError(f"{path}: column '{header}' needs a mapping with `question` "
                             "and/or `stance`")
        question = str(setting.get("question", "") or "")
        stance = str(setting.get("stance", "") or "")
        if question and question not in questions:
            raise SynthError(f"{path}: column '{header}': unknown question '{question}'. Use "
                             f"one of: {', '.join(questions)}")
        if stance and stance not in STANCE_NAMES:
            raise SynthError(f"{path}: column '{header}': unknown stance '{stance}'. Use one "
                             f"of: {', '.join(STANCE_NAMES)}")
        found[str(header)] = {"question": question, "stance": stance}
    return found


def apply_overrides(proposed: dict[str, Column], overrides: dict[str, dict[str, str]],
                    source: str) -> dict[str, Column]:
    """The proposal with the study file's settings; a header the file names that no survey
    has is an error naming the headers there are."""
    unknown = sorted(set(overrides) - set(proposed))
    if unknown:
        raise SynthError(f"{source}: no survey column is headed '{unknown[0]}'. The open-ended "
                         f"columns are: {'; '.join(sorted(proposed))}")
    found = dict(proposed)
    for header, setting in overrides.items():
        column = proposed[header]
        stance = setting["stance"] or column.stance
        proposed_question = "" if column.question == FRUSTRATION else column.question
        question = setting["question"] or (FRUSTRATION if stance in ("complaint", "need")
                                           else proposed_question)
        found[header] = Column(header, question, stance, source)
    return found
