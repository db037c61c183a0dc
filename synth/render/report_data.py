"""What the HTML report shows, as plain data read from the workspace (nothing recomputed).

`report_data` gathers the stored analysis the way the other outputs show it: pseudonyms for
who said what, every text from the data through the study's redaction. It holds two parts:
the page (overview, questions and themes, personas, the themes x personas matrix, ICP, DevRel
plan), which the template renders as escaped HTML, and `app`, the compact data the page's
script needs for charts, segments, search and the source viewer (every statement once).
Counting who voices what (the matrix) reads the stored assignments; no model is loaded.
"""

from __future__ import annotations

import json
import math
import statistics
from collections import Counter
from typing import Any

from synth.analyse.framework import OTHER, Framework
from synth.attributes import attributes_by_participant
from synth.icp.score import MIN_STRENGTH, failed_rule
from synth.personas.compare import compare, too_small
from synth.privacy import Privacy
from synth.render.personas import persona_records, shown
from synth.render.themes import theme_records
from synth.study import RESEARCHED
from synth.workspace import Workspace

# A survey attribute is offered as a segment when it has this many distinct answers or fewer
# (choice columns such as role, company size or industry; not free-form numbers).
MAX_SEGMENT_VALUES = 12
MIN_FREE_TEXT = 5   # ...or, for free text, answers given by this many people
UNCERTAIN = 0.5   # a placement below this confidence is counted as uncertain in the overview

STATEMENTS_SQL = (
    "SELECT u.id, u.participant_id, u.source_id, u.location, u.text, u.question, p.dimension,"
    " p.confidence, COALESCE(ut.theme_id, '') AS theme_id,"
    " COALESCE(ut.subtheme_id, '') AS subtheme_id"
    " FROM units u JOIN sources s ON s.id = u.source_id"
    " JOIN placements p ON p.unit_id = u.id"
    " LEFT JOIN unit_themes ut ON ut.unit_id = u.id ORDER BY s.display, u.seq")


def report_data(workspace: Workspace, framework: Framework, privacy: Privacy) -> dict:
    """Everything report.html shows. Raises nothing itself: `synth.render.report` checks
    first that the stages it reads have run."""
    sources = workspace.query("SELECT id, display, kind, format FROM sources ORDER BY display")
    source_index = {row["id"]: i for i, row in enumerate(sources)}
    rows = workspace.query(STATEMENTS_SQL)
    people = _people(workspace, privacy)
    person_index = {pid: i for i, pid in enumerate(people)}
    themes = theme_records(workspace, privacy)
    questions = _questions(framework, themes, rows)
    personas = persona_records(workspace, privacy)
    stored = workspace.query("SELECT name, detail FROM reports")
    reports = {row["name"]: json.loads(row["detail"]) for row in stored}
    icp = shown(reports["icp"], privacy) if "icp" in reports else None
    if icp and icp.get("findings"):
        _icp_sources(workspace, icp["findings"], privacy)
    for persona in personas:
        sections = {s["id"]: s for s in persona["sections"]}
        persona["pains"] = sections.get("frustration", {}).get("themes", [])
    voices = _voices(rows)
    prompts = _prompts(rows)
    return {
        "overview": _overview(sources, people, rows, questions, framework),
        "questions": questions,
        "personas": personas,
        "validity": shown(reports.get("personas"), privacy),
        "matrix": _matrix(questions, personas, people, voices),
        "icp": icp,
        "lead_rules": lead_rules(icp["findings"]) if icp and icp.get("findings") else [],
        "min_strength": MIN_STRENGTH,
        "keep_names": privacy.keep_names,
        "app": {
            "sources": [{"name": privacy.source(row["display"]), "kind": row["kind"],
                         "format": row["format"]} for row in sources],
            "people": [{"id": privacy.who(pid), "kind": person["kind"],
                        "persona": person["persona"]}
                       for pid, person in people.items()],
            "statements": [[row["id"], person_index.get(row["participant_id"], -1),
                            source_index[row["source_id"]], privacy.location(row["location"]),
                            privacy.text(row["text"]), row["dimension"],
                            row["subtheme_id"] or row["theme_id"],
                            prompts.get(row["question"], -1)] for row in rows],
            "prompts": [privacy.text(question) for question in prompts],
            "topics": _topics(themes),
            "questions": [{"id": q["id"], "title": q["title"],
                           "themes": [t["id"] for t in q["themes"]]} for q in questions],
            "personas": [{"id": p["id"], "name": p["name"], "size": p["size"]}
                         for p in personas],
            "segments": _segments(people, privacy),
            "comparisons": _comparisons(people, personas, voices, _segments(people, privacy),
                                        {row["participant_id"] for row in rows}),
            "charts": _charts(questions, personas, icp),
        },
    }


