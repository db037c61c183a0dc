"""Label candidates: the short phrases an analyst could name a theme with, from spaCy's parse.

Three shapes, each in the participants' own words:
- noun chunks with their modifiers ("slow package installs", "version control"), trimmed of
  determiners, pronouns and stop words at either end;
- verb-object phrases ("share notebooks", "install packages"), the verb as its lemma, so
  "sharing notebooks" and "shared notebooks" are one candidate;
- what is said of a subject ("the docs are confusing" -> "confusing docs").
Names keep their case ("GitHub"); other words are lower-cased. `synth.themes.label` scores
the candidates of a theme's statements and picks its label.
"""

from __future__ import annotations

# Verbs too general to name a topic with ("have time", "get things").
LIGHT_VERBS = frozenset({
    "be", "have", "do", "get", "make", "go", "say", "know", "think", "mean", "see", "let",
    "want", "take", "give", "put", "try", "come", "look", "feel", "guess", "seem", "tell",
    "call", "keep", "find", "need", "like", "love", "wish", "hope", "remember", "ask", "talk",
    "bring", "hear", "show", "leave", "start", "end", "happen", "imagine", "suppose", "pick",
    "figure", "spend", "lose", "set", "stop", "add", "write", "read", "send", "pay", "hit",
})
# Nouns too general to name a topic with on their own.
WEAK_NOUNS = frozenset({
    "thing", "things", "lot", "lots", "way", "ways", "kind", "sort", "bit", "stuff", "people",
    "something", "anything", "everything", "nothing", "part", "time", "one", "ones", "yeah",
    "okay", "point", "question", "sense", "fact", "case", "example", "year", "years", "month",
    "week", "day", "hour", "minute", "today", "answer", "couple", "laugh", "inaudible",
    "crosstalk", "right", "idea", "number", "end", "level", "side", "place", "reason",
    "person", "guy", "guys", "folk", "folks", "stage", "area", "aspect", "aspects", "matter",
    "deal", "type", "types", "piece", "pieces", "amount", "moment", "while", "term", "terms",
    "world", "bunch", "situation", "others", "everybody", "anybody", "somebody",
    "anyone", "someone", "everyone", "use", "uses", "work", "job", "issue", "issues",
    "problem", "problems", "feature", "features", "option", "options", "ability", "lack",
    "need", "needs", "interest", "difference", "group", "%",
    # discourse nouns: what people say about what they say ("good point", "bad idea")
    "concern", "concerns", "progress", "opinion", "opinions", "benefit", "benefits",
    "beginning", "change", "changes", "ideas", "perspective", "perspectives", "sign",
    "view", "views", "thought", "thoughts", "story", "stories", "reality", "conversation",
    "conversations", "discussion", "discussions", "context", "instance", "manner",
    "approach", "result", "results", "effort", "goal", "value", "future", "past", "start",
    "majority", "portion", "percent", "dollars", "mind", "head", "kid", "kids", "man",
    "woman", "word", "words", "list", "phrase", "individual", "cases",
})
MAX_WORDS = 4
_TRIM_START = {"DET", "PRON", "NUM", "ADP", "CCONJ", "PART", "ADV", "PUNCT", "SCONJ", "INTJ"}
_TRIM_END = {"PRON", "NUM", "PART", "ADP", "CCONJ", "PUNCT", "DET", "SCONJ"}


def display(token) -> str:  # type: ignore[no-untyped-def]
    """Names keep their case ("GitHub", "CI"); common words are lower-cased ("Builds")."""
    text = token.text
    if token.pos_ == "PROPN" or any(c.isupper() for c in text[1:]):
        return text
    return text.lower()


def _trimmed(tokens: list) -> list:  # type: ignore[type-arg]
    tokens = [t for t in tokens if not t.is_space and t.text not in {'"', "'", "“", "”"}]
    while tokens and (tokens[0].is_stop or tokens[0].pos_ in _TRIM_START):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_stop or tokens[-1].pos_ in _TRIM_END or tokens[-1].is_punct):
        tokens = tokens[:-1]
    return tokens


