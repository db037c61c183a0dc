"""The editable codebook file: YAML, one entry per theme, read back with each entry's line.

    themes:
    - id: frustration-01          # leave out to add a theme from examples
      question: frustration       # change to move the theme (and its statements)
      label: flaky tests          # change to rename
      description: ''             # your own description
      pinned: false               # true: synth never renames or dissolves it
      size: 12                    # for reading; ignored
      examples: [...]             # its most representative statements (redacted)
      subthemes: [...]            # for reading; ignored
      # delete: true | merge_into: OTHER-ID | split: [{label: ..., examples: [...]}, ...]

`.qdc` files (REFI-QDA) are read and written by `synth.codebook.refi`.
"""

from __future__ import annotations

from pathlib import Path

from synth.codebook.edits import Edit
from synth.errors import InputError
from synth.privacy import Privacy
from synth.themes.codebook import ACTIVE, Codebook
from synth.workspace import Workspace

HEADER = """\
# synth codebook. Edit it, then run `synth codebook apply FILE` (or `synth themes --codebook FILE`).
# Rename: change label. Pin: pinned: true (synth never renames or dissolves a pinned theme).
# Move: change question. Delete: add `delete: true`. Merge: add `merge_into: OTHER-ID`.
# Split: add `split:` with two or more parts, each `{label: ..., examples: [statement, ...]}`.
# Add: a new entry without id, with question, label and examples. size and subthemes are
# for reading only. Every edit is kept in the workspace and survives later runs.
"""
MAX_YAML = 16 * 1024 * 1024         # a codebook file read
MAX_ENTRIES = 1000                  # themes read from one file (as REFI-QDA's MAX_CODES)
KNOWN = {"id", "question", "label", "description", "pinned", "delete", "merge_into", "split",
         "examples", "size", "subthemes"}


def codebook_records(workspace: Workspace, codebook: Codebook, privacy: Privacy) -> list[dict]:
    """The active themes of the last run, as the codebook file shows them."""
    from synth.render.themes import theme_records

    shown = {t["id"]: t for t in theme_records(workspace, privacy)}
    records = []
    for entry in sorted(codebook.entries.values(), key=lambda e: (e.dimension, e.id)):
        if entry.status != ACTIVE:
            continue
        theme = shown.get(entry.id)
        records.append({
            "id": entry.id, "question": entry.dimension,
            "label": privacy.text(entry.label), "description": privacy.text(entry.description),
            "pinned": entry.pinned, "size": theme["size"] if theme else 0,
            "examples": [q["text"] for q in theme["quotes"]] if theme else [],
            "subthemes": [{"id": s["id"], "label": s["label"], "size": s["size"]}
                          for s in theme["subthemes"]] if theme else []})
    return records


def codebook_yaml(records: list[dict]) -> str:
    import yaml

    body = yaml.safe_dump({"themes": records}, sort_keys=False, allow_unicode=True,
                          width=100, default_flow_style=False)
    return HEADER + body


def read_entries(path: Path) -> list[Edit]:
    """The entries of a YAML codebook file, each with its line (REFI-QDA files are read by
    `synth.codebook.imports`)."""
    if path.suffix.lower() not in (".yaml", ".yml"):
        raise InputError(path, f"'{path.suffix}' is not a codebook format synth reads",
                         "Use a .yaml file from `synth codebook export FILE.yaml`, or a "
                         "REFI-QDA .qdc or .qdpx")
    import yaml

    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        line = path.read_bytes()[:error.start].count(b"\n") + 1
        raise InputError(path, "it is not UTF-8 text (another encoding, such as Latin-1)",
                         "Save it as UTF-8 in your editor", f"line {line}") from None
    except OSError as error:
        raise InputError(path, f"cannot read it ({error.strerror or error})",
                         "Check the file name and its permissions") from None
    if len(text) > MAX_YAML:
        raise InputError(path, f"it is over {MAX_YAML // 2**20} MB, more than a codebook holds",
                         "Export the codebook again with `synth codebook export FILE.yaml`")
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except RecursionError:
        raise InputError(path, "it is nested too deeply to be a codebook", "Start from the "
                         "file `synth codebook export FILE.yaml` writes") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else ""
        problem = getattr(error, "problem", None) or "not valid YAML"
        raise InputError(path, f"not valid YAML ({problem})",
                         "Fix the indentation or quoting there (quote text with ':' or '#')",
                         where) from None
    themes = _value(root, "themes") if isinstance(root, yaml.MappingNode) else None
    if not isinstance(themes, yaml.SequenceNode):
        raise InputError(path, "there is no `themes:` list", "Start from the file "
                         "`synth codebook export FILE.yaml` writes", "line 1")
    if len(themes.value) > MAX_ENTRIES:
        raise InputError(path, f"it lists {len(themes.value):,} themes; synth reads at most "
                         f"{MAX_ENTRIES:,}", "Keep the themes of this study only", "line 1")
    entries = []
    for node in themes.value:
        try:
            entries.append(_entry(path, node))
        except RecursionError:
            raise InputError(path, "this entry is nested too deeply", "Write each field as "
                             "`name: value`", f"line {node.start_mark.line + 1}") from None
        except yaml.YAMLError as error:   # a tag such as !!python/object, a bad merge key
            mark = node.start_mark     # the error's own mark is in a re-serialised copy
            problem = getattr(error, "problem", None) or "not a plain value"
            raise InputError(path, f"this entry holds something synth does not read "
                             f"({problem})", "Write plain text, true/false and lists only: "
                             "no tags (!!...), anchors or merge keys (<<)",
                             f"line {mark.line + 1}") from None
    return entries