def _prompts(rows: list) -> dict[str, int]:
    """Each distinct question a statement answered (the interviewer's, or the survey's
    column) -> its index in the page's list of questions asked, in order of first use."""
    found: dict[str, int] = {}
    for row in rows:
        if row["question"] and row["question"] not in found:
            found[row["question"]] = len(found)
    return found


def _people(workspace: Workspace, privacy: Privacy) -> dict[str, dict]:
    """Participant id -> kind, persona ('' when unassigned) and survey attributes, in the
    order of their pseudonyms."""
    personas = {row["participant_id"]: row["persona_id"] or "" for row in workspace.query(
        "SELECT participant_id, persona_id FROM participant_personas")}
    rows = workspace.query("SELECT id, kind, attributes FROM participants ORDER BY id")
    given = attributes_by_participant(workspace)    # survey answers, people file, tags
    found = {row["id"]: {"kind": row["kind"], "persona": personas.get(row["id"], ""),
                         "attributes": given.get(row["id"], json.loads(row["attributes"]))}
             for row in rows if row["kind"] in RESEARCHED}
    return dict(sorted(found.items(), key=lambda item: (privacy.who(item[0]), item[0])))


def _questions(framework: Framework, themes: list[dict], rows: list) -> list[dict]:
    placed = Counter(row["dimension"] for row in rows)
    themed = Counter(row["dimension"] for row in rows if row["theme_id"])
    found = []
    for dimension in framework.ids:
        mine = [t for t in themes if t["dimension"] == dimension]
        mine.sort(key=lambda t: (-t["share"], t["rank"]))
        found.append({"id": dimension, "title": framework.title(dimension),
                      "description": framework.description(dimension),
                      "statements": placed.get(dimension, 0),
                      "unassigned": placed.get(dimension, 0) - themed.get(dimension, 0),
                      "themes": mine, "other": dimension == OTHER})
    return found


def _overview(sources: list, people: dict[str, dict], rows: list, questions: list[dict],
              framework: Framework) -> dict:
    kinds = Counter(person["kind"] for person in people.values())
    confidences = [row["confidence"] for row in rows if row["dimension"] != OTHER]
    covered = [q for q in questions if not q["other"] and q["themes"]]
    return {
        "sources": len(sources),
        "interviews": sum(1 for s in sources if s["kind"] == "interview"),
        "surveys": sum(1 for s in sources if s["kind"] == "survey"),
        "interviewed": kinds.get("participant", 0), "surveyed": kinds.get("respondent", 0),
        "statements": len(rows),
        "themed": sum(1 for row in rows if row["theme_id"]),
        "other": sum(1 for row in rows if row["dimension"] == OTHER),
        "questions": len(framework.dimensions), "covered": len(covered),
        "themes": sum(len(q["themes"]) for q in questions),
        "subthemes": sum(len(t["subthemes"]) for q in questions for t in q["themes"]),
        "confidence_median": round(statistics.median(confidences), 3) if confidences else None,
        "uncertain": sum(1 for c in confidences if c < UNCERTAIN),
        "uncertain_below": UNCERTAIN,
        "placed": len(confidences),
    }


def _voices(rows: list) -> dict[str, set[str]]:
    """Theme id -> the participants who voice it."""
    found: dict[str, set[str]] = {}
    for row in rows:
        if row["theme_id"]:
            found.setdefault(row["theme_id"], set()).add(row["participant_id"])
    return found


def _matrix(questions: list[dict], personas: list[dict], people: dict[str, dict],
            voices: dict[str, set[str]]) -> list[dict]:
    """Per question, per theme, per persona: members who voice it, their share of the
    persona, and the lift over everyone segmented (as the persona cards count it)."""
    members: dict[str, set[str]] = {p["id"]: set() for p in personas}
    for pid, person in people.items():
        if person["persona"] in members:
            members[person["persona"]].add(pid)
    everyone = set().union(*members.values()) if members else set()
    found = []
    for question in questions:
        rows = []
        for theme in question["themes"]:
            who = voices.get(theme["id"], set())
            base = len(who & everyone) / max(len(everyone), 1)
            cells = []
            for persona in personas:
                inside = len(who & members[persona["id"]])
                share = inside / max(len(members[persona["id"]]), 1)
                cells.append({"people": inside, "share": round(share, 4),
                              "lift": round(share / base, 2) if base else 0.0})
            rows.append({"id": theme["id"], "label": theme["label"],
                         "all_share": round(base, 4), "cells": cells})
        if rows:
            found.append({"id": question["id"], "title": question["title"], "rows": rows})
    return found


