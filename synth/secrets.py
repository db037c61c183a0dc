"""Secrets in free text, found with detect-secrets' maintained plugins.

`secret_spans(text)` gives the character spans of the secrets a text holds:
- every regex plugin of detect-secrets (AWS, Azure, GitHub, GitLab, Slack, Stripe, OpenAI,
  Twilio, SendGrid, Mailchimp, npm, PyPI, Discord, Telegram, JWT, private keys, basic auth in
  URLs...), matched anywhere in the text;
- its base64 high-entropy measure (Shannon entropy, with its limit) on tokens of 20+
  characters mixing upper case, lower case and digits: AWS secret access keys and other
  random keys with no recognisable prefix (hex strings are left alone: commit hashes);
- a value after a word naming a secret (`password: hunter2`, `my PIN is 4921`).

Public IP addresses, which detect-secrets also reports, are left to the caller.
"""

from __future__ import annotations

import re
from functools import cache

_TOKEN = re.compile(r"(?<![\w/+=-])[A-Za-z0-9+/=_-]{20,}(?![\w/+=-])")
_KEYWORD_VALUE = re.compile(
    r"(?<![\w?&#;/=.-])(?i:(?:password|passwd|passphrase|passcode|pwd|pin|secret|api[ _-]?key|"
    r"access[ _-]?key|token)\b)"
    r"(?:\s+(?:is|was|=)|\s*[:=])\s*"
    r"(?:(?P<open>['\"“‘])(?P<quoted>[^'\"”’\n]{4,120})(?=['\"”’])|(?P<value>[^\s'\"”]{4,}))")
_OPENING, _CLOSING, _TRAILING = "\"'“‘(<[{", "\"'”’)>]}", ".,;:!?"
_LEFT_OUT = {"IPPublicDetector", "BasicAuthDetector"}  # URLs: privacy.redact_url


@cache
def _detectors() -> tuple[list[re.Pattern[str]], float]:
    """The regexes of detect-secrets' pattern plugins, and its base64 entropy limit."""
    from detect_secrets.core.plugins.util import get_mapping_from_secret_type_to_class
    from detect_secrets.plugins.base import RegexBasedDetector
    from detect_secrets.plugins.high_entropy_strings import Base64HighEntropyString

    patterns = []
    for plugin in sorted(get_mapping_from_secret_type_to_class().values(),
                         key=lambda cls: cls.__name__):
        if issubclass(plugin, RegexBasedDetector) and plugin.__name__ not in _LEFT_OUT:
            patterns.extend(plugin().denylist)
    return patterns, Base64HighEntropyString().entropy_limit


def _entropy(token: str) -> float:
    from detect_secrets.plugins.high_entropy_strings import Base64HighEntropyString

    return Base64HighEntropyString().calculate_shannon_entropy(token)


def secret_spans(text: str) -> list[tuple[int, int]]:
    """Non-overlapping (start, end) spans of the secrets in `text`, in order, each grown to
    the whole word it is part of."""
    patterns, _ = _detectors()
    spans = []
    for pattern in patterns:
        spans.extend(match.span() for match in pattern.finditer(text) if match.group())
    for match in _TOKEN.finditer(text):
        if looks_random(match.group()):
            spans.append(match.span())
    grown = [_whole_word(text, start, end) for start, end in spans]
    for match in _KEYWORD_VALUE.finditer(text):
        if match.group("quoted") is not None:   # a quoted passphrase: all of it, to the quote
            grown.append(match.span("quoted"))
        else:
            grown.append(_whole_word(text, *match.span("value")))
    return _merge(grown)


def looks_random(token: str) -> bool:
    """Upper case, lower case and digits mixed, with detect-secrets' base64 entropy: a key
    with no recognisable prefix (an AWS secret access key), not a word or a hex hash."""
    mixed = (any(c.isdigit() for c in token) and any(c.islower() for c in token)
             and any(c.isupper() for c in token))
    return mixed and _entropy(token) > _detectors()[1]


def _whole_word(text: str, start: int, end: int) -> tuple[int, int]:
    """A span grown to the whole word it lies in: a secret is never half shown."""
    while start > 0 and not text[start - 1].isspace() and text[start - 1] not in _OPENING:
        start -= 1
    while end < len(text) and not text[end].isspace() and text[end] not in _CLOSING:
        end += 1
    while end > start + 1 and text[end - 1] in _TRAILING:
        end -= 1
    return start, end


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
