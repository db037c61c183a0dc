"""Which answers go with high-value customers, how sure we can be, and which columns matter.

Statistical choices (all deterministic):

- **rate**: share of high-value respondents among those who gave an answer, with a 95% Wilson
  score interval (`wilson`), which stays inside 0..1 and behaves for small groups and 0 or n;
- **lift**: rate / base rate, where the base rate is the high-value share among everyone who
  answered that column (blanks are "not answered", never a value). The lift interval is the
  Wilson interval divided by that base rate: it treats the base rate as known, which is fair
  because it rests on the whole column, many times more people than one answer;
- **conclusive**: an answer given by at least `min_support` (10) respondents whose lift
  interval excludes 1; otherwise `reason` says why not ("only 6 respondents (fewer than
  10)", "interval 0.8-1.9 includes 1");
- **column strength**: bias-corrected Cramér's V (Bergsma 2013) of the answers x high/low
  table, which removes plain V's upward bias for columns with many answers, with the
  chi-square test's p-value. Answers given by fewer than `min_support` people are pooled
  into one group for this test so sparse cells do not inflate it. A column is conclusive
  when p < 0.05;
- **ideal values** of a column: conclusive answers with lift interval above 1, or, when there
  are none, the highest-lift answer with enough support and lift above 1 (not conclusive);
  **poor-fit values**: conclusive answers with lift interval below 1.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

from scipy.stats import chi2

from synth.errors import SynthError
from synth.icp.bins import Bins, make_bins
from synth.words import count as counted

MIN_SUPPORT = 10
ALPHA = 0.05
TOP = 3
Z95 = 1.959963984540054
_OTHER = "\0other"  # pooled small answers in the column test; never shown


@dataclass(frozen=True)
class ValueStat:
    """One answer of one column: who gave it, how many of them are high value, and the lift."""

    column: str
    value: str
    n: int                # respondents who gave this answer (with a known value)
    high: int             # ... of whom high value
    rate: float           # high / n
    rate_low: float       # 95% Wilson interval of the rate
    rate_high: float
    lift: float           # rate / the column's base rate
    lift_low: float       # Wilson interval / base rate
    lift_high: float
    conclusive: bool      # n >= min_support and the lift interval excludes 1
    reason: str = ""      # why not conclusive; "" when conclusive


@dataclass(frozen=True)
class AttributeFinding:
    """One column: every answer's stats and how strongly the column separates high from low."""

    column: str
    values: list[ValueStat]     # highest lift first
    strength: float             # bias-corrected Cramér's V, 0..1
    p_value: float              # chi-square test of answers x high/low
    n: int                      # respondents who answered the column (with a known value)
    ideal: list[ValueStat]      # the best-fit answers (see the module docstring)
    poor_fit: list[ValueStat]   # conclusive answers with lift interval below 1, lowest first
    conclusive: bool            # p_value < alpha
    reason: str = ""            # why not conclusive
    bins: Bins | None = None    # how numeric answers were grouped, if they were

    def value_of(self, answer: str) -> str | None:
        """The answer as this column's analysed value: its bin, or its canonical spelling."""
        if not answer.strip():
            return None
        if self.bins is not None:
            return self.bins.label(answer)
        key = _key(answer)
        return next((stat.value for stat in self.values if _key(stat.value) == key),
                    " ".join(answer.split()))


@dataclass(frozen=True)
class IcpFindings:
    """The ranked attributes: what an ideal (and a poor-fit) customer looks like."""

    n: int                              # respondents with a known high/low value
    high: int                           # ... of whom high value
    base_rate: float                    # high / n
    attributes: list[AttributeFinding]  # every column analysed, strongest first
    top: list[AttributeFinding]         # the first `top` attributes: the ICP
    negative: list[ValueStat]           # poor-fit answers of every column, lowest lift first
    min_support: int = MIN_SUPPORT
    columns: list[str] = field(default_factory=list)  # the columns analysed, as given


