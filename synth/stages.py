"""The analysis stages as one-call library functions, shared by `synth themes` and `synth run`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from synth.analyse import Analysis, analyse
from synth.analyse.entities import load_gazetteer
from synth.analyse.facts import VERSION, Describer, spacy_describer
from synth.analyse.framework import load_framework
from synth.embed import DEFAULT_MODEL, Embedder, SentenceTransformerEmbedder
from synth.errors import SynthError
from synth.render.themes import write_theme_outputs
from synth.themes import Theme, build_themes
from synth.workspace import Workspace


@dataclass
class ThemeSettings:
    out: Path = Path("outputs")
    model: str = DEFAULT_MODEL
    framework: Path | None = None
    themes: int | None = None            # themes per question; None: chosen automatically
    templates: Path | None = None


@dataclass
class ThemesResult:
    analysis: Analysis
    themes: list[Theme]
    assigned: int
    written: list[Path]


def run_themes(workspace: Workspace, settings: ThemeSettings,
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
    written = write_theme_outputs(workspace, settings.out, framework, settings.templates)
    return ThemesResult(analysis, themes, len(assignment), written)
