"""The DfE rule engines' own Python environment (README "Validating a return").

The DfE's validators pin pandas < 2 and numpy < 1.25, so they never enter the warehouse's
``.venv``: they live in ``.venv-dfe`` in the project (``CSC_DFE_ENV`` moves it), made on first
use from ``requirements-dfe.lock`` alone (``pip install --require-hashes --no-deps``).

- A marker file holding the lock's sha256 is written last, after pip succeeded: an install
  that was killed or failed leaves no marker, so the next use starts it again from scratch;
  a changed lock file no longer matches the marker and rebuilds the environment.
- An OS file lock (``flock``, released by the kernel when its holder dies) beside the
  environment makes concurrent ``csc validate`` runs wait for one install instead of both
  installing. The ``venv`` and ``pip`` processes inherit the lock's file descriptor, so when a
  run is killed mid-install the lock stays held until its orphaned ``pip`` has exited too: the
  next run never deletes a folder that a leftover process is still writing into.

``python -m csc.returns.dfe_env`` (what ``make dfe-env`` runs) makes it and prints its Python.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from csc.paths import find_project_dir

ENV_VAR = "CSC_DFE_ENV"
PYTHON_VAR = "CSC_DFE_PYTHON"
LOCK_FILE_NAME = "requirements-dfe.lock"
DEFAULT_ENV_NAME = ".venv-dfe"
MARKER_NAME = ".csc-dfe-installed"


class DfeEnvironmentError(RuntimeError):
    """The DfE environment could not be made."""


@dataclass(frozen=True)
class DfeEnvironment:
    """A ready DfE environment."""

    path: Path
    python: Path
    installed_now: bool


def default_env_dir(project_dir: Path | None = None) -> Path:
    """``$CSC_DFE_ENV``, else ``.venv-dfe`` in the project."""
    configured = os.environ.get(ENV_VAR)
    if configured:
        return Path(configured).expanduser().resolve()
    return (project_dir or find_project_dir()) / DEFAULT_ENV_NAME


def lock_digest(lock_file: Path) -> str:
    return hashlib.sha256(lock_file.read_bytes()).hexdigest()


def env_python(env_dir: Path) -> Path:
    return env_dir / "bin" / "python"


def is_ready(env_dir: Path, lock_file: Path) -> bool:
    """True when the environment was installed completely from this very lock file."""
    marker = env_dir / MARKER_NAME
    try:
        return marker.read_text(encoding="utf-8").strip() == lock_digest(lock_file) and env_python(env_dir).exists()
    except OSError:
        return False


def _run(command: list[str], what: str, lock_fd: int) -> None:
    completed = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               pass_fds=(lock_fd,))
    if completed.returncode != 0:
        tail = " | ".join(line for line in completed.stdout.strip().splitlines()[-5:])
        raise DfeEnvironmentError(f"{what} failed (exit {completed.returncode}): {tail}")


def _install(env_dir: Path, lock_file: Path, python: str, echo: Callable[[str], None], lock_fd: int) -> None:
    digest = lock_digest(lock_file)
    if env_dir.exists():  # an earlier install that did not finish, or one from another lock
        echo(f"Removing the incomplete or outdated DfE environment {env_dir}")
        shutil.rmtree(env_dir)
    echo(f"Creating the DfE environment {env_dir} from {lock_file.name} (first use; about a minute)")
    _run([python, "-m", "venv", str(env_dir)], f"creating the virtual environment {env_dir}", lock_fd)
    _run([str(env_python(env_dir)), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
          "--no-input", "--require-hashes", "--no-deps", "-r", str(lock_file)],
         f"installing {lock_file} into {env_dir}", lock_fd)
    marker = env_dir / MARKER_NAME
    partial = marker.with_suffix(".partial")
    with partial.open("w", encoding="utf-8") as handle:
        handle.write(digest + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(partial, marker)  # last: only a complete install has a marker


def ensure_dfe_env(env_dir: Path | None = None, lock_file: Path | None = None,
                   echo: Callable[[str], None] | None = None, python: str | None = None) -> DfeEnvironment:
    """The DfE environment, made (or remade) first when it is missing, incomplete or outdated."""
    project_dir = None if env_dir is not None and lock_file is not None else find_project_dir()
    env_dir = (env_dir or default_env_dir(project_dir)).resolve()
    lock_file = (lock_file or project_dir / LOCK_FILE_NAME).resolve()  # type: ignore[operator]
    say = echo or (lambda _message: None)
    if not lock_file.is_file():
        raise DfeEnvironmentError(f"{lock_file} not found: the DfE environment is made from it")
    if is_ready(env_dir, lock_file):
        return DfeEnvironment(env_dir, env_python(env_dir), installed_now=False)
    env_dir.parent.mkdir(parents=True, exist_ok=True)
    guard = env_dir.parent / f"{env_dir.name}.install-lock"
    fd = os.open(guard, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            say(f"Waiting for another process installing the DfE environment {env_dir}")
            fcntl.flock(fd, fcntl.LOCK_EX)
        if is_ready(env_dir, lock_file):  # the other process made it meanwhile
            return DfeEnvironment(env_dir, env_python(env_dir), installed_now=False)
        _install(env_dir, lock_file, python or os.environ.get(PYTHON_VAR) or sys.executable, say, fd)
        return DfeEnvironment(env_dir, env_python(env_dir), installed_now=True)
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def main() -> int:
    try:
        environment = ensure_dfe_env(echo=print)
    except DfeEnvironmentError as error:
        print(f"csc: {error}", file=sys.stderr)
        return 1
    state = "created" if environment.installed_now else "up to date"
    print(f"DfE environment {state}: {environment.python}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