def wilson(successes: int, n: int, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval of a proportion successes/n (95% by default)."""
    if n == 0:
        return 0.0, 1.0
    p = successes / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


def is_nps_scale(scores: list[float | None]) -> bool:
    """0-10 answers divided by 10: every score a multiple of 0.1, at least six distinct
    scores, at least one >= 0.9."""
    known = [score for score in scores if score is not None]
    return (len(set(known)) >= 6 and max(known, default=0) >= 0.9 - 1e-9
            and all(abs(score * 10 - round(score * 10)) < 1e-9 for score in known))


def split_high(scores: list[float | None], nps: bool | None = None) -> list[bool | None]:
    """High value or not for each score in 0..1 (None stays None: unknown).

    NPS-style scores (0-10 answers divided by 10) split at promoters: high = 9 or 10, that
    is score >= 0.9. `nps=None` detects them: every score a multiple of 0.1, at least six
    distinct scores, at least one >= 0.9. Any other scale takes its top tercile: the highest
    scores that together hold at most a third of respondents (ties are never split, and if
    the top score alone holds more than a third, high = the top score).
    """
    known = sorted((score for score in scores if score is not None), reverse=True)
    if not known:
        return [None] * len(scores)
    if nps is None:
        nps = is_nps_scale(scores)
    if nps:
        threshold = 0.9 - 1e-9
    else:
        counts = Counter(known)
        threshold, total = known[0], 0
        for level in sorted(counts, reverse=True):
            total += counts[level]
            if total > len(known) / 3:
                break
            threshold = level
    return [None if score is None else score >= threshold for score in scores]


def find_icp(records: list[dict[str, str]], high: list[bool | None], columns: list[str], *,
             min_support: int = MIN_SUPPORT, top: int = TOP,
             alpha: float = ALPHA) -> IcpFindings:
    """Analyse `columns` of `records` (one dict of answers per respondent) against `high`.

    `high[i]` says whether respondent i is high value; None (unknown) leaves them out.
    """
    if len(records) != len(high):
        raise ValueError(f"{len(records)} records but {len(high)} high/low flags")
    known = [(record, flag) for record, flag in zip(records, high) if flag is not None]
    n_high = sum(flag for _, flag in known)
    if not known:
        raise SynthError("no respondent has a value score, so there is nothing to compare. "
                         "Pick a column that respondents answered with --value-column")
    if n_high in (0, len(known)):
        which = "all" if n_high else "none"
        raise SynthError(f"{which} of the {len(known)} respondents with a value score count as "
                         "high value, so nothing separates high from low. Pick another value "
                         "column with --value-column")
    columns = list(dict.fromkeys(columns))
    missing = [c for c in columns if not any(c in record for record, _ in known)]
    if missing:
        raise SynthError(f"no respondent has an answer in {', '.join(missing)}. "
                         "Check the attribute column names")
    base = n_high / len(known)
    findings = [_analyse(column, known, base, min_support, alpha) for column in columns]
    findings.sort(key=lambda f: (-f.strength, f.p_value, columns.index(f.column)))
    negative = sorted((stat for finding in findings for stat in finding.poor_fit),
                      key=lambda stat: (stat.lift, -stat.n, stat.column, stat.value))
    return IcpFindings(n=len(known), high=n_high, base_rate=base, attributes=findings,
                       top=findings[:top], negative=negative, min_support=min_support,
                       columns=columns)


def _key(answer: str) -> str:
    return " ".join(answer.split()).casefold()


def _analyse(column: str, known: list[tuple[dict[str, str], bool]], overall_base: float,
             min_support: int, alpha: float) -> AttributeFinding:
    answers = [(" ".join((record.get(column) or "").split()), flag) for record, flag in known]
    answers = [(answer, flag) for answer, flag in answers if answer]
    bins = make_bins([answer for answer, _ in answers])
    if bins is not None:
        answers = [(bins.label(answer) or answer, flag) for answer, flag in answers]
    spelling = Counter(answer for answer, _ in answers)  # most common spelling names a value
    names: dict[str, str] = {}
    for answer, _ in sorted(spelling.items(), key=lambda item: (-item[1], item[0])):
        names.setdefault(_key(answer), answer)
    counts: Counter[str] = Counter()
    highs: Counter[str] = Counter()
    for answer, flag in answers:
        counts[names[_key(answer)]] += 1
        highs[names[_key(answer)]] += flag
    n, n_high = len(answers), sum(highs.values())
    base = n_high / n if n and n_high else overall_base
    values = sorted((_value_stat(column, value, counts[value], highs[value], base, min_support)
                     for value in counts), key=lambda s: (-s.lift, -s.n, s.value))
    strength, p_value = _association(counts, highs, min_support)
    ideal = [stat for stat in values if stat.conclusive and stat.lift_low > 1]
    if not ideal:
        ideal = [stat for stat in values if stat.n >= min_support and stat.lift > 1][:1]
    poor = sorted((stat for stat in values if stat.conclusive and stat.lift_high < 1),
                  key=lambda s: (s.lift, -s.n, s.value))
    conclusive = p_value < alpha
    if conclusive:
        reason = ""
    elif sum(1 for count in counts.values() if count >= min_support) < 2:
        reason = (f"too few respondents to compare answers: fewer than two answers were given by "
                  f"{min_support} or more ({counted(n, 'respondent')} in all)")
    else:
        reason = f"no clear difference between high and low value (p = {p_value:.2g})"
    return AttributeFinding(column=column, values=values, strength=strength, p_value=p_value,
                            n=n, ideal=ideal, poor_fit=poor, conclusive=conclusive,
                            reason=reason, bins=bins)


def _value_stat(column: str, value: str, n: int, high: int, base: float,
                min_support: int) -> ValueStat:
    low_rate, high_rate = wilson(high, n)
    rate = high / n
    lift, lift_low, lift_high = rate / base, low_rate / base, high_rate / base
    reasons = []
    if n < min_support:
        reasons.append(f"only {n} respondent{'s' if n != 1 else ''} (fewer than {min_support})")
    if lift_low <= 1 <= lift_high:
        reasons.append(f"interval {_interval(lift_low, lift_high)} includes 1")
    return ValueStat(column=column, value=value, n=n, high=high, rate=rate, rate_low=low_rate,
                     rate_high=high_rate, lift=lift, lift_low=lift_low, lift_high=lift_high,
                     conclusive=not reasons, reason="; ".join(reasons))


def _interval(low: float, high: float) -> str:
    """Two significant figures: "0.05-1.2", "0.8-1.9"."""
    return f"{low:.2g}-{high:.2g}"


def _association(counts: Counter[str], highs: Counter[str],
                 min_support: int) -> tuple[float, float]:
    """Bias-corrected Cramér's V and chi-square p-value of the answers x high/low table."""
    rows: Counter[str] = Counter()
    row_highs: Counter[str] = Counter()
    for value, count in counts.items():
        row = value if count >= min_support else _OTHER
        rows[row] += count
        row_highs[row] += highs[value]
    n, n_high = sum(rows.values()), sum(row_highs.values())
    if len(rows) < 2 or n_high in (0, n):
        return 0.0, 1.0
    statistic = 0.0
    for row, count in rows.items():
        for observed, share in ((row_highs[row], n_high / n),
                                (count - row_highs[row], 1 - n_high / n)):
            expected = count * share
            statistic += (observed - expected) ** 2 / expected
    r = len(rows)
    p_value = float(chi2.sf(statistic, r - 1))
    if n < 2:
        return 0.0, p_value
    phi2 = max(0.0, statistic / n - (r - 1) / (n - 1))
    r_corrected = r - (r - 1) ** 2 / (n - 1)
    k_corrected = 2 - 1 / (n - 1)
    denominator = min(r_corrected - 1, k_corrected - 1)
    strength = math.sqrt(phi2 / denominator) if denominator > 0 else 0.0
    return min(1.0, strength), p_value
