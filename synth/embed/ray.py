"""Embedding batches on a Ray cluster (`--executor ray`), for studies too big for one machine.

Only the embedding stage, by far the heaviest, leaves the machine: `embed()` hands over the
same chunks it would embed here, Ray Data maps them over a pool of actors (each loads the
model once), and the vectors come back in chunk order and are cached in the workspace as
usual. The chunks are the same and each is embedded whole, so the vectors, and every output
built on them, are the same as a local run's on the same kind of CPU.

Point it at a cluster with `--ray-address ray://HEAD:10001` (or `RAY_ADDRESS`); with neither,
a local Ray instance is started for the run. Every node needs synth installed (the same
version, with its model package) and the ONNX cache is built per node on first use.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator

import numpy as np

from synth.embed.base import Embedder, Executor
from synth.errors import SynthError

CPUS_PER_ACTOR = 1


class RayExecutor(Executor):
    def __init__(self, address: str | None = None, actors: int | None = None) -> None:
        self.address = address or os.environ.get("RAY_ADDRESS")
        self.actors = actors

    def map(self, embedder: Embedder, chunks: Iterable[list[str]]) -> Iterator[np.ndarray]:
        chunks = list(chunks)
        if not chunks:
            return
        ray = _connect(self.address)
        context = ray.data.DataContext.get_current()
        context.execution_options.preserve_order = True
        context.enable_progress_bars = False
        actors = self.actors or max(1, int(ray.cluster_resources().get("CPU", 1))
                                    // CPUS_PER_ACTOR)
        items = [{"index": i, "texts": chunk} for i, chunk in enumerate(chunks)]
        done = ray.data.from_items(items, override_num_blocks=len(items)).map_batches(
            _Embed, fn_constructor_kwargs={"embedder": embedder}, batch_size=1,
            batch_format="pandas", compute=ray.data.ActorPoolStrategy(size=actors),
            num_cpus=CPUS_PER_ACTOR)
        for expected, row in enumerate(done.iter_rows()):
            if row["index"] != expected:
                raise SynthError(f"Ray returned embedding chunk {row['index']} where "
                                 f"{expected} was due. Run again, or without --executor ray")
            yield np.frombuffer(row["vectors"], dtype=np.float32).reshape(row["rows"], -1)


class _Embed:
    """A Ray actor: one embedder, loaded once, applied to one chunk per call."""

    def __init__(self, embedder: Embedder) -> None:
        self.embedder = embedder

    def __call__(self, batch):  # type: ignore[no-untyped-def]
        import pandas as pd

        rows = []
        for index, texts in zip(batch["index"], batch["texts"]):
            vectors = np.asarray(self.embedder.embed_batch(list(texts)), dtype=np.float32)
            rows.append({"index": int(index), "rows": len(vectors),
                         "vectors": vectors.tobytes()})
        return pd.DataFrame(rows)


def _connect(address: str | None):  # type: ignore[no-untyped-def]
    try:
        import ray
    except ImportError:
        raise SynthError("--executor ray needs Ray. Install it with `pip install -c "
                         "constraints.txt -e '.[ray]'`, or run without --executor ray") from None
    import logging

    for name in ("ray", "ray.data"):
        logging.getLogger(name).setLevel(logging.ERROR)
    os.environ.setdefault("RAY_BACKEND_LOG_LEVEL", "fatal")
    import ray.data  # Ray Data, onto the module

    if not ray.is_initialized():
        try:
            ray.init(address=address, include_dashboard=False, log_to_driver=False,
                     configure_logging=False)
        except Exception as error:
            raise SynthError(f"cannot reach the Ray cluster at {address or 'a local instance'}"
                             f" ({type(error).__name__}: {error}). Check --ray-address or "
                             "RAY_ADDRESS") from None
    return ray
