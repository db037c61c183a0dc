"""Shared fixtures: fakes for fast tests (sentence splitter, embedder, describer), paths to the
shared real data and the sample corpus."""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

import synth.ingest
from synth.analyse.facts import Facts
from synth.embed import Embedder
from synth.workspace import Workspace

# spaCy parses in this process in tests: forking its workers inside a long pytest process,
# after other tests have started thread pools, deadlocked them (synth.analyse.facts)
os.environ["SYNTH_SPACY_PROCESSES"] = "1"

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
INTERVIEWS = SHARED / "pypi-mismatches-interviews"
JUPYTER_SURVEY = SHARED / "jupyter-ux-survey-2015" / "survey-export.csv"
CORPUS = ROOT / "corpora"


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


@pytest.fixture(name="synth")
def synth_cli(tmp_path: Path, fake_nlp: None, monkeypatch: pytest.MonkeyPatch):
    """The CLI on a workspace in tmp_path, run from tmp_path: synth("ingest", path...)."""
    from click.testing import CliRunner

    from synth.cli import main

    monkeypatch.chdir(tmp_path)
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(main, ["--workspace", str(tmp_path / "ws"), *args])

    return invoke


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


class FakeEmbedder(Embedder):
    """Deterministic bag-of-words vectors: texts sharing words are similar. No model."""

    name = "fake-bow"
    size = 64

    def embed_batch(self, texts: list[str]) -> np.ndarray:
        vectors = np.zeros((len(texts), self.size), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"[a-z]+", text.lower()):
                if len(word) > 2:
                    digest = hashlib.sha256(word.encode()).digest()
                    vectors[row, digest[0] % self.size] += 1.0
            vectors[row, self.size - 1] += 0.1   # never all zero
        return vectors


def fake_describer(texts: list[str]) -> Iterator[Facts]:
    """Facts without spaCy: words of 4+ letters as phrases, lemmas and label candidates, no
    entities; a statement stands alone unless it is a question."""
    for text in texts:
        words = sorted({w for w in re.findall(r"[a-z]+", text.lower()) if len(w) > 3})
        sentiment = -0.5 if re.search(r"slow|flaky|hate|broken", text, re.I) else 0.2
        yield Facts(sentiment, (), tuple(words), tuple(words), tuple(words),
                    not text.rstrip().endswith("?"), len(words))


FAKES = (FakeEmbedder(), (fake_describer, "fake"))
