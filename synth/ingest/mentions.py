"""People named in what was said: "my manager Gwendolyn Stroud said...".

Participants and interviewers are known by their speaker labels; third parties are not.
A `PeopleFinder` takes texts and gives, per text, the full names of people it mentions; the
real one is the trained spaCy pipeline's named-entity recogniser (PERSON entities of two or
more capitalised words, none of them a tool or community synth's gazetteer knows). Ingest
stores them per source, and every output redacts them like the participants' names.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from functools import cache

PARALLEL_FROM = 2000   # candidate texts from which NER runs in one process per core...
MAX_PROCESSES = 4      # ...up to this many
_TWO_CAPITALISED = re.compile(r"(?<!\w)[A-Z][a-z]+\s+(?:Mc|Mac|O')?[A-Z][a-z]+")
PeopleFinder = Callable[[list[str]], Iterator[list[str]]]
_CAPITALISED = re.compile(r"^(?:Mc|Mac|O')?[A-Z][a-z]+(?:[-'’][A-Z][a-z]+)?$")


def no_people(texts: list[str]) -> Iterator[list[str]]:
    """The pass-through finder: mentions nobody (for callers with their own NLP fakes)."""
    for _ in texts:
        yield []


@cache
def _known_words() -> frozenset[str]:
    from synth.analyse.entities import load_gazetteer

    return frozenset(form.casefold() for name, _, aliases in load_gazetteer().entries
                     for form in (name, *aliases))


def is_full_name(name: str) -> bool:
    words = name.split()
    return (2 <= len(words) <= 4 and all(_CAPITALISED.match(word) for word in words)
            and not any(word.casefold() in _known_words() for word in words))


def spacy_people_finder() -> PeopleFinder:
    """PERSON entities from the trained English pipeline (tagger and parser left out)."""
    from synth.nlp import load_pipeline

    nlp = _ner_pipeline(load_pipeline)

    def find(texts: list[str]) -> Iterator[list[str]]:
        # only texts with two capitalised words in a row can name someone in full: the
        # model runs on those alone (most answers have none)
        candidates = [i for i, text in enumerate(texts) if _TWO_CAPITALISED.search(text)]
        found: dict[int, list[str]] = {}
        processes = min(len(os.sched_getaffinity(0)), MAX_PROCESSES) \
            if len(candidates) >= PARALLEL_FROM else 1
        docs = nlp.pipe((texts[i][:100_000] for i in candidates), batch_size=64,
                        n_process=processes)
        for i, doc in zip(candidates, docs):
            found[i] = sorted({" ".join(ent.text.split()) for ent in doc.ents
                               if ent.label_ == "PERSON"
                               and is_full_name(" ".join(ent.text.split()))})
        for i in range(len(texts)):
            yield found.get(i, [])

    return find


@cache
def _ner_pipeline(load):  # type: ignore[no-untyped-def]
    return load(exclude=["parser", "lemmatizer", "attribute_ruler", "tagger", "senter"])
