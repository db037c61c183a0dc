"""WebVTT and SRT subtitles, as Zoom, Teams and transcription services export them.

The speaker comes from a voice tag (`<v Priya Raman>text</v>`, Teams) or a `Name:` prefix
(Zoom, SRT); a cue without either continues the previous speaker. Consecutive cues of one
speaker are merged into a turn, and each cue's start time is kept as its location.
"""

from __future__ import annotations

import re
from pathlib import Path

from synth.documents import Document, Turn
from synth.errors import InputError, NotResearch

_TIMING = re.compile(
    r"^\s*(?P<start>(?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3})\s*-->\s*(?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3}"
)
_VOICE = re.compile(r"<v(?:\.[\w.-]+)?\s+(?P<name>[^>]+)>")
_TAG = re.compile(r"</?[^>]+>")
# a name in any script: each word opens with a letter or digit that is not lower case
_PREFIX = re.compile(r"^(?P<name>[^\W\d_][\w'’.\-]*(?:\s+[^\W_][\w'’.\-]*){0,3}):\s+(?P<text>.+)$")
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def is_vtt(text: str) -> bool:
    return text.lstrip("\ufeff").startswith("WEBVTT")


def is_srt(text: str) -> bool:
    """SRT: cues numbered or not (some tools leave the numbers out), timings with commas."""
    head = [line for line in text.lstrip().split("\n")[:3]]
    numbered = len(head) >= 2 and head[0].strip().isdigit() and bool(_TIMING.match(head[1]))
    return numbered or bool(head and _TIMING.match(head[0]))


def _clock(stamp: str) -> str:
    """`1:02.500` or `00:01:02,500` -> `00:01:02`."""
    parts = stamp.replace(",", ".").split(".")[0].split(":")
    hours, minutes, seconds = (["0"] * (3 - len(parts)) + parts)[-3:]
    return f"{int(hours):02d}:{int(minutes):02d}:{int(seconds):02d}"


def _cues(text: str, path: Path) -> list[tuple[str, str, int]]:
    """(start, text, line number) of every cue; NOTE, STYLE and REGION blocks skipped."""
    cues: list[tuple[str, str, int]] = []
    lines = text.split("\n")
    index = 0
    while index < len(lines):
        match = _TIMING.match(lines[index])
        if not match:
            if "-->" in lines[index]:
                raise InputError(path, f"cannot read the cue timing '{lines[index].strip()}'",
                                 "Cue timings look like '00:01:02.000 --> 00:01:05.000'; "
                                 "fix the line or export the subtitles again",
                                 where=f"line {index + 1}")
            index += 1
            continue
        start, number = _clock(match.group("start")), index + 1
        body: list[str] = []
        index += 1
        while index < len(lines) and lines[index].strip():
            body.append(lines[index].strip())
            index += 1
        cues.append((start, " ".join(body), number))
    return cues


def read_subtitles(text: str, path: Path, fmt: str) -> Document:
    turns: list[Turn] = []
    speaker: str | None = None
    body = ""
    anchors: list[tuple[int, str]] = []

    def close() -> None:
        if speaker is not None and body.strip():
            turns.append(Turn(speaker, body, tuple(anchors)))

    for start, raw, _ in _cues(text, path):
        voice = _VOICE.search(raw)
        cue_speaker = " ".join(_INVISIBLE.sub("", voice.group("name")).split()) if voice else None
        cue_text = _INVISIBLE.sub("", _TAG.sub("", raw)).strip()
        if cue_speaker is None:
            prefix = _PREFIX.match(cue_text)
            if prefix and all(not word[0].islower() for word in prefix.group("name").split()):
                cue_speaker, cue_text = prefix.group("name"), prefix.group("text")
        if not cue_text:
            continue
        if cue_speaker is not None and cue_speaker != speaker:
            close()
            speaker, body, anchors = cue_speaker, "", []
        if speaker is None:
            continue  # cues before anyone is named cannot be attributed
        if body:
            body += " "
        anchors.append((len(body), start))
        body += cue_text
    close()
    if not turns:
        raise NotResearch(
            path, "no speaker found in any cue",
            "synth needs to know who speaks: export the subtitles with speaker names "
            "(voice tags '<v Name>' or a 'Name:' prefix in each cue)",
        )
    return Document(path=path, format=fmt, kind="interview", turns=turns)
