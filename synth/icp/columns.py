"""Which survey columns describe the customer, which one says how much they value the product.

- `firmographic_columns`: role name (`company_size`, `industry`, ...) -> the header holding it,
  found from the header's words, with overrides;
- `value_column`: the column holding the value signal (NPS, satisfaction, usage...);
- `value_scores`: that column's answers as numbers in 0..1 (None for a blank).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from synth.errors import SynthError

# Column roles, in the order a header matching several of them is given to one.
ROLES = ("company_size", "team_size", "revenue", "industry", "region", "tech_stack", "role")
_ROLE_PATTERNS = {
    "company_size": re.compile(
        r"\b(company|organi[sz]ation|employer|business|firm) size\b|"
        r"\bsize of (your |the )?(company|organi[sz]ation|employer|business|firm)\b|"
        r"\bemployees\b|\bheadcount\b|"
        r"\bhow many (people|staff|employees|persons)\b.*\b(company|organi[sz]ation|employer|"
        r"business|firm)\b"),
    "team_size": re.compile(
        r"\bteam size\b|\bsize of (your |the )?team\b|"
        r"\bhow many (people|engineers|developers|members)\b.*\bteam\b"),
    "revenue": re.compile(r"\brevenue\b|\bturnover\b|\barr\b|\bannual sales\b"),
    "industry": re.compile(r"\bindustr(y|ies)\b|\bsector\b|\bvertical\b"),
    "region": re.compile(
        r"\bregion\b|\bcountry\b|\bcontinent\b|\blocation\b|\bgeography\b|"
        r"\bwhere (are you|is your (company|team|organi[sz]ation)) (based|located)"),
    "tech_stack": re.compile(r"\bprogramming languages?\b|\b(primary|main) languages?\b|"
                             r"\bstack\b|\blanguages? do you (use|write|code|program)\b"),
    "role": re.compile(r"\broles?\b|\bjob( title| function)?\b|\btitle\b|\bposition\b|"
                       r"\boccupation\b"),
}
_TENURE = re.compile(r"\b(years?|how long|since|tenure)\b")  # "How many years in this role?"
_LONG_ANSWER = 80  # mean characters: above this a column holds free text, not an attribute

# Value-signal headers, most preferred first.
_VALUE_PATTERNS = (
    re.compile(r"\bnps\b|\bnet promoter\b"),
    re.compile(r"\blikely\b.*\brecommend|\brecommend\b.*\b(friend|colleague|peer)"),
    re.compile(r"\bwilling\w* to pay\b|\bwould you pay\b|\bpay for\b|\bwtp\b"),
    re.compile(r"\bsatisf"),
    re.compile(r"\bhow often\b|\bhow frequently\b|\bfrequency\b|\bhow regularly\b"),
)

_BLANK = {"", "n a", "na", "none", "prefer not to say", "don t know", "dont know",
          "not applicable", "no answer", "skip", "skipped"}
_ORDINAL = (  # (score, answers): a label listed twice keeps its first score
    # usage frequency
    (1.0, "daily|every day|several times a day|multiple times a day|a few times a day|many times"
          " a day|more than once a day|hourly|constantly|always"),
    (0.85, "several times a week|a few times a week|multiple times a week|2 3 times a week|most"
           " days|almost daily|nearly every day|almost every day"),
    (0.7, "weekly|once a week|every week|about once a week|often|usually"),
    (0.55, "several times a month|a few times a month|multiple times a month|2 3 times a month|"
           "every other week|biweekly|fortnightly|sometimes"),
    (0.4, "monthly|once a month|every month|about once a month"),
    (0.2, "less often|less than monthly|less than once a month|less often than monthly|rarely|"
          "seldom|a few times a year|quarterly|yearly|annually|once a year"),
    (0.0, "never|not at all|i don t use it|don t use it|no longer|not anymore|i stopped using it"),
    # satisfaction, likelihood, agreement, willingness to pay, yes/no
    (1.0, "very satisfied|extremely satisfied|completely satisfied|very likely|extremely likely|"
          "definitely|definitely would|yes definitely|strongly agree|yes|y|true"),
    (0.75, "satisfied|likely|agree|probably|probably would|probably yes|mostly satisfied"),
    (0.625, "somewhat satisfied|somewhat likely|somewhat agree|slightly satisfied"),
    (0.5, "neutral|neither satisfied nor dissatisfied|neither likely nor unlikely|neither agree"
          " nor disagree|neither|maybe|might|not sure|unsure|undecided"),
    (0.375, "somewhat dissatisfied|somewhat unlikely|somewhat disagree|slightly dissatisfied"),
    (0.25, "dissatisfied|unlikely|disagree|probably not|probably wouldn t|mostly dissatisfied"),
    (0.0, "very dissatisfied|extremely dissatisfied|completely dissatisfied|very unlikely|"
          "extremely unlikely|not at all likely|definitely not|definitely wouldn t|strongly"
          " disagree|no|n|false"),
)
_SCALE = {answer: score for score, labels in reversed(_ORDINAL) for answer in labels.split("|")}
_NUMBER = re.compile(r"^[$€£]?\s*(-?\d+(?:\.\d+)?)\s*(?:%|\s*[-–:(]\s*[^\W\d].*)?$")


def normalise(text: str) -> str:
    """Lower case, punctuation as spaces, white space collapsed: for matching words."""
    return " ".join(re.sub(r"[\W_]+", " ", text.casefold()).split())


def same_column(a: str, b: str) -> bool:
    """Whether two headers name the same column, ignoring case, punctuation and spaces."""
    return re.sub(r"[\W_]+", "", a.casefold()) == re.sub(r"[\W_]+", "", b.casefold())


def column_role(header: str) -> str | None:
    """The firmographic role (`company_size`, `industry`, ...) a header asks about, if any."""
    text = normalise(header)
    for role in ROLES:
        if _ROLE_PATTERNS[role].search(text) and not (role == "role" and _TENURE.search(text)):
            return role
    return None


def _answers(header: str, rows: Sequence[dict[str, str]]) -> list[str]:
    return [value.strip() for row in rows if (value := row.get(header) or "").strip()]


def _find(headers: Sequence[str], name: str) -> str | None:
    if name in headers:
        return name
    return next((header for header in headers if same_column(header, name)), None)


def firmographic_columns(headers: list[str], rows: list[dict[str, str]],
                         overrides: dict[str, str] | None = None) -> dict[str, str]:
    """Map each role in `ROLES` found to the header holding it, in `ROLES` order.

    A header is matched from its words (`column_role`); the first answered header per role
    wins, and a column of long free-text answers is never a firmographic. `overrides` maps
    roles to headers (matched ignoring case and punctuation) and wins over detection.
    """
    chosen: dict[str, str] = {}
    for role, name in (overrides or {}).items():
        if role not in ROLES:
            raise SynthError(f"unknown column role '{role}'. The roles are: {', '.join(ROLES)}")
        header = _find(headers, name)
        if header is None:
            raise SynthError(f"the {role} column '{name}' is not a column of the survey. "
                             f"The columns are: {', '.join(headers)}")
        chosen[role] = header
    used = set(chosen.values())
    for header in headers:
        role = column_role(header)
        if role is None or role in chosen or header in used:
            continue
        answers = _answers(header, rows)
        if answers and sum(map(len, answers)) / len(answers) <= _LONG_ANSWER:
            chosen[role] = header
            used.add(header)
    return {role: chosen[role] for role in ROLES if role in chosen}


def value_column(headers: list[str], rows: list[dict[str, str]],
                 name: str | None = None) -> str | None:
    """The header of the value-signal column: `name` if given, else the best one found.

    Without a name, looks for NPS, likely-to-recommend, willingness to pay, satisfaction and
    usage frequency, in that order, skipping columns with no answers or answers that
    `value_scores` cannot order. None when there is none.
    """
    if name is not None:
        header = _find(headers, name)
        if header is None:
            raise SynthError(f"--value-column names '{name}', which is not a column. "
                             f"The columns are: {', '.join(headers)}")
        return header
    for pattern in _VALUE_PATTERNS:
        for header in headers:
            if not pattern.search(normalise(header)):
                continue
            answers = _answers(header, rows)
            try:
                scores = value_scores(answers)
            except SynthError:
                continue
            if any(score is not None for score in scores):
                return header
    return None


def _number(value: str) -> float | None:
    match = _NUMBER.match(value.strip().replace(",", ""))
    return float(match.group(1)) if match else None


def value_scores(values: list[str]) -> list[float | None]:
    """Each answer as a number in 0..1, higher = more value; None for a blank or non-answer.

    Numeric answers: whole numbers 0-10 (with a 0 or above 5) are an NPS-style scale, v/10;
    whole numbers 1-5 a five-point scale, (v-1)/4; any other numbers (money, counts) become
    their mid-rank percentile. A leading number with a label ("10 - Extremely likely") counts
    as the number. Otherwise every answer must be a known ordinal label: usage frequency
    (Daily ... Never), satisfaction, likelihood, agreement, willingness to pay or yes/no.
    """
    keys = [normalise(value) for value in values]
    answered = [(i, value) for i, (value, key) in enumerate(zip(values, keys))
                if key not in _BLANK]
    scores: list[float | None] = [None] * len(values)
    if not answered:
        return scores
    numbers = [_number(value) for _, value in answered]
    if all(number is not None for number in numbers):
        for (i, _), score in zip(answered, _numeric_scores([n or 0.0 for n in numbers])):
            scores[i] = score
        return scores
    unknown = sorted({value.strip() for i, value in answered if keys[i] not in _SCALE})
    if unknown:
        seen = sorted({value.strip() for _, value in answered})
        shown = ", ".join(f"'{value}'" for value in seen[:10])
        more = f" and {len(seen) - 10} more" if len(seen) > 10 else ""
        raise SynthError(f"cannot put the value column's answers in order ({shown}{more}). "
                         "Pick a numeric or ordinal column (NPS, satisfaction, usage "
                         "frequency) with --value-column")
    for i, _ in answered:
        scores[i] = _SCALE[keys[i]]
    return scores


def _numeric_scores(numbers: list[float]) -> list[float]:
    low, high = min(numbers), max(numbers)
    whole = all(number.is_integer() for number in numbers)
    if whole and low >= 0 and high <= 10 and (low == 0 or high > 5):
        return [number / 10 for number in numbers]
    if whole and low >= 1 and high <= 5:
        return [(number - 1) / 4 for number in numbers]
    if len(numbers) == 1:
        return [0.5]
    ordered = sorted(numbers)
    last = len(ordered) - 1
    # mid-rank of ties, 0-based, over the highest rank
    return [(bisect_left(ordered, n) + bisect_right(ordered, n) - 1) / 2 / last for n in numbers]
