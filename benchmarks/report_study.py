"""The analysed Jupyter survey the report benchmarks read: an existing workspace, or one
built here with the real models (ingest, themes, personas, ICP: minutes)."""

from __future__ import annotations

from pathlib import Path

from synth.ingest import IngestOptions, ingest
from synth.stages import Settings, run_icp, run_personas, run_themes
from synth.workspace import Workspace

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
SURVEY = Path("jupyter-ux-survey-2015") / "survey-export.csv"


def analysed(workspace: Path, survey: Path, out: Path) -> Path:
    """`workspace`, analysed: left as it is when it holds an ICP already."""
    with Workspace.open(workspace) as ws:
        if ws.query("SELECT 1 FROM reports WHERE name = 'icp'"):
            return workspace
        print(f"analysing {survey} into {workspace} with the real models (minutes)...")
        ingest(ws, [survey], IngestOptions())
        settings = Settings(out=out)
        run_themes(ws, settings)
        run_personas(ws, settings)
        run_icp(ws, settings)
    return workspace
