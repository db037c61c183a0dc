"""Does a label hold for its statements? The share of them that say one of its words.

A label's words are its content lemmas as spaCy gives them (stop words and punctuation
dropped), the same lemmas every statement carries (`Facts.lemmas`). A statement supports the
label when it holds at least one of them. A label is shown only when

- at least `MIN_SUPPORT` of its statements support it, and at least `MIN_HOLDERS` do (a
  phrase from two statements is not a theme), and
- its words are not only filler or the persona questions' own names (`FILLER`): "Yep",
  "Statement", "Motivation" inside Motivation say nothing about what people said.

This is a guard against grab-bags, not a recipe: a theme is found by what its statements
mean (embeddings), and the label check only refuses a name most of them do not share.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

MIN_SUPPORT = 0.5
MIN_HOLDERS = 3

# Words that never name a theme on their own: backchannel, talk about talk, and the persona
# questions' names (a theme is already shown under its question).
FILLER = frozenset({
    "yep", "yeah", "yes", "no", "nope", "okay", "ok", "oh", "um", "uh", "hmm", "right", "sure",
    "well", "cool", "great", "thanks", "thank", "sorry", "hello", "hi", "bye", "wow",
    "statement", "quote", "comment", "question", "answer", "surprise", "mention", "point",
    "thing", "stuff", "lot", "way", "kind", "sort", "bit", "time", "something",
    "anything", "everything", "nothing", "one", "fact", "sense", "case", "example",
    "motivation", "frustration", "skill", "trait", "tool", "workflow", "collaboration",
    "team", "presence", "job", "summary", "other", "theme", "topic",
})

Lemmatizer = Callable[[list[str]], list[frozenset[str]]]


class PhraseLemmas:
    """The content lemmas of label candidates, computed once per phrase."""

    def __init__(self, lemmatize: Lemmatizer) -> None:
        self.lemmatize = lemmatize
        self.known: dict[str, frozenset[str]] = {}

    def __call__(self, phrases: Iterable[str]) -> list[frozenset[str]]:
        phrases = list(phrases)
        todo = sorted({p for p in phrases if p not in self.known})
        if todo:
            self.known.update(zip(todo, self.lemmatize(todo)))
        return [self.known[p] for p in phrases]


def words_of(lemmas: frozenset[str]) -> frozenset[str]:
    """The label's words that can support it: its lemmas less filler."""
    return frozenset(lemma for lemma in lemmas if lemma not in FILLER and len(lemma) > 1)


def holders(label: frozenset[str], statements: Sequence[frozenset[str]]) -> int:
    words = words_of(label)
    return sum(1 for lemmas in statements if words & lemmas) if words else 0


def support(label: frozenset[str], statements: Sequence[frozenset[str]]) -> float:
    """The share of `statements` (each a set of lemmas) holding a word of the label."""
    return holders(label, statements) / len(statements) if statements else 0.0


def supported(label: frozenset[str], statements: Sequence[frozenset[str]],
              minimum: float = MIN_SUPPORT) -> bool:
    count = holders(label, statements)
    return count >= min(MIN_HOLDERS, len(statements)) and count >= minimum * len(statements)
