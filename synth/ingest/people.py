"""Who is who: one identity per person across files, and who is the interviewer.

A speaker label names one person across files ("DONALD" in three rounds is one narrator;
"Amanda" and "AMANDA (typed)" too; "Priya" is "Priya Raman" when exactly one full name in
the workspace starts with it). Generic labels such as "Participant" or "A" name a
different person in each file.

Roles, decided over the whole workspace so that a three-round study agrees with itself:
1. `--interviewer NAME` and generic interviewer labels (Interviewer, Moderator, Q...) are
   interviewers.
2. In every conversation with no such speaker, the speaker who asks the most questions per
   word across the whole corpus is its interviewer (interviewers ask in short turns;
   narrators talk at length and ask the odd rhetorical question).
3. A speaker who never holds 5% of the words of any file they speak in (a captioner, a
   note-taker, someone checking the audio) is on the research team's side: kind
   `interviewer`, with no statements taken from them.
Everyone else in a transcript is a `participant`; every survey row is a `respondent`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from synth.documents import Turn

INTERVIEWER, PARTICIPANT, RESPONDENT = "interviewer", "participant", "respondent"

_GENERIC_INTERVIEWERS = {"interviewer", "moderator", "facilitator", "host", "q", "researcher"}
_GENERIC_PARTICIPANTS = {"participant", "interviewee", "respondent", "a", "p", "guest",
                         "user", "customer", "speaker", "unknown speaker"}
_PAREN = re.compile(r"\s*[(\[][^)\]]*[)\]]\s*$")
_QUESTION = re.compile(r"[^.!?…]*\?")
_SIDE_SHARE = 0.05


def speaker_key(label: str, source_stem: str) -> str:
    """The identity a label stands for: case-folded, annotations like '(typed)' removed."""
    name = _PAREN.sub("", label).strip().casefold()
    name = " ".join(name.split())
    bare = re.sub(r"\s*\d+$", "", name)
    if bare in _GENERIC_INTERVIEWERS:
        return INTERVIEWER
    if bare in _GENERIC_PARTICIPANTS:
        return f"{source_stem}/{name}"
    return name


def display_name(label: str) -> str:
    """'DONALD' -> 'Donald'; 'AMANDA (typed)' -> 'Amanda'; mixed case is kept."""
    name = _PAREN.sub("", label).strip()
    return name.title() if name.isupper() else name


@dataclass(frozen=True)
class SpeakerStats:
    """What one speaker did in one conversation; enough to decide roles."""

    source: str
    key: str
    turns: int
    questions: int
    words: int


def speaker_stats(source: str, stem: str, turns: Iterable[Turn]) -> list[SpeakerStats]:
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for turn in turns:
        entry = counts[speaker_key(turn.speaker, stem)]
        entry[0] += 1
        entry[1] += "?" in turn.text
        entry[2] += len(turn.text.split())
    return [SpeakerStats(source, key, *entry) for key, entry in sorted(counts.items())]


def aliases(keys: Iterable[str]) -> dict[str, str]:
    """First names that stand for exactly one full name: {'priya': 'priya raman'}."""
    keys = sorted(set(keys))
    found = {}
    for key in keys:
        if " " in key or "/" in key or key == INTERVIEWER:
            continue
        fuller = [other for other in keys if other.startswith(key + " ")]
        if len(fuller) == 1:
            found[key] = fuller[0]
    return found


@dataclass
class Cast:
    """Everyone in the workspace's conversations: their identities and their roles."""

    roles: dict[str, str] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)

    def canonical(self, key: str) -> str:
        return self.aliases.get(key, key)

    def kind_of(self, key: str) -> str:
        return self.roles.get(self.canonical(key), PARTICIPANT)

    def id_of(self, key: str) -> str:
        return self.canonical(key).replace(" ", "-")

    def kind(self, label: str, stem: str) -> str:
        return self.kind_of(speaker_key(label, stem))

    def participant_id(self, label: str, stem: str) -> str:
        return self.id_of(speaker_key(label, stem))


def cast(stats: Iterable[SpeakerStats], interviewers: Iterable[str] = ()) -> Cast:
    """Identities and roles for a whole workspace's speaker statistics."""
    stats = list(stats)
    merged = aliases(entry.key for entry in stats)
    canonical = [replace(entry, key=merged.get(entry.key, entry.key)) for entry in stats]
    return Cast(assign_roles(canonical, interviewers), merged)


def assign_roles(stats: Iterable[SpeakerStats], interviewers: Iterable[str] = ()) -> dict[str, str]:
    """Map every speaker key to `interviewer` or `participant` (see the module docstring)."""
    stats = list(stats)
    forced = {INTERVIEWER} | {speaker_key(name, "") for name in interviewers}
    words: dict[str, int] = defaultdict(int)
    questions: dict[str, int] = defaultdict(int)
    conversations: dict[str, int] = defaultdict(int)
    by_source: dict[str, list[SpeakerStats]] = defaultdict(list)
    for entry in stats:
        words[entry.key] += entry.words
        questions[entry.key] += entry.questions
        conversations[entry.key] += 1
        by_source[entry.source].append(entry)

    def asking(entry: SpeakerStats) -> tuple[float, int, str]:
        density = questions[entry.key] / max(words[entry.key], 1)
        return density, conversations[entry.key], entry.key

    roles = {key: INTERVIEWER if key in forced else PARTICIPANT for key in words}
    for entries in by_source.values():
        if len(entries) < 2 or any(entry.key in forced for entry in entries):
            continue
        roles[max(entries, key=asking).key] = INTERVIEWER

    peak_share: dict[str, float] = defaultdict(float)
    for entries in by_source.values():
        total = sum(entry.words for entry in entries) or 1
        for entry in entries:
            peak_share[entry.key] = max(peak_share[entry.key], entry.words / total)
    for key, share in peak_share.items():
        if share < _SIDE_SHARE:
            roles[key] = INTERVIEWER
    return roles


def question_context(text: str, limit: int = 400) -> str:
    """The questions in an interviewer's turn, or its end when it asks none."""
    asked = " ".join(match.group(0).strip() for match in _QUESTION.finditer(text))
    context = asked or text
    context = " ".join(context.split())
    return context if len(context) <= limit else "…" + context[-limit:].lstrip()


def with_questions(turns: list[Turn], stem: str, cast: Cast) -> list[Turn]:
    """Give each turn the question context of the interviewer's latest turn before it."""
    result = []
    context = ""
    for turn in turns:
        if cast.kind(turn.speaker, stem) == INTERVIEWER:
            if "?" in turn.text or not context:
                context = question_context(turn.text)
            result.append(turn)
        else:
            result.append(Turn(turn.speaker, turn.text, turn.anchors, context))
    return result
