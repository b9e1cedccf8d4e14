"""Durable state under ``--state-dir``: tasks and upload records in SQLite, upload bytes as files.

Every change is committed before the response that reveals it is sent, so a restart (or a crash)
never loses what a client has already seen.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import orjson

from mock_server.tasks import Task
from mock_server.uploads import Upload

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS tasks (id TEXT PRIMARY KEY, record BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS uploads (id TEXT PRIMARY KEY, record BLOB NOT NULL);
"""


class StateDir:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        directory.mkdir(parents=True, exist_ok=True)
        self.uploads_dir = directory / "uploads"
        self._lock = threading.Lock()
        self._db = sqlite3.connect(directory / "state.sqlite3", check_same_thread=False)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)
        self._db.commit()

    def next_boot(self) -> int:
        """A counter bumped at every start, so seeded ids never repeat those of an earlier run."""
        with self._lock:
            row = self._db.execute("SELECT value FROM meta WHERE key = 'boot'").fetchone()
            boot = int(row[0]) + 1 if row else 1
            self._db.execute(
                "INSERT INTO meta (key, value) VALUES ('boot', ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (str(boot),),
            )
            self._db.commit()
            return boot

    def save_task(self, task: Task) -> None:
        record = orjson.dumps(task.to_record())
        with self._lock:
            self._db.execute(
                "INSERT INTO tasks (id, record) VALUES (?, ?) "
                "ON CONFLICT(id) DO UPDATE SET record = excluded.record",
                (task.id, record),
            )
            self._db.commit()

    def load_tasks(self) -> list[Task]:
        with self._lock:
            rows = self._db.execute("SELECT record FROM tasks ORDER BY rowid").fetchall()
        return [Task.from_record(orjson.loads(row[0])) for row in rows]

    def save_upload(self, upload: Upload) -> None:
        record = orjson.dumps(
            {
                "id": upload.id,
                "tenant": upload.tenant,
                "mime_type": upload.mime_type,
                "size": upload.size,
                "created": upload.created,
                "base_url": upload.base_url,
            }
        )
        with self._lock:
            self._db.execute(
                "INSERT OR REPLACE INTO uploads (id, record) VALUES (?, ?)", (upload.id, record)
            )
            self._db.commit()

    def load_uploads(self) -> list[Upload]:
        with self._lock:
            rows = self._db.execute("SELECT record FROM uploads ORDER BY rowid").fetchall()
        return [Upload(**orjson.loads(row[0])) for row in rows]

    def close(self) -> None:
        with self._lock:
            self._db.close()
