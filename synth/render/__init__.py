"""Render: write outputs from what the workspace stores. Never recomputes analysis.

Every output file is written atomically (a temporary file in the same folder, then an
atomic rename), so a crash leaves the previous file or the new one, never half of one.

Research text is data, never markup or formulas: every string a Markdown template shows is
escaped so it renders as the text it is (no HTML, links, images or headings from answers),
and every CSV cell that a spreadsheet would run as a formula is neutralised the way OWASP
recommends for CSV export (a leading `'`).
"""

from __future__ import annotations

import csv
import io
import os
import re
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from synth.errors import SynthError
from synth.words import count

SHIPPED = Path(__file__).resolve().parent.parent / "templates"


def check_writable(folder: Path) -> None:
    """Raise a SynthError naming the problem when outputs cannot be written to `folder`
    (a file, under a file, not writable), so a run fails before its work, not after.
    Also removes temporary files a killed run left there."""
    folder = Path(folder)
    existing = next(parent for parent in [folder, *folder.parents] if parent.exists())
    if not existing.is_dir():
        where = "is" if existing == folder else f"is under {existing}, which is"
        raise SynthError(f"--out {folder} {where} a file, not a folder. Choose a folder "
                         "with --out DIR")
    if existing != folder:
        if not os.access(existing, os.W_OK | os.X_OK):
            raise SynthError(f"cannot create --out {folder}: {existing} is not writable. "
                             "Choose a folder you can write to with --out DIR")
        return
    try:
        handle, probe = tempfile.mkstemp(dir=folder, prefix=".synth-probe.", suffix=".tmp")
        os.close(handle)
        os.unlink(probe)
    except OSError as error:
        raise SynthError(f"cannot write to --out {folder} ({error.strerror}). Choose a "
                         "folder you can write to with --out DIR") from None
    for stale in folder.rglob(".*.tmp"):
        stale.unlink(missing_ok=True)


MANIFEST = "manifest.json"


def write_outputs(out: Path, texts: dict[Path, str]) -> list[Path]:
    """Write one stage's set of outputs so that an interrupted run can be told apart.

    Every file goes to a temporary file first; `manifest.json` then lists the new files
    with their SHA-256 and `"complete": false`; the renames follow; and the manifest is
    rewritten with `"complete": true`. A kill between two renames leaves a manifest that
    says the set is not whole (and which files are new): run the stage again.
    """
    import hashlib
    import json

    manifest_path = out / MANIFEST
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        files = dict(manifest.get("files", {}))
    except (OSError, ValueError, AttributeError):
        files = {}
    temporaries = []
    try:
        for path, text in texts.items():
            temporaries.append((_write_temporary(path, text), path))
            files[path.relative_to(out).as_posix()] = hashlib.sha256(
                text.encode("utf-8")).hexdigest()
        write_atomic(manifest_path, _manifest(files, complete=False))
        for temporary, path in temporaries:
            os.replace(temporary, path)
    except BaseException:
        for temporary, _ in temporaries:
            Path(temporary).unlink(missing_ok=True)
        raise
    write_atomic(manifest_path, _manifest(files, complete=True))
    return list(texts)


def _manifest(files: dict[str, str], complete: bool) -> str:
    import json

    return json.dumps({"complete": complete, "files": dict(sorted(files.items()))},
                      indent=2, sort_keys=True) + "\n"


def _write_temporary(path: Path, text: str) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return temporary


def write_atomic(path: Path, text: str) -> None:
    temporary = _write_temporary(path, text)
    try:
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>|!#~])")
_ENTITY = re.compile(r"&(?=#?\w+;)")  # "&lt;" would render as "<"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)*%?$")
# Fields shown inside a code span, where backslash escapes do not work.
_CODE_FIELDS = frozenset({"source"})


def markdown_text(text: str) -> str:
    """Text that renders as itself in Markdown: one line, markup characters escaped."""
    text = " ".join(text.split("\n"))
    return _MARKDOWN_SPECIAL.sub(r"\\\1", _ENTITY.sub("&amp;", text))


def _code_text(text: str) -> str:
    return " ".join(text.split("\n")).replace("`", "'")


def markdown_safe(value: Any, key: str = "") -> Any:
    """Every string in a template's data escaped for Markdown (synth's own ids are plain
    words and pass unchanged)."""
    if isinstance(value, str):
        return _code_text(value) if key in _CODE_FIELDS else markdown_text(value)
    if isinstance(value, list | tuple):
        return [markdown_safe(item, key) for item in value]
    if isinstance(value, dict):
        return {k: markdown_safe(item, k) for k, item in value.items()}
    return value


def csv_cell(value: Any) -> Any:
    """A cell a spreadsheet shows as text: one starting like a formula gets a leading `'`
    (numbers such as -3 or +1.5 stay numbers)."""
    if isinstance(value, str) and value.startswith(_FORMULA_START) \
            and not _NUMBER.match(value):
        return "'" + value
    return value


def csv_text(header: list[str], rows: Iterable[Iterable[Any]]) -> str:
    """A CSV document with every cell neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([csv_cell(cell) for cell in header])
    writer.writerows([csv_cell(cell) for cell in row] for row in rows)
    return buffer.getvalue()


def _inline(environment: jinja2.Environment, asset: str) -> Markup:
    """A stylesheet or script from the template folders, as is (not a template), for an
    HTML template to inline; refused if it could end its <style> or <script> block."""
    assert environment.loader is not None
    source = environment.loader.get_source(environment, asset)[0]
    if re.search(r"</(script|style)|<!--", source, re.IGNORECASE):
        raise SynthError(f"{asset} holds '</script', '</style' or '<!--', which would end the "
                         "block it is inlined in. Remove it from the file")
    return Markup(source)


def render_template(name: str, context: dict[str, Any], folder: Path | None = None) -> str:
    """Render a template by name from `folder` (the user's) or the shipped templates.

    StrictUndefined: a field the template uses but the data lacks fails loudly. The data of
    a Markdown template is escaped first, so research text never becomes markup.
    """
    if name.endswith(".md.j2"):
        context = markdown_safe(context)
    search = [str(folder)] if folder else []
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader([*search, str(SHIPPED)]),
        undefined=jinja2.StrictUndefined, keep_trailing_newline=True,
        trim_blocks=True, lstrip_blocks=True,
        autoescape=jinja2.select_autoescape(["html.j2"], default_for_string=False))
    environment.filters["pct"] = lambda share: f"{round(100 * share)}%"
    environment.filters["count"] = count
    environment.globals["inline"] = lambda asset: _inline(environment, asset)
    try:
        return environment.get_template(name).render(**context)
    except jinja2.TemplateNotFound as error:
        shipped = ", ".join(sorted(p.name for p in SHIPPED.iterdir() if p.is_file()))
        raise SynthError(f"template '{error.name}' not found in {folder or SHIPPED}. Copy one "
                         f"of the shipped templates ({shipped}) into your --templates "
                         "folder") from None
    except jinja2.UndefinedError as error:
        raise SynthError(f"template '{name}' uses a field the data does not have ({error.message})"
                         ". Fix the template, or start from the shipped one") from None
    except jinja2.TemplateSyntaxError as error:
        raise SynthError(f"template '{error.name or name}', line {error.lineno}: {error.message}"
                         ". Fix the template syntax") from None
