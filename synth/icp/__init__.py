"""ICP: which respondent attributes go with high value, and how well new leads fit them.

Plain data in, plain dataclasses out; nothing here reads the workspace.

- `columns`: which survey column holds company size, industry, region...; which one holds
  the value signal (NPS, satisfaction, usage frequency) and how to turn it into 0..1;
- `stats`: per-value high-value rates and lifts with intervals, attributes ranked by how well
  they separate high from low value, the negative profile;
- `score`: each lead scored 0-100 against the ranked attributes, with its reasons.
"""

from __future__ import annotations

from synth.icp.columns import (
    column_role,
    firmographic_columns,
    same_column,
    value_column,
    value_scores,
)
from synth.icp.score import LeadScore, check_lead_columns, match_lead_columns, score_leads
from synth.icp.stats import (
    AttributeFinding,
    Bins,
    IcpFindings,
    ValueStat,
    find_icp,
    split_high,
    wilson,
)

__all__ = [
    "AttributeFinding",
    "Bins",
    "IcpFindings",
    "LeadScore",
    "ValueStat",
    "check_lead_columns",
    "column_role",
    "find_icp",
    "firmographic_columns",
    "match_lead_columns",
    "same_column",
    "score_leads",
    "split_high",
    "value_column",
    "value_scores",
    "wilson",
]
