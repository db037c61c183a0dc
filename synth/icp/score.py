"""Score leads 0-100 against the ICP, with the reasons a person can check.

Each ICP attribute (`IcpFindings.top`) weighs as much as its strength (Cramér's V). A lead's
answer that is a conclusive ideal value adds strength x ln(lower end of the lift interval); a
conclusive poor-fit value adds strength x ln(upper end), which is negative. Using the bound
nearer 1 scores by what the survey shows for sure, and never takes the log of a zero lift. Any
other answer, or none, adds nothing.
The sum maps to 0..100 with 50 = no evidence either way: positive sums are scaled by the best
sum any lead could reach (100), negative ones by the worst (0).

An attribute scores only when it is both conclusive (chi-square p under alpha, with a
conclusive best-fit or poor-fit answer) and strong enough to matter: bias-corrected Cramér's V
of at least `MIN_STRENGTH` (0.20). A test says whether a difference is there; on a large
survey a trivial one passes it (the Jupyter survey's role column, V 0.13, p < 0.001, would
turn one answer into 100 and 0). 0.20 is where Rea and Parker's bands for Cramér's V move from
"weak" (0.10-0.20) to "moderate" (0.20-0.40), between Cohen's small (0.1) and medium (0.3)
effects for a 2-column table (V = w = phi). When no attribute passes both, the ICP is too
weak to score: `score_leads` says so and why (`too_weak`) instead of giving 100 and 0.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from synth.errors import SynthError
from synth.icp.columns import column_role, same_column
from synth.icp.stats import AttributeFinding, IcpFindings, ValueStat

MIN_STRENGTH = 0.20   # bias-corrected Cramér's V an attribute needs to score (see above)

@dataclass(frozen=True)
class LeadScore:
    """One lead's fit: 0 (poor fit) .. 50 (no evidence) .. 100 (ideal), and why."""

    row: int                 # the lead's index in the list scored
    lead: dict[str, str]
    score: int
    reasons: list[str]       # one per ICP attribute, strongest attribute first


def label(column: str) -> str:
    """A short name for an ICP column: its firmographic role ("company size") or its header."""
    role = column_role(column)
    return role.replace("_", " ") if role else column.strip().rstrip("?:").strip()


def match_lead_columns(expected: list[str], got: list[str]) -> dict[str, str]:
    """ICP column -> the leads column holding the same thing.

    Same name ignoring case, punctuation and white space first; otherwise the leads column
    asking about the same firmographic role ("Company size" for "How many people work at
    your company?"). Each leads column is used once.
    """
    matched: dict[str, str] = {}
    for column in expected:
        found = next((g for g in got if same_column(g, column) and g not in matched.values()),
                     None)
        if found is not None:
            matched[column] = found
    for column in expected:
        role = column_role(column)
        if column in matched or role is None:
            continue
        found = next((g for g in got if column_role(g) == role and g not in matched.values()),
                     None)
        if found is not None:
            matched[column] = found
    return {column: matched[column] for column in expected if column in matched}


def check_lead_columns(expected: list[str], got: list[str], source: str = "leads.csv",
                       minimum: int | None = None) -> None:
    """Raise SynthError unless the leads have at least `minimum` of the ICP's columns.

    `minimum` defaults to half of `expected`, rounded up (and at least 1).
    """
    if not expected:
        return
    needed = minimum if minimum is not None else max(1, math.ceil(len(expected) / 2))
    matched = match_lead_columns(expected, got)
    if len(matched) >= needed:
        return
    names = ", ".join(label(column) for column in expected)
    seen = ", ".join(got) if got else "no columns"
    fix = ("Rename the leads columns to match (case and punctuation do not matter), or add "
           "the missing ones")
    if not matched:
        raise SynthError(f"{source} has none of the columns the ICP uses: expected {names}; "
                         f"got: {seen}. {fix}")
    have = ", ".join(label(column) for column in matched)
    raise SynthError(f"{source} has only {len(matched)} of the {len(expected)} columns the ICP "
                     f"uses ({have}): expected {names}; got: {seen}. {fix}")


