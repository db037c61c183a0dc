"""icp.md and icp.json, from the ICP report the ICP stage stored; and the lead scores CSV."""

from __future__ import annotations

import json
from pathlib import Path

from synth.icp.score import LeadScore
from synth.privacy import Privacy
from synth.render import csv_text, render_template, write_atomic, write_outputs
from synth.render.personas import shown
from synth.workspace import Workspace


def write_icp_outputs(workspace: Workspace, out: Path, privacy: Privacy,
                      templates: Path | None = None) -> list[Path]:
    rows = workspace.query("SELECT detail FROM reports WHERE name = 'icp'")
    report = shown(json.loads(rows[0]["detail"]), privacy)
    texts = {out / "icp.json": json.dumps(report, indent=2, ensure_ascii=False,
                                          sort_keys=True) + "\n",
             out / "icp.md": render_template("icp.md.j2", {"icp": report}, templates)}
    return write_outputs(out, texts)


def write_lead_scores(path: Path, columns: list[str], scores: list[LeadScore]) -> None:
    """The leads as given, best fit first, with `icp_score` and `icp_reasons` added."""
    write_atomic(path, csv_text(
        [*columns, "icp_score", "icp_reasons"],
        ([*(scored.lead.get(c, "") for c in columns), scored.score, "; ".join(scored.reasons)]
         for scored in scores)))
