"""The analysis stages as one-call library functions, shared by the CLI commands.

`run_themes` (analyse every unit, cluster themes, write units.csv, themes.json, themes.md)
and `run_personas` (segment, build cards, write the persona outputs). Each reads what the
stage before stored in the workspace, and each writes its outputs atomically.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from synth.analyse import Analysis, analyse
from synth.analyse.entities import load_gazetteer
from synth.analyse.facts import VERSION, Describer, spacy_describer
from synth.analyse.framework import load_framework
from synth.embed import DEFAULT_MODEL, Embedder, SentenceTransformerEmbedder
from synth.errors import SynthError
from synth.personas import PersonasResult, build_personas
from synth.render.personas import write_persona_outputs
from synth.render.themes import write_theme_outputs
from synth.study import load_study, study_privacy
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
    framework = load_framework(settings.framework)
    if describer is None:
        gazetteer = load_gazetteer()
        describer = (spacy_describer(gazetteer),
                     f"spacy+vader:{VERSION}:{gazetteer.fingerprint}")
    embedder = embedder or SentenceTransformerEmbedder(settings.model)
    analysis = analyse(workspace, framework, embedder, describer[0], describer[1])
    themes, assignment = build_themes(workspace, analysis, framework, settings.themes)
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
    return PersonasRun(result, written)
