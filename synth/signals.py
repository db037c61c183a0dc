"""Enthusiasm signals in research statements, from an editable pattern file.

The patterns live in `synth/data/signals.json` (or the user's copy): per signal an id, a title,
a description, case-insensitive regular expressions that show it and, optionally, `excludes`:
expressions that cancel the signal for the sentence they match (such as a refusal hypothetical,
"if it cost money we'd drop it", for `wants_to_pay`). In a pattern `{product}` stands for a
reference to the product under research: the file's `product` phrases ("it", "this", "the
tool"...) plus any names passed to `load_signals(names=...)`. So "I love it" shows excitement,
"I love Python" does not, and "I love Beacon" does once "Beacon" is named.

How a statement is read:
- Curly apostrophes are straightened and runs of white space become one space, so patterns can
  use a plain `'` and plain spaces. Each sentence (split after . ! ?) is read on its own.
- A match is negated when a negator (not, n't, never, no, nobody, nothing, hardly...) stands
  within `WINDOW` words before it in the same clause; a clause ends at , ; : . ! ? a dash,
  "but", "however", "although", "though", "whereas". Fixed phrases that only look negative
  ("can't wait", "can't recommend it enough", "no doubt", "not only"...) are not negators.
  So a pattern starts at its verb or key word, or spells out the few words it allows between
  subject and verb ("we'd happily pay"), so that a "never" there simply fails the match.

Known limits (it is a pattern matcher, not a parser):
- A negator inside a match or after it is not seen: "I'd recommend it to nobody" counts, and a
  pattern with a wildcard such as `(?:\\w+ ){0,2}` can swallow "never".
- Negation reaches across "and" and short gaps: "I never thought I'd love it this much" is
  read as negated. Rhetorical questions ("why wouldn't I recommend it?") are too.
- Who speaks is mostly not checked: "a friend told everyone about it" counts as
  `refers_others`; a few noisy patterns (paying for it, tweeting about it) require "I" or "we".
- What is paid for is not checked: "we'd pay for Datadog anyway" counts as `wants_to_pay`.
- `{product}` includes "it", so "I love it when the build is green" counts as excitement, and
  excitement about the product by name needs the name.
- Hypothetical refusals are caught only where an `excludes` expression describes them; an
  exclusion cancels the signal for its whole sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from synth.data import read_json
from synth.errors import SynthError

# How many words before a match are searched for a negator.
WINDOW = 5
PRODUCT = "{product}"

_NEGATORS = frozenset({
    "not", "no", "never", "nobody", "nothing", "none", "neither", "nor", "nowhere", "noone",
    "hardly", "barely", "scarcely", "cannot",
    # n't forms typed without the apostrophe in surveys
    "dont", "doesnt", "didnt", "wont", "wouldnt", "cant", "couldnt", "shouldnt", "isnt",
    "wasnt", "arent", "werent", "havent", "hasnt", "hadnt", "aint",
})
# Phrases that start with a negator but say something positive.
_NOT_NEGATION = re.compile(
    r"(?:can'?t|cannot|can not) (?:wait|live without|stop (?:talking|telling|recommending|using)"
    r"|(?:recommend|praise|thank)\b[^.,;]{0,30}\benough|say enough)"
    r"|couldn'?t be (?:happier|more (?:happy|excited|pleased))"
    r"|no (?:doubt|question|hesitation|regrets|problem|brainer|wonder)|no-brainer"
    r"|not (?:only|just)|never (?:looked back|been happier|going back)",
    re.IGNORECASE)
_CLAUSE_END = re.compile(
    r"[,;:.!?()\[\]—–]|\s-\s|\b(?:but|however|although|though|whereas)\b", re.IGNORECASE)
_WORD = re.compile(r"[a-z0-9']+", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


@dataclass(frozen=True)
class Signal:
    """One enthusiasm signal: its id, what to call it, and the compiled expressions."""

    id: str
    title: str
    description: str
    patterns: tuple[re.Pattern[str], ...]  # any non-negated match shows the signal
    excludes: tuple[re.Pattern[str], ...] = ()  # a match cancels the signal for its sentence


def load_signals(path: Path | None = None, *, names: Iterable[str] = ()) -> tuple[Signal, ...]:
    """The shipped signals, or the user's file; `names` are extra words for `{product}`."""
    data, where = read_json("signals.json", path)
    if not isinstance(data, dict) or not isinstance(data.get("signals"), list):
        raise SynthError(f"{where}: needs a 'signals' list. Start from synth/data/signals.json")
    words = [*_strings(data.get("product", ["it", "this"]), where, "product"), *names]
    product = _reference(words)
    signals = tuple(_signal(entry, product, where) for entry in data["signals"])
    if not signals:
        raise SynthError(f"{where}: lists no signals. Start from synth/data/signals.json")
    seen: set[str] = set()
    for signal in signals:
        if signal.id in seen:
            raise SynthError(f"{where}: signal '{signal.id}' is listed twice. Merge or rename it")
        seen.add(signal.id)
    return signals


