"""Does the developer-motivation framework fit the people studied?

The shipped motivations (open-source passion, heavy product use, career growth, thought
leadership) and their incentives (sponsorship, swag, conference talks...) describe
developers. Applied to creatives or clinicians they read motives into words that do not
carry them ("Open-source passion (84%)" for illustrators). So the framework applies only
when:
- the researcher says so (`--audience developers`), or gives their own framework
  (`--motivations FILE`: theirs applies to whoever they wrote it for); or
- by default, the people look like developers: at least `DEVELOPER_SHARE` of those who said
  anything name a programming language, framework or library, or at least half of those
  with a role answer give a developer role.
Otherwise (or with `--audience other`) cards say the framework does not apply, and why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from synth.icp.columns import firmographic_columns
from synth.study import Study
from synth.words import count

DEVELOPER_SHARE = 0.25
CODE_KINDS = ("language", "framework", "library")
DEVELOPER_ROLE = re.compile(
    r"\b(develop\w*|engineer\w*|programm\w*|coder|software|devops|sre|maintainer|"
    r"data scien\w*|sysadmin|architect|hacker)\b", re.IGNORECASE)
AUDIENCES = ("auto", "developers", "other")


@dataclass(frozen=True)
class Audience:
    applies: bool
    framework: str          # which framework: the shipped one, or the researcher's file
    why: str


def decide(study: Study, audience: str = "auto", motivations_file: Path | None = None) -> Audience:
    """Whether the motivation framework applies to these people, with the evidence."""
    if motivations_file is not None:
        return Audience(True, str(motivations_file),
                        f"your motivation framework ({motivations_file.name}) is used as given")
    shipped = "the developer motivations (synth/data/motivations.json)"
    if audience == "developers":
        return Audience(True, shipped, "you said the people are developers (--audience "
                        "developers)")
    if audience == "other":
        return Audience(False, shipped, "you said the people are not developers (--audience "
                        "other); give your own framework with --motivations FILE")
    said = {u.participant_id for u in study.units}
    coders = {u.participant_id for u in study.units
              if any(kind in CODE_KINDS for _, kind in u.entities)}
    share = len(coders) / max(len(said), 1)
    evidence = (f"{len(coders)} of the {count(len(said), 'person', 'people')} who said "
                f"anything ({share:.0%}) name a programming language, framework or library")
    rows = [p.attributes for p in study.people]
    headers = sorted({column for row in rows for column in row})
    role = firmographic_columns(headers, rows).get("role") if rows else None
    if role:
        answered = [p.attributes[role] for p in study.people if p.attributes.get(role, "").strip()]
        developers = sum(bool(DEVELOPER_ROLE.search(answer)) for answer in answered)
        evidence += (f"; {developers} of {len(answered)} role answers are developer roles")
        if answered and developers >= len(answered) / 2:
            return Audience(True, shipped, f"the people are developers: {evidence}")
    if share >= DEVELOPER_SHARE:
        return Audience(True, shipped, f"the people are developers: {evidence} (the rule is "
                        f"{DEVELOPER_SHARE:.0%})")
    return Audience(False, shipped, f"the developer-motivation framework does not apply: "
                    f"only {evidence} (the rule is {DEVELOPER_SHARE:.0%}). Give a framework "
                    "for these people with --motivations FILE, or say they are developers "
                    "with --audience developers")
