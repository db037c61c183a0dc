"""Theme labels an analyst would write: a short phrase in the participants' words.

Candidates come from spaCy (`synth.analyse.candidates`: noun chunks with modifiers,
verb-object phrases, "confusing docs" from "the docs are confusing"). For one theme, a
candidate counts once per statement that holds it (spelling variants are one candidate) and
must be shared by at least two statements (one statement's wording is not a theme). It
scores, in the spirit of KeyBERT and c-TF-IDF together:

    closeness to the theme's centre (cosine of the phrase's embedding)
  + COVERAGE x the share of the theme's statements holding it
  + DISTINCT x how much of its use falls in this theme rather than the question's others
  + WORDS x its words beyond the first (at most two): "package installs" says more than
    "installs"

The label is the best candidate no earlier theme of the question has taken *that its
statements hold* (`synth.themes.support`: at least half of them say one of its words, and
its words are not filler); when a longer candidate holding it is shared by at least
`SAYING` of its statements ("slow installs" for "installs") and is held as widely, that one
is the label, so it says what people say about the topic, not only the topic. A group no
single candidate holds may be named by two words of one topic that hold it together
("Charity and sponsors", "Business and corporation"; `_paired`), as an analyst would; with
no such pair it gets no label (`Labelled.label == ""`): the themes stage splits it or
leaves its statements uncoded, and never shows it under a name two statements share.
Keyphrases are the top candidates chosen with maximal marginal relevance, so they do not
repeat each other.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from synth.analyse.candidates import WEAK_NOUNS
from synth.themes.support import WORD_SUPPORT, Index, PhraseLemmas

COVERAGE, DISTINCT, WORDS = 0.6, 0.4, 0.15
SAYING = 0.25           # share of a topic's statements a longer phrase needs to name it
TOP_CANDIDATES = 40     # candidates embedded and scored per theme
KEYPHRASES = 5
MMR_DIVERSITY = 0.5
PAIR_FROM = 12          # most widely held single words tried two by two
KIN = 0.45              # cosine of two words' embeddings to be one topic

PhraseEmbedder = Callable[[list[str]], np.ndarray]   # normalised rows, one per phrase


def variant_key(phrase: str) -> str:
    """One key for a phrase's spelling variants: lower case, last word without plural -s."""
    key = phrase.lower()
    if len(key) > 3 and key.endswith("s") and not key.endswith(("ss", "us", "is")):
        key = key[:-1]
    return key


@dataclass(frozen=True)
class Group:
    """One theme (or sub-theme) to label: its statements' candidates and its centre."""

    candidates: Sequence[Sequence[str]]    # per statement
    centre: np.ndarray                     # normalised mean embedding
    lemmas: Sequence[frozenset[str]] = ()  # per statement: its content lemmas


@dataclass(frozen=True)
class Labelled:
    label: str                 # "" when no candidate is held by enough of the statements
    keyphrases: list[str]
    support: float = 1.0       # share of the statements holding a word of the label


def _counts(candidates: Sequence[Sequence[str]], heads: bool = False
            ) -> tuple[Counter[str], dict[str, str]]:
    """Statements per candidate key, and each key's most frequent spelling. `heads`: each
    statement's multi-word candidates count their last word too (`_with_heads`)."""
    per_key: Counter[str] = Counter()
    spellings: Counter[tuple[str, str]] = Counter()
    for statement in candidates:
        keys, pairs = _keyed(tuple(statement), heads)
        per_key.update(keys)
        spellings.update(pairs)
    best: dict[str, tuple[int, str]] = {}
    for (key, phrase), count in spellings.items():
        if key not in best or (-count, phrase) < (-best[key][0], best[key][1]):
            best[key] = (count, phrase)
    return per_key, {key: phrase for key, (_, phrase) in best.items()}


@lru_cache(maxsize=1 << 18)     # a statement is counted in every group tried that holds it
def _keyed(statement: tuple[str, ...], heads: bool) -> tuple[tuple[str, ...],
                                                             tuple[tuple[str, str], ...]]:
    """One statement's candidate keys (each once) and its (key, spelling) pairs."""
    phrases = _with_heads(statement) if heads else statement
    pairs = tuple((variant_key(phrase), phrase) for phrase in phrases)
    return tuple(dict.fromkeys(key for key, _ in pairs)), pairs


