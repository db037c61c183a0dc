"""Does a label hold for its statements? The share of them that say one of its words.

A label's words are its content lemmas as spaCy gives them (stop words and punctuation
dropped), the same lemmas every statement carries (`Facts.lemmas`). A statement supports the
label when it holds every one of them ("Slow startup" needs "slow" and "startup": a
statement about startup alone does not say it is slow). A label is shown only when

- at least `MIN_SUPPORT` of its statements support it, and at least `MIN_HOLDERS` do (a
  phrase from two statements is not a theme), and
- its words are not only filler or the persona questions' own names (`FILLER`): "Yep",
  "Statement", "Motivation" inside Motivation say nothing about what people said.

`support(..., every=False)` is the looser measure the benchmark reports (a statement holding
any word of the label), which is never lower.

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
    "think", "thinking", "thought", "different", "same", "good", "bad", "really", "actually",
    "basically", "going", "want", "know", "mean", "like", "say", "get",
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
        self.where: dict[str, set[int]] = {}
        for j, lemmas in enumerate(statements):
            for lemma in lemmas:
                self.where.setdefault(lemma, set()).add(j)

    def held(self, label: frozenset[str], every: bool = True) -> set[int]:
        words = sorted(words_of(label), key=lambda w: len(self.where.get(w, ())))
        if not words:
            return set()
        if every:
            found = set(self.where.get(words[0], ()))
            for word in words[1:]:
                found &= self.where.get(word, set())
            return found
        return set().union(*(self.where.get(word, set()) for word in words))

    def supported(self, label: frozenset[str], minimum: float = MIN_SUPPORT) -> bool:
        count = len(self.held(label))
        return count >= min(MIN_HOLDERS, self.size) and count >= minimum * self.size

    def support(self, label: frozenset[str]) -> float:
        return len(self.held(label)) / self.size if self.size else 0.0


def holders(label: frozenset[str], statements: Sequence[frozenset[str]],
            every: bool = True) -> int:
    words = words_of(label)
    if not words:
        return 0
    if every:
        return sum(1 for lemmas in statements if words <= lemmas)
    return sum(1 for lemmas in statements if words & lemmas)


def support(label: frozenset[str], statements: Sequence[frozenset[str]],
            every: bool = True) -> float:
    """The share of `statements` (each a set of lemmas) holding every word of the label
    (`every=False`: any word of it)."""
    return holders(label, statements, every) / len(statements) if statements else 0.0


def supported(label: frozenset[str], statements: Sequence[frozenset[str]],
              minimum: float = MIN_SUPPORT) -> bool:
    count = holders(label, statements)
    return count >= min(MIN_HOLDERS, len(statements)) and count >= minimum * len(statements)