def _topics(themes: list[dict]) -> dict[str, dict]:
    found = {}
    for theme in themes:
        found[theme["id"]] = {"label": theme["label"], "theme": theme["id"]}
        for sub in theme["subthemes"]:
            found[sub["id"]] = {"label": sub["label"], "theme": theme["id"]}
    return found


def _segments(people: dict[str, dict], privacy: Privacy) -> list[dict]:
    """Survey attributes to compare segments by: the column, its answers (redacted, white
    space collapsed), and each person's answer as an index into them (-1: none). A column
    of free text (more than `MAX_SEGMENT_VALUES` distinct answers: role, industry) offers
    its answers compared without case, those given by `MIN_FREE_TEXT` people or more (the
    `MAX_SEGMENT_VALUES` commonest); `synth personas --by COLUMN --map FILE` groups the rest."""
    columns = sorted({column for person in people.values() for column in person["attributes"]})
    found = []
    for column in columns:
        answers = [" ".join(str(person["attributes"].get(column, "")).split())
                   for person in people.values()]
        distinct = {answer for answer in answers if answer}
        if 2 <= len(distinct) <= MAX_SEGMENT_VALUES:
            values = sorted(distinct)
            index = {value: i for i, value in enumerate(values)}
            found.append({"column": privacy.text(column),
                          "values": [privacy.text(value) for value in values],
                          "answers": [index.get(answer, -1) for answer in answers]})
        elif len(distinct) > MAX_SEGMENT_VALUES:
            counts = Counter(answer.casefold() for answer in answers if answer)
            common = sorted((key for key, n in counts.items() if n >= MIN_FREE_TEXT),
                            key=lambda key: (-counts[key], key))[:MAX_SEGMENT_VALUES]
            if len(common) < 2:
                continue
            spelling = {}
            for answer in sorted(answers):
                spelling.setdefault(answer.casefold(), answer)
            values = sorted(common)
            index = {value: i for i, value in enumerate(values)}
            found.append({"column": privacy.text(column),
                          "values": [privacy.text(spelling[value]) for value in values],
                          "answers": [index.get(answer.casefold(), -1) for answer in answers]})
    return found


TOP_COMPARED = 12   # themes shown per segment, by difference


def _comparisons(people: dict[str, dict], personas: list[dict], voices: dict[str, set[str]],
                 segments: list[dict], said: set[str]) -> list[list[dict]]:
    """Per "compare by" choice (personas first when there are any, then each survey
    answer column, as the page lists them), per value: the segment's people who said
    anything against everyone else who did, per theme (`synth.personas.compare`: shares of
    people, difference with a 95% interval, Fisher's exact p Holm-corrected for the themes
    compared), the `TOP_COMPARED` largest differences first, or why it is too small."""
    ids = list(people)
    speakers = said & set(ids)
    choices: list[list[set[str]]] = []
    if personas:
        choices.append([{pid for pid in ids if people[pid]["persona"] == p["id"]}
                        for p in personas])
    for segment in segments:
        choices.append([{ids[i] for i, answer in enumerate(segment["answers"]) if answer == v}
                        for v in range(len(segment["values"]))])
    found = []
    for groups in choices:
        rows = []
        for group in groups:
            inside = group & speakers
            rest = speakers - inside
            tests = compare(voices, inside, rest)
            ranked = sorted(tests.items(), key=lambda item: (-item[1]["difference"], item[0]))
            rows.append({"n": len(inside), "rest": len(rest),
                         "too_small": too_small(len(inside), len(rest)),
                         "compared": len(tests),
                         "themes": [{"theme": theme, **{k: stat[k] for k in (
                             "people", "share", "rest_people", "rest_share", "difference",
                             "low", "high", "p_adjusted", "significant")}}
                                    for theme, stat in ranked[:TOP_COMPARED]]})
        found.append(rows)
    return found


