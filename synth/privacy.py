"""Privacy by default: pseudonyms for quoted people and redaction of what quotes give away.

`pseudonyms` maps participant ids to `P01`, `P02`, ... so outputs never name who said what.
A `Redactor` cleans the text of one quote:
- names of people in the study -> `[P03]` (their pseudonym) or `[name]`, unless `keep_names`;
- email addresses -> `[email]`, phone numbers -> `[phone]`;
- secrets in URLs (`?token=...`, `api_key=`, `sig=`, `user:password@`) -> `[redacted]`, the
  rest of the URL kept; API-key-like tokens (`ghp_...`, `sk-...`, `AKIA...`) -> `[secret]`.
Emails, phones and secrets are redacted even with `keep_names`.

Everything is regular expressions compiled once per `Redactor` into one pattern, so a quote is
scanned once and replacements are never scanned again.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from synth.secrets import secret_spans

NAME, EMAIL, PHONE, SECRET, REDACTED = "[name]", "[email]", "[phone]", "[secret]", "[redacted]"
CARD, ID, ACCOUNT, ADDRESS, IP = "[card]", "[id]", "[account]", "[address]", "[ip]"
HOST = "[host]"

# Given names that are also everyday words: matched only when capitalised ("Will said", not
# "I will"). Name parts of multi-word names are always matched capitalised only.
COMMON_WORDS = frozenset({
    "al", "amber", "angel", "april", "art", "ash", "august", "autumn", "bill", "birch",
    "bishop", "bob", "bud", "buck", "candy", "carol", "case", "chance", "charity", "chase",
    "cherry", "clay", "cliff", "crystal", "daisy", "dale", "dawn", "dean", "destiny", "dick",
    "don", "drew", "duke", "earl", "eve", "faith", "fern", "forest", "frank", "gale", "gay",
    "gene", "ginger", "glen", "grace", "guy", "harmony", "harry", "hazel", "heath", "heather",
    "holly", "honey", "hope", "hunter", "iris", "ivy", "jack", "jay", "jean", "jimmy", "joy",
    "june", "ken", "king", "kit", "lane", "liberty", "lily", "love", "major", "mark", "matt",
    "max", "may", "melody", "mercy", "miles", "nick", "noble", "olive", "pat", "patience",
    "pearl", "penny", "pip", "price", "prince", "rain", "ray", "reed", "rich", "river", "rob",
    "robin", "rocky", "rod", "rose", "ruby", "rusty", "sage", "sandy", "skip", "sky", "sol",
    "star", "sterling", "stone", "storm", "sue", "summer", "sunny", "tad", "trinity", "unity",
    "victor", "violet", "wade", "ward", "will", "willow", "win", "wood", "young"
})

# Name particles and titles never matched on their own.
_PARTICLES = frozenset({
    "van", "von", "der", "den", "del", "della", "dos", "das", "les", "mrs", "miss", "prof",
    "the"
})

_URL = r"(?:(?<![\w@])(?:[A-Za-z][A-Za-z0-9+.-]*://|www\.)[^\s<>\"'`]+)"
_EMAIL = (r"(?:(?<![\w.%+-])[\w.%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
          r"(?![\w-]))")
_SECRET = (
    r"(?:(?<![\w-])(?:"
    r"gh[pousr]_[A-Za-z0-9]{36,}"  # GitHub tokens
    r"|github_pat_\w{22,}"
    r"|sk-(?=[\w-]*\d)[A-Za-z0-9][\w-]{19,}"  # OpenAI-style, with at least one digit
    r"|[rsp]k_(?:live|test)_[A-Za-z0-9]{16,}"  # Stripe
    r"|xox[abposr]-[A-Za-z0-9-]{10,}"  # Slack
    r"|AIza[\w-]{35}"  # Google
    r"|(?:AKIA|ASIA)[0-9A-Z]{16}"  # AWS access key id
    r"|eyJ[\w-]{8,}\.eyJ[\w-]{8,}\.[\w-]{8,}"  # JWT
    r")(?![\w-]))"
)
_NOT_AFTER_NUMBER = r"(?<![\w.,:/-])"
_PHONE = (
    r"(?:(?:"
    r"(?<![\w+])\+\d{1,3}(?:[ .-]?\(\d{1,4}\))?(?:[ .-]?\d{1,5}){1,6}"  # +44 20 7946 0958
    r"|(?<!\w)\(\d{2,5}\)[ .-]?\d{3,4}[ .-]?\d{3,4}"  # (555) 123-4567
    rf"|{_NOT_AFTER_NUMBER}(?:1[ .-])?\d{{3}}(?P<sep>[ .-])\d{{3}}(?P=sep)\d{{4}}"  # 555-123-4567
    # 555-0199, not a range such as 100-1000 or a company size such as 501-1000
    rf"|{_NOT_AFTER_NUMBER}(?!\d\d0-\d{{3}}0|\d{{3}}-[1-9]000(?!\d))[2-9]\d{{2}}-\d{{4}}"
    rf"|{_NOT_AFTER_NUMBER}0\d{{2,4}}[ -]?\d{{3,4}}[ -]?\d{{3,4}}"  # 07700 900123, 020 7946 0958
    rf"|{_NOT_AFTER_NUMBER}0\d(?:[ .]\d{{2}}){{4}}"  # 01 23 45 67 89
    r")(?![\w/]|[.,:-]\d))"
)

_CARD = r"(?:(?<![\w.,-])\d(?:[ -]?\d){12,18}(?![\w-]|[.,]\d))"  # checked with Luhn
_NATIONAL_ID = (
    r"(?:(?<![\w-])\d{3}-\d{2}-\d{4}(?![\w-])"  # US social security number
    r"|(?<!\w)[A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D](?!\w))"  # UK national insurance
)
_OCTET = r"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
_IP = rf"(?:(?<![\w.]){_OCTET}(?:\.{_OCTET}){{3}}(?![\w]|\.\d))"  # IPv4
_PRIVATE_IP = re.compile(r"^(?:10|127|0)\.|^192\.168\.|^172\.(?:1[6-9]|2\d|3[01])\.|^169\.254\.")
_IBAN = r"(?:(?<!\w)[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){3,7}(?: ?[A-Z0-9]{1,3})?(?!\w))"
_ADDRESS = (
    r"(?:(?<![\w-])\d{1,5}[A-Za-z]?,?\s+(?:[A-Z][\w'’.-]*\s+){1,4}"
    r"(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Boulevard|Blvd|Way|Court|Ct|Place|Pl"
    r"|Terrace|Close|Square|Crescent|Parkway|Highway|Strasse|Straße)\b\.?)"
)
# a host name with a port, outside a URL ("db.acme-corp.io:5432"): a connection target;
# not a file and line of a stack trace ("views.py:42", "app.component.ts:118")
_FILE_ENDINGS = ("py|pyx|pyi|ipynb|js|mjs|cjs|jsx|ts|tsx|rb|go|rs|java|kt|kts|scala|swift|c|h|"
                 "cc|cpp|hpp|cs|fs|php|pl|pm|lua|r|jl|ex|exs|erl|hs|ml|clj|dart|vue|svelte|sh|"
                 "bash|zsh|ps1|sql|md|rst|txt|log|json|yaml|yml|toml|ini|cfg|conf|xml|html|htm|"
                 "css|scss|less|lock|gradle|tf|hcl|proto|csv|tsv|env")
_HOST_PORT = (r"(?:(?<![\w.@/:-])(?=[\w.-]*[a-z])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+"
              rf"(?!(?:{_FILE_ENDINGS}):)[a-z]{{2,}}(?=:\d{{2,5}}(?!\d)))")
_SECRET_RE = re.compile(_SECRET)
# where a statement was said, as ingest writes it: "row 12, column <header>", "line 40"
_POSITION = re.compile(r"(?:row|line) \d+(?:, column |$)")
_PHONE_RE = re.compile(_PHONE)
_URL_RE = re.compile(_URL)
_EMAIL_RE = re.compile(_EMAIL)
_USERINFO = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*://)([^/?#@\s]*)@")
_PARAM = re.compile(r"(?<=[?&#;])([^=&#;?/]+)=([^&#;?]+)")
_SECRET_KEY_WORDS = frozenset({
    "token", "key", "apikey", "secret", "password", "passwd", "pwd", "pass", "sig", "signature",
    "auth", "credential", "credentials", "session", "sessionid", "sid", "jwt", "otp"
})
_SECRET_KEY_ENDINGS = ("token", "secret", "password", "passwd", "signature", "apikey",
                       "accesskey", "secretkey", "sessionid", "credential", "credentials")
_TRAILING = ".,;:!?'\""
# What a path's words are made of, for redacting them (Privacy.source)
SOURCE_EXTENSIONS = frozenset({".txt", ".text", ".md", ".markdown", ".vtt", ".srt", ".docx",
                               ".csv", ".tsv", ".xlsx", ".json", ".qdpx"})
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])")
_WORD_JOIN = re.compile(r"(?<=[^\W\d_])-(?=[^\W\d_])")
_SURNAME_AFTER = re.compile(r"(\[(?:P\d+|name)\]|\bP\d+\b|\bname\b)(?: [A-Z][a-z'’]+(?![\w'’]))+")


def pseudonyms(participant_ids: Iterable[str]) -> dict[str, str]:
    """Each distinct id -> `P01`, `P02`, ... in sorted id order (`P001`... from 100 ids on)."""
    ids = sorted(set(participant_ids))
    width = max(2, len(str(len(ids))))
    return {pid: f"P{number:0{width}d}" for number, pid in enumerate(ids, start=1)}


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _word(word: str, anycase: bool) -> str:
    """A regex for one word of a name: any case, or only with its first letter upper-case."""
    if anycase or not word[0].isalpha():
        return f"(?i:{re.escape(word)})"
    return re.escape(word[0].upper()) + (f"(?i:{re.escape(word[1:])})" if word[1:] else "")


def _anycase(word: str) -> bool:
    return len(word) >= 3 and word.casefold() not in COMMON_WORDS


def is_secret_key(key: str) -> bool:
    """Whether a query-string key (`token`, `api_key`, `X-Amz-Signature`) names a secret."""
    lowered = key.casefold()
    words = set(re.split(r"[^a-z0-9]+", lowered))
    return bool(words & _SECRET_KEY_WORDS) or re.sub(r"[^a-z0-9]", "", lowered).endswith(
        _SECRET_KEY_ENDINGS)


# Schemes of connection strings: their host names are internal (a database, a queue).
_CONNECTION_SCHEMES = frozenset({
    "postgres", "postgresql", "mysql", "mariadb", "mongodb", "mongodb+srv", "redis", "rediss",
    "amqp", "amqps", "mssql", "sqlserver", "oracle", "jdbc", "ldap", "ldaps", "smb", "kafka",
    "nats", "clickhouse", "cassandra", "memcached", "mqtt", "couchdb", "neo4j", "bolt"})
# A host is internal when one of its labels says so ("status.internal.acme.io",
# "wiki.corp.acme.com", "build01.lan").
_INTERNAL_LABELS = frozenset({"internal", "intranet", "corp", "lan", "local", "localdomain",
                              "private", "priv", "int", "intra", "home", "onprem"})
_AUTHORITY = re.compile(r"^((?:jdbc:)?([A-Za-z][A-Za-z0-9+.-]*)://(?:[^/?#@\s]*@)?)"
                        r"(\[[^\]/]*\]|[^/?#:\s]*)")
_BOT_TOKEN = re.compile(r"^bot\d{6,12}:[\w-]{30,}$")
_HOOK_SEGMENTS = frozenset({"hooks", "webhooks", "webhook", "services", "triggers"})
_SEGMENT_SECRET = re.compile(r"[A-Za-z0-9+=_-]{16,}")
_AWS_SECRET = re.compile(r"[A-Za-z0-9+/]{40}")


def _internal_host(host: str, scheme: str) -> bool:
    """A connection string's host, or a host whose labels say it is internal; never an IP
    address (those are `_IP`'s) or `localhost`."""
    host = host.casefold().strip("[]")
    if not host or host == "localhost" or re.fullmatch(r"[\d.:]+", host):
        return False
    if scheme.casefold() in _CONNECTION_SCHEMES:
        return True
    labels = host.split(".")
    return len(labels) > 1 and any(label in _INTERNAL_LABELS for label in labels)


def _random(token: str) -> bool:
    """A token that mixes upper case, lower case and digits with base64-like entropy: a key."""
    from synth.secrets import looks_random

    return looks_random(token)


def _redact_path(path: str) -> str:
    """A URL path with its secret segments replaced: webhook tokens (everything after
    `/hooks/`, `/webhooks/`, Slack's `/services/`), Telegram's `/bot<token>/`, a known key
    format or a random token as a segment, an AWS secret key split across segments."""
    segments: list[str | None] = list(path.split("/"))
    for start in range(len(segments)):        # an AWS secret key holds '/': whole segments
        for end in range(start + 1, len(segments) + 1):
            if None in segments[start:end]:
                break
            joined = "/".join(segments[start:end])  # type: ignore[arg-type]
            if len(joined) > 40:
                break
            if _AWS_SECRET.fullmatch(joined) and _random(joined):
                segments[start:end] = [REDACTED] + [None] * (end - start - 1)
    shown, hidden = [], False
    for segment in (s for s in segments if s is not None):
        if hidden and segment:
            shown.append(REDACTED if segment != REDACTED else segment)
            continue
        if _BOT_TOKEN.match(segment):
            shown.append(f"bot{REDACTED}")
        elif secret_spans(segment) or _SECRET_RE.search(segment) or any(
                _random(m.group()) for m in _SEGMENT_SECRET.finditer(segment)):
            shown.append(REDACTED)
        else:
            shown.append(segment)
        hidden = hidden or segment.casefold() in _HOOK_SEGMENTS
    # collapse the run of redacted segments a webhook leaves ("/[redacted]/[redacted]")
    return re.sub(rf"(?:/{re.escape(REDACTED)})+", f"/{REDACTED}", "/".join(shown))


def redact_url(url: str) -> str:
    """`url` with its secrets replaced: `user:password@` userinfo, secret query values,
    tokens in its path (webhooks, bot tokens, keys), and internal host names."""
    def userinfo(match: re.Match[str]) -> str:
        info = match.group(2)
        if ":" in info or _SECRET_RE.fullmatch(info):
            return f"{match.group(1)}{REDACTED}@"
        return match.group(0)

    def param(match: re.Match[str]) -> str:
        key, value = match.group(1), match.group(2)
        if is_secret_key(key):
            return f"{key}={REDACTED}"
        return f"{key}={_EMAIL_RE.sub(EMAIL, value)}"

    url = _USERINFO.sub(userinfo, url, count=1)
    authority = _AUTHORITY.match(url)
    if authority:
        head, scheme, host = authority.group(1), authority.group(2), authority.group(3)
        shown_host = HOST if _internal_host(host, scheme) else host
        rest = url[authority.end():]
        cut = min([i for i in (rest.find("?"), rest.find("#")) if i >= 0], default=len(rest))
        port = re.match(r"^:\d*", rest)
        start = port.end() if port else 0
        url = head + shown_host + rest[:start] + _redact_path(rest[start:cut]) + rest[cut:]
    url = _PARAM.sub(param, url)
    return _SECRET_RE.sub(SECRET, url)


def _split_url(url: str) -> tuple[str, str]:
    """A matched URL and the punctuation after it that belongs to the sentence."""
    end = len(url)
    while end:
        last = url[end - 1]
        closes = {")": "(", "]": "["}.get(last)
        unbalanced = closes and url.count(closes, 0, end) < url.count(last, 0, end)
        if last not in _TRAILING and not unbalanced:
            break
        end -= 1
    return url[:end], url[end:]


class Redactor:
    """Redacts one quote at a time for a study whose people are `names`.

    `names` are display names ("Tomasz Wieczorek", "DONALD", "Priya"); `pseudonyms` maps a
    name (any case) to the pseudonym that replaces it, `[P03]`; names without one become
    `[name]`. A whole name matches in any case, except that its words that are everyday words
    ("Will", "Mark") or shorter than 3 letters must be capitalised; each part of 3 letters or
    more of a longer name ("Tomasz", "Wieczorek") matches when capitalised. Longest match wins;
    a form shared by people with different pseudonyms becomes `[name]`.
    With `keep_names`, names are left alone; emails, phones and secrets are still redacted.
    """

    def __init__(self, names: Iterable[str], keep_names: bool = False,
                 pseudonyms: Mapping[str, str] | None = None,
                 whole_only: Iterable[str] = ()) -> None:
        """`whole_only`: names matched only whole, never by their parts, and only as NER
        found them, capitalised (people a text mentions: "Red Hat" must not take every "Red"
        with it, and a Title Case phrase the model took for a person, "Command Line Tool",
        must not take every "command line tool": at 500,000 answers such phrases had put
        `[name]` into 45% of the statements and a fifth of the theme labels)."""
        self.keep_names = keep_names
        given = {_key(name): pseudonym for name, pseudonym in (pseudonyms or {}).items()}
        only_whole = {_key(name) for name in whole_only} - set(given)
        known = {_key(name) for name in names} | set(given)
        people = known | only_whole
        people = {person for person in people if len(person) > 1}
        # who each matchable form stands for: whole names first, then parts of names
        whole: dict[str, set[str]] = {}
        parts: dict[str, set[str]] = {}
        for person in people:
            label = f"[{given[person]}]" if given.get(person) else NAME
            whole.setdefault(person, set()).add(label)
            if len(person.split()) > 1 and person not in only_whole:
                for word in re.split(r"[\s-]+", person):
                    if len(word) >= 3 and word not in _PARTICLES:
                        parts.setdefault(word, set()).add(label)
        self._labels = {form: labels.pop() if len(labels) == 1 else NAME
                        for form, labels in (parts | whole).items()}
        alternatives = [_URL, _EMAIL, _SECRET, _IBAN, _ADDRESS, _IP, _CARD, _NATIONAL_ID,
                        _PHONE, _HOST_PORT]
        kinds = ["url", "email", "secret", "iban", "address", "ip", "card", "nid", "phone",
                 "host"]
        if not keep_names and self._labels:
            forms = sorted(self._labels, key=lambda form: (-len(form), form))
            patterns = {form: r"\s+".join(_word(word, form in known and _anycase(word))
                                          for word in form.split())
                        for form in forms}
            alternatives.append(rf"(?<!\w)(?:{_by_first_letters(forms, patterns)})(?!\w)")
            kinds.append("name")
        self._pattern = re.compile("|".join(f"(?P<{kind}>{pattern})"
                                            for kind, pattern in zip(kinds, alternatives)))
        self._cache: dict[str, str] = {}

    def redact(self, text: str) -> str:
        """`text` with names, emails, phone numbers, secrets, card and account numbers,
        national ids and street addresses replaced."""
        if text not in self._cache:
            pieces, start = [], 0
            urls = [match.span() for match in _URL_RE.finditer(text)]
            for begin, end in secret_spans(text):
                if any(a <= begin < b for a, b in urls):
                    continue  # redact_url handles secrets in URLs
                pieces += [self._pattern.sub(self._replace, text[start:begin]), SECRET]
                start = end
            pieces.append(self._pattern.sub(self._replace, text[start:]))
            self._cache[text] = "".join(pieces)
        return self._cache[text]

    def name_spans(self, text: str) -> list[tuple[int, int]]:
        """Where `redact` puts a name placeholder in `text` (for measuring redaction)."""
        return [match.span() for match in self._pattern.finditer(text)
                if match.lastgroup == "name"]

    def _replace(self, match: re.Match[str]) -> str:
        found = match.group(0)
        if match.group("url") is not None:
            url, tail = _split_url(found)
            return redact_url(url) + tail
        if match.group("email") is not None:
            return EMAIL
        if match.group("secret") is not None:
            return SECRET
        if match.group("iban") is not None:
            return ACCOUNT
        if match.group("address") is not None:
            return ADDRESS
        if match.group("ip") is not None:
            return found if _PRIVATE_IP.match(found) else IP
        if match.group("card") is not None:
            return CARD if _luhn(found) else _PHONE_RE.sub(_phone, found)
        if match.group("nid") is not None:
            return ID
        if match.group("phone") is not None:
            return _phone(match)
        if match.group("host") is not None:
            return found if found.casefold() == "localhost" else HOST
        return self._labels.get(_key(found), NAME)


def _by_first_letters(forms: list[str], patterns: Mapping[str, str]) -> str:
    """One alternation of the names' `patterns`, grouped under look-aheads on their first
    letter and their first two, so the regex engine tries at each position only the names
    that can start there: a flat alternation of 10,000 names (the people a large survey's
    answers mention) cost a millisecond per quote. `forms` come longest first and keep
    that order within each group, so the longest name still wins; a name that does not open
    with two letters ("J Smith", "3M") is in a group of its own, tried last."""
    groups: dict[str, dict[str, list[str]]] = {}
    rest: list[str] = []
    for form in forms:
        if len(form) >= 2 and form[:2].isalpha():
            groups.setdefault(form[0], {}).setdefault(form[:2], []).append(patterns[form])
        else:
            rest.append(patterns[form])
    branches = [
        f"(?=(?i:{re.escape(first)}))(?:" + "|".join(
            f"(?=(?i:{re.escape(pair)}))(?:{'|'.join(members)})"
            for pair, members in pairs.items()) + ")"
        for first, pairs in groups.items()]
    return "|".join([*branches, *rest])


def _phone(match: re.Match[str]) -> str:
    found = match.group(0)
    digits = sum(char.isdigit() for char in found)
    return PHONE if 7 <= digits <= 15 else found


def _luhn(number: str) -> bool:
    """The check every payment card number passes."""
    digits = [int(char) for char in number if char.isdigit()][::-1]
    total = sum(d if i % 2 == 0 else (d * 2 - 9 if d > 4 else d * 2)
                for i, d in enumerate(digits))
    return total % 10 == 0


class Privacy:
    """What every output shows of people: pseudonyms for who said it, redacted quote text.

    `people` maps participant id -> name for the people researched (interviewees and
    respondents); `others` are further names to redact (interviewers, note-takers). With
    `keep_names`, outputs show participant ids and names stay in quotes; emails, phone
    numbers and secrets are redacted all the same.
    """

    def __init__(self, people: Mapping[str, str], others: Iterable[str] = (),
                 keep_names: bool = False, anonymous: Iterable[str] = (),
                 mentioned: Iterable[str] = ()) -> None:
        """`anonymous`: ids of people whose "name" is only an id (survey respondents): they
        get pseudonyms, but their ids are not names to look for in quotes. `mentioned`:
        third parties the research text names, redacted whole."""
        self.keep_names = keep_names
        self._pseudonyms = pseudonyms(people)
        skip = set(anonymous)
        by_name = {name: self._pseudonyms[pid] for pid, name in people.items()
                   if name and name != pid and pid not in skip}
        self._redactor = Redactor([*by_name, *others], keep_names, by_name, mentioned)
        self._files = {} if keep_names else _file_words(by_name, others)
        self._sources: dict[str, str] = {}

    def who(self, participant_id: str) -> str:
        if self.keep_names:
            return participant_id
        return self._pseudonyms.get(participant_id, NAME)

    def text(self, text: str) -> str:
        return self._redactor.redact(text)

    def location(self, location: str) -> str:
        """Where a statement was said, as outputs show it: its row or line number as is
        (a number is no phone number there), and the rest (a survey column's header, which
        is research text) redacted once per distinct header, not once per row."""
        position = _POSITION.match(location)
        if position is None:
            return self.text(location)
        return location[:position.end()] + self.text(location[position.end():])

    def names_in(self, text: str) -> bool:
        """Whether `text` holds a name `text()` would redact (no scan for secrets: cheap
        enough to ask of every label candidate)."""
        return bool(self._redactor.name_spans(text))

    def source(self, path: str) -> str:
        """A source path as outputs show it: in each folder and file name, names of people
        ("interviews/P03-round1.vtt", "research/[P03]/notes.md", CamelCase "AmaraOkafor"
        too), emails, phone numbers and secrets replaced as in quotes."""
        if path not in self._sources:   # asked once per statement: worked out once a path
            parts = path.split("/")
            self._sources[path] = "/".join(self._path_part(part, last=index == len(parts) - 1)
                                           for index, part in enumerate(parts))
        return self._sources[path]

    def _path_part(self, part: str, last: bool) -> str:
        stem, extension = part, ""
        if last and "." in part:
            head, _, tail = part.rpartition(".")
            if head and f".{tail.casefold()}" in SOURCE_EXTENSIONS:
                stem, extension = head, f".{tail}"
        named = self._file_name(stem)
        # an email whole first ("amara_okafor@example.com"), then words as a reader sees
        # them: "_" and a hyphen between letters are spaces, CamelCase words are split
        emailed = _EMAIL_RE.sub(EMAIL, named)
        spaced = _CAMEL.sub(" ", _WORD_JOIN.sub(" ", emailed.replace("_", " ")))
        redacted = self.text(spaced)
        if named == stem and redacted == spaced:
            return emailed + extension
        # a capitalised word right after a replaced name is its surname ("P03 Okafor")
        shown = _SURNAME_AFTER.sub(r"\1", redacted)
        return (emailed if shown == spaced else shown) + extension

    def _file_name(self, name: str) -> str:
        """`name` with the words of known people's names replaced by their pseudonyms
        ("tomasz-wieczorek-round1" -> "P03-round1")."""
        if not self._files:
            return name
        words = re.split(r"([-_. ]+)", name)
        shown: list[str] = []
        for word in words:
            label = self._files.get(word.casefold())
            if label and len(shown) >= 2 and shown[-2] == label:
                shown.pop()          # "tomasz-wieczorek" -> one pseudonym, not two
                continue
            shown.append(label or word)
        return "".join(shown)

    def quote(self, quote: Mapping[str, str]) -> dict[str, str]:
        """A quote record with its speaker pseudonymised, its text and source redacted."""
        shown = {**quote, "participant_id": self.who(quote["participant_id"]),
                 "text": self.text(quote["text"]), "source": self.source(quote["source"])}
        if "location" in quote:    # "row 2, column <a survey header>": headers are research
            shown["location"] = self.location(quote["location"])
        return shown


def _file_words(by_name: Mapping[str, str], others: Iterable[str]) -> dict[str, str]:
    """Each word (3+ letters) of a person's name -> what replaces it in a file name."""
    found: dict[str, set[str]] = {}
    for name, label in [*by_name.items(), *((other, "name") for other in others)]:
        for word in re.split(r"[\s_.-]+", name.casefold()):
            if len(word) >= 3 and word not in _PARTICLES:
                found.setdefault(word, set()).add(label)
    return {word: labels.pop() if len(labels) == 1 else "name"
            for word, labels in found.items()}
