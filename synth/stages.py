"""The analysis stages as one-call library functions, shared by the CLI commands.

`run_themes` (analyse every unit, cluster themes, write units.csv, themes.json, themes.md),
`run_personas` (segment, build cards, write the persona outputs and the DevRel plan),
`run_icp` (the ideal customer profile, icp.md and icp.json), `run_report` (report.html, the
offline HTML report of all of it) and `run_score` (leads against the ICP). Each reads what the
stage before stored in the workspace, and each writes its outputs atomically.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from synth.analyse import Analysis, analyse, build_prototypes
from synth.analyse.entities import load_gazetteer
from synth.analyse.facts import VERSION, Describer, spacy_describer
from synth.analyse.framework import Framework, load_framework
from synth.codebook.changes import (
    add_persona_changes,
    mark_written,
    pending_changes,
    persona_changes,
    snapshot,
    store_changes,
    write_changes,
)
from synth.codebook.edits import apply_edits, read_edits
from synth.embed import DEFAULT_MODEL, Embedder, Executor, embed, load_embedder
from synth.errors import SynthError
from synth.icp import IcpFindings, LeadScore, score_leads
from synth.icp.leads import read_leads
from synth.icp.report import build_icp
from synth.personas import Definition, PersonasResult, build_personas
from synth.progress import Progress, silent
from synth.render.devrel import write_devrel_plan
from synth.render.icp import write_icp_outputs, write_lead_scores
from synth.render.personas import write_persona_outputs
from synth.render.report import prepare_chart_library, write_report
from synth.render.themes import write_theme_outputs
from synth.signals import load_signals
from synth.study import check_complete, load_study, study_privacy
from synth.themes import Theme, build_themes
from synth.themes.codebook import load as load_codebook
from synth.themes.columns import Column, apply_overrides, propose, read_study_file
from synth.themes.plan import Planner
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
    by: str | None = None                # personas by the answers of this column
    by_map: Path | None = None           # ...grouped by this mapping file
    define: Path | None = None           # personas the researcher defines (personas.yaml)
    audience: str = "auto"               # developers | other | auto: does the framework fit?
    motivations: Path | None = None
    signals: Path | None = None
    value_column: str | None = None      # ICP value signal; None: found from the headers
    columns: dict[str, str] | None = None   # ICP column roles -> headers, overriding detection
    precision: str | None = None         # "fast" or "full"; None: as the study was analysed
    executor: Executor | None = None     # where embedding batches run; None: here
    codebook: Path | None = None         # the researcher's edited codebook to apply first
    recluster: bool = False              # cluster again, matching ids, instead of incrementally
    strict_codebook: bool = False        # refuse a REFI-QDA codebook in which nothing matches
    study: Path | None = None            # the study file (survey columns' questions, stances)


EMBEDDER_SETTING = "embedder"


def embedder_for(workspace: Workspace, settings: Settings) -> Embedder:
    """The embedder `settings` ask for; later stages default to the one the study was
    analysed with, so its cached vectors are used rather than recomputed."""
    precision = settings.precision
    if precision is None:
        used = workspace.setting(EMBEDDER_SETTING)
        precision = used["precision"] if used and used["model"] == settings.model else "fast"
    return load_embedder(settings.model, precision)


STUDY_FILE = Path("synth.yaml")
LEMMA_CHUNK = 1000     # label candidates lemmatised at a time, under PARALLEL_FROM


def lemmatizer(describe: Describer) -> Callable[[list[str]], list[frozenset[str]]]:
    """Content lemmas of label candidates: the describer's own lemmatizer when it has one
    (spaCy's tagger and lemmatizer alone), else what `describe` says of them, in chunks it
    handles in this process. Never in forked workers: forking spaCy workers after the
    embedder's thread pools have started can deadlock the children (it hung a test run on
    the interviews' 20,000 candidates)."""
    fast = getattr(describe, "lemmas", None)
    if fast is not None:
        return fast  # type: ignore[no-any-return]

    def lemmatize(phrases: list[str]) -> list[frozenset[str]]:
        return [frozenset(f.lemmas) for start in range(0, len(phrases), LEMMA_CHUNK)
                for f in describe(phrases[start:start + LEMMA_CHUNK])]
    return lemmatize


@dataclass
class ThemesResult:
    analysis: Analysis
    themes: list[Theme]
    assigned: int
    written: list[Path]
    planner: Planner | None = None
    columns: dict[str, Column] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)   # what reading a REFI-QDA codebook found