def _charts(questions: list[dict], personas: list[dict], icp: dict | None) -> dict[str, Any]:
    """The data each chart plots (its spec is built by the page's script)."""
    charts: dict[str, Any] = {"questions": [
        {"label": q["title"], "statements": q["statements"]} for q in questions]}
    for question in questions:
        if question["themes"]:
            charts[f"themes-{question['id']}"] = [
                {"label": t["label"], "share": t["share"], "people": t["participants"]}
                for t in question["themes"]]
        for theme in question["themes"]:
            if theme["subthemes"]:
                charts[f"subthemes-{theme['id']}"] = [
                    {"label": s["label"], "share": s["share"], "people": s["participants"]}
                    for s in sorted(theme["subthemes"], key=lambda s: (-s["share"], s["id"]))]
    for persona in personas:
        if persona["reach"]:
            charts[f"reach-{persona['id']}"] = [
                {"label": e["name"], "share": e["share"], "people": e["people"]}
                for e in persona["reach"]]
    if icp and icp.get("findings"):
        charts["icp"] = [
            {"attribute": a["column"], "value": s["value"], "lift": s["lift"],
             "low": s["lift_low"], "high": s["lift_high"], "fit": fit,
             "conclusive": s["conclusive"]}
            for a in icp["findings"]["top"]
            for fit, stats in (("best fit", a["ideal"]), ("poor fit", a["poor_fit"]))
            for s in stats]
    return charts


def _icp_sources(workspace: Workspace, findings: dict, privacy: Privacy) -> None:
    """Give each ICP attribute `where` it came from: the survey files holding its column, or
    the people files and `synth participants tag` that gave it (as outputs show them)."""
    files: dict[str, set[str]] = {}
    for row in workspace.query("SELECT display, columns FROM sources WHERE kind = 'survey'"):
        for header in json.loads(row["columns"]):
            files.setdefault(privacy.text(header), set()).add(privacy.source(row["display"]))
    given: dict[str, set[str]] = {}
    for row in workspace.query("SELECT DISTINCT attribute, origin FROM people_attributes"):
        origin = ("synth participants tag" if row["origin"] == "tag" else
                  "people file " + privacy.source(row["origin"].rsplit(", row ", 1)[0]))
        given.setdefault(privacy.text(row["attribute"]), set()).add(origin)
    for attribute in findings["top"] + findings["others"]:
        column = attribute["column"]
        if column in given:
            attribute["where"] = f"attribute “{column}” from {', '.join(sorted(given[column]))}"
        elif column in files:
            attribute["where"] = (f"survey column “{column}” in "
                                  f"{', '.join(sorted(files[column]))}")
        else:
            attribute["where"] = f"column “{column}”"


def lead_rules(findings: dict) -> list[dict]:
    """The points `synth score` gives each answer, on its 0-100 scale (50 = no evidence).

    The same rule as `synth.icp.score`: an attribute scores when it is conclusive, at least
    `MIN_STRENGTH` strong and has a conclusive answer; then a conclusive ideal answer adds
    strength x ln(lower lift bound), a poor-fit answer strength x ln(upper bound), and the
    sums are scaled so the best possible lead scores 100 and the worst 0. An attribute that
    does not score carries `why` instead of points.
    """
    def why(a: dict) -> str:
        rule = failed_rule(a["conclusive"], a["strength"],
                           any(s["conclusive"] for s in a["ideal"]) or bool(a["poor_fit"]))
        return {"conclusive": "not conclusive",
                "strength": f"too weak to matter (strength under {MIN_STRENGTH:.2f})",
                "answer": "no conclusive answer", "": ""}[rule]

    top = [a for a in findings["top"] if not why(a)]
    best = sum(a["strength"] * max((math.log(s["lift_low"]) for s in a["ideal"]
                                    if s["conclusive"]), default=0.0) for a in top)
    worst = sum(a["strength"] * min((math.log(s["lift_high"]) for s in a["poor_fit"]),
                                    default=0.0) for a in top)
    rules = []
    for attribute in findings["top"]:
        values = []
        for stat in attribute["ideal"] if attribute in top else []:
            if stat["conclusive"] and best > 0:
                points = 50 * attribute["strength"] * math.log(stat["lift_low"]) / best
                values.append({"value": stat["value"], "points": round(points, 1)})
        for stat in attribute["poor_fit"] if attribute in top else []:
            if worst < 0 and stat["lift_high"] > 0:
                points = -50 * attribute["strength"] * math.log(stat["lift_high"]) / worst
                values.append({"value": stat["value"], "points": round(points, 1)})
        rules.append({"column": attribute["column"], "strength": attribute["strength"],
                      "values": values, "why": why(attribute),
                      "scored": not why(attribute)})
    return rules
