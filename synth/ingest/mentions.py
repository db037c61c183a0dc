"""People named in what was said: "my manager Gwendolyn Stroud said...".

Participants and interviewers are known by their speaker labels; third parties are not.
A `PeopleFinder` takes texts and gives, per text, the names of people it mentions; the
real one is the trained spaCy pipeline's named-entity recogniser: PERSON entities of two to
four capitalised words (any script), or of one capitalised word of 3+ letters ("Terri makes
a good point"), none of them a tool or community synth's gazetteer knows nor an everyday
word, not made only of words the same texts write in lower case ("Red Hat", "Beautiful
Soup", "Dude"), and not followed by a word that makes it an event or an organisation
("Grace Hopper conference"). Ingest stores them per source, and every output redacts them
like the participants' names. Measured on real labelled text by
`benchmarks/name_redaction.py`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cache

from synth.analyse.facts import spacy_processes
from synth.ingest.units import chunks

PIECE_CHARS = 2000     # NER reads a long text in pieces of at most this many characters
# a capitalised word (any script): an upper-case letter, then letters at least one of which
# is lower case ("Émilie", "McAdams", "O'Neil", "Jean-Luc"; not "NASA", not "iPhone")
_WORD = re.compile(r"^(?:Mc|Mac|O'|O’|D'|D’)?[^\W\d_](?:[^\W\d_]|['’-](?=[^\W\d_]))+$")
_UPPER_WORD = r"[^\W\d_a-z][^\W\d_]+"
_TWO_CAPITALISED = re.compile(rf"(?<!\w){_UPPER_WORD}\s+(?:Mc|Mac|O')?{_UPPER_WORD}")
# a capitalised word inside a sentence, after a word ("ask Terri about it", "so, Richard")
_INSIDE = re.compile(rf"(?:(?<=[^\W\d_] )|(?<=[^\W\d_], )){_UPPER_WORD}")
# a capitalised word opening a sentence, then a lower-case word ("Terri makes a point")
_OPENING = re.compile(rf"(?:^|(?<=[.!?] )|(?<=\n))({_UPPER_WORD})\s+[^\W\d_A-Z]")
_LOWER = re.compile(r"(?<![\w'’-])[^\W\d_A-Z]+(?![\w'’-])")
_RUN = re.compile(r"[^\W\d_](?:[^\W\d_]|['’-](?=[^\W\d_]))*")   # a word, "O'Neil", "Jean-Luc"
PeopleFinder = Callable[[list[str]], Iterator[list[str]]]


# words after a "name" that make it an event, a prize or an organisation
NOT_PEOPLE_AFTER = frozenset({
    "conference", "conferences", "summit", "celebration", "foundation", "institute",
    "university", "college", "school", "award", "awards", "prize", "fellowship",
    "scholarship", "collective", "labs", "lab", "inc", "inc.", "ltd", "llc", "corp",
    "project", "library", "framework", "meetup", "festival", "hackathon", "sprint",
    "podcast", "show", "channel", "club", "group", "team", "org", "organization",
    "organisation", "society", "association", "fund", "program", "programme", "stadium",
    "street", "road", "avenue", "hall", "center", "centre", "bridge", "park"})


def no_people(texts: list[str]) -> Iterator[list[str]]:
    """The pass-through finder: mentions nobody (for callers with their own NLP fakes)."""
    for _ in texts:
        yield []


@cache
def _known_words() -> frozenset[str]:
    from synth.analyse.entities import load_gazetteer

    return frozenset(form.casefold() for name, _, aliases in load_gazetteer().entries
                     for form in (name, *aliases))


def capitalised(word: str) -> bool:
    """A word written as a name is: capital first, and not all capitals."""
    return bool(_WORD.match(word)) and word[0].isupper() and not word.isupper() and any(
        c.islower() for c in word)


def is_full_name(name: str) -> bool:
    words = name.split()
    known = _known_words()
    return (2 <= len(words) <= 4 and all(capitalised(word) for word in words)
            and name.casefold() not in known
            and not any(word.casefold() in known for word in words))


def is_first_name(name: str) -> bool:
    """One word the model took for a person ("Terri makes a good point"): a capitalised
    word of 3+ letters that is no tool synth knows and no everyday word ("Will", "Mark")."""
    from synth.privacy import COMMON_WORDS

    return (" " not in name and len(name) >= 3 and capitalised(name)
            and name.casefold() not in _known_words() and name.casefold() not in COMMON_WORDS)


def lower_case_words(texts: list[str]) -> set[str]:
    """The words these texts write in lower case: a "name" made only of them is more likely
    a phrase ("Red Hat", "Beautiful Soup", "Dude") than a person."""
    return {word for text in texts for word in _LOWER.findall(text)}


def is_person(name: str, words: set[str], single: bool = True) -> bool:
    """A PERSON entity synth redacts: a full name, or (`single`) a first name alone, not
    made only of words the texts also write in lower case."""
    if all(part in words for part in name.casefold().split()):
        return False
    return is_full_name(name) or (single and is_first_name(name))


OPENING_FROM = 200      # characters from which a text is read for a name opening a sentence


def _unknown_capitalised(text: str, words: set[str]) -> bool:
    """Whether `text` has a capitalised word that is no tool synth knows and that the texts
    never write in lower case. A name `is_person` accepts has one, so a text without is
    not worth the model's time: most survey answers that mention "Python" or "GitHub"."""
    known = _known_words()
    return any(word[0].isupper() and not word.isupper()
               and (key := word.casefold()) not in known and key not in words
               for word in _RUN.findall(text))


