"""The same sentence-transformers model, run by ONNX Runtime with int8 weights.

On first use the model's transformer is exported to ONNX from its local weights and its
weights quantized to int8 (dynamic quantization, per channel), once per machine: the file
is cached under `cache_dir()` and keyed by the weights, so a changed model is exported
again. Nothing is downloaded. Tokenizer, truncation (the model's `max_seq_length`),
pooling and normalisation are the model's own, read from its sentence-transformers
configuration; only the arithmetic changes. `benchmarks/scale.py` and
`benchmarks/insight_quality.py` measure the speed it buys and the quality it costs.

Texts are run in batches of similar length (sorted by length, so little padding is
computed) on every core the process may use.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import numpy as np

from synth.embed.base import Embedder
from synth.embed.files import model_path, offline
from synth.errors import SynthError

EXPORT_VERSION = "1"     # bump when the export or quantization changes: caches are rebuilt
BATCH = 16      # texts per run: on 2 cores, 10,000 short answers took 15 s in batches of 16
                # and 20-23 s in batches of 64 (int8 matrices small enough to stay in cache)
SUPPORTED_MODULES = {"sentence_transformers.models.Transformer",
                     "sentence_transformers.models.Pooling",
                     "sentence_transformers.models.Normalize"}


def cache_dir() -> Path:
    """Where exported models are kept: $SYNTH_CACHE, else $XDG_CACHE_HOME/synth, else
    ~/.cache/synth."""
    if os.environ.get("SYNTH_CACHE"):
        return Path(os.environ["SYNTH_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "synth"


class OnnxEmbedder(Embedder):
    """A sentence-transformers model (Transformer + Pooling [+ Normalize]) run by ONNX
    Runtime with int8 weights."""

    def __init__(self, model: str) -> None:
        self.name = f"{model}@onnx-int8"
        self._model_ref = model
        self._session = None

    def __getstate__(self) -> dict:
        """Pickled (for Ray workers) without the loaded session: each worker loads its own."""
        return {"name": self.name, "_model_ref": self._model_ref, "_session": None}

    def embed_batch(self, texts: list[str]) -> np.ndarray:
        if self._session is None:
            self._load()
        order = sorted(range(len(texts)), key=lambda i: (len(texts[i]), i))
        out = np.zeros((len(texts), self._dimension), dtype=np.float32)
        for start in range(0, len(order), BATCH):
            rows = order[start:start + BATCH]
            out[rows] = self._run([texts[i] for i in rows])
        return out

    def _run(self, texts: list[str]) -> np.ndarray:
        encoded = self._tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encoded], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._inputs:
            feeds["token_type_ids"] = np.array([e.type_ids for e in encoded], dtype=np.int64)
        tokens = self._session.run(None, feeds)[0]
        if self._pooling == "cls":
            return tokens[:, 0]
        weights = mask[..., None].astype(np.float32)
        return (tokens * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)

    def _load(self) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        path = model_path(self._model_ref)
        self._pooling, max_length = _configuration(path, self._model_ref)
        exported = _exported(path)
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = len(os.sched_getaffinity(0))
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        self._session = onnxruntime.InferenceSession(str(exported), options,
                                                     providers=["CPUExecutionProvider"])
        self._inputs = {i.name for i in self._session.get_inputs()}
        self._dimension = int(json.loads((path / "config.json").read_text())["hidden_size"])
        tokenizer = Tokenizer.from_file(str(path / "tokenizer.json"))
        tokenizer.enable_truncation(max_length=max_length)
        pad = _pad_token(path)          # to the longest in each batch (the file may fix 128)
        tokenizer.enable_padding(pad_id=tokenizer.token_to_id(pad) or 0, pad_token=pad)
        self._tokenizer = tokenizer


def _pad_token(path: Path) -> str:
    """The model's padding token, from its tokenizer files ([PAD] for BERT models)."""
    try:
        special = json.loads((path / "special_tokens_map.json").read_text())
    except (OSError, ValueError):
        return "[PAD]"
    pad = special.get("pad_token", "[PAD]")
    return pad["content"] if isinstance(pad, dict) else str(pad)


def _configuration(path: Path, name: str) -> tuple[str, int]:
    """(pooling, max tokens) from the model's sentence-transformers files."""
    def fail(why: str) -> SynthError:
        return SynthError(f"the model '{name}' cannot run with --precision fast ({why}). "
                          "Use --precision full")

    try:
        modules = json.loads((path / "modules.json").read_text())
        pooling = json.loads((path / "1_Pooling" / "config.json").read_text())
        settings = json.loads((path / "sentence_bert_config.json").read_text())
    except (OSError, ValueError) as error:
        raise fail(f"its sentence-transformers files are missing: {error}") from None
    if {m["type"] for m in modules} - SUPPORTED_MODULES or not (path / "tokenizer.json").exists():
        raise fail("it has modules other than a transformer, pooling and normalisation")
    if pooling.get("pooling_mode_mean_tokens"):
        mode = "mean"
    elif pooling.get("pooling_mode_cls_token"):
        mode = "cls"
    else:
        raise fail("it pools other than by mean or [CLS]")
    return mode, int(settings.get("max_seq_length", 256))


def _exported(path: Path) -> Path:
    """The int8 ONNX file for the model at `path`, exported on first use."""
    import onnxruntime
    import torch

    weights = sorted(p for p in path.iterdir() if p.suffix in {".safetensors", ".bin"})
    digest = hashlib.sha256(f"{EXPORT_VERSION}:{torch.__version__}:"
                            f"{onnxruntime.__version__}".encode())
    for file in [*weights, path / "config.json"]:
        digest.update(file.read_bytes())
    target = cache_dir() / "onnx" / f"{path.name}-{digest.hexdigest()[:16]}" / "model-int8.onnx"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        _export(path, target)
    return target


def _export(path: Path, target: Path) -> None:
    import inspect
    import logging
    import tempfile
    import warnings

    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from transformers import AutoModel

    offline()
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()
    model = AutoModel.from_pretrained(str(path)).eval()
    typed = "token_type_ids" in inspect.signature(model.forward).parameters
    names = ["input_ids", "attention_mask", *(["token_type_ids"] if typed else [])]

    class Tokens(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.model = model

        def forward(self, *inputs: torch.Tensor) -> torch.Tensor:
            return self.model(**dict(zip(names, inputs))).last_hidden_state

    example = tuple(torch.ones((2, 8), dtype=torch.long) for _ in names)
    with tempfile.TemporaryDirectory(dir=target.parent) as folder:
        full = Path(folder) / "model.onnx"
        quantized = Path(folder) / "model-int8.onnx"
        with warnings.catch_warnings(), torch.no_grad():
            warnings.simplefilter("ignore")
            torch.onnx.export(Tokens().eval(), example, str(full), input_names=names,
                              output_names=["tokens"], opset_version=17, dynamo=False,
                              dynamic_axes={n: {0: "batch", 1: "length"}
                                            for n in [*names, "tokens"]})
        logging.disable(logging.WARNING)   # the quantizer logs advice to the root logger
        try:
            quantize_dynamic(str(full), str(quantized), weight_type=QuantType.QInt8,
                             per_channel=True)
        finally:
            logging.disable(logging.NOTSET)
        os.replace(quantized, target)