def label_groups(groups: Sequence[Group], embed: PhraseEmbedder,
                 taken: set[str] | None = None, fallback: str = "Theme",
                 lemmas: PhraseLemmas | None = None) -> list[Labelled]:
    """Labels for sibling groups (the themes of one question, or the sub-themes of one
    theme), in the order given (most prevalent first: it chooses first). `taken` holds
    label keys siblings may not reuse (a sub-theme does not repeat its theme's label).

    With `lemmas` (the content lemmas of phrases), a label must be held by its statements
    (`synth.themes.support`); a group none of whose candidates is gets the label "".
    Without, the best candidate is the label (`fallback N` when there is none)."""
    counts = [_counts(g.candidates, heads=lemmas is not None) for g in groups]
    across: Counter[str] = Counter()
    for per_key, _ in counts:
        across.update(per_key)
    sizes = [max(len(g.candidates), 1) for g in groups]
    total = sum(sizes)
    taken = set(taken or ())
    found = []
    for index, (group, (per_key, spelling)) in enumerate(zip(groups, counts)):
        eligible = _eligible(per_key, sizes[index])
        held: dict[str, float] = {}
        if lemmas is not None:
            holding = Index(group.lemmas)
            words = _held(eligible, spelling, lemmas, holding)
            eligible = list(words)
            held = {k: holding.support(words[k]) for k in eligible}
        if not eligible and lemmas is not None:
            paired = _paired(per_key, spelling, lemmas, holding, taken, embed)
            if paired is not None:
                taken.add(variant_key(paired.label))
            found.append(paired or Labelled("", [], 0.0))
            continue
        if not eligible:
            found.append(Labelled(f"{fallback} {index + 1}", [], 0.0))
            continue
        rate = {k: held.get(k, per_key[k] / sizes[index]) for k in eligible}
        elsewhere = {k: (across[k] - per_key[k]) / max(total - sizes[index], 1) for k in eligible}
        eligible.sort(key=lambda k: (-rate[k], -per_key[k], k))
        eligible = eligible[:TOP_CANDIDATES]
        vectors = embed([spelling[k] for k in eligible])
        closeness = vectors @ group.centre
        score = {k: float(closeness[j]) + COVERAGE * rate[k]
                 + DISTINCT * min(1.0, per_key[k] / sizes[index]
                                  / max(per_key[k] / sizes[index] + elsewhere[k], 1e-9))
                 + WORDS * min(len(k.split()) - 1, 2)
                 for j, k in enumerate(eligible)}
        ranked = sorted(eligible, key=lambda k: (-score[k], k))
        free = [k for k in ranked if k not in taken]
        if lemmas is not None and not free:
            found.append(Labelled("", [], 0.0))
            continue
        label_key = (free or ranked)[0]
        label_key = _saying(label_key, per_key, taken, held)
        taken.add(label_key)
        chosen = _mmr(ranked, score, {k: vectors[j] for j, k in enumerate(eligible)})
        label = spelling[label_key]
        found.append(Labelled(label[0].upper() + label[1:], [spelling[k] for k in chosen],
                              round(held.get(label_key, rate[label_key]), 3)))
    return found


def has_label(group: Group, embed: PhraseEmbedder, lemmas: PhraseLemmas) -> bool:
    """Whether `label_groups([group], ...)` gives the group a label (a candidate its
    statements hold, or a pair of words), without embedding and scoring its candidates:
    the finder asks it of every group it tries, and labels only the themes it keeps."""
    per_key, spelling = _counts(group.candidates, heads=True)
    holding = Index(group.lemmas)
    eligible = _eligible(per_key, max(len(group.candidates), 1))
    return (bool(_held(eligible, spelling, lemmas, holding))
            or _paired(per_key, spelling, lemmas, holding, set(), embed) is not None)


def _eligible(per_key: Counter[str], size: int) -> list[str]:
    """The candidates a label may be: those two statements share (in a group of four or
    more), else all."""
    needed = 2 if size >= 4 else 1
    return [k for k, c in per_key.items() if c >= needed] or list(per_key)


def _held(eligible: list[str], spelling: dict[str, str], lemmas: PhraseLemmas,
          holding: Index) -> dict[str, frozenset[str]]:
    """The candidates among `eligible` the group's statements hold (`Index.supported`),
    in order, each with its words."""
    words = dict(zip(eligible, lemmas(spelling[k] for k in eligible)))
    return {k: words[k] for k in eligible if holding.supported(words[k])}