def _may_name(text: str) -> bool:
    """A capitalised word inside a sentence, or, in a text of `OPENING_FROM` characters or
    more (a turn, a long answer), one opening a sentence that is no function word ("Terri
    makes a good point", not "The build is slow"): searching short survey answers for those
    tripled the NER time of the Jupyter survey for four more names, all of them tools."""
    if _INSIDE.search(text):
        return True
    if len(text) < OPENING_FROM:
        return False
    from spacy.lang.en.stop_words import STOP_WORDS

    return any(m.group(1).casefold() not in STOP_WORDS for m in _OPENING.finditer(text))


def spacy_people_finder(single: bool = True) -> PeopleFinder:
    """PERSON entities from the trained English pipeline (tagger and parser left out): full
    names, and with `single` first names alone (see `is_person`)."""
    from synth.nlp import load_pipeline

    nlp = _ner_pipeline(load_pipeline)

    def find(texts: list[str]) -> Iterator[list[str]]:
        # the model runs only on texts that can name someone: two capitalised words in a
        # row, or a capitalised word inside a sentence (most answers have neither), one of
        # them no tool and not an everyday word written in lower case elsewhere
        words = lower_case_words(texts)
        candidates = [i for i, text in enumerate(texts)
                      if (_TWO_CAPITALISED.search(text) or (single and _may_name(text)))
                      and _unknown_capitalised(text, words)]
        found: dict[int, set[str]] = {}
        processes = spacy_processes(len(candidates))
        # a long text in pieces of a few thousand characters (cut between words), so a
        # batch never holds more than 64 of them: memory stays flat for a 1M-character turn
        pieces = [(i, piece) for i in candidates for _, piece in chunks(texts[i], PIECE_CHARS)]
        docs = nlp.pipe((piece for _, piece in pieces), batch_size=64, n_process=processes)
        for (i, _), doc in zip(pieces, docs):
            found.setdefault(i, set()).update(
                name for ent in doc.ents if ent.label_ == "PERSON"
                and (name := " ".join(ent.text.split()))
                and is_person(name, words, single)
                and (ent.end >= len(doc) or doc[ent.end].lower_ not in NOT_PEOPLE_AFTER))
        for i in range(len(texts)):
            yield sorted(found.get(i, ()))

    return find


@cache
def _ner_pipeline(load):  # type: ignore[no-untyped-def]
    return load(exclude=["parser", "lemmatizer", "attribute_ruler", "tagger", "senter"])
