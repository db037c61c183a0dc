"""The `.synth/` workspace: one SQLite database, its migrations recorded inside it.

Only one synth run writes to a workspace at a time (a lock file held for the run), and
every change is made in a transaction, so the workspace never holds half a file.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from synth.errors import WorkspaceError
from synth.workspace.migrations import MIGRATIONS

DEFAULT_DIR = ".synth"
DB_NAME = "synth.db"


def default_path() -> Path:
    return Path(os.environ.get("SYNTH_WORKSPACE") or DEFAULT_DIR)


class Workspace:
    """An open workspace. Use `Workspace.open(path)` as a context manager."""

    def __init__(self, directory: Path, connection: sqlite3.Connection) -> None:
        self.directory = directory
        self.db = connection

    @classmethod
    @contextmanager
    def open(cls, directory: Path, create: bool = True) -> Iterator[Workspace]:
        directory = Path(directory)
        database = directory / DB_NAME
        if not database.exists() and not create:
            raise WorkspaceError(
                f"no workspace at {directory}. Run `synth ingest PATH...` first, "
                "or point at one with --workspace DIR")
        try:
            directory.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise WorkspaceError(f"cannot create the workspace {directory} "
                                 f"({error.strerror}). Choose another with --workspace DIR"
                                 ) from None
        with _lock(directory):
            connection = sqlite3.connect(database, isolation_level=None)
            try:
                _migrate(connection, database)
                yield cls(directory, connection)
            finally:
                connection.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """All or nothing: commits when the block ends, rolls back on any error."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def query(self, sql: str, params: tuple[Any, ...] = ()) -> list[sqlite3.Row]:
        cursor = self.db.execute(sql, params)
        cursor.row_factory = sqlite3.Row
        return cursor.fetchall()

    def setting(self, key: str, default: Any = None) -> Any:
        rows = self.query("SELECT value FROM settings WHERE key = ?", (key,))
        return json.loads(rows[0]["value"]) if rows else default

    def set_setting(self, key: str, value: Any) -> None:
        with self.transaction() as db:
            db.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)",
                       (key, json.dumps(value, sort_keys=True)))


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@contextmanager
def _lock(directory: Path) -> Iterator[None]:
    import fcntl

    handle = open(directory / "lock", "a+")  # noqa: SIM115 - held for the whole run
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise WorkspaceError(
                f"the workspace {directory} is in use by another synth run. "
                "Wait for it to finish, or use another workspace with --workspace DIR"
            ) from None
        yield
    finally:
        handle.close()


def _migrate(connection: sqlite3.Connection, database: Path) -> None:
    try:
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute(
            "CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT)")
        applied = {row[0] for row in connection.execute("SELECT name FROM migrations")}
    except sqlite3.DatabaseError as error:
        raise WorkspaceError(
            f"{database} is not a usable synth workspace ({error}). Move it aside and run "
            "`synth ingest` again to rebuild it from your research files") from None
    known = {name for name, _ in MIGRATIONS}
    if applied - known:
        raise WorkspaceError(
            f"{database} was written by a newer synth (migrations "
            f"{', '.join(sorted(applied - known))}). Upgrade synth, or use another workspace")
    for name, sql in MIGRATIONS:
        if name in applied:
            continue
        connection.execute("BEGIN IMMEDIATE")
        try:
            for statement in sql.split(";"):
                if statement.strip():
                    connection.execute(statement)
            connection.execute("INSERT INTO migrations VALUES (?, ?)", (name, now()))
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")
