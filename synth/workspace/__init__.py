"""The `.synth/` workspace: one SQLite database, its migrations recorded inside it.

Only one synth run writes to a workspace at a time (a lock file held for the run), and
every change is made in a transaction, so the workspace never holds half a file. The
database is in WAL mode, so read-only commands (`status`, `participants`) read while a run
writes. It holds unredacted research: the folder is created 700 and the database 600.
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

from synth.errors import WorkspaceBusy, WorkspaceError
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
    def open(cls, directory: Path, create: bool = True,
             read_only: bool = False) -> Iterator[Workspace]:
        """Open (or create) the workspace. `read_only`: no lock, no migrations, no writes;
        it reads while another run writes."""
        directory = Path(directory)
        database = directory / DB_NAME
        if not database.exists() and (not create or read_only):
            raise WorkspaceError(
                f"no workspace at {directory}. Run `synth ingest PATH...` first, "
                "or point at one with --workspace DIR")
        if read_only:
            connection = _connect_read_only(database)
            try:
                yield cls(directory, connection)
            finally:
                connection.close()
            return
        _create_private(directory, database)
        with _lock(directory):
            connection = sqlite3.connect(database, isolation_level=None)
            try:
                _migrate(connection, database)
                connection.execute("PRAGMA journal_mode = WAL")
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


def _create_private(directory: Path, database: Path) -> None:
    """The workspace folder (700 when synth creates it) and its database file (600)."""
    try:
        if not directory.exists():
            directory.mkdir(parents=True, mode=0o700)
            directory.chmod(0o700)  # whatever the umask
        if not database.exists():
            os.close(os.open(database, os.O_CREAT | os.O_WRONLY, 0o600))
        if database.stat().st_mode & 0o077 and database.stat().st_uid == os.getuid():
            database.chmod(0o600)
    except OSError as error:
        raise WorkspaceError(f"cannot create the workspace {directory} "
                             f"({error.strerror}). Choose another with --workspace DIR"
                             ) from None


def _connect_read_only(database: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro", uri=True,
                                 isolation_level=None)
    try:
        applied = {row[0] for row in connection.execute("SELECT name FROM migrations")}
    except sqlite3.DatabaseError as error:
        connection.close()
        raise WorkspaceError(
            f"{database} is not a usable synth workspace ({error}). Move it aside and run "
            "`synth ingest` again to rebuild it from your research files") from None
    missing = [name for name, _ in MIGRATIONS if name not in applied]
    if missing or applied - {name for name, _ in MIGRATIONS}:
        connection.close()
        raise WorkspaceError(
            f"{database} was written by another version of synth. Run `synth ingest` (or "
            "any other command that writes) to bring it up to date")
    return connection


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
            raise WorkspaceBusy(
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
