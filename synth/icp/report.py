"""The ideal customer profile of a study, as plain data ready to render and store.

From the respondents' attributes and a value signal (a named `--value-column`, else the
best one found: NPS, likely-to-recommend, willingness to pay, satisfaction, usage; else
enthusiasm shown in the text), `build_icp` finds:
- the attributes that best tell high-value from low-value customers (`stats.find_icp`);
- what the high-value customers need (the themes they voice most, frustrations first), what
  they have (tools and stack they name), and what they don't need (themes the low-value
  customers voice and the high-value ones hardly do);
- the negative profile: poor-fit answers, and personas whose high-value share lies clearly
  under the study's;
- for studies with no firmographic columns (interviews only): company sizes and industries
  the participants mention themselves, with quotes. Nothing is inferred beyond that.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import asdict

from synth.errors import SynthError
from synth.icp.columns import firmographic_columns, value_column, value_scores
from synth.icp.score import MIN_STRENGTH
from synth.icp.stats import IcpFindings, find_icp, is_nps_scale, split_high, wilson
from synth.signals import Signal, detect
from synth.study import Study
from synth.words import count

MIN_NAMED_PEOPLE, MIN_NAMED_SHARE = 5, 0.05   # a tool listed needs this many best-fit people
TOOL_KINDS = ("tool", "editor", "platform", "service", "cloud", "database", "language",
              "framework", "library")
TOP = 6
INDUSTRIES = {  # words participants use -> the industry they name
    "fintech": "Fintech", "bank": "Banking", "banking": "Banking", "insurance": "Insurance",
    "insurer": "Insurance", "healthcare": "Healthcare", "hospital": "Healthcare",
    "government": "Government", "public sector": "Government", "e-commerce": "E-commerce",
    "ecommerce": "E-commerce", "saas": "SaaS", "agency": "Agency", "media": "Media",
    "university": "Education", "education": "Education", "non-profit": "Non-profit",
    "nonprofit": "Non-profit", "gaming": "Gaming", "telecom": "Telecom", "retail": "Retail",
    "logistics": "Logistics", "manufacturing": "Manufacturing", "automotive": "Automotive",
}
# Firmographics are read from what people say only through explicit statements about their
# own employer ("we are a 40-person startup", "I work in banking", "our company has 200
# employees"), never from a word inside an unrelated answer ("laborious to startup", "rich
# media", "65,000 people at PyCon", "the logistics of it").
_WORDS = "|".join(re.escape(k) for k in sorted(INDUSTRIES, key=len, reverse=True))
_ORG = r"(?:company|startup|start-up|firm|business|shop|agency|consultancy|organi[sz]ation)"
_NUMBER = r"(\d[\d,]*|a few hundred|a hundred|a thousand|a few thousand)"
_WE = r"(?:we(?:'re|’re| are)|i work (?:at|for)|i(?:'m|’m| am) at|i joined)"
_SIZE = re.compile(
    rf"\b{_WE}\s+(?:a|an)\s+(?:\w+\s+)?{_NUMBER}[- ](?:person|people|employee|staff|strong)"
    rf"\s+(?:\w+\s+)?{_ORG}\b|"
    rf"\bour\s+{_ORG}\s+(?:has|employs|is)\s+(?:about |around |over |roughly |nearly )?"
    rf"{_NUMBER}\s+(?:people|employees|staff|engineers)\b|"
    rf"\bwe(?:'re|’re| are)\s+(?:about |around |over |roughly |nearly )?{_NUMBER}\s+"
    r"(?:people|employees|staff|engineers|developers)\b", re.IGNORECASE)
_STAGE = re.compile(rf"\b{_WE}\s+(?:a|an)\s+(?:(?:small|tiny|big|large|early[- ]stage|young|"
                    r"growing)\s+)?(start-?up|scale-?up|enterprise|small business|"
                    r"consultancy)\b", re.IGNORECASE)
_INDUSTRY = re.compile(
    rf"\b(?:i|we) (?:work|worked|am working|are working) (?:in|at an?|for an?)\s+(?:the\s+)?"
    rf"({_WORDS})\b|"
    rf"\b{_WE}\s+(?:a|an)\s+({_WORDS})\s+{_ORG}\b|"
    rf"\b(?:i|we) (?:work|are|am) in the ({_WORDS}) (?:industry|sector|space)\b|"
    rf"\b(?:we(?:'re|’re| are)|i(?:'m|’m| am)|i work|we work)\b[^.!?;]{{0,40}}?\b(?:at|for) "
    rf"an? ({_WORDS})\b",
    re.IGNORECASE)


def build_icp(study: Study, persona_of: dict[str, str], persona_names: dict[str, str],
              signals: tuple[Signal, ...], value_name: str | None = None,
              overrides: dict[str, str] | None = None) -> tuple[dict, IcpFindings | None]:
    """(the report as plain data, the findings for scoring leads; None when there are none)

    `signals` are read in what people said only when no column gives the value signal."""
    respondents = [p for p in study.people if p.attributes]
    rows = [p.attributes for p in respondents]
    headers = sorted({column for row in rows for column in row})
    columns = firmographic_columns(headers, rows, overrides) if rows else {}
    value = _value(study, respondents, headers, rows, value_name, signals)
    given = {column for p in respondents for column in p.given}
    report: dict = {"value": value["about"], "columns": columns, "findings": None,
                    "caveats": [], "needs": [], "has": [], "not_needed": [],
                    "segments": [], "mentioned": _mentioned(study)}
    high = value["high"]
    people = value["people"]
    analysed = [c for c in columns.values() if c != value["about"].get("column")]
    if not analysed:
        report["caveats"].append(
            "the data has no firmographic columns (company size, industry, revenue, region, "
            "stack, role), so no firmographic profile can be drawn; below is only what "
            "participants themselves said about their companies")
    findings = None
    if analysed and people:
        try:
            findings = find_icp([p.attributes for p in people], high, analysed)
        except SynthError as error:
            report["caveats"].append(str(error))
        else:
            report["findings"] = _findings(findings)
            for attribute in report["findings"]["top"] + report["findings"]["others"]:
                attribute["source"] = ("attribute you gave (people file or tag)"
                                       if attribute["column"] in given else "survey column")
            report["caveats"] += _caveats(findings)
    if people and any(high) and not all(h for h in high if h is not None):
        report.update(_needs_and_has(study, people, high))
        report["segments"] = _segments(people, high, persona_of, persona_names)
    return report, findings


def _value(study: Study, respondents: list, headers: list[str], rows: list[dict],
           value_name: str | None, signals: tuple[Signal, ...]) -> dict:
    column = value_column(headers, rows, value_name) if (rows or value_name) else None
    if column:
        scores = value_scores([p.attributes.get(column, "") for p in respondents])
        high = split_high(scores)
        known = [(p, h) for p, h in zip(respondents, high) if h is not None]
        rule = ("promoters: 9 or 10 out of 10" if is_nps_scale(scores) else
                "the highest answers that together hold at most a third of respondents "
                "(the top answer alone when it holds more)")
        return {"about": {"source": "column", "column": column, "rule": rule,
                          "n": len(known), "high": sum(h for _, h in known)},
                "people": [p for p, _ in known], "high": [h for _, h in known]}
    enthusiastic = {unit.participant_id for unit in study.units if detect(unit.text, signals)}
    voiced = {u.participant_id for u in study.units}
    people = [p for p in study.people if p.id in voiced]
    high = [p.id in enthusiastic for p in people]
    return {"about": {"source": "enthusiasm", "column": None,
                      "rule": "shows at least one enthusiasm signal in what they said",
                      "n": len(people), "high": sum(high)},
            "people": people, "high": high}


def _findings(findings: IcpFindings) -> dict:
    def attribute(a) -> dict:  # type: ignore[no-untyped-def]
        return {"column": a.column, "strength": round(a.strength, 3),
                "p_value": float(f"{a.p_value:.2g}"), "n": a.n, "conclusive": a.conclusive,
                "reason": a.reason, "ideal": [_stat(s) for s in a.ideal],
                "poor_fit": [_stat(s) for s in a.poor_fit],
                "values": [_stat(s) for s in a.values]}

    return {"n": findings.n, "high": findings.high, "base_rate": round(findings.base_rate, 4),
            "min_support": findings.min_support,
            "top": [attribute(a) for a in findings.top],
            "others": [attribute(a) for a in findings.attributes[len(findings.top):]],
            "negative": [_stat(s) for s in findings.negative]}


def _stat(stat) -> dict:  # type: ignore[no-untyped-def]
    data = asdict(stat)
    return {key: round(v, 3) if isinstance(v, float) else v for key, v in data.items()}


def _caveats(findings: IcpFindings) -> list[str]:
    notes = []
    if findings.n < 30:
        notes.append(f"only {count(findings.n, 'respondent')} "
                     f"{'has' if findings.n == 1 else 'have'} a value score: treat every figure "
                     "as a lead to follow up, not a finding")
    for attribute in findings.top:
        if not attribute.conclusive:
            notes.append(f"{attribute.column}: not conclusive, {attribute.reason}")
        elif attribute.strength < MIN_STRENGTH:
            notes.append(f"{attribute.column}: conclusive (p = {attribute.p_value:.2g}) but weak "
                         f"(strength {attribute.strength:.2f}, under {MIN_STRENGTH:.2f}): it "
                         "tells high from low value too little to score leads by")
        for stat in attribute.ideal:
            if not stat.conclusive:
                notes.append(f"{attribute.column} = {stat.value}: not conclusive, "
                             f"{stat.reason}")
    return notes


def _needs_and_has(study: Study, people: list, high: list[bool]) -> dict:
    best = {p.id for p, h in zip(people, high) if h}
    rest = {p.id for p, h in zip(people, high) if not h}
    scored = best | rest
    voiced: dict[str, set[str]] = {}
    named: dict[tuple[str, str], set[str]] = {}
    for unit in study.units:
        if unit.participant_id not in scored:
            continue
        if unit.topic:
            voiced.setdefault(unit.topic, set()).add(unit.participant_id)
        for entity in unit.entities:
            named.setdefault(entity, set()).add(unit.participant_id)

    def stat(who: set[str]) -> dict:
        high_share = len(who & best) / len(best)
        low_share = len(who & rest) / max(len(rest), 1)
        return {"high_people": len(who & best), "high_share": round(high_share, 4),
                "low_people": len(who & rest), "low_share": round(low_share, 4),
                "ratio": round(high_share / low_share, 2) if low_share else None}

    themes = [{"id": t, "label": study.topics[t]["label"],
               "dimension": study.topics[t]["dimension"], **stat(who)}
              for t, who in sorted(voiced.items())
              if study.topics[t]["dimension"] in ("frustration", "workflow", "tools",
                                                  "collaboration", "other")]
    needs = sorted((t for t in themes if t["high_people"] >= 2),
                   key=lambda t: (t["dimension"] != "frustration", -t["high_people"], t["id"]))
    not_needed = sorted((t for t in themes if t["low_people"] >= 2 and t["ratio"] is not None
                         and t["ratio"] < 0.5),
                        key=lambda t: (-t["low_people"], t["id"]))
    needed = max(MIN_NAMED_PEOPLE, math.ceil(MIN_NAMED_SHARE * len(best)))
    has = sorted(({"name": name, "kind": kind, **stat(who)}
                  for (name, kind), who in named.items()
                  if kind in TOOL_KINDS and len(who & best) >= needed),
                 key=lambda e: (-e["high_people"], e["name"]))
    return {"needs": needs[:TOP], "not_needed": not_needed[:TOP // 2], "has": has[:TOP + 2]}


def _segments(people: list, high: list[bool], persona_of: dict[str, str],
              names: dict[str, str]) -> list[dict]:
    """Each persona's high-value share against the study's, with a Wilson interval."""
    base = sum(high) / len(high)
    counts: Counter[str] = Counter()
    highs: Counter[str] = Counter()
    for person, flag in zip(people, high):
        persona = persona_of.get(person.id)
        if persona:
            counts[persona] += 1
            highs[persona] += flag
    found = []
    for persona in sorted(counts):
        n, k = counts[persona], highs[persona]
        low, up = wilson(k, n)
        fit = "best fit" if low > base else "poor fit" if up < base else "no clear difference"
        found.append({"persona_id": persona, "name": names.get(persona, persona), "n": n,
                      "high": k, "rate": round(k / n, 4), "rate_low": round(low, 4),
                      "rate_high": round(up, 4), "fit": fit})
    found.sort(key=lambda s: (-s["rate"], s["persona_id"]))
    return found


def _mentioned(study: Study) -> dict:
    """Company sizes and industries participants state about their own employer, through
    explicit patterns only, each with the quote it was read from."""
    found: dict[str, dict[str, dict]] = {"industry": {}, "company size": {}}
    for index, unit in enumerate(study.units):
        for kind, pattern in (("industry", _INDUSTRY), ("company size", _SIZE),
                              ("company size", _STAGE)):
            for match in pattern.finditer(unit.text):
                if kind == "industry":
                    word = next(g for g in match.groups() if g)
                    value = INDUSTRIES[word.lower()]
                elif pattern is _STAGE:
                    value = match.group(1).lower()
                else:
                    number = next(g for g in match.groups() if g)
                    value = f"{number.lower()} people"
                entry = found[kind].setdefault(value, {"value": value, "people": set(),
                                                       "quote": None})
                entry["people"].add(unit.participant_id)
                if entry["quote"] is None:
                    entry["quote"] = index
    result: dict[str, list[dict]] = {}
    for kind, entries in found.items():
        ranked = sorted(entries.values(), key=lambda e: (-len(e["people"]), e["value"]))
        result[kind] = [{"value": e["value"], "people": len(e["people"]),
                         "source": "stated in a statement (explicit pattern)",
                         "quote": study.units[e["quote"]].quote()} for e in ranked[:TOP]]
    return result
