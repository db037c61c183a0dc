"""Editable data files shipped with synth: the persona-question framework, the gazetteer,
the developer motivations and the enthusiasm signals. Users replace them with their own."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

from synth.errors import SynthError


def read_json(name: str, path: Path | None = None) -> tuple[Any, str]:
    """(the parsed file, how to name it in errors): the user's `path`, or the shipped `name`.

    A file that cannot be read or is not JSON raises a one-line SynthError with the fix.
    """
    where = str(path) if path else f"the shipped {name}"
    try:
        text = (path.read_text(encoding="utf-8") if path else
                resources.files("synth.data").joinpath(name).read_text("utf-8"))
        return json.loads(text), where
    except OSError as error:
        raise SynthError(f"{where}: cannot read it ({error.strerror}). Check the path, or start "
                         f"from synth/data/{name}") from None
    except json.JSONDecodeError as error:
        raise SynthError(f"{where}, line {error.lineno}: not valid JSON ({error.msg}). Fix it, "
                         f"or start from synth/data/{name}") from None