def survey_columns(workspace: Workspace, analysis: Analysis, framework: Framework,
                   embedder: Embedder, study: Path | None = None) -> dict[str, Column]:
    """Each open-ended survey column's question and stance: proposed from its header, then
    the study file's overrides (`study`, else ./synth.yaml when there is one)."""
    headers = sorted({q for q, kind in zip(analysis.questions or [], analysis.kinds or [])
                      if kind == "survey" and q})
    if not headers:
        return {}
    prototypes = build_prototypes(framework, embedder, workspace)
    prompts = {d.id: rows for d, rows in zip(framework.dimensions, prototypes.questions)
               if d.questions}
    proposed = propose(headers, embed(workspace, embedder, headers), prompts)
    path = study if study is not None else (STUDY_FILE if STUDY_FILE.is_file() else None)
    if path is None:
        return proposed
    return apply_overrides(proposed, read_study_file(path, [d.id for d in framework.dimensions]
                                                     + ["other"]), str(path))


def run_themes(workspace: Workspace, settings: Settings,
               embedder: Embedder | None = None,
               describer: tuple[Describer, str] | None = None,
               progress: Progress = silent) -> ThemesResult:
    """Analyse every unit, cluster themes, write units.csv, themes.json and themes.md.

    `embedder` and `describer` (with its cache fingerprint) default to the real models.
    """
    if not workspace.query("SELECT 1 FROM units LIMIT 1"):
        raise SynthError(f"the workspace {workspace.directory} holds no statements yet. "
                         "Run `synth ingest PATH...` first")
    check_complete(workspace)
    framework = load_framework(settings.framework)
    # the codebook file is read and checked before any model loads: a mistake in it is
    # reported in a moment, not after the 7-14 s the models take
    codebook = load_codebook(workspace)
    edits = (read_edits(settings.codebook, codebook, framework, workspace,
                        settings.strict_codebook) if settings.codebook else None)
    if settings.study is not None and not settings.study.is_file():
        raise SynthError(f"{settings.study}: no such study file. Check the path, or leave "
                         "out --study to use ./synth.yaml when there is one")
    if describer is None:
        gazetteer = load_gazetteer()
        describer = (spacy_describer(gazetteer),
                     f"spacy+vader:{VERSION}:{gazetteer.fingerprint}")
    if embedder is None:
        embedder = embedder_for(workspace, settings)
        workspace.set_setting(EMBEDDER_SETTING, {"model": settings.model,
                                                 "precision": settings.precision or "fast"})
    analysis = analyse(workspace, framework, embedder, describer[0], describer[1], progress,
                       settings.executor)
    columns = survey_columns(workspace, analysis, framework, embedder, settings.study)
    lemmatize = lemmatizer(describer[0])

    before = snapshot(codebook)
    planner = Planner(codebook, settings.themes, settings.recluster)
    planner.source = str(settings.codebook or "")
    pending = pending_changes(workspace)
    planner.on_store.append(lambda db: store_changes(db, before, planner, pending))
    if edits is not None:
        apply_edits(edits, planner, analysis, lambda texts: embed(workspace, embedder, texts))
    themes, assignment = build_themes(workspace, analysis, framework, embedder,
                                      settings.themes, planner, progress, columns, lemmatize)
    privacy = study_privacy(workspace, settings.keep_names)
    written = write_theme_outputs(workspace, settings.out, framework, privacy,
                                  settings.templates, progress)
    written.append(write_changes(workspace, settings.out, privacy, settings.templates))
    mark_written(workspace)
    return ThemesResult(analysis, themes, len(assignment), written, planner, columns,
                        edits.notes if edits is not None else [])


@dataclass
class PersonasRun:
    result: PersonasResult
    written: list[Path]


