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
from functools import cache

import numpy as np

from synth.attributes import given_attributes
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
    given: tuple[str, ...] = ()  # of them, the attributes the researcher gave (synth.attributes)


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
    check_complete(workspace)
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
    given, _ = given_attributes(workspace)
    people = [Person(r["id"], r["name"], r["kind"],
                     {**json.loads(r["attributes"]), **given.get(r["id"], {})},
                     tuple(sorted(given.get(r["id"], {}))))
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


def check_complete(workspace: Workspace) -> None:
    """Refuse a workspace whose statements lack their people (an interrupted ingest)."""
    orphans = workspace.query(
        "SELECT COUNT(*) AS n FROM units WHERE participant_id NOT IN"
        " (SELECT id FROM participants)")[0]["n"]
    if orphans:
        raise SynthError(
            f"the workspace {workspace.directory} holds {orphans} statements whose "
            "participants are missing (an ingest was interrupted). Run `synth ingest` on "
            "the same files again to finish it")


def study_privacy(workspace: Workspace, keep_names: bool = False) -> Privacy:
    """The pseudonyms and redaction every output of this workspace uses.

    Refuses an incomplete workspace: without its participants, nobody could be redacted.
    A participant's surname said beside their name ("I'm Naomi Ceder") joins their name.
    """
    check_complete(workspace)
    rows = workspace.query("SELECT id, name, kind FROM participants ORDER BY id")
    people = {r["id"]: r["name"] for r in rows if r["kind"] in RESEARCHED}
    others = [r["name"] for r in rows if r["kind"] not in RESEARCHED
              and not GENERIC_LABEL.fullmatch(r["name"].strip())]
    respondents = [r["id"] for r in rows if r["kind"] == "respondent"
                   and r["name"] == r["id"].split(":", 1)[-1]]
    spoken = [r["name"] for r in rows if r["kind"] != "respondent"]
    full = full_names(spoken, workspace)
    people = {pid: full.get(name, name) for pid, name in people.items()}
    others = [full.get(name, name) for name in others]
    firsts = {name.split()[0].casefold() for name in [*people.values(), *others] if name}
    mentioned = [row["name"] for row in workspace.query(   # third parties the text names
        "SELECT DISTINCT name FROM mentions ORDER BY name")
        if row["name"].split()[0].casefold() not in firsts]
    return Privacy(people, others, keep_names, anonymous=respondents, mentioned=mentioned)


def full_names(names: list[str], workspace: Workspace) -> dict[str, str]:
    """One-word names -> the name with the surname the research text puts after it.

    "Naomi" -> "Naomi Ceder" when some turn says "Naomi Ceder": a capitalised word right
    after the name, not a common word and not itself someone's name.
    """
    single = {name.casefold(): name for name in names if len(name.split()) == 1
              and len(name) > 2 and not GENERIC_LABEL.fullmatch(name.strip())}
    if not single:
        return {}
    # importing spaCy takes seconds: only when there are names to complete
    from spacy.lang.en.stop_words import STOP_WORDS

    known = {part.casefold() for name in names for part in name.split()}
    pattern = re.compile(r"(?<![\w@])(" + "|".join(
        re.escape(name) for name in sorted(single, key=len, reverse=True))
        + r")[ \t]+([A-Z][a-z]+(?:[-'’][A-Z][a-z]+)?)(?![\w@])", re.IGNORECASE)
    excluded = known | STOP_WORDS | _gazetteer_words()
    found: dict[str, set[str]] = {}
    for row in workspace.query("SELECT t.text FROM turns t JOIN sources s ON s.id = t.source_id"
                               " WHERE s.kind = 'interview'"):
        for match in pattern.finditer(row["text"]):
            first, last = match.group(1), match.group(2)
            if first[0].isupper() and last[0].isupper() and last.casefold() not in excluded:
                found.setdefault(first.casefold(), set()).add(last)
    return {single[first]: " ".join([single[first], *sorted(lasts)])
            for first, lasts in found.items()}


@cache
def _gazetteer_words() -> frozenset[str]:
    """Every tool, language and community name and alias synth knows, lower-cased."""
    from synth.analyse.entities import load_gazetteer

    return frozenset(form.casefold() for name, _, aliases in load_gazetteer().entries
                     for form in (name, *aliases))
