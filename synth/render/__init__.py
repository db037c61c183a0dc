"""Render: write outputs from what the workspace stores. Never recomputes analysis.

Every output file is written atomically (a temporary file in the same folder, then an
atomic rename), so a crash leaves the previous file or the new one, never half of one.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import jinja2

from synth.errors import SynthError

SHIPPED = Path(__file__).resolve().parent.parent / "templates"


def write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def render_template(name: str, context: dict[str, Any], folder: Path | None = None) -> str:
    """Render a template by name from `folder` (the user's) or the shipped templates.

    StrictUndefined: a field the template uses but the data lacks fails loudly.
    """
    search = [str(folder)] if folder else []
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader([*search, str(SHIPPED)]),
        undefined=jinja2.StrictUndefined, keep_trailing_newline=True,
        trim_blocks=True, lstrip_blocks=True, autoescape=False)
    environment.filters["pct"] = lambda share: f"{round(100 * share)}%"
    try:
        return environment.get_template(name).render(**context)
    except jinja2.TemplateNotFound:
        shipped = ", ".join(sorted(p.name for p in SHIPPED.glob("*.j2")))
        raise SynthError(f"template '{name}' not found in {folder or SHIPPED}. Copy one of the "
                         f"shipped templates ({shipped}) into your --templates folder") from None
    except jinja2.UndefinedError as error:
        raise SynthError(f"template '{name}' uses a field the data does not have ({error.message})"
                         ". Fix the template, or start from the shipped one") from None
    except jinja2.TemplateSyntaxError as error:
        raise SynthError(f"template '{error.name or name}', line {error.lineno}: {error.message}"
                         ". Fix the template syntax") from None