def detect(text: str, signals: tuple[Signal, ...]) -> list[str]:
    """The ids of the signals `text` shows, in the order of `signals`."""
    text = re.sub(r"\s+", " ", text.replace("’", "'").replace("‘", "'")).strip()
    sentences = [s for s in _SENTENCE_END.split(text) if s]
    return [signal.id for signal in signals
            if any(_shows(signal, sentence) for sentence in sentences)]


def negated(sentence: str, start: int) -> bool:
    """Whether a negator stands within `WINDOW` words before `start`, in the same clause."""
    clause_start = 0
    for end in _CLAUSE_END.finditer(sentence, 0, start):
        clause_start = end.end()
    words = list(_WORD.finditer(sentence, clause_start, start))[-WINDOW:]
    for word in words:
        token = word.group().lower().strip("'")
        if ((token in _NEGATORS or token.endswith("n't"))
                and not _NOT_NEGATION.match(sentence, word.start())):
            return True
    return False


def _shows(signal: Signal, sentence: str) -> bool:
    if any(exclude.search(sentence) for exclude in signal.excludes):
        return False
    return any(not negated(sentence, match.start())
               for pattern in signal.patterns for match in pattern.finditer(sentence))


def _reference(words: Iterable[str]) -> str:
    """A regular expression for any of `words` as whole words, longest first."""
    phrases = sorted({" ".join(w.split()) for w in words if w.strip()}, key=len, reverse=True)
    return r"(?:(?<!\w)(?:" + "|".join(re.escape(p) for p in phrases) + r")(?!\w))"


def _strings(value: object, where: str, field: str, signal: str = "") -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        owner = f"signal '{signal}'" if signal else "the file"
        raise SynthError(f"{where}: {field} of {owner} must be a list of strings. Start from "
                         "synth/data/signals.json")
    return value


def _signal(entry: object, product: str, where: str) -> Signal:
    if not isinstance(entry, dict):
        raise SynthError(f"{where}: each signal must be an object with id, title, description "
                         "and patterns. Start from synth/data/signals.json")
    try:
        sid, title, description = str(entry["id"]), str(entry["title"]), entry["description"]
        patterns = _strings(entry["patterns"], where, "patterns", sid)
    except KeyError as error:
        raise SynthError(f"{where}: every signal needs id, title, description and patterns "
                         f"(missing {error}). Start from synth/data/signals.json") from None
    excludes = _strings(entry.get("excludes", []), where, "excludes", sid)
    if not patterns:
        raise SynthError(f"{where}: signal '{sid}' has no patterns. Add at least one")
    return Signal(sid, title, str(description), _compile(patterns, product, where, sid),
                  _compile(excludes, product, where, sid))


def _compile(patterns: list[str], product: str, where: str,
             signal: str) -> tuple[re.Pattern[str], ...]:
    compiled = []
    for pattern in patterns:
        try:
            compiled.append(re.compile(pattern.replace(PRODUCT, product), re.IGNORECASE))
        except re.error as error:
            raise SynthError(f"{where}: signal '{signal}' has a bad pattern {pattern!r} "
                             f"({error.msg}). Fix the regular expression") from None
    return tuple(compiled)