def run_personas(workspace: Workspace, settings: Settings,
                 embedder: Embedder | None = None, progress: Progress = silent) -> PersonasRun:
    """Segment the analysed study into personas and write their cards."""
    embedder = embedder or embedder_for(workspace, settings)
    study = load_study(workspace, embedder)
    framework = load_framework(settings.framework)
    before = _memberships(workspace)
    if settings.by_map and not settings.by:
        raise SynthError("--map groups the answers of a column: give the column with --by")
    if settings.define and (settings.by or settings.personas):
        raise SynthError("--define gives the personas itself: leave out --by and --k")
    if settings.by and settings.personas:
        raise SynthError("--by makes one persona per answer: leave out --k")
    result = build_personas(workspace, study, framework, embedder, settings.personas,
                            settings.motivations, settings.signals, progress,
                            Definition(settings.by, settings.by_map, settings.define),
                            settings.audience)
    names = {row["id"]: json.loads(row["detail"])["name"]
             for row in workspace.query("SELECT id, detail FROM personas")}
    add_persona_changes(workspace, persona_changes(before, _memberships(workspace), names))
    privacy = study_privacy(workspace, settings.keep_names)
    written = write_persona_outputs(workspace, settings.out, privacy, settings.templates)
    written.append(write_devrel_plan(workspace, settings.out, privacy, settings.templates))
    written.append(write_changes(workspace, settings.out, privacy, settings.templates))
    return PersonasRun(result, written)


def _memberships(workspace: Workspace) -> dict[str, str | None]:
    return {row["participant_id"]: row["persona_id"] for row in workspace.query(
        "SELECT participant_id, persona_id FROM participant_personas")}


def export_codebook_file(workspace: Workspace, path: Path, keep_names: bool = False) -> int:
    """Write the codebook to `path` (.yaml or .qdc); -> the number of themes."""
    from synth.codebook.files import codebook_records, export_codebook

    codebook = load_codebook(workspace)
    if not codebook.entries:
        raise SynthError("the workspace has no themes yet. Run `synth themes` (or `synth run "
                         "PATH...`) first")
    privacy = study_privacy(workspace, keep_names)
    export_codebook(workspace, codebook, path, privacy)
    return len(codebook_records(workspace, codebook, privacy))


def export_project_file(workspace: Workspace, path: Path, keep_names: bool = False) -> dict:
    """Write the project as REFI-QDA `.qdpx`; -> counts of sources, codes, codings."""
    from synth.codebook.project import export_project

    if path.suffix.lower() != ".qdpx":
        raise SynthError(f"{path}: synth exports projects as REFI-QDA .qdpx. Name the file "
                         "FILE.qdpx (or use `synth codebook export FILE.qdc` for the codebook)")
    if not load_codebook(workspace).entries:
        raise SynthError("the workspace has no themes yet. Run `synth themes` (or `synth run "
                         "PATH...`) first")
    return export_project(workspace, path, study_privacy(workspace, keep_names))


@dataclass
class IcpRun:
    report: dict
    findings: IcpFindings | None
    written: list[Path]


def icp_report(workspace: Workspace, settings: Settings,
               embedder: Embedder | None = None) -> tuple[dict, IcpFindings | None]:
    """The ICP of the analysed, segmented study (not stored, not written)."""
    embedder = embedder or embedder_for(workspace, settings)
    study = load_study(workspace, embedder)
    assigned = workspace.query("SELECT participant_id, persona_id FROM participant_personas"
                               " WHERE persona_id IS NOT NULL")
    if not assigned:
        raise SynthError("the workspace has no personas yet. Run `synth personas` (or "
                         "`synth run PATH...`) first")
    names = {row["id"]: json.loads(row["detail"])["name"]
             for row in workspace.query("SELECT id, detail FROM personas")}
    return build_icp(study, {r["participant_id"]: r["persona_id"] for r in assigned}, names,
                     load_signals(settings.signals), settings.value_column, settings.columns)


def run_icp(workspace: Workspace, settings: Settings,
            embedder: Embedder | None = None, progress: Progress = silent) -> IcpRun:
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
              embedder: Embedder | None = None, progress: Progress = silent) -> list[LeadScore]:
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
