"""The embedder interface, and `embed()`: batching, normalising and caching, once.

An `Embedder` answers one question, `embed_batch(texts)`. `embed()` asks it only for texts
the workspace has not cached under the embedder's name, in a canonical order (by hash) and
in fixed chunks, so what is computed does not depend on the order texts arrive in; each
chunk is stored as soon as it is computed. An `Executor` decides where the chunks run:
here, one after another, or on a Ray cluster (`synth.embed.ray`).
"""

from __future__ import annotations

import hashlib
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator

import numpy as np

from synth.progress import Progress, silent
from synth.workspace import Workspace

CHUNK = 512        # texts per embed_batch call, and per stored transaction
LOOKUP = 500       # hashes per cache query


class Embedder(ABC):
    """Turns texts into vectors. `name` keys the cache: change it when the vectors change."""

    name: str

    @abstractmethod
    def embed_batch(self, texts: list[str]) -> np.ndarray:
        """One row per text, any scale (embed() normalises)."""


class Executor:
    """Runs `embedder.embed_batch` over chunks, yielding results in the chunks' order."""

    def map(self, embedder: Embedder, chunks: Iterable[list[str]]) -> Iterator[np.ndarray]:
        for chunk in chunks:
            yield embedder.embed_batch(chunk)


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def embed(workspace: Workspace | None, embedder: Embedder, texts: list[str],
          progress: Progress = silent, executor: Executor | None = None) -> np.ndarray:
    """Normalised float32 vectors for `texts` (one row each), computing only those not
    cached yet."""
    if not texts:
        return np.zeros((0, 0), dtype=np.float32)
    hashes = [text_hash(text) for text in texts]
    row_of = {h: i for i, h in enumerate(dict.fromkeys(hashes))}
    table = _Table(len(row_of))
    if workspace is not None:
        for h, vector in _cached(workspace, embedder.name, sorted(row_of)):
            table.put([row_of[h]], vector[None, :])
    todo = sorted({h: t for h, t in zip(hashes, texts) if not table.has(row_of[h])}.items())
    chunks = [todo[start:start + CHUNK] for start in range(0, len(todo), CHUNK)]
    done = 0
    progress("embedding", 0, len(todo), "")
    computed = (executor or Executor()).map(embedder, ([t for _, t in c] for c in chunks))
    for chunk, vectors in zip(chunks, computed):
        vectors = _normalised(vectors)
        table.put([row_of[h] for h, _ in chunk], vectors)
        if workspace is not None:
            with workspace.transaction() as db:
                db.executemany("INSERT OR REPLACE INTO embeddings VALUES (?, ?, ?)",
                               [(embedder.name, h, v.tobytes()) for (h, _), v in
                                zip(chunk, vectors)])
        done += len(chunk)
        progress("embedding", done, len(todo), "")
    if len(row_of) == len(hashes):
        return table.rows
    return table.rows[[row_of[h] for h in hashes]]


class _Table:
    """One vector per distinct text, allocated once the width is known."""

    def __init__(self, size: int) -> None:
        self.rows = np.zeros((size, 0), dtype=np.float32)
        self.filled = np.zeros(size, dtype=bool)

    def put(self, rows: list[int], vectors: np.ndarray) -> None:
        if not self.rows.shape[1]:
            self.rows = np.zeros((len(self.filled), vectors.shape[1]), dtype=np.float32)
        self.rows[rows] = vectors
        self.filled[rows] = True

    def has(self, row: int) -> bool:
        return bool(self.filled[row])


def _cached(workspace: Workspace, name: str,
            hashes: list[str]) -> Iterator[tuple[str, np.ndarray]]:
    for start in range(0, len(hashes), LOOKUP):
        chunk = hashes[start:start + LOOKUP]
        rows = workspace.query(
            f"SELECT hash, vector FROM embeddings WHERE model = ? AND hash IN"
            f" ({','.join('?' * len(chunk))})", (name, *chunk))
        for r in rows:
            yield r["hash"], np.frombuffer(r["vector"], dtype=np.float32)


def _normalised(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms == 0, 1, norms)
