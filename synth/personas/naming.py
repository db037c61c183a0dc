"""Roles people give themselves in what they say: "I'm a core developer", "as the release
manager", "I work as a data scientist". A persona without a role column is named after the
role its members give themselves, never after a list of keywords.

A role is a short noun phrase ending in a role noun (`ROLE_NOUNS`), after "I am / I'm / I was
/ I've been / I work as / as" and an article; up to three words before the noun are kept
("packaging infrastructure maintainer"). Phrases are compared without case.
"""

from __future__ import annotations

import re

ROLE_NOUNS = (
    "developer", "engineer", "maintainer", "administrator", "admin", "sysadmin", "scientist",
    "researcher", "manager", "lead", "architect", "designer", "consultant", "contractor",
    "contributor", "founder", "director", "organizer", "organiser", "chair", "student",
    "teacher", "instructor", "professor", "analyst", "programmer", "hacker", "freelancer",
    "volunteer", "author", "writer", "advocate", "evangelist", "coordinator", "owner",
    "member", "committer", "reviewer", "packager", "user", "officer", "cto", "ceo", "vp",
)
_ARTICLE = r"(?:a|an|the|one of the|kind of a|sort of a)"
_WORD = r"[A-Za-z][\w+#.-]*"
_ROLE = re.compile(
    rf"\b(?:i am|i'm|i’m|i was|i've been|i’ve been|i have been|i work as|i worked as|"
    rf"working as|as)\s+{_ARTICLE}\s+((?:{_WORD}\s+){{0,3}}?(?:{'|'.join(ROLE_NOUNS)})s?)\b",
    re.IGNORECASE)
_NOT_A_ROLE_START = {"very", "really", "big", "huge", "good", "great", "bad", "little",
                     "small", "lot", "bit", "such", "same", "other", "first", "last", "new"}


# Role nouns that say little alone ("a member", "a user"): kept only with a qualifier.
BARE_GENERIC = frozenset({"member", "user", "owner", "lead", "officer"})


def head(role: str) -> str:
    """The role noun a phrase ends in, singular ("core developers" -> "developer")."""
    last = role.split()[-1]
    return last[:-1] if last.endswith("s") and last[:-1] in ROLE_NOUNS else last


def roles_in(text: str) -> list[str]:
    """The roles a statement gives its speaker, lower-cased ("core developer")."""
    found = []
    for match in _ROLE.finditer(text):
        words = match.group(1).lower().split()
        while words[:-1] and words[0] in _NOT_A_ROLE_START:
            words = words[1:]
        if len(words) == 1 and head(words[0]) in BARE_GENERIC:
            continue
        found.append(" ".join(words))
    return found
