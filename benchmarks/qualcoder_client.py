"""Drive QualCoder's own REFI-QDA import and export headless (run by refi_qualcoder.py).

Runs under QualCoder's Python (PyQt6 and QualCoder's import dependencies), never synth's:
it imports nothing from synth. Usage:

    QT_QPA_PLATFORM=offscreen HOME=TMP python qualcoder_client.py QUALCODER_SRC QDPX WORKDIR
        EDITS.json OUT.json

It creates a new QualCoder project in WORKDIR (the tables QualCoder's `new_project` creates,
read from its source), imports QDPX with `qualcoder.refi.RefiImport` (file dialogs and
message boxes answered by this script), records what QualCoder holds, makes the edits in
EDITS.json in the project database the way QualCoder's code tree and coding dialogs store them
(rename codes; add a code with a memo under a category and code a few statements with it),
then exports with `qualcoder.refi.RefiExport` a codebook (.qdc) and a project (.qdpx) into
WORKDIR, and writes what it saw to OUT.json. QualCoder's AI module (LangChain) is replaced by
a stand-in: REFI exchange does not use it.
"""

from __future__ import annotations

import ast
import builtins
import datetime
import json
import os
import sqlite3
import sys
import types
from pathlib import Path


def main(source: Path, qdpx: Path, workdir: Path, edits_path: Path, out: Path) -> None:
    builtins._ = lambda text: text          # QualCoder's gettext hook
    sys.path.insert(0, str(source))
    stub = types.ModuleType("qualcoder.ai_llm")
    stub.get_default_ai_models = lambda: []
    stub.update_ai_models = lambda models, *args, **kwargs: (models, 0, None)
    sys.modules["qualcoder.ai_llm"] = stub
    (Path.home() / ".qualcoder").mkdir(parents=True, exist_ok=True)
    from PyQt6 import QtWidgets

    application = QtWidgets.QApplication([])  # noqa: F841 - kept alive for the dialogs
    import qualcoder.refi as refi
    from qualcoder.app import App

    messages: list[str] = []

    class Log:
        def append(self, text: str) -> None:
            messages.append(str(text))

    class Answer:
        def __init__(self, app, title, text="", *rest):  # type: ignore[no-untyped-def]
            messages.append(f"{title}: {text}")

        def exec(self) -> int:
            return 0

    refi.Message = Answer
    refi.RefiLineEndings.exec = lambda self: 0
    dialog = QtWidgets.QFileDialog
    dialog.getOpenFileName = staticmethod(lambda *a, **k: (str(qdpx), "(*.qdpx)"))
    dialog.getExistingDirectory = staticmethod(lambda *a, **k: str(workdir))

    app = App()
    project = workdir / "roundtrip.qda"
    for folder in ("", "images", "audio", "video", "documents"):
        (project / folder).mkdir(parents=True, exist_ok=True)
    app.project_path = str(project)
    app.project_name = project.name
    app.settings["directory"] = str(workdir)
    app.create_connection(str(project))
    cursor = app.conn.cursor()
    for statement in _create_tables(source / "qualcoder" / "__main__.py"):
        cursor.execute(statement)
    app.update_coder_names()
    cursor.execute("INSERT INTO project (databaseversion, date, memo, about, codername)"
                   " VALUES ('v17', ?, '', ?, ?)",
                   (datetime.datetime.now().strftime("%Y-%m-%d %H:%M:%S"), app.version,
                    app.settings["codername"]))
    app.conn.commit()

    refi.RefiImport(app, Log(), "qdpx")
    imported = _state(app.conn, project)
    edits = json.loads(edits_path.read_text("utf-8"))
    _edit(app.conn, edits)
    refi.RefiExport(app, Log(), "codebook")
    refi.RefiExport(app, Log(), "project")
    exported = sorted(p.name for p in workdir.iterdir() if p.suffix in (".qdc", ".qdpx"))
    out.write_text(json.dumps({"imported": imported, "exported": exported,
                               "after_edits": _state(app.conn, project),
                               "messages": messages}, indent=1), "utf-8")


def _create_tables(main_py: Path) -> list[str]:
    """The CREATE TABLE statements of QualCoder's `new_project`, as its source has them."""
    tree = ast.parse(main_py.read_text("utf-8"))
    function = next(n for n in ast.walk(tree)
                    if isinstance(n, ast.FunctionDef) and n.name == "new_project")
    return [n.value for n in ast.walk(function) if isinstance(n, ast.Constant)
            and isinstance(n.value, str) and n.value.lstrip().startswith("CREATE TABLE")]


def _state(conn: sqlite3.Connection, project: Path) -> dict:
    def rows(sql: str) -> list[dict]:
        cursor = conn.execute(sql)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]

    return {
        "categories": rows("SELECT catid, name, supercatid, memo FROM code_cat"),
        "codes": rows("SELECT cid, name, catid, supercid, memo FROM code_name"),
        "sources": rows("SELECT id, name, memo, length(fulltext) AS length FROM source"),
        "codings": rows("SELECT cid, fid, pos0, pos1, seltext FROM code_text"),
        "cases": rows("SELECT caseid, name FROM cases"),
        "attributes": rows("SELECT name, attr_type, value, id FROM attribute"),
        "documents": sorted(os.listdir(project / "documents")),
    }


def _edit(conn: sqlite3.Connection, edits: dict) -> None:
    """Renames in the code tree, and a new code (with a memo) under a category that codes
    a few statements, stored as QualCoder's dialogs store them."""
    now = datetime.datetime.now().strftime("%Y-%m-%d %H:%M:%S")
    for old, new in edits["rename"]:
        conn.execute("UPDATE code_name SET name = ? WHERE name = ?", (new, old))
    add = edits.get("add")
    if not add:
        conn.commit()
        return
    catid = conn.execute("SELECT catid FROM code_cat WHERE name = ?",
                         (add["category"],)).fetchone()[0]
    cursor = conn.execute("INSERT INTO code_name (name, memo, owner, date, catid, color)"
                          " VALUES (?, ?, 'default', ?, ?, '#F781F3')",
                          (add["name"], add["memo"], now, catid))
    cid = cursor.lastrowid
    for text in add.get("code", []):
        for fid, fulltext in conn.execute("SELECT id, fulltext FROM source").fetchall():
            at = fulltext.find(text)
            if at >= 0:
                conn.execute("INSERT INTO code_text (cid, fid, seltext, pos0, pos1, owner, date,"
                             " memo, important) VALUES (?, ?, ?, ?, ?, 'default', ?, '', NULL)",
                             (cid, fid, text, at, at + len(text), now))
                break
    conn.commit()


if __name__ == "__main__":
    main(*(Path(a) for a in sys.argv[1:6]))
