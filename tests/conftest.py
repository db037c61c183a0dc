"""Shared fixtures: a fake sentence splitter for fast tests, paths to the shared real data."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

import synth.ingest
from synth.workspace import Workspace

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
INTERVIEWS = SHARED / "pypi-mismatches-interviews"
JUPYTER_SURVEY = SHARED / "jupyter-ux-survey-2015" / "survey-export.csv"


def fake_splitter(texts: list[str]) -> Iterator[list[tuple[int, int]]]:
    """Split after . ! or ? followed by white space: deterministic, no model."""
    for text in texts:
        spans, start = [], 0
        for match in re.finditer(r"(?<=[.!?…])\s+", text):
            spans.append((start, match.start()))
            start = match.end()
        spans.append((start, len(text)))
        yield [(a, b) for a, b in spans if text[a:b].strip()]


@pytest.fixture
def fake_nlp(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make ingest segment with the fake splitter instead of loading spaCy."""
    monkeypatch.setattr(synth.ingest, "spacy_splitter", lambda: fake_splitter)


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    with Workspace.open(tmp_path / "ws") as ws:
        yield ws


@pytest.fixture
def write(tmp_path: Path):
    """write('name.txt', text or bytes) -> Path inside a fresh folder."""
    folder = tmp_path / "in"
    folder.mkdir()

    def _write(name: str, content: str | bytes, encoding: str = "utf-8") -> Path:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding=encoding)
        return path

    return _write


def needs(path: Path) -> pytest.MarkDecorator:
    return pytest.mark.skipif(not path.exists(), reason=f"{path} is absent (shared data)")
