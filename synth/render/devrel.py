"""devrel-plan.md: per persona, what moves them, the incentives and content that fit, where
to reach them and the pains to address first, from the stored persona cards."""

from __future__ import annotations

from pathlib import Path

from synth.privacy import Privacy
from synth.render import render_template, write_outputs
from synth.render.personas import persona_records
from synth.workspace import Workspace


def write_devrel_plan(workspace: Workspace, out: Path, privacy: Privacy,
                      templates: Path | None = None) -> Path:
    personas = persona_records(workspace, privacy)
    for persona in personas:
        sections = {s["id"]: s for s in persona["sections"]}
        persona["pains"] = sections["frustration"]["themes"]
        persona["pain_quotes"] = sections["frustration"]["quotes"]
    path = out / "devrel-plan.md"
    write_outputs(out, {path: render_template("devrel-plan.md.j2", {"personas": personas},
                                               templates)})
    return path
