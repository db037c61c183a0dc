"""What a persona card says, as plain data, every claim with its counts and quotes.

Counts are of people, never statements, over one named denominator: the members who said
anything (a respondent who left every free-text question blank voices nothing, and would
only dilute every share). For each of the eight questions a card shows the themes its
members voice more than the rest of the segmented people do, sorted by the difference in
share, each with a 95% interval and Fisher's exact p corrected (Holm) for every theme
compared (`compare.py`); when either side has under 5 people who said anything, the card
says the comparison is too small. A theme counts when at least `min_voices` members voice
it. When no theme is voiced more, the themes the segment voices most are shown and marked
as common to the whole study; when the segment said nothing on a question, the card says so.

Names (tools, channels, communities) are listed only with support: at least
`MIN_NAMED_PEOPLE` members and `MIN_NAMED_SHARE` of them name it.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

import numpy as np

from synth.analyse.framework import Framework
from synth.icp.columns import firmographic_columns
from synth.personas.audience import Audience
from synth.personas.compare import compare, too_small
from synth.personas.motivation import Motivations
from synth.personas.naming import ROLE_NOUNS, head, roles_in
from synth.study import Study
from synth.words import count as counted

LISTS = {  # the sections shown with a ranked list of what members name, and which kinds
    "job": ("language", "framework", "library"),
    "tools": ("tool", "editor", "platform", "service", "cloud", "database"),
    "presence": ("community", "social", "event", "content"),
}
TOP_THEMES, TOP_QUOTES, TOP_NAMES = 3, 3, 8
MIN_NAMED_PEOPLE, MIN_NAMED_SHARE = 5, 0.05   # support a listed tool or channel needs
# A dominant motivation is shown only when clear: at least CLEAR_STATEMENTS statements express
# it, CLEAR_MARGIN times as many as the next motivation, from CLEAR_SHARE of the members, or
# from DISTINCT_SHARE of them at DISTINCT_LIFT times the study's rate (set apart by it).
CLEAR_STATEMENTS, CLEAR_MARGIN, CLEAR_SHARE = 3, 1.5, 0.25
DISTINCT_SHARE, DISTINCT_LIFT = 0.15, 2.0
QUOTE_PROBABILITY = 0.6   # a motivation quote must express it this surely
COMMON = 0.15          # a theme voiced by this share of the study is common enough to be missed
NOT_NEEDED_LIFT = 0.5  # ...and a segment voicing it at under half that rate doesn't need it
BUYER_ROLE = re.compile(r"\b(lead|manager|head|director|vp|vice president|cto|cio|chief|"
                        r"founder|owner|executive|principal)\b", re.IGNORECASE)
PURCHASE = re.compile(r"\b(budget\w*|procurement|purchas\w+|pric(e|es|ing)|seats?|contracts?|"
                      r"vendors?|roi|sign(ed)?[- ]off|approv\w+|licen[cs]e\w*|invoices?|"
                      r"spend\w*|renewal)\b", re.IGNORECASE)


@dataclass
class Segment:
    """Who is in the persona, and what the whole (segmented) study looks like."""

    rank: int
    members: set[str]
    everyone: set[str]          # every participant assigned to some persona


class CardBuilder:
    """Builds every persona's card from the study, once per run."""

    def __init__(self, study: Study, framework: Framework, motivations: Motivations,
                 motivation_of: list[tuple[str, float] | None],
                 signals_of: list[list[str]], signal_titles: dict[str, str],
                 audience: Audience | None = None) -> None:
        self.study = study
        self.audience = audience or Audience(True, "the developer motivations", "")
        self.framework = framework
        self.motivations = motivations
        self.motivation_of = motivation_of
        self.signals_of = signals_of
        self.signal_titles = signal_titles
        self.voices: dict[str, set[str]] = {}     # topic (sub-theme or theme) -> who voices it
        for unit in study.units:
            if unit.topic:
                self.voices.setdefault(unit.topic, set()).add(unit.participant_id)
        self.named: dict[tuple[str, str], set[str]] = {}
        for unit in study.units:
            for entity in unit.entities:
                self.named.setdefault(entity, set()).add(unit.participant_id)
        self.speakers = {u.participant_id for u in study.units}     # said anything
        self.purchasers = {u.participant_id for u in study.units if PURCHASE.search(u.text)}
        self.roles: dict[str, set[str]] = {}      # role people give themselves -> who
        for unit in study.units:
            for role in roles_in(unit.text):
                self.roles.setdefault(role, set()).add(unit.participant_id)
        self.motivated: dict[str, set[str]] = {}
        for unit, found in zip(study.units, motivation_of):
            if found:
                self.motivated.setdefault(found[0], set()).add(unit.participant_id)
        rows = [p.attributes for p in study.people]
        headers = sorted({column for row in rows for column in row})
        self.columns = firmographic_columns(headers, rows) if rows else {}
        self.people = {p.id: p for p in study.people}
        self.spellings: dict[str, dict[str, str]] = {}   # column -> key -> commonest spelling
        for column in self.columns.values():
            seen = Counter(" ".join(p.attributes.get(column, "").split()) for p in study.people)
            for spelling, _ in sorted(seen.items(), key=lambda s: (-s[1], s[0])):
                self.spellings.setdefault(column, {}).setdefault(spelling.casefold(), spelling)

    # -- the card -------------------------------------------------------------------------

    def card(self, segment: Segment) -> dict:
        units = [i for i, u in enumerate(self.study.units)
                 if u.participant_id in segment.members]
        n, total = len(segment.members), len(segment.everyone)
        kinds = Counter(self.people[pid].kind for pid in segment.members)
        profile = self._profile(segment)
        # what was said is counted over the people who said anything
        said = Segment(segment.rank, segment.members & self.speakers,
                       segment.everyone & self.speakers)
        rest = said.everyone - said.members
        tests = compare(self.voices, said.members, rest)
        sections = [self._section(d.id, d.title, said, units, tests)
                    for d in self.framework.dimensions]
        name, title = self._name(profile, sections, segment)
        return {
            "id": f"persona-{segment.rank}", "rank": segment.rank, "name": name, "title": title,
            "size": n, "share": round(n / max(total, 1), 4),
            "interviewed": kinds.get("participant", 0), "surveyed": kinds.get("respondent", 0),
            "said": len(said.members),
            "comparison": {"denominator": "members who said anything",
                           "members": len(said.members), "rest": len(rest),
                           "themes_compared": len(tests),
                           "test": "Fisher's exact test, two-sided, Holm-corrected for the "
                                   "themes compared; 95% Newcombe interval",
                           "too_small": too_small(len(said.members), len(rest))},
            **self._kind(segment), "profile": profile, "sections": sections,
            "motivation": self._motivation(said, units),
            "reach": self._names(said, LISTS["presence"])[:5],
            "not_needed": self._not_needed(said),
            "enthusiasm": self._enthusiasm(said, units),
        }

    def _share(self, who: set[str], segment: Segment) -> dict:
        inside = len(who & segment.members)
        overall = len(who & segment.everyone)
        share = inside / max(len(segment.members), 1)
        base = overall / max(len(segment.everyone), 1)
        return {"people": inside, "share": round(share, 4), "all_people": overall,
                "all_share": round(base, 4), "lift": round(share / base, 2) if base else 0.0}

    # -- who they are ---------------------------------------------------------------------

    def _profile(self, segment: Segment) -> list[dict]:
        """Per firmographic column: the values most over-represented in the segment."""
        found = []
        for role, column in sorted(self.columns.items()):
            answers = {p: self.answer(p, column) for p in segment.everyone}
            spelling = self.spellings[column]
            counts = Counter(answers[p] for p in segment.members)
            counts.pop("", None)
            values = []
            for value, count in counts.items():
                stat = self._share({p for p, a in answers.items() if a == value}, segment)
                if stat["lift"] > 1.0 and count >= 2:
                    values.append({"value": spelling[value], **stat})
            values.sort(key=lambda v: (-v["people"], v["value"]))
            if values:
                found.append({"role": role, "column": column, "answers": values[:3]})
        return found

    def answer(self, participant_id: str, column: str) -> str:
        """A survey answer compared without case or extra spaces ("Researcher", "researcher")."""
        return " ".join(self.people[participant_id].attributes.get(column, "").split()).casefold()

    def _spoken_role(self, segment: Segment) -> str:
        """The role nouns members most give themselves (the two most shared; the most
        distinctive, then the more specific, on a tie), each in its commonest wording."""
        by_head: dict[str, set[str]] = {}
        wordings: dict[str, Counter[str]] = {}
        for role, who in self.roles.items():
            inside = who & segment.members
            if inside:
                by_head.setdefault(head(role), set()).update(who)
                wordings.setdefault(head(role), Counter())[role] += len(inside)
        order = {noun: i for i, noun in enumerate(ROLE_NOUNS)}
        ranked = sorted(by_head, key=lambda h: (-len(by_head[h] & segment.members),
                                                -self._share(by_head[h], segment)["lift"],
                                                order.get(h, len(order)), h))
        if not ranked:
            return ""
        top = [h for h in ranked[:2] if len(by_head[h] & segment.members)
               >= len(by_head[ranked[0]] & segment.members) / 2]
        words = []
        for noun in top:
            phrase, count = max(wordings[noun].items(), key=lambda w: (w[1], -len(w[0]), w[0]))
            words.append(phrase if count >= 2 else noun)
        name = " / ".join(words)
        return name[0].upper() + name[1:]

    def _name(self, profile: list[dict], sections: list[dict],
              segment: Segment) -> tuple[str, str]:
        """A name from the segment's distinctive role answer, else the role its members give
        themselves, else its main job topic; a title adding that topic and company context."""
        by_role = {p["role"]: p["answers"] for p in profile}

        def top(role: str) -> str:
            values = by_role.get(role, [])
            kept = [v["value"] for v in values[:2]
                    if v is values[0] or v["people"] >= values[0]["people"] / 2]
            return " / ".join(kept)

        role = top("role")
        job = next((s for s in sections if s["id"] == "job"), None)
        focus = job["themes"][0]["label"] if job and job["themes"] else ""
        context = []
        if not role:
            role = self._spoken_role(segment) or (f"Works on {focus[0].lower()}{focus[1:]}"
                                                  if focus else "Study participants")
            if focus and focus.lower() not in role.lower():
                context.append(f"({focus})")
        if size := top("company_size"):
            context.append(f"at {size}-person companies")
        if industry := top("industry"):
            context.append(f"in {industry}")
        return role, " ".join([role, *context])

    def _kind(self, segment: Segment) -> dict:
        """User or buyer persona: from roles, else from language about budget and buying."""
        column = self.columns.get("role")
        evidence = []
        buyer = False
        if column:
            roles = [self.people[p].attributes.get(column, "") for p in segment.members]
            answered = [r for r in roles if r.strip()]
            buyers = [r for r in answered if BUYER_ROLE.search(r)]
            if answered:
                evidence.append(f"{len(buyers)} of {len(answered)} hold buying roles"
                                + (f" ({', '.join(sorted(set(buyers))[:4])})" if buyers else ""))
                buyer = len(buyers) >= len(answered) / 2
        stat = self._share(self.purchasers, segment)
        talk = (f"{stat['people']} of {len(segment.members)} talk about budget, pricing or "
                f"purchasing (lift {stat['lift']})")
        if not column:
            buyer = stat["share"] >= 0.5 and stat["lift"] >= 1.5
            if buyer:
                evidence.append(f"{talk}: at least half, and at 1.5 times the study's rate")
            elif stat["share"] < 0.5:
                evidence.append(f"no role answers; only {talk}, under half")
            else:
                evidence.append(f"no role answers; {talk}, no more than across the study, so "
                                "buying talk does not set them apart")
        else:
            evidence.append(talk)
        return {"kind": "buyer" if buyer else "user", "kind_evidence": evidence}

    # -- the eight questions --------------------------------------------------------------

    def _section(self, dimension: str, title: str, segment: Segment,
                 units: list[int], tests: dict[str, dict]) -> dict:
        mine = [i for i in units if self.study.units[i].dimension == dimension]
        section = {"id": dimension, "title": title, "statements": len(mine),
                   "themes": [], "distinctive": False, "basis": "", "quotes": [],
                   "ranked": []}
        if dimension in LISTS:
            section["ranked"] = self._names(segment, LISTS[dimension])
        if not mine:
            return section
        n = len(segment.members)
        needed = 2 if n >= 4 else 1
        themes = sorted({self.study.units[i].topic for i in mine} - {""})
        stats = [{"id": t, "label": self.study.topics[t]["label"],
                  "theme_label": self.study.topics[t]["theme_label"],
                  **self._share(self.voices[t], segment), **tests.get(t, {})} for t in themes]
        more = [s for s in stats if s["people"] >= needed and s.get("difference", 0) > 0]
        more.sort(key=lambda s: (-s["difference"], s["id"]))
        if more:
            chosen = more[:TOP_THEMES]
            tested = chosen[0].get("test") is not None
            section["basis"] = ("too small" if not tested else
                                "significant" if any(s["significant"] for s in chosen)
                                else "not significant")
        else:
            chosen = sorted(stats, key=lambda s: (-s["people"], s["id"]))[:TOP_THEMES]
        section["themes"] = chosen
        section["distinctive"] = bool(more)
        section["quotes"] = self._quotes([[i for i in mine
                                           if self.study.units[i].topic == s["id"]]
                                          for s in chosen] or [mine])
        return section

    def _names(self, segment: Segment, kinds: tuple[str, ...]) -> list[dict]:
        needed = max(MIN_NAMED_PEOPLE, math.ceil(MIN_NAMED_SHARE * len(segment.members)))
        ranked = [{"name": name, "kind": kind, **self._share(who, segment)}
                  for (name, kind), who in self.named.items()
                  if kind in kinds and len(who & segment.members) >= needed]
        ranked.sort(key=lambda e: (-e["people"], -e["lift"], e["name"]))
        return ranked[:TOP_NAMES]

    def _quotes(self, groups: list[list[int]]) -> list[dict]:
        """One quote per group (a theme's statements by members): one that stands alone, the
        most central, from different people where possible."""
        chosen: list[int] = []
        for group in groups:
            if not group or len(chosen) == TOP_QUOTES:
                continue
            vectors = self.study.vectors[group]
            centre = vectors.mean(axis=0)
            centrality = vectors @ (centre / (np.linalg.norm(centre) or 1.0))
            quoted = {self.study.units[j].participant_id for j in chosen}
            order = sorted(range(len(group)), key=lambda k: (
                not self.study.units[group[k]].standalone,
                self.study.units[group[k]].participant_id in quoted,
                not 5 <= len(self.study.units[group[k]].text.split()) <= 60,
                -centrality[k], group[k]))
            chosen.append(group[order[0]])
        return [self.quote(i) for i in chosen]

    def quote(self, index: int) -> dict:
        return self.study.units[index].quote()

    # -- what moves them, how to reach them, what they don't need -------------------------

    def _motivation(self, segment: Segment, units: list[int]) -> dict:
        framework = {"name": self.audience.framework, "applies": self.audience.applies,
                     "why": self.audience.why}
        if not self.audience.applies:
            return {"dominant": None, "profile": [], "quotes": [], "incentives": [],
                    "content": [], "avoid": [], "why_unclear": self.audience.why,
                    "framework": framework}
        found = self._motivation_of(segment, units)
        found["framework"] = framework
        if found["dominant"]:
            found["incentives_source"] = (f"{self.audience.framework}, the incentives listed "
                                          f"for '{found['dominant']['title']}'")
        return found

    def _motivation_of(self, segment: Segment, units: list[int]) -> dict:
        shows: dict[str, list[tuple[float, int]]] = {}
        for i in units:
            found = self.motivation_of[i]
            if found:
                shows.setdefault(found[0], []).append((found[1], i))
        profile = []
        for motivation in self.motivations.items:
            stat = self._share(self.motivated.get(motivation.id, set()), segment)
            profile.append({"id": motivation.id, "title": motivation.title,
                            "summary": motivation.summary, **stat})
        for entry in profile:
            entry["statements"] = len(shows.get(entry["id"], []))
        ranked = sorted(profile, key=lambda m: (-m["statements"], -m["people"], m["id"]))
        best = ranked[0] if ranked else None
        runner_up = ranked[1]["statements"] if len(ranked) > 1 else 0
        clear = (best is not None and best["statements"] >= CLEAR_STATEMENTS
                 and best["statements"] >= CLEAR_MARGIN * runner_up
                 and (best["share"] >= CLEAR_SHARE
                      or (best["share"] >= DISTINCT_SHARE and best["lift"] >= DISTINCT_LIFT)))
        if not clear:
            return {"dominant": None, "profile": profile, "quotes": [], "incentives": [],
                    "content": [], "avoid": [], "why_unclear": self._unclear(best, runner_up)}
        motivation = next(m for m in self.motivations.items if m.id == best["id"])
        strongest = sorted((hit for hit in shows[best["id"]] if hit[0] >= QUOTE_PROBABILITY),
                           key=lambda hit: (-hit[0], hit[1]))
        picked: list[int] = []
        for _, i in strongest:
            person = self.study.units[i].participant_id
            if person not in {self.study.units[j].participant_id for j in picked}:
                picked.append(i)
            if len(picked) == 2:
                break
        return {"dominant": best, "profile": profile,
                "quotes": [self.quote(i) for i in picked],
                "incentives": list(motivation.incentives), "content": list(motivation.content),
                "avoid": list(motivation.avoid)}

    @staticmethod
    def _unclear(best: dict | None, runner_up: int) -> str:
        if best is None or best["statements"] == 0:
            return "no statement expresses one of the four motivations"
        if best["statements"] < CLEAR_STATEMENTS:
            return (f"only {best['statements']} statement(s) express {best['title'].lower()},"
                    f" fewer than {CLEAR_STATEMENTS}")
        if best["statements"] < CLEAR_MARGIN * runner_up:
            return (f"{best['title'].lower()} ({counted(best['statements'], 'statement')}) does "
                    "not lead "
                    f"the next motivation ({runner_up}) by {CLEAR_MARGIN} times")
        return (f"only {best['people']} of the members express {best['title'].lower()}, "
                f"under {CLEAR_SHARE:.0%} (and not {DISTINCT_LIFT:g} times the study's rate "
                f"from {DISTINCT_SHARE:.0%})")

    def _not_needed(self, segment: Segment) -> list[dict]:
        """Themes common across the study that this segment hardly voices."""
        found = []
        for theme_id, who in sorted(self.voices.items()):
            theme = self.study.topics[theme_id]
            if theme["dimension"] not in ("frustration", "tools", "workflow", "presence"):
                continue
            stat = self._share(who, segment)
            if stat["all_share"] >= COMMON and stat["lift"] < NOT_NEEDED_LIFT:
                found.append({"id": theme_id, "label": theme["label"],
                              "dimension": theme["dimension"], **stat})
        found.sort(key=lambda s: (-s["all_share"], s["id"]))
        return found[:4]

    def _enthusiasm(self, segment: Segment, units: list[int]) -> dict:
        by_signal: dict[str, list[int]] = {}
        for i in units:
            for signal in self.signals_of[i]:
                by_signal.setdefault(signal, []).append(i)
        enthusiasts = {self.study.units[i].participant_id for ix in by_signal.values()
                       for i in ix}
        signals = []
        for signal, title in self.signal_titles.items():
            hits = by_signal.get(signal, [])
            if not hits:
                continue
            who = {self.study.units[i].participant_id for i in hits}
            signals.append({"id": signal, "title": title, "people": len(who),
                            "share": round(len(who) / max(len(segment.members), 1), 4),
                            "quotes": [self.quote(min(hits, key=lambda i: (
                                not self.study.units[i].standalone, i)))]})
        return {"people": len(enthusiasts),
                "share": round(len(enthusiasts) / max(len(segment.members), 1), 4),
                "signals": signals}
