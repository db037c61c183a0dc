"""Speaker-labelled transcripts: plain text, Markdown and the paragraphs of a DOCX.

A turn starts at a line that opens with a speaker label, in any of the shapes
interview tools and transcribers write:

    NAME: text                 **Name:** text           **Name**: text
    [00:01:02] Name: text      00:01:02 Name: text      Name (00:01:02): text
    AMANDA (typed): text       Name   0:03              (a label alone on its line)
    MEL, TYPING: text          (what someone typed in the call's chat is their turn)

Lines that only look like labels ("So the first one is: ...") are not taken as speakers:
a label is a name (capitalised words, at most four), and one that appears once in a file
must be written in capitals, in bold or with a timestamp, or open a capitalised sentence,
to count ("Python: it is great." stays part of the turn it is in). Everything before the
conversation (licence and consent preambles, headings, "Participants: ..." lines) is
ignored, and so is everything before a `BEGIN TRANSCRIPT` marker. Blockquotes are prompt
material shown to the speaker (excerpts of other interviews), not something said: skipped,
and so are notes the research side wrote in ("[Note: ...]", "Interviewer note: ...").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from synth.documents import Document, Turn
from synth.errors import NotResearch

# A word of a name opens with a capital or a digit in any script ("Émilie", "Łukasz",
# "Øyvind", "Дмитрий"): the regex takes any letter and `_capitalised` checks the case.
_WORD = r"[^\W_][\w'’.\-]*"
_NAME = rf"{_WORD}(?:[ \t]+{_WORD}){{0,3}}"
_TIME = r"\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?"
_PAREN = r"(?:[ \t]*[(\[][^)\]\n]{1,24}[)\]])?"
# What someone typed rather than said ("MEL, TYPING: ..."): the turn is theirs.
_TYPED = r"(?:TYPING|TYPED|typing|typed|Typing|Typed|IN CHAT|in chat|CHAT|chat)"
# Notes the research side wrote into the transcript: never a participant's words.
_RESEARCH_NOTE = re.compile(
    r"^(?:[\[(]\s*(?:(?:interviewer|researcher|moderator|editor|transcriber)'?s?\s+)?notes?"
    r"|(?:interviewer|researcher|moderator|editor|transcriber)'?s?\s+notes?)\s*:",
    re.IGNORECASE)

# (pattern, strong): a strong shape (bold, timestamped, alone on its line) counts even once.
_SHAPES: tuple[tuple[re.Pattern[str], bool], ...] = (
    (re.compile(rf"^\*\*(?P<name>{_NAME}){_PAREN}:?\*\*:?[ \t]*(?P<text>.*)$"), True),
    (re.compile(rf"^__(?P<name>{_NAME}){_PAREN}:?__:?[ \t]*(?P<text>.*)$"), True),
    (re.compile(rf"^[\[(]?{_TIME}[\])]?[ \t]+(?P<name>{_NAME}){_PAREN}:[ \t]*(?P<text>.*)$"), True),
    (re.compile(rf"^(?P<name>{_NAME})[ \t]*[(\[]{_TIME}[)\]]:?[ \t]*(?P<text>.*)$"), True),
    (re.compile(rf"^(?P<name>{_NAME})[ \t]{{2,}}{_TIME}$(?P<text>)"), True),
    (re.compile(rf"^(?P<name>{_NAME}),[ \t]*{_TYPED}[ \t]*:[ \t]*(?P<text>.*)$"), True),
    (re.compile(rf"^(?P<name>{_NAME}){_PAREN}:[ \t]*(?P<text>.*)$"), False),
)

# Words that open prose lines with a colon and never name a speaker.
_NOT_SPEAKERS = {
    "note", "notes", "edit", "update", "source", "sources", "license", "licence", "copyright",
    "date", "time", "subject", "title", "summary", "example", "tip", "warning", "agenda",
    "location", "duration", "recorded", "transcript", "topic", "re", "ps", "p.s", "http",
    "https", "step", "option", "question", "questions",
    # meeting notes: items, not people
    "action", "actions", "action item", "action items", "decision", "decisions", "owner",
    "owners", "next steps", "next step", "todo", "to do", "follow-up", "follow up", "due",
    "deadline", "status", "outcome", "attendees", "attendee", "participants", "minutes",
    "blocker", "blockers", "risk", "risks", "goal", "goals", "result", "results",
}
_MARKER = re.compile(r"begin transcript", re.IGNORECASE)
# Invisible format characters (zero-width spaces and joiners, left-to-right and right-to-left
# marks and embeddings, BOMs) that editors and chat tools leave around names.
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def _capitalised(name: str) -> bool:
    """Every word of a label opens with an upper-case letter, a digit or a letter of a
    script without case (not a lower-case letter)."""
    return all(not word[0].islower() for word in name.split())


@dataclass(frozen=True)
class _Label:
    name: str
    text: str
    strong: bool


def _match_label(line: str) -> _Label | None:
    line = _INVISIBLE.sub("", line)
    for pattern, strong in _SHAPES:
        match = pattern.match(line)
        if match and _capitalised(match.group("name")):
            name = " ".join(match.group("name").split())
            if name.casefold().rstrip(".") in _NOT_SPEAKERS or name[0].isdigit():
                return None
            return _Label(name, match.group("text").strip(), strong)
    return None


def _is_skipped(line: str) -> bool:
    """Headings, blockquoted prompt material, rules and the research side's notes
    ("[Note: ...]", "Interviewer note: ...") are never part of a turn."""
    return (line.startswith(("#", ">")) or set(line) <= set("-*_= ")
            or _RESEARCH_NOTE.match(line) is not None)


def parse_turns(lines: list[tuple[str, str]], path: Path) -> list[Turn]:
    """Parse (location, line) pairs into speaker turns, one anchor per paragraph."""
    start = 0
    for index, (_, line) in enumerate(lines):
        if _MARKER.search(line) and len(line) < 60:
            start = index + 1
    lines = lines[start:]

    labels = [_match_label(line.strip()) for _, line in lines]
    counts = Counter(label.name.casefold() for label in labels if label)
    strong = {label.name.casefold() for label in labels if label and label.strong}

    # The conversation starts at the first speaker who speaks twice: a once-only label
    # before it ("Participant: SRE at Fernhill") is preamble metadata, not a turn.
    opening = next((i for i, label in enumerate(labels)
                    if label and counts[label.name.casefold()] >= 2), 0)

    def is_speaker(label: _Label | None, index: int) -> bool:
        if label is None or (index < opening and counts[label.name.casefold()] < 2):
            return False
        key = label.name.casefold()
        capitalised = label.text[:1].isupper() or not label.text
        return counts[key] >= 2 or key in strong or label.name.isupper() or capitalised

    turns: list[Turn] = []
    speaker: str | None = None
    text = ""
    anchors: list[tuple[int, str]] = []
    new_paragraph = True

    def close() -> None:
        if speaker is not None and text.strip():
            turns.append(Turn(speaker, text, tuple(anchors)))

    for index, ((location, raw), label) in enumerate(zip(lines, labels)):
        line = raw.strip()
        if is_speaker(label, index):
            assert label is not None
            close()
            speaker, text, anchors = label.name, "", []
            new_paragraph = True
            line = label.text
            if not line:
                continue
        if speaker is None:
            continue  # preamble before the conversation starts
        if not line:
            new_paragraph = True
            continue
        if _is_skipped(line):
            new_paragraph = True
            continue
        if new_paragraph:
            if text:
                text += "\n\n"
            anchors.append((len(text), location))
            new_paragraph = False
        elif text:
            text += " "
        text += line
    close()
    return turns


def read_transcript(text: str, path: Path, fmt: str) -> Document:
    lines = [(f"line {number}", line) for number, line in enumerate(text.split("\n"), start=1)]
    return document_of(parse_turns(lines, path), path, fmt)


def read_paragraphs(paragraphs: list[str], path: Path, fmt: str) -> Document:
    lines = [(f"paragraph {number}", text) for number, text in enumerate(paragraphs, start=1)]
    return document_of(parse_turns(lines, path), path, fmt)


def document_of(turns: list[Turn], path: Path, fmt: str) -> Document:
    if not turns:
        raise NotResearch(
            path, "no speaker turns found",
            "synth reads transcripts whose turns start with a speaker label such as "
            "'Name: ...', '**Name:** ...' or '[00:01:02] Name: ...'",
        )
    return Document(path=path, format=fmt, kind="interview", turns=turns)
