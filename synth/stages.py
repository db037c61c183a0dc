"""The analysis stages as one-call library functions, shared by the CLI commands.

`run_themes` (analyse every unit, cluster themes, write units.csv, themes.json, themes.md),
`run_personas` (segment, build cards, write the persona outputs and the DevRel plan),
`run_icp` (the ideal customer profile, icp.md and icp.json), `run_report` (report.html, the
offline HTML report of all of it) and `run_score` (leads against the ICP). Each reads what the
stage before stored in the workspace, and each writes its outputs atomically.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from synth.analyse import Analysis, analyse
from synth.analyse.entities import load_gazetteer
from synth.analyse.facts import VERSION, Describer, spacy_describer
from synth.analyse.framework import load_framework
from synth.embed import DEFAULT_MODEL, Embedder, SentenceTransformerEmbedder
from synth.errors import SynthError
from synth.icp import IcpFindings, LeadScore, score_leads
from synth.icp.leads import read_leads
from synth.icp.report import build_icp
from synth.personas import PersonasResult, build_personas
from synth.render.devrel import write_devrel_plan
from synth.render.icp import write_icp_outputs, write_lead_scores
from synth.render.personas import write_persona_outputs
from synth.render.report import prepare_chart_library, write_report
from synth.render.themes import write_theme_outputs
from synth.signals import detect, load_signals
from synth.study import check_complete, load_study, study_privacy
from synth.themes import Theme, build_themes
from synth.workspace import Workspace


@dataclass
class Settings:
    out: Path = Path("outputs")
    model: str = DEFAULT_MODEL
    framework: Path | None = None
    themes: int | None = None            # themes per question; None: chosen automatically
    templates: Path | None = None
    keep_names: bool = False
    personas: int | None = None          # number of personas; None: chosen automatically
    motivations: Path | None = None
    signals: Path | None = None
    value_column: str | None = None      # ICP value signal; None: found from the headers
    columns: dict[str, str] | None = None   # ICP column roles -> headers, overriding detection


@dataclass
class ThemesResult:
    analysis: Analysis
    themes: list[Theme]
    assigned: int
    written: list[Path]


def run_themes(workspace: Workspace, settings: Settings,
               embedder: Embedder | None = None,
               describer: tuple[Describer, str] | None = None) -> ThemesResult:
    """Analyse every unit, cluster themes, write units.csv, themes.json and themes.md.

    `embedder` and `describer` (with its cache fingerprint) default to the real models.
    """
    if not workspace.query("SELECT 1 FROM units LIMIT 1"):
        raise SynthError(f"the workspace {workspace.directory} holds no statements yet. "
                         "Run `synth ingest PATH...` first")
    check_complete(workspace)
    framework = load_framework(settings.framework)
    if describer is None:
        gazetteer = load_gazetteer()
        describer = (spacy_describer(gazetteer),
                     f"spacy+vader:{VERSION}:{gazetteer.fingerprint}")
    embedder = embedder or SentenceTransformerEmbedder(settings.model)
    analysis = analyse(workspace, framework, embedder, describer[0], describer[1])
    themes, assignment = build_themes(workspace, analysis, framework, embedder,
                                       settings.themes)
    privacy = study_privacy(workspace, settings.keep_names)
    written = write_theme_outputs(workspace, settings.out, framework, privacy,
                                  settings.templates)
    return ThemesResult(analysis, themes, len(assignment), written)


@dataclass
class PersonasRun:
    result: PersonasResult
    written: list[Path]


def run_personas(workspace: Workspace, settings: Settings,
                 embedder: Embedder | None = None) -> PersonasRun:
    """Segment the analysed study into personas and write their cards."""
    embedder = embedder or SentenceTransformerEmbedder(settings.model)
    study = load_study(workspace, embedder)
    framework = load_framework(settings.framework)
    result = build_personas(workspace, study, framework, embedder, settings.personas,
                            settings.motivations, settings.signals)
    privacy = study_privacy(workspace, settings.keep_names)
    written = write_persona_outputs(workspace, settings.out, privacy, settings.templates)
    written.append(write_devrel_plan(workspace, settings.out, privacy, settings.templates))
    return PersonasRun(result, written)


@dataclass
class IcpRun:
    report: dict
    findings: IcpFindings | None
    written: list[Path]


def icp_report(workspace: Workspace, settings: Settings,
               embedder: Embedder | None = None) -> tuple[dict, IcpFindings | None]:
    """The ICP of the analysed, segmented study (not stored, not written)."""
    embedder = embedder or SentenceTransformerEmbedder(settings.model)
    study = load_study(workspace, embedder)
    assigned = workspace.query("SELECT participant_id, persona_id FROM participant_personas"
                               " WHERE persona_id IS NOT NULL")
    if not assigned:
        raise SynthError("the workspace has no personas yet. Run `synth personas` (or "
                         "`synth run PATH...`) first")
    names = {row["id"]: json.loads(row["detail"])["name"]
             for row in workspace.query("SELECT id, detail FROM personas")}
    signals = load_signals(settings.signals)
    signals_of = [detect(unit.text, signals) for unit in study.units]
    return build_icp(study, {r["participant_id"]: r["persona_id"] for r in assigned}, names,
                     signals_of, settings.value_column, settings.columns)


def run_icp(workspace: Workspace, settings: Settings,
            embedder: Embedder | None = None) -> IcpRun:
    """Build the ICP, store it, write icp.md and icp.json."""
    report, findings = icp_report(workspace, settings, embedder)
    with workspace.transaction() as db:
        db.execute("INSERT OR REPLACE INTO reports (name, detail) VALUES ('icp', ?)",
                   (json.dumps(report, sort_keys=True),))
    privacy = study_privacy(workspace, settings.keep_names)
    written = write_icp_outputs(workspace, settings.out, privacy, settings.templates)
    return IcpRun(report, findings, written)


def run_report(workspace: Workspace, settings: Settings, progress: object = None) -> Path:
    """Write report.html from what the stages stored (no model is loaded). `progress` is
    taken like the other stages' and unused: the report takes seconds."""
    prepare_chart_library()
    framework = load_framework(settings.framework)
    privacy = study_privacy(workspace, settings.keep_names)
    return write_report(workspace, settings.out, framework, privacy, settings.templates)


def run_score(workspace: Workspace, settings: Settings, leads: Path, out: Path,
              embedder: Embedder | None = None) -> list[LeadScore]:
    """Score every lead in the `leads` CSV against the study's ICP; write them to `out`."""
    columns, rows = read_leads(leads)
    _, findings = icp_report(workspace, settings, embedder)
    if findings is None:
        raise SynthError("this study has no firmographic ICP to score leads against (no "
                         "survey columns such as company size or industry with a value "
                         "signal). Run `synth icp` to see why")
    scores = score_leads(findings, rows, columns, source=str(leads))
    write_lead_scores(out, columns, scores)
    return scores
