"""Counts said in words: "1 person", "2 people", "1 theme", "3 themes"."""

from __future__ import annotations

IRREGULAR = {"person": "people", "persona": "personas", "child": "children",
             "statement": "statements", "is": "are", "was": "were", "has": "have"}


def plural(word: str) -> str:
    """`word` in the plural: irregular forms, -y -> -ies, -s/-x/-ch/-sh -> -es, else -s."""
    if word in IRREGULAR:
        return IRREGULAR[word]
    if word.endswith("y") and word[-2:-1] not in set("aeiou"):
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    return word + "s"


def count(number: int, word: str, many: str | None = None) -> str:
    """`number` and `word`, in the plural unless `number` is 1 ("1 person", "0 people"); `many`
    overrides the plural form ("1 respondent with an answer")."""
    return f"{number} {word if number == 1 else (many or plural(word))}"


__all__ = ["count", "plural"]