def score_leads(icp: IcpFindings, leads: list[dict[str, str]], columns: list[str],
                source: str = "leads.csv") -> list[LeadScore]:
    """Score every lead (a dict of answers keyed by `columns`, the leads file's headers).

    Best fit first; ties keep the leads' order. Raises SynthError (`check_lead_columns`)
    when the leads lack too many of the ICP's columns.
    """
    reason = too_weak(icp)
    if reason:
        raise SynthError(f"the ICP is too weak to score leads: {reason}. A score would rank "
                         "leads on differences that do not hold or hardly matter. Add "
                         "attributes that may tell high-value customers apart (company size, "
                         "industry...), or pick the value signal with --value-column and the "
                         "columns with --column")
    attributes = icp.top
    check_lead_columns([a.column for a in attributes], columns, source)
    mapping = match_lead_columns([a.column for a in attributes], columns)
    best = sum(a.strength * max((math.log(s.lift_low) for s in _ideal(a)), default=0.0)
               for a in attributes if is_scored(a))
    worst = sum(a.strength * min((math.log(s.lift_high) for s in a.poor_fit), default=0.0)
                for a in attributes if is_scored(a))
    scores = []
    for row, lead in enumerate(leads):
        total, reasons = 0.0, []
        for attribute in attributes:
            column = mapping.get(attribute.column)
            value = attribute.value_of(lead.get(column, "") if column else "")
            contribution, reason = _judge(attribute, value)
            total += contribution
            reasons.append(reason)
        if total > 0:
            score = 50 + 50 * total / best
        elif total < 0:
            score = 50 - 50 * total / worst
        else:
            score = 50
        scores.append(LeadScore(row=row, lead=lead, score=math.floor(score + 0.5),
                                reasons=reasons))
    return sorted(scores, key=lambda s: (-s.score, s.row))


def is_scored(attribute: AttributeFinding) -> bool:
    """Whether an attribute scores: conclusive, at least `MIN_STRENGTH`, and with a
    conclusive ideal or poor-fit answer."""
    return not why_not_scored(attribute)


def failed_rule(conclusive: bool, strength: float, answered: bool) -> str:
    """The first rule an attribute fails to score: "conclusive", "strength" (under
    `MIN_STRENGTH`), "answer" (no conclusive best-fit or poor-fit answer), or "" when it
    scores. Shared by `synth score` and the report's lead-score rules."""
    if not conclusive:
        return "conclusive"
    if strength < MIN_STRENGTH:
        return "strength"
    return "" if answered else "answer"


def why_not_scored(attribute: AttributeFinding) -> str:
    """Why an attribute adds nothing to a lead's score ('' when it scores)."""
    rule = failed_rule(attribute.conclusive, attribute.strength,
                       bool(_ideal(attribute) or attribute.poor_fit))
    return {"conclusive": attribute.reason or "not conclusive",
            "strength": f"too weak to matter (under {MIN_STRENGTH:.2f})",
            "answer": "no answer's lift interval excludes 1", "": ""}[rule]


def scored_on(icp: IcpFindings) -> list[AttributeFinding]:
    """The ICP attributes a lead's score rests on, strongest first."""
    return [a for a in icp.top if is_scored(a)]


def too_weak(icp: IcpFindings) -> str:
    """Why the ICP cannot score leads ('' when it can)."""
    if scored_on(icp):
        return ""
    if not icp.top:
        return "it has no attributes"
    why = "; ".join(f"{label(a.column)} (strength {a.strength:.2f}): {why_not_scored(a)}"
                    for a in icp.top)
    return (f"no attribute is both conclusive and strong enough to matter (Cramér's V "
            f"{MIN_STRENGTH:.2f} or more): {why}")


def _ideal(attribute: AttributeFinding) -> list[ValueStat]:
    return [stat for stat in attribute.ideal if stat.conclusive]


def _judge(attribute: AttributeFinding, value: str | None) -> tuple[float, str]:
    name = label(attribute.column)
    if value is None:
        return 0.0, f"{name} not given (no effect)"
    if not attribute.conclusive:
        return 0.0, f"{name} is not conclusive in the ICP (no effect)"
    if not is_scored(attribute):
        return 0.0, f"{name} is {why_not_scored(attribute)} in the ICP (no effect)"
    shown = f"{name} {value}" if column_role(attribute.column) else f"{name}: {value}"
    for stat in _ideal(attribute):
        if stat.value == value:
            return (attribute.strength * math.log(stat.lift_low),
                    f"{shown} matches (lift {stat.lift:.1f})")
    for stat in attribute.poor_fit:
        if stat.value == value:
            return (attribute.strength * math.log(stat.lift_high),
                    f"{shown} is a poor-fit value (lift {stat.lift:.1f})")
    return 0.0, f"{shown} is neither ideal nor a poor fit (no effect)"
