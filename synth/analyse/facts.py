"""What spaCy and VADER say of one statement: entities, keyphrases, lemmas, sentiment."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache

from synth.analyse.candidates import label_candidates
from synth.analyse.entities import Gazetteer, add_entity_ruler, entities, load_gazetteer
from synth.analyse.standalone import content_words, standalone

# Words that never make a keyphrase on their own, on top of spaCy's stop words.
_WEAK = {"thing", "things", "lot", "lots", "way", "ways", "kind", "sort", "bit", "stuff",
         "people", "something", "anything", "everything", "nothing", "part", "time", "one",
         "ones", "yeah", "okay", "point", "question", "sense", "fact", "case", "example",
         "year", "month", "week", "day", "hour", "minute", "today", "answer", "couple",
         "laugh", "laughs", "inaudible", "crosstalk", "right", "idea", "problem", "issue",
         "number", "end", "level", "side", "place", "reason", "person", "guy", "folk"}
# Transcribers' stage directions: "[laughs]", "(inaudible)", "[crosstalk]".
_STAGE = re.compile(r"\[[^\]]{0,40}\]|\((?:inaudible|laughs?|crosstalk|pause|unclear)[^)]{0,20}\)",
                    re.IGNORECASE)


@dataclass(frozen=True)
class Facts:
    sentiment: float                      # VADER compound score, -1..1
    entities: tuple[tuple[str, str], ...] # (canonical name, kind)
    phrases: tuple[str, ...]              # noun-chunk keyphrases, names in their case
    lemmas: tuple[str, ...]               # lower-case lemmas of content words
    candidates: tuple[str, ...] = ()      # label candidates (`synth.analyse.candidates`)
    standalone: bool = True               # reads well as a quote on its own
    content: int = 0                      # distinct content words it carries


Describer = Callable[[list[str]], Iterator[Facts]]
PARALLEL_FROM = 2000   # texts from which spaCy runs in several processes (one per core)...
MAX_PROCESSES = 4      # ...up to this many (each holds a copy of the pipeline, ~0.5 GB)
VERSION = "5"   # bump when what a describer computes changes: cached facts are recomputed


def _display(token) -> str:  # type: ignore[no-untyped-def]
    """Names keep their case ("GitHub", "CI"); common words are lower-cased ("Builds")."""
    text = token.text
    if token.pos_ == "PROPN" or any(c.isupper() for c in text[1:]):
        return text
    return text.lower()


def keyphrases(doc) -> list[str]:  # type: ignore[no-untyped-def]
    """Noun chunks as written, trimmed of determiners, pronouns and stop words at either end.

    Names keep their case and common words are lower-cased, so a phrase reads well as a label;
    `synth.themes.label` groups spelling variants ("build", "builds") when it ranks them.
    """
    found: dict[str, None] = {}
    for chunk in doc.noun_chunks:
        tokens = [t for t in chunk if not t.is_punct and not t.is_space]
        while tokens and (tokens[0].is_stop or tokens[0].pos_ in {"DET", "PRON", "NUM", "ADP",
                                                                  "CCONJ", "PART", "ADV"}):
            tokens = tokens[1:]
        while tokens and (tokens[-1].is_stop or tokens[-1].pos_ in {"PRON", "NUM", "PART"}):
            tokens = tokens[:-1]
        if not tokens or len(tokens) > 4:
            continue
        words = [_display(t) for t in tokens]
        phrase = " ".join(words)
        if len(phrase) > 2 and not all(w.lower() in _WEAK or len(w) < 2 for w in words):
            found[phrase] = None
    return list(found)


def spacy_processes(texts: int) -> int:
    """How many processes spaCy parses `texts` texts in: one per core (at most
    `MAX_PROCESSES`) from `PARALLEL_FROM` texts on; `SYNTH_SPACY_PROCESSES` caps it (the
    tests set 1: forking spaCy's workers inside a long test process that has run other
    libraries' thread pools deadlocked them)."""
    if texts < PARALLEL_FROM:
        return 1
    cap = int(os.environ.get("SYNTH_SPACY_PROCESSES", MAX_PROCESSES) or 1)
    return max(1, min(len(os.sched_getaffinity(0)), MAX_PROCESSES, cap))


@cache
def _pipeline(gazetteer: Gazetteer):  # type: ignore[no-untyped-def]
    from synth.nlp import load_pipeline

    nlp = load_pipeline()
    add_entity_ruler(nlp, gazetteer)
    return nlp


def lemmas_of(doc) -> tuple[str, ...]:  # type: ignore[no-untyped-def]
    """Lower-case lemmas of a doc's words (stop words, punctuation and space dropped)."""
    return tuple(sorted({t.lemma_.lower() for t in doc
                         if not t.is_stop and not t.is_punct and not t.is_space}))


@cache
def _lemma_pipeline():  # type: ignore[no-untyped-def]
    """Tagger and lemmatizer only: the lemmas the full pipeline gives (they rest on the
    tags, not on the parse or the entities), several times faster."""
    from synth.nlp import load_pipeline

    return load_pipeline(exclude=["parser", "ner", "senter"])


def spacy_lemmas(phrases: list[str]) -> list[frozenset[str]]:
    """Content lemmas of short phrases (label candidates), in this process."""
    nlp = _lemma_pipeline()
    return [frozenset(lemmas_of(doc)) for doc in nlp.pipe(phrases, batch_size=512)]


def spacy_describer(gazetteer: Gazetteer | None = None) -> Describer:
    """The real describer: the trained English pipeline with the gazetteer, and VADER."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    gazetteer = gazetteer or load_gazetteer()
    nlp = _pipeline(gazetteer)
    vader = SentimentIntensityAnalyzer()
    kinds = gazetteer.kinds

    def describe(texts: list[str]) -> Iterator[Facts]:
        texts = [_STAGE.sub(" ", text) for text in texts]
        processes = spacy_processes(len(texts))
        for text, doc in zip(texts, nlp.pipe(texts, batch_size=128, n_process=processes)):
            lemmas = lemmas_of(doc)
            yield Facts(round(vader.polarity_scores(text)["compound"], 4),
                        tuple(entities(doc, kinds)), tuple(keyphrases(doc)), lemmas,
                        tuple(label_candidates(doc)), standalone(doc, text),
                        content_words(doc))

    describe.lemmas = spacy_lemmas  # type: ignore[attr-defined]
    return describe