def _paired(per_key: Counter[str], spelling: dict[str, str], lemmas: PhraseLemmas,
            holding: Index, taken: set[str], embed: PhraseEmbedder) -> Labelled | None:
    """"Money and grants": two words of one topic that no single word covers, together
    held by at least half of the statements and each by a quarter (`Index.supported`), and
    close in meaning (cosine of their embeddings at least `KIN`), and not two forms of one
    word ("Documentation and document"). The widest-held pair wins; None when no pair is."""
    words = [k for k in per_key if " " not in k and per_key[k] >= 2]
    forms = dict(zip(words, lemmas(spelling[k] for k in words)))
    holders = {k: len(holding.held(forms[k], every=False)) for k in words if len(forms[k]) == 1}
    single = sorted((k for k, n in holders.items() if n >= WORD_SUPPORT * holding.size),
                    key=lambda k: (-holders[k], k))[:PAIR_FROM]
    if len(single) < 2:
        return None
    vectors = embed([spelling[k] for k in single])
    best: tuple[float, str] | None = None
    for a in range(len(single)):
        for b in range(a + 1, len(single)):
            both = forms[single[a]] | forms[single[b]]
            label = f"{spelling[single[a]]} and {spelling[single[b]]}"
            if (float(vectors[a] @ vectors[b]) < KIN or variant_key(label) in taken
                    or _one_word(single[a], single[b]) or not holding.supported(both)):
                continue
            share = holding.support(both)
            if best is None or share > best[0]:
                best = (share, label)
    if best is None:
        return None
    share, label = best
    return Labelled(label[0].upper() + label[1:], [spelling[k] for k in single[:KEYPHRASES]],
                    round(share, 3))


def _one_word(a: str, b: str) -> bool:
    """Two forms of one word ("document", "documenting", "documentation"; "run",
    "runners"): they open alike to within three letters of the shorter, and at least three.
    A pair of them says one thing twice."""
    same = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    return same >= max(3, min(len(a), len(b)) - 3)


def best_held(candidates: Sequence[Sequence[str]], statements: Sequence[frozenset[str]],
              lemmas: PhraseLemmas) -> list[int]:
    """The statements (indexes) holding every word of the candidate most of them hold, among
    candidates at least two of them say, and their single words; [] when none has words
    beyond filler."""
    per_key, spelling = _counts(candidates, heads=True)
    eligible = sorted(k for k, c in per_key.items() if c >= 2)
    index = Index(statements)
    best: set[int] = set()
    for words in lemmas(spelling[k] for k in eligible):
        held = index.held(words)
        if len(held) > len(best):
            best = held
    return sorted(best)


def _with_heads(phrases: Sequence[str]) -> list[str]:
    """A statement's candidates and the last word (the head: "notebooks" of "long
    notebooks", of "share notebooks") of its multi-word candidates: a topic word is often
    shared more widely than any phrase holding it."""
    return [*phrases, *(head for phrase in phrases if " " in phrase
                        for head in phrase.split()[-1:]
                        if len(head) > 2 and head.lower() not in WEAK_NOUNS)]


def _saying(topic: str, per_key: Counter[str], taken: set[str],
            held: dict[str, float] | None = None) -> str:
    """A longer candidate holding the topic, when enough of its statements share it (and,
    when support is checked, it is held as the topic is)."""
    words = topic.split()
    longer = [k for k in per_key if k != topic and k not in taken and len(k.split()) > len(words)
              and _contains(k.split(), words) and per_key[k] >= max(2, SAYING * per_key[topic])
              and (not held or k in held)]
    if not longer:
        return topic
    return max(longer, key=lambda k: (per_key[k], -len(k), k))


def _contains(words: list[str], part: list[str]) -> bool:
    return any(words[i:i + len(part)] == part for i in range(len(words) - len(part) + 1))


def _mmr(ranked: list[str], score: dict[str, float], vectors: dict[str, np.ndarray]
         ) -> list[str]:
    """Up to KEYPHRASES candidates, each the best trade of score against similarity to the
    ones already chosen; no phrase contained in another chosen one."""
    chosen: list[str] = []
    pool = list(ranked)
    while pool and len(chosen) < KEYPHRASES:
        def value(k: str) -> float:
            if not chosen:
                return score[k]
            similar = max(float(vectors[k] @ vectors[c]) for c in chosen)
            return (1 - MMR_DIVERSITY) * score[k] - MMR_DIVERSITY * similar
        best = max(pool, key=lambda k: (value(k), -ranked.index(k)))
        pool.remove(best)
        if not any(best in c or c in best for c in chosen):
            chosen.append(best)
    return chosen