def _phrase(tokens: list) -> str:  # type: ignore[type-arg]
    """The tokens as a candidate, or "" when they are too long, too short or too general."""
    if not tokens or len(tokens) > MAX_WORDS or any(t.is_punct for t in tokens):
        return ""
    if not tokens[0].is_alpha or not any(t.pos_ in {"NOUN", "PROPN"} for t in tokens):
        return ""      # "$ 3 million budget"; "hard" alone is no topic
    if any(t.ent_type_ == "PERSON" for t in tokens):
        return ""      # people's names never label a theme
    words = [display(t) for t in tokens]
    if words[-1].lower() in WEAK_NOUNS or tokens[-1].is_stop:
        return ""      # the head says nothing: "bad idea", "long time", "fine point"
    # written as said: "client's boss", not "client 's boss"
    phrase = "".join(word + (" " if t.whitespace_ else "")
                     for word, t in zip(words, tokens)).strip()
    return phrase if len(phrase) > 2 else ""


def noun_phrases(doc) -> list[str]:  # type: ignore[no-untyped-def]
    """Noun chunks with their modifiers, trimmed ("the really slow installs" -> "slow installs")."""
    found = []
    for chunk in doc.noun_chunks:
        tokens = [t for t in _trimmed(list(chunk)) if t.pos_ != "ADV"]
        if phrase := _phrase(tokens):
            found.append(phrase)
    return found


def _object_tokens(noun) -> list:  # type: ignore[no-untyped-def, type-arg]
    """The object noun with the words that make it specific (compounds, adjectives)."""
    keep = [t for t in noun.lefts if t.dep_ in {"compound", "amod", "nmod"} and t.i >= noun.i - 3]
    return _trimmed(sorted([*keep, noun], key=lambda t: t.i))


DOUBLED = frozenset({"plan", "ship", "stop", "drop", "swap", "scan", "skip", "debug", "commit",
                     "submit", "refer", "prefer", "control", "chat", "map", "tag", "zip"})


def gerund(verb) -> str:  # type: ignore[no-untyped-def]
    """The verb as a gerund ("share" -> "sharing"), so a label reads like an activity and
    "shared notebooks" and "sharing notebooks" are one candidate."""
    text = verb.text.lower()
    if text.endswith("ing") and verb.tag_ == "VBG":
        return text
    lemma = verb.lemma_.lower()
    if lemma.endswith("ie"):
        return lemma[:-2] + "ying"
    if lemma.endswith("e") and not lemma.endswith(("ee", "ye", "oe")):
        return lemma[:-1] + "ing"
    vowels = "aeiou"
    if lemma in DOUBLED or (len(lemma) == 3 and lemma[0] not in vowels and lemma[1] in vowels
                            and lemma[2] not in vowels + "wxy"):
        return lemma + lemma[-1] + "ing"
    return lemma + "ing"


def verb_objects(doc) -> list[str]:  # type: ignore[no-untyped-def]
    """Verb-object phrases, the verb as a gerund: "sharing notebooks", "installing packages"."""
    found = []
    for token in doc:
        if token.dep_ != "dobj" or token.head.pos_ != "VERB" or token.pos_ not in {"NOUN", "PROPN"}:
            continue
        verb = token.head
        if verb.lemma_.lower() in LIGHT_VERBS or not verb.lemma_.isalpha():
            continue
        obj = _object_tokens(token)
        if not obj or obj[-1].text.lower() in WEAK_NOUNS or token.ent_type_ == "PERSON":
            continue
        words = [gerund(verb), *(display(t) for t in obj)]
        if len(words) <= MAX_WORDS:
            found.append(" ".join(words))
    return found


def predicates(doc) -> list[str]:  # type: ignore[no-untyped-def]
    """What is said of a subject, as an adjective before it: "the docs are confusing" ->
    "confusing docs"."""
    found = []
    for token in doc:
        if token.dep_ != "acomp" or token.pos_ != "ADJ" or token.is_stop:
            continue
        subjects = [t for t in token.head.children if t.dep_ == "nsubj"
                    and t.pos_ in {"NOUN", "PROPN"} and t.text.lower() not in WEAK_NOUNS]
        if not subjects:
            continue
        noun = _object_tokens(subjects[0])
        if noun and len(noun) < MAX_WORDS:
            found.append(" ".join([token.text.lower(), *(display(t) for t in noun)]))
    return found


def label_candidates(doc) -> list[str]:  # type: ignore[no-untyped-def]
    """Every candidate of one statement, each once, in the order found."""
    return list(dict.fromkeys([*noun_phrases(doc), *verb_objects(doc), *predicates(doc)]))
