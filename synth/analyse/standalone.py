"""Whether a statement stands alone as a quote: a reader who sees only it understands it.

From spaCy's parse of the statement:
- `content`: how many distinct content words it carries (nouns, names, adjectives, and verbs
  other than light ones like "do", "get", "think"): "I don't know of any Python ones yet"
  carries one, "Installing packages behind the proxy fails every time" five;
- `standalone`: a sentence with a verb, not a bare question, carries at least `MIN_CONTENT`
  content words, and does not open (after "so", "well", "and"...) with a word that points at
  something unsaid: "it", "that", "this one", "they", "those"... "It is hard to share
  notebooks" stands alone: its "it" points forward, at the rest of the sentence.
"""

from __future__ import annotations

import re

from synth.analyse.candidates import LIGHT_VERBS, WEAK_NOUNS

MIN_CONTENT = 3
POINTERS = frozenset({"it", "that", "this", "these", "those", "they", "them", "he", "she",
                      "him", "her", "which", "there", "such", "both", "same", "its", "their",
                      "one"})
# Openings that carry nothing: discourse markers and fillers.
FILLERS = frozenset({"so", "well", "and", "but", "or", "yeah", "yes", "no", "oh", "um", "uh",
                     "like", "okay", "ok", "right", "now", "then", "also", "actually",
                     "basically", "i", "mean", "you", "know", "just", "anyway", "because"})
HEDGE = re.compile(r"^\W*(?:\w+\W+){0,3}?(?:i don'?t know|i'?m not sure|i guess|i think so|"
                   r"i don'?t remember|not really|maybe|probably|i suppose|it depends)\b",
                   re.IGNORECASE)
_CONTENT_POS = {"NOUN", "PROPN", "ADJ"}


def content_words(doc) -> int:  # type: ignore[no-untyped-def]
    found = set()
    for token in doc:
        lemma = token.lemma_.lower()
        if token.is_stop or token.is_punct or not token.is_alpha or len(lemma) < 2:
            continue
        if ((token.pos_ in _CONTENT_POS and lemma not in WEAK_NOUNS)
                or (token.pos_ == "VERB" and lemma not in LIGHT_VERBS)):
            found.add(lemma)
    return len(found)


def _opening(doc):  # type: ignore[no-untyped-def]
    """The first token after fillers and punctuation, or None."""
    for token in doc:
        if token.is_punct or token.is_space or token.lower_ in FILLERS or token.pos_ == "INTJ":
            continue
        if token.lower_ in {"i", "you"} and token.head.lemma_ in {"mean", "know"}:
            continue
        return token
    return None


def _points_back(token) -> bool:  # type: ignore[no-untyped-def]
    """The opening word refers to something said before, not to what follows."""
    word = token.lower_
    if word not in POINTERS:
        return False
    if word == "it":
        # "It is hard to share notebooks": an extraposed subject points forward
        head = token.head
        forward = any(child.dep_ in {"xcomp", "ccomp", "advcl"} for child in head.children)
        forward |= any(child.dep_ == "acomp" and any(g.dep_ in {"xcomp", "ccomp"}
                                                     for g in child.children)
                       for child in head.children)
        return not forward
    if word == "there" and token.dep_ == "expl":
        return False    # "There is no way to diff notebooks"
    if word in {"this", "that", "these", "those"} and token.dep_ == "det":
        return token.head.lower_ in WEAK_NOUNS or token.head.lower_ in {"one", "ones"}
    return True


def standalone(doc, text: str) -> bool:  # type: ignore[no-untyped-def]
    if text.rstrip().endswith("?"):
        return False
    content = content_words(doc)
    if content < MIN_CONTENT:
        return False
    if HEDGE.search(text) and content < 2 * MIN_CONTENT:
        return False
    if not any(t.pos_ in {"VERB", "AUX"} for t in doc):
        return False    # a fragment: "But PSF mailing lists and things like that."
    opening = _opening(doc)
    return opening is not None and not _points_back(opening)
