"""Turns into units: coherent statements that can be placed, clustered and quoted.

A unit is a sentence, or a few short sentences that belong together (a sentence under
`SHORT_WORDS` words joins its neighbour in the same paragraph). Backchannel and filler
("Yeah.", "Okay, cool.", "Mm-hm.") are dropped. Sentences come from the trained spaCy
English pipeline's sentence recogniser. A survey answer is one unit unless it is long.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from synth.documents import Turn

SHORT_WORDS = 6
LONG_ANSWER_WORDS = 80

_FILLER = {
    "yeah", "yes", "yep", "yup", "ok", "okay", "cool", "right", "sure", "mm", "mhm", "mm-hm",
    "mmhm", "uh-huh", "uh", "um", "hmm", "hm", "oh", "ah", "so", "well", "alright", "great",
    "thanks", "thank", "you", "gotcha", "exactly", "absolutely", "totally", "definitely",
    "true", "no", "nope", "nice", "good", "fine", "i", "see", "wow", "interesting", "bye",
    "got", "it", "sounds", "makes", "sense", "perfect", "awesome", "indeed", "agreed",
    "correct", "of", "course", "all", "and", "but", "like", "anyway", "hi", "hello", "hey",
}
_TOKEN = re.compile(r"[\w'’-]+")

# A sentence splitter takes texts and yields, per text, (start, end) character spans.
SentenceSplitter = Callable[[list[str]], Iterator[list[tuple[int, int]]]]


@dataclass(frozen=True)
class Unit:
    """One statement: its text, where it starts in the source, and what it answers."""

    turn_index: int
    text: str
    location: str
    question: str


def is_filler(text: str) -> bool:
    """True when every word is backchannel ('Yeah, okay.', 'Mm-hm. Right.')."""
    words = [word.casefold() for word in _TOKEN.findall(text)]
    return not words or (len(words) <= 6 and all(word in _FILLER for word in words))


CHUNK_CHARS = 20_000    # spaCy refuses texts over 1,000,000 characters (E088): split first
BATCH_CHARS = 100_000   # characters spaCy holds at once: a 1.2M-character turn in one batch
                        # of 100,000-character chunks peaked at 3.9 GB


def batches(pieces: list[str], budget: int = BATCH_CHARS) -> Iterator[list[str]]:
    """Consecutive pieces grouped so that a group holds at most `budget` characters (or
    one piece) and at most 64 pieces."""
    group: list[str] = []
    size = 0
    for piece in pieces:
        if group and (size + len(piece) > budget or len(group) == 64):
            yield group
            group, size = [], 0
        group.append(piece)
        size += len(piece)
    if group:
        yield group


def chunks(text: str, size: int = CHUNK_CHARS) -> list[tuple[int, str]]:
    """`text` in pieces of at most `size` characters, cut at a paragraph, line, sentence or
    word boundary where there is one: (offset, piece)."""
    pieces, start = [], 0
    while len(text) - start > size:
        window = text[start:start + size]
        cut = max(window.rfind("\n\n"), window.rfind("\n"), window.rfind(". "),
                  window.rfind(" "))
        end = start + (cut + 1 if cut > size // 2 else size)
        pieces.append((start, text[start:end]))
        start = end
    pieces.append((start, text[start:]))
    return pieces


def spacy_splitter() -> SentenceSplitter:
    """Sentence spans from the trained English pipeline (only its sentence recogniser runs).
    Long texts are split into chunks first, so no turn is too long for spaCy."""
    from synth.nlp import sentence_pipeline

    nlp = sentence_pipeline()

    def split(texts: list[str]) -> Iterator[list[tuple[int, int]]]:
        pieces = [(i, offset, piece) for i, text in enumerate(texts)
                  for offset, piece in chunks(text)]
        spans: list[list[tuple[int, int]]] = [[] for _ in texts]
        docs = (doc for group in batches([piece for _, _, piece in pieces])
                for doc in nlp.pipe(group, batch_size=len(group)))
        for (i, offset, _), doc in zip(pieces, docs):
            spans[i].extend((offset + sent.start_char, offset + sent.end_char)
                            for sent in doc.sents)
        for text, found in zip(texts, spans):
            yield brackets_kept(text, found)

    return split


def brackets_kept(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentence spans where no sentence ends on an opening bracket: the model cuts "Of
    course. [laughs] But the CLI..." after the "[", which left "laughs] But the CLI..." as a
    statement (the lone "[" was dropped as filler). The bracket goes with what follows."""
    fixed: list[tuple[int, int]] = []
    for start, end in spans:
        if fixed:
            before_start, before_end = fixed[-1]
            said = text[before_start:before_end].rstrip()
            if said.endswith(("[", "(")):
                cut = before_start + len(said) - 1
                fixed.pop()
                if text[before_start:cut].strip():
                    fixed.append((before_start, cut))
                start = cut
        fixed.append((start, end))
    return fixed


def _paragraph_spans(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in re.finditer(r"\n\s*\n", text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def _group(text: str, sentences: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join short sentences to a neighbour within a paragraph; drop filler."""
    groups: list[tuple[int, int]] = []
    for para_start, para_end in _paragraph_spans(text):
        inside = [(max(a, para_start), min(b, para_end)) for a, b in sentences
                  if a < para_end and b > para_start]
        kept = [(a, b) for a, b in inside if not is_filler(text[a:b])]
        pending: tuple[int, int] | None = None
        para_groups: list[tuple[int, int]] = []
        for start, end in kept:
            if pending is not None:
                start = pending[0]
                pending = None
            if len(text[start:end].split()) < SHORT_WORDS:
                pending = (start, end)
            else:
                para_groups.append((start, end))
        if pending is not None:
            if para_groups:
                para_groups[-1] = (para_groups[-1][0], pending[1])
            else:
                para_groups.append(pending)
        groups.extend(para_groups)
    return groups


def segment(turns: list[Turn], indices: Iterable[int], split: SentenceSplitter,
            whole_answers: bool = False) -> list[Unit]:
    """Units of the turns at `indices`, in order. Survey answers pass `whole_answers`."""
    indices = list(indices)
    units: list[Unit] = []
    if whole_answers:
        long = [i for i in indices if len(turns[i].text.split()) > LONG_ANSWER_WORDS]
        short = set(indices) - set(long)
        spans_by_index = {i: [(0, len(turns[i].text))] for i in short}
        spans_by_index.update(zip(long, split([turns[i].text for i in long])))
    else:
        spans_by_index = dict(zip(indices, split([turns[i].text for i in indices])))
    for index in indices:
        turn = turns[index]
        for start, end in _group(turn.text, spans_by_index[index]):
            raw = turn.text[start:end]
            lead = len(raw) - len(raw.lstrip())
            text = " ".join(raw.split())
            if text and not is_filler(text):
                units.append(Unit(index, text, turn.location_at(start + lead), turn.question))
    return units
