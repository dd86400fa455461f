"""The secret key of the pseudonymous child key (HMAC-SHA-256 in staging).

The key is ``CSC_PSEUDONYM_KEY`` from the environment when set; otherwise the key file
``<db folder>/<db name>.key`` beside the warehouse: 32 random bytes written as 64 hex
characters, created (mode 0600) on the first build and read on every later one, so a child
keeps the same key month after month. A key file others can read or write is refused.
The key is handed to dbt in its environment only; it is never printed or logged.
"""

from __future__ import annotations

import os
import re
import secrets
import stat
from pathlib import Path

from csc.pseudonym import KEY_ENV, PseudonymKeyError, parse_key
from csc.paths import key_file

_HEX_KEY = re.compile(r"[0-9a-f]{64}")


class KeyFileError(RuntimeError):
    """The key file cannot be used (too open, unreadable, malformed)."""


def resolve_pseudonym_key(db_path: Path, create: bool = True) -> str:
    """The key for the warehouse at ``db_path``: the environment's, else its key file's."""
    from_env = os.environ.get(KEY_ENV)
    if from_env:
        try:
            parse_key(from_env)  # the same rule dbt applies, said before dbt starts
        except PseudonymKeyError as error:
            raise KeyFileError(str(error)) from None
        return from_env.strip()
    path = key_file(db_path)
    if not path.exists():
        if not create:
            raise KeyFileError(f"the pseudonym key file {path} does not exist; set {KEY_ENV} or build once to create it")
        return _create(path)
    return _read(path)


def _create(path: Path) -> str:
    key = secrets.token_hex(32)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # created meanwhile by another run: use that one
        return _read(path)
    try:
        os.fchmod(fd, 0o600)  # whatever the umask
        os.write(fd, (key + "\n").encode("ascii"))
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        path.unlink(missing_ok=True)
        raise
    os.close(fd)
    return key


def _read(path: Path) -> str:
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except OSError as error:
        raise KeyFileError(f"cannot read the pseudonym key file {path} ({error.strerror}); "
                           f"restore it (without it every child key changes) or set {KEY_ENV}") from None
    if mode & 0o077:
        raise KeyFileError(
            f"the pseudonym key file {path} can be read or written by others (mode {mode:04o}); "
            f"make it private with: chmod 600 {path}"
        )
    try:
        text = path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) else "not text"
        raise KeyFileError(f"cannot read the pseudonym key file {path} ({reason}); "
                           f"restore it (without it every child key changes) or set {KEY_ENV}") from None
    if not _HEX_KEY.fullmatch(text):
        raise KeyFileError(
            f"the pseudonym key file {path} does not hold a key (64 hex characters); "
            f"restore it from a backup (a new key changes every child key) or set {KEY_ENV}"
        )
    return text
