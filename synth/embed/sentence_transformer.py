"""The model as sentence-transformers runs it in PyTorch: the exact vectors
(`--precision full`)."""

from __future__ import annotations

import numpy as np

from synth.embed.base import Embedder
from synth.embed.files import DEFAULT_MODEL, model_path, offline
from synth.errors import SynthError

BATCH = 64


class SentenceTransformerEmbedder(Embedder):
    """A sentence-transformers model, loaded from disk only (no hub, no network)."""

    def __init__(self, model: str = DEFAULT_MODEL, device: str | None = None) -> None:
        self.name = model
        self._model_ref = model
        self._device = device
        self._model = None

    def __getstate__(self) -> dict:
        """Pickled (for Ray workers) without the loaded model: each worker loads its own."""
        return {**self.__dict__, "_model": None}

    def _load(self):  # type: ignore[no-untyped-def]
        offline()
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as transformers_logging

        transformers_logging.disable_progress_bar()
        path = model_path(self._model_ref)
        device = self._device
        if device is None:
            import torch

            device = "cuda" if torch.cuda.is_available() else "cpu"
        try:
            return SentenceTransformer(str(path), device=device)
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
