"""One build (or publish, or docs run) of a warehouse at a time: an OS lock beside the warehouse.

The lock is ``fcntl.flock`` on ``<db folder>/.csc-<db name>/lock``. The kernel releases it when
the holding process ends, however it ends (``kill -9`` included), so a lock can never be left
behind by a dead process. The file also holds a small JSON note (pid, host, command, start
time) written by the holder, so a refused run can name the running one, and a run that finds
a note without a live lock knows the previous run did not finish.

The lock file itself is never deleted: deleting a flock file lets two processes each lock a
different file of the same name.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import socket
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from types import TracebackType

from csc.paths import state_dir


class WarehouseBusyError(RuntimeError):
    """Another process holds the warehouse's lock."""


@dataclass(frozen=True)
class LockNote:
    """Who holds (or last held) the lock."""

    pid: int | None
    host: str
    command: str
    started: str

    def describe(self) -> str:
        pid = self.pid if self.pid is not None else "unknown"
        return f"{self.command or 'a run'}, pid {pid} on {self.host or 'an unknown host'}, started {self.started or 'at an unknown time'}"


def parse_note(raw: bytes) -> LockNote | None:
    """The note a holder wrote (holder_note), None when there is none or it is unreadable."""
    if not raw.strip():
        return None
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
    if not isinstance(data, dict):
        return None
    pid = data.get("pid")
    return LockNote(
        pid=pid if isinstance(pid, int) else None,
        host=str(data.get("host", "")),
        command=str(data.get("command", "")),
        started=str(data.get("started", "")),
    )


def _read_note(fd: int) -> LockNote | None:
    os.lseek(fd, 0, os.SEEK_SET)
    return parse_note(os.read(fd, 65536))


def holder_note(command: str) -> bytes:
    """The note a new holder writes: this process, its host, the command and the time."""
    return json.dumps({
        "pid": os.getpid(),
        "host": socket.gethostname(),
        "command": command,
        "started": datetime.now(timezone.utc).astimezone().isoformat(timespec="seconds"),
    }).encode("utf-8")


def busy_error(warehouse: object, note: LockNote | None) -> WarehouseBusyError:
    """The refusal of a run that finds ``warehouse`` locked by the holder of ``note``."""
    holder = note.describe() if note else "another process"
    return WarehouseBusyError(
        f"another run is using the warehouse {warehouse} ({holder}); wait for it to finish and try again"
    )


class WarehouseLock:
    """``with WarehouseLock(db_path, "csc build"):`` — exclusive, never waits.

    Raises WarehouseBusyError at once when another process holds it. ``stale`` is the note of
    a previous holder that ended without releasing it cleanly (killed), else None.
    """

    def __init__(self, db_path: Path, command: str) -> None:
        self.db_path = db_path
        self.command = command
        self.path = state_dir(db_path) / "lock"
        self.stale: LockNote | None = None
        self._fd: int | None = None

    def __enter__(self) -> "WarehouseLock":
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            if error.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                os.close(fd)
                raise
            note = None
            for _ in range(20):  # the holder writes its note just after locking
                note = _read_note(fd)
                if note is not None:
                    break
                time.sleep(0.05)
            os.close(fd)
            raise busy_error(self.db_path, note) from None
        self._fd = fd
        self.stale = _read_note(fd)
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, holder_note(self.command))
        os.fsync(fd)
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._fd is None:
            return
        try:
            os.ftruncate(self._fd, 0)  # an empty note: the last holder finished cleanly
        except OSError:
            pass
        fcntl.flock(self._fd, fcntl.LOCK_UN)
        os.close(self._fd)
        self._fd = None