def _value(node, key: str):  # type: ignore[no-untyped-def]
    import yaml

    for k, v in node.value:
        if isinstance(k, yaml.ScalarNode) and k.value == key:
            return v
    return None


def _entry(path: Path, node) -> Edit:  # type: ignore[no-untyped-def]
    import yaml

    line = node.start_mark.line + 1
    if not isinstance(node, yaml.MappingNode):
        raise InputError(path, "an entry of `themes:` is not a theme", "Write each theme as "
                         "`- id: ...` with its fields indented under it", f"line {line}")
    fields = {}
    for key, value in node.value:
        if not isinstance(key, yaml.ScalarNode):
            raise InputError(path, "a field name is a list or a mapping", "Write each field "
                             "as `name: value`", f"line {key.start_mark.line + 1}")
        name = key.value
        if name not in KNOWN:
            raise InputError(path, f"unknown field '{name}'", "Use id, question, label, "
                             "description, pinned, delete, merge_into, split or examples",
                             f"line {key.start_mark.line + 1}")
        fields[name] = (value, value.start_mark.line + 1)

    def text(name: str) -> str | None:
        if name not in fields:
            return None
        value, at = fields[name]
        data = yaml.safe_load(yaml.serialize(value))
        if data is None:
            return ""
        if not isinstance(data, str | int | float) or isinstance(data, bool):
            raise InputError(path, f"{name} is not a piece of text", f"Write {name}: TEXT",
                             f"line {at}")
        return str(data)

    def flag(name: str) -> bool | None:
        if name not in fields:
            return None
        value, at = fields[name]
        data = yaml.safe_load(yaml.serialize(value))
        if not isinstance(data, bool):
            raise InputError(path, f"{name} is '{value.value}', not true or false",
                             f"Write {name}: true or {name}: false", f"line {at}")
        return data

    def statements(value, at: int, name: str) -> list[str]:  # type: ignore[no-untyped-def]
        data = yaml.safe_load(yaml.serialize(value))
        if data is None:
            return []
        if not isinstance(data, list) or not all(isinstance(s, str) for s in data):
            raise InputError(path, f"{name} is not a list of statements",
                             f"Write {name}: followed by `- statement` lines", f"line {at}")
        return [s.strip() for s in data if s.strip()]

    split = None
    if "split" in fields:
        value, at = fields["split"]
        parts = yaml.safe_load(yaml.serialize(value)) or []
        if not isinstance(parts, list) or not all(isinstance(p, dict) for p in parts):
            raise InputError(path, "split is not a list of parts", "Write split: with `- "
                             "label: ...` and `examples:` for each part", f"line {at}")
        split = []
        for part, part_node in zip(parts, value.value):
            examples = part.get("examples") or []
            examples = statements(_value(part_node, "examples"), part_node.start_mark.line + 1,
                                  "examples") if examples else []
            label = part.get("label")
            split.append((str(label) if label else None, examples))
    examples = statements(*fields["examples"], "examples") if "examples" in fields else []
    theme_id = text("id")
    return Edit(line, theme_id or None, question=text("question"), label=text("label"),
                description=text("description"), pinned=flag("pinned"),
                delete=bool(flag("delete")), merge_into=text("merge_into"), split=split,
                examples=examples)


def export_codebook(workspace: Workspace, codebook: Codebook, path: Path,
                    privacy: Privacy) -> Path:
    """Write the codebook to `path`, the format by its extension (.yaml/.yml or .qdc),
    atomically."""
    from synth.render import write_atomic

    records = codebook_records(workspace, codebook, privacy)
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        write_atomic(path, codebook_yaml(records))
    elif suffix == ".qdc":
        from synth.codebook.refi import codebook_xml

        write_atomic(path, codebook_xml(records))
    else:
        raise InputError(path, f"'{suffix or path.name}' is not a codebook format synth writes",
                         "Name the file .yaml (to edit) or .qdc (REFI-QDA, for NVivo, "
                         "ATLAS.ti, MAXQDA, QualCoder)")
    return path
