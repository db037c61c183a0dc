"""The fast embedder (the same model, int8 in ONNX Runtime) against the exact one, and the
Ray executor against the local one. Real models: slow."""

import csv
import json
import sys
from pathlib import Path

import numpy as np
import pytest

from synth.embed import SentenceTransformerEmbedder, embed, load_embedder
from synth.embed.onnx import OnnxEmbedder, cache_dir
from synth.errors import SynthError
from tests.conftest import JUPYTER_SURVEY, needs

pytestmark = pytest.mark.slow

STATEMENTS = [
    "Our CI pipeline is flaky and we rerun it every morning.",
    "I mostly write TypeScript and React on the front end.",
    "I hang out in the Rust Discord and read Hacker News.",
    "The docs never say which version an API appeared in.",
    "We review every pull request before it is merged to main.",
    "Getting promoted to staff engineer is what drives me.",
    "I work closely with the data science team on our models.",
    "VS Code with the Python extension, and Docker for everything.",
    "ok",
    "Setting up the notebook server behind our company proxy took a week of back and forth "
    "with IT, and in the end we gave up and ran it on a laptop under someone's desk.",
]


@pytest.fixture(scope="module", autouse=True)
def no_ray_left_running():
    yield
    if "ray" in sys.modules and sys.modules["ray"].is_initialized():
        sys.modules["ray"].shutdown()


@pytest.fixture(scope="module")
def both():
    return load_embedder(precision="fast"), load_embedder(precision="full")


def test_fast_vectors_point_where_the_exact_ones_do(both):
    fast, full = both
    a, b = embed(None, fast, STATEMENTS), embed(None, full, STATEMENTS)
    agreement = (a * b).sum(axis=1)
    assert agreement.min() > 0.97
    assert agreement.mean() > 0.985
    # and the neighbours are the same: each statement's nearest other statement
    nearest = lambda v: np.argsort(-(v @ v.T - 2 * np.eye(len(v))), axis=1)[:, 0]  # noqa: E731
    assert (nearest(a) == nearest(b)).mean() >= 0.9


def test_fast_vectors_are_the_same_every_time_and_cached_apart(both, workspace):
    fast, full = both
    once = embed(workspace, fast, STATEMENTS)
    again = embed(None, load_embedder(precision="fast"), STATEMENTS)
    assert once.tobytes() == again.tobytes()
    names = {row["model"] for row in workspace.query("SELECT DISTINCT model FROM embeddings")}
    assert names == {"all-MiniLM-L6-v2@onnx-int8"}
    embed(workspace, full, STATEMENTS[:2])
    names = {row["model"] for row in workspace.query("SELECT DISTINCT model FROM embeddings")}
    assert names == {"all-MiniLM-L6-v2@onnx-int8", "all-MiniLM-L6-v2"}


def test_the_export_is_made_once_and_reused(both, monkeypatch):
    fast, _ = both
    fast.embed_batch(["warm"])
    exported = list((cache_dir() / "onnx").glob("*/model-int8.onnx"))
    assert exported
    import synth.embed.onnx as onnx

    monkeypatch.setattr(onnx, "_export", lambda *_: pytest.fail("exported again"))
    assert OnnxEmbedder("all-MiniLM-L6-v2").embed_batch(["reused"]).shape == (1, 384)


def test_a_model_with_extra_layers_is_refused_with_the_fix(tmp_path: Path):
    folder = tmp_path / "model"
    (folder / "1_Pooling").mkdir(parents=True)
    (folder / "config.json").write_text("{}")
    (folder / "tokenizer.json").write_text("{}")
    (folder / "sentence_bert_config.json").write_text('{"max_seq_length": 128}')
    (folder / "1_Pooling" / "config.json").write_text('{"pooling_mode_mean_tokens": true}')
    (folder / "modules.json").write_text(json.dumps([
        {"type": "sentence_transformers.models.Transformer"},
        {"type": "sentence_transformers.models.Pooling"},
        {"type": "sentence_transformers.models.Dense"}]))
    with pytest.raises(SynthError, match="--precision full"):
        OnnxEmbedder(str(folder)).embed_batch(["x"])


def test_an_unknown_model_name_is_refused_without_the_network():
    with pytest.raises(SynthError, match="never downloads"):
        load_embedder("sentence-transformers/all-mpnet-base-v2", "fast").embed_batch(["x"])
    with pytest.raises(SynthError, match="never downloads"):
        SentenceTransformerEmbedder("sentence-transformers/all-mpnet-base-v2").embed_batch(["x"])


def test_the_cache_folder_follows_synth_cache(monkeypatch, tmp_path):
    monkeypatch.setenv("SYNTH_CACHE", str(tmp_path / "here"))
    assert cache_dir() == tmp_path / "here"
    monkeypatch.delenv("SYNTH_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "synth"


@needs(JUPYTER_SURVEY)
def test_the_ray_executor_gives_the_local_vectors_byte_for_byte(both):
    pytest.importorskip("ray")
    from synth.embed.ray import RayExecutor

    with JUPYTER_SURVEY.open(encoding="utf-8") as handle:
        texts = sorted({cell.strip() for row in csv.reader(handle) for cell in row
                        if len(cell.strip()) > 30})[:1100]          # three chunks
    fast, _ = both
    local = embed(None, fast, texts)
    remote = embed(None, fast, texts, executor=RayExecutor(actors=2))
    assert remote.tobytes() == local.tobytes()


def test_the_ray_path_writes_the_same_outputs_as_the_local_path(tmp_path, fake_nlp):
    """The whole themes stage, on a small survey, through Ray and here: the same files."""
    pytest.importorskip("ray")
    from synth.embed.ray import RayExecutor
    from synth.ingest import IngestOptions, ingest
    from synth.stages import Settings, run_themes
    from synth.workspace import Workspace
    from tests.conftest import fake_describer
    from tests.test_themes import survey

    folder = tmp_path / "in"
    folder.mkdir()

    def write(name, text):
        (folder / name).write_text(text)
        return folder / name

    path = survey(write, rows=60)
    outputs = {}
    for name, executor in (("local", None), ("ray", RayExecutor(actors=2))):
        with Workspace.open(tmp_path / name) as workspace:
            ingest(workspace, [path], IngestOptions())
            run_themes(workspace, Settings(out=tmp_path / f"out-{name}", executor=executor),
                       load_embedder(precision="fast"), (fake_describer, "fake"))
        outputs[name] = {p.name: p.read_bytes() for p in (tmp_path / f"out-{name}").iterdir()
                         if p.is_file()}
    assert outputs["ray"].keys() == outputs["local"].keys()
    assert "themes.json" in outputs["local"]
    for file, content in outputs["local"].items():
        assert outputs["ray"][file] == content, file

