"""Does a label hold for its statements? The share of them that say one of its words.

A label's words are its content lemmas as spaCy gives them (stop words and punctuation
dropped), the same lemmas every statement carries (`Facts.lemmas`). A statement supports the
label when it holds one of them. A label is shown only when

- at least `MIN_SUPPORT` of its statements support it, and at least `MIN_HOLDERS` do (a
  phrase from two statements is not a theme);
- each of its words is held by at least `WORD_SUPPORT` of them: "Slow startup" needs both
  words said widely, not "startup" by all and "slow" by two;
- none of its words is filler or a persona question's own name (`FILLER`): "Yep",
  "Statement", "Motivation" inside Motivation say nothing about what people said.

`support(..., every=True)` (a statement holding every word) is the stricter measure peeling
uses (`synth.themes.finder`).

This is a guard against grab-bags, not a recipe: a theme is found by what its statements
mean (embeddings), and the label check only refuses a name most of them do not share.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence

MIN_SUPPORT = 0.5
WORD_SUPPORT = 0.25
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
    "think", "thinking", "thought", "different", "same", "good", "bad", "really", "actually",
    "basically", "going", "want", "know", "mean", "like", "say", "get",
    # amounts and spans of time say how much, not what: "Half", "Weeks"
    "half", "minute", "hour", "day", "week", "month", "year", "percent", "number",
    # a transcript's notes on how something was said: "[laughs]", "[inaudible]"
    "laugh", "laughs", "laughter", "chuckle", "sigh", "sighs", "inaudible", "crosstalk",
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


class Index:
    """Which statements hold each lemma: counts of holders without a pass over every
    statement per label (a theme of thousands of answers has thousands of candidates)."""

    def __init__(self, statements: Sequence[frozenset[str]]) -> None:
        self.size = len(statements)
        where: defaultdict[str, set[int]] = defaultdict(set)
        for j, lemmas in enumerate(statements):
            for lemma in lemmas:
                where[lemma].add(j)
        self.where: dict[str, set[int]] = dict(where)

    def held(self, label: frozenset[str], every: bool = True) -> set[int]:
        """The statements holding every word of the label (filler too: "different
        notebooks" is held where both are said), or any word of it beyond filler."""
        if not words_of(label):
            return set()
        words = sorted({w for w in label if len(w) > 1} if every else words_of(label),
                       key=lambda w: len(self.where.get(w, ())))
        if every:
            found = set(self.where.get(words[0], ()))
            for word in words[1:]:
                found &= self.where.get(word, set())
            return found
        return set().union(*(self.where.get(word, set()) for word in words))

    def supported(self, label: frozenset[str], minimum: float = MIN_SUPPORT) -> bool:
        """At least `minimum` of the statements (and `MIN_HOLDERS`) hold a word of the label,
        each of its words is held by at least `WORD_SUPPORT` of them, and none is filler."""
        words = {w for w in label if len(w) > 1}
        if not words or words & FILLER:
            return False
        floor = max(min(MIN_HOLDERS, self.size), minimum * self.size)
        each = max(min(MIN_HOLDERS, self.size), WORD_SUPPORT * self.size)
        return (len(self.held(label, every=False)) >= floor
                and all(len(self.where.get(w, ())) >= each for w in words))

    def support(self, label: frozenset[str]) -> float:
        """The share of the statements holding a word of the label (the measure reported)."""
        return len(self.held(label, every=False)) / self.size if self.size else 0.0


def support(label: frozenset[str], statements: Sequence[frozenset[str]],
            every: bool = True) -> float:
    """The share of `statements` (each a set of lemmas) holding every word of the label
    (`every=False`: any word of it beyond filler, the measure the benchmark reports)."""
    return len(Index(statements).held(label, every)) / len(statements) if statements else 0.0


def supported(label: frozenset[str], statements: Sequence[frozenset[str]],
              minimum: float = MIN_SUPPORT) -> bool:
    """Whether `statements` hold the label well enough to show it (`Index.supported`)."""
    return Index(statements).supported(label, minimum)
