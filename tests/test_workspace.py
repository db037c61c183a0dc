import sqlite3

import pytest

from synth.errors import WorkspaceError
from synth.workspace import Workspace
from synth.workspace.migrations import MIGRATIONS


def test_migrations_are_recorded_and_applied_once(tmp_path):
    for _ in range(2):
        with Workspace.open(tmp_path / "ws") as ws:
            names = [row["name"] for row in ws.query("SELECT name FROM migrations")]
    assert names == [name for name, _ in MIGRATIONS]


def test_a_second_run_is_refused_while_the_first_holds_the_workspace(tmp_path):
    with Workspace.open(tmp_path / "ws"), pytest.raises(WorkspaceError) as error:
        with Workspace.open(tmp_path / "ws"):
            pass
    assert "is in use by another synth run. Wait for it to finish" in str(error.value)


def test_a_corrupt_database_says_how_to_rebuild(tmp_path):
    (tmp_path / "ws").mkdir()
    (tmp_path / "ws" / "synth.db").write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(WorkspaceError) as error, Workspace.open(tmp_path / "ws"):
        pass
    assert "is not a usable synth workspace" in str(error.value)
    assert "run `synth ingest` again to rebuild it" in str(error.value)


def test_a_workspace_from_a_newer_synth_is_refused(tmp_path):
    with Workspace.open(tmp_path / "ws") as ws:
        ws.db.execute("INSERT INTO migrations VALUES ('9999_future', 'later')")
    with pytest.raises(WorkspaceError, match="written by a newer synth"), \
            Workspace.open(tmp_path / "ws"):
        pass


def test_a_failed_transaction_leaves_nothing(workspace):
    with pytest.raises(sqlite3.IntegrityError), workspace.transaction() as db:
        db.execute("INSERT INTO sources (path, display, sha256, format, kind, ingested_at)"
                   " VALUES ('a', 'a', 'x', 'text', 'interview', 'now')")
        db.execute("INSERT INTO sources (path, display, sha256, format, kind, ingested_at)"
                   " VALUES ('a', 'a', 'x', 'text', 'interview', 'now')")
    assert workspace.query("SELECT COUNT(*) AS n FROM sources")[0]["n"] == 0


def test_opening_without_create_needs_an_existing_workspace(tmp_path):
    with pytest.raises(WorkspaceError, match="no workspace at .* Run `synth ingest PATH...` first"), \
            Workspace.open(tmp_path / "none", create=False):
        pass
