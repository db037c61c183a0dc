"""What the analysis stored, loaded once for the later stages (personas, ICP, DevRel plan).

Personas and the ICP read the workspace through this one view: every unit with its
participant, place in the source, persona question, theme, entities and sentiment; the
unit vectors; every theme; and every participant with their survey attributes. Nothing
here recomputes analysis.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

import numpy as np

from synth.embed import Embedder, embed
from synth.errors import SynthError
from synth.privacy import Privacy
from synth.workspace import Workspace

RESEARCHED = ("participant", "respondent")
# Speaker labels that name a role, not a person: never redacted from quotes.
GENERIC_LABEL = re.compile(r"(interviewer|researcher|moderator|facilitator|host|speaker|"
                           r"note-?taker|unknown)\s*\d*", re.IGNORECASE)


@dataclass(frozen=True)
class Unit:
    id: str
    participant_id: str
    text: str
    source: str
    location: str
    dimension: str
    theme_id: str            # "" when unassigned
    subtheme_id: str         # "" when its theme has no sub-themes
    entities: tuple[tuple[str, str], ...]
    sentiment: float
    standalone: bool = True  # reads well as a quote on its own (`synth.analyse.standalone`)

    @property
    def topic(self) -> str:
        """The finest theme it belongs to: its sub-theme, else its theme ("" unassigned)."""
        return self.subtheme_id or self.theme_id

    def quote(self) -> dict[str, str]:
        """The statement as evidence: what was said, by whom, where."""
        return {"unit_id": self.id, "participant_id": self.participant_id, "text": self.text,
                "source": self.source, "location": self.location}


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    kind: str                # participant (interviewed) or respondent (surveyed)
    attributes: dict[str, str]


@dataclass
class Study:
    units: list[Unit]
    vectors: np.ndarray       # one normalised row per unit
    themes: dict[str, dict]   # theme id -> the stored theme (label, dimension, keyphrases...)
    people: list[Person]      # participants and respondents, by id
    names: list[str]          # every person's name, interviewers too (for redaction)
    topics: dict[str, dict] = field(default_factory=dict)   # themes and sub-themes by id

    def units_of(self, participant_ids: set[str]) -> list[int]:
        return [i for i, u in enumerate(self.units) if u.participant_id in participant_ids]


def load_study(workspace: Workspace, embedder: Embedder) -> Study:
    """The analysed study; fails with the command to run when themes have not been built."""
    rows = workspace.query(
        "SELECT u.id, u.participant_id, u.text, u.location, s.display AS source, p.dimension,"
        " COALESCE(ut.theme_id, '') AS theme_id, COALESCE(ut.subtheme_id, '') AS subtheme_id,"
        " a.entities, a.sentiment, a.standalone"
        " FROM units u JOIN sources s ON s.id = u.source_id"
        " JOIN placements p ON p.unit_id = u.id JOIN analysis a ON a.unit_id = u.id"
        " LEFT JOIN unit_themes ut ON ut.unit_id = u.id ORDER BY s.display, u.seq")
    if not rows:
        raise SynthError(f"the workspace {workspace.directory} has no themes yet. "
                         "Run `synth themes` (or `synth run PATH...`) first")
    units = [Unit(r["id"], r["participant_id"], r["text"], r["source"], r["location"],
                  r["dimension"], r["theme_id"], r["subtheme_id"],
                  tuple(tuple(e) for e in json.loads(r["entities"])), r["sentiment"],
                  bool(r["standalone"]))
             for r in rows]
    themes = {row["id"]: {"id": row["id"], "dimension": row["dimension"], "rank": row["rank"],
                          "label": row["label"], **json.loads(row["detail"])}
              for row in workspace.query("SELECT * FROM themes ORDER BY id")}
    everyone = workspace.query("SELECT id, name, kind, attributes FROM participants ORDER BY id")
    people = [Person(r["id"], r["name"], r["kind"], json.loads(r["attributes"]))
              for r in everyone if r["kind"] in RESEARCHED]
    names = sorted({r["name"] for r in everyone if r["kind"] != "respondent"})
    vectors = embed(workspace, embedder, [u.text for u in units])
    return Study(units, vectors, themes, people, names, topics(themes))


def topics(themes: dict[str, dict]) -> dict[str, dict]:
    """Every theme and sub-theme by id: label, dimension, and the theme it belongs to."""
    found = {}
    for theme in themes.values():
        found[theme["id"]] = {"id": theme["id"], "label": theme["label"],
                              "dimension": theme["dimension"], "theme": theme["id"],
                              "theme_label": theme["label"]}
        for sub in theme.get("subthemes", []):
            found[sub["id"]] = {"id": sub["id"], "label": sub["label"],
                                "dimension": theme["dimension"], "theme": theme["id"],
                                "theme_label": theme["label"]}
    return found


def study_privacy(workspace: Workspace, keep_names: bool = False) -> Privacy:
    """The pseudonyms and redaction every output of this workspace uses."""
    rows = workspace.query("SELECT id, name, kind FROM participants ORDER BY id")
    people = {r["id"]: r["name"] for r in rows if r["kind"] in RESEARCHED}
    others = [r["name"] for r in rows if r["kind"] not in RESEARCHED
              and not GENERIC_LABEL.fullmatch(r["name"].strip())]
    respondents = [r["id"] for r in rows if r["kind"] == "respondent"]
    return Privacy(people, others, keep_names, anonymous=respondents)
