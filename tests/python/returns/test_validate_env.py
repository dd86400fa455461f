"""The DfE environment (csc.returns.dfe_env): made from its lock only, on first use, and reused;
remade after a killed or failed install and when the lock changes; installed once when two
runs ask at the same time. A tiny wheel made here stands in for the DfE packages, so these
tests need no package index and take seconds."""

from __future__ import annotations

import base64
import hashlib
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from csc.returns.dfe_env import MARKER_NAME, DfeEnvironmentError, ensure_dfe_env, lock_digest

pytestmark = pytest.mark.slow


def _record_line(name: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def make_wheel(folder: Path) -> Path:
    """tinydfe 0.1: one module, nothing else."""
    files = {
        "tinydfe/__init__.py": b"VERSION = '0.1'\n",
        "tinydfe-0.1.dist-info/METADATA": b"Metadata-Version: 2.1\nName: tinydfe\nVersion: 0.1\n",
        "tinydfe-0.1.dist-info/WHEEL": b"Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
    }
    record = "\n".join(_record_line(name, data) for name, data in files.items())
    record += "\ntinydfe-0.1.dist-info/RECORD,,\n"
    wheel = folder / "tinydfe-0.1-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
        archive.writestr("tinydfe-0.1.dist-info/RECORD", record)
    return wheel


def make_lock(folder: Path, wheel: Path, digest: str | None = None) -> Path:
    lock = folder / "requirements-dfe.lock"
    digest = digest or hashlib.sha256(wheel.read_bytes()).hexdigest()
    lock.write_text(f"tinydfe @ {wheel.as_uri()} \\\n    --hash=sha256:{digest}\n", encoding="utf-8")
    return lock


@pytest.fixture()
def tiny(tmp_path: Path) -> tuple[Path, Path]:
    """(environment folder, lock file) of a tiny DfE environment."""
    return tmp_path / "venv-dfe", make_lock(tmp_path, make_wheel(tmp_path))


def _imports(env_dir: Path) -> bool:
    return subprocess.run([str(env_dir / "bin" / "python"), "-c", "import tinydfe"]).returncode == 0


ENSURE = ("import sys; from pathlib import Path; from csc.returns.dfe_env import ensure_dfe_env; "
          "print(ensure_dfe_env(Path(sys.argv[1]), Path(sys.argv[2])).installed_now)")


def _kill_once_started(script: str, env_dir: Path, lock: Path) -> None:
    """Run ``script`` in a new Python and SIGKILL it as soon as the environment folder appears."""
    process = subprocess.Popen([sys.executable, "-c", script, str(env_dir), str(lock)])
    deadline = time.monotonic() + 60
    while not env_dir.exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait()


def test_created_on_first_use_then_reused(tiny: tuple[Path, Path]) -> None:
    env_dir, lock = tiny
    first = ensure_dfe_env(env_dir, lock)
    assert first.installed_now and _imports(env_dir)
    assert (env_dir / MARKER_NAME).read_text().strip() == lock_digest(lock)
    second = ensure_dfe_env(env_dir, lock)
    assert not second.installed_now and second.python == first.python


def test_a_changed_lock_rebuilds_it(tiny: tuple[Path, Path]) -> None:
    env_dir, lock = tiny
    ensure_dfe_env(env_dir, lock)
    lock.write_text("# a new pin\n" + lock.read_text(), encoding="utf-8")
    assert ensure_dfe_env(env_dir, lock).installed_now
    assert (env_dir / MARKER_NAME).read_text().strip() == lock_digest(lock)


def test_an_install_left_without_its_marker_is_redone(tiny: tuple[Path, Path]) -> None:
    env_dir, lock = tiny
    (env_dir / "bin").mkdir(parents=True)
    (env_dir / "half-written").write_text("left by an install that was killed")
    assert ensure_dfe_env(env_dir, lock).installed_now
    assert not (env_dir / "half-written").exists() and _imports(env_dir)


def test_a_killed_install_is_redone(tiny: tuple[Path, Path]) -> None:
    env_dir, lock = tiny
    _kill_once_started(ENSURE, env_dir, lock)
    assert not (env_dir / MARKER_NAME).exists(), "killed before the marker: the install counts as not done"
    assert ensure_dfe_env(env_dir, lock).installed_now and _imports(env_dir)


def test_a_killed_runs_leftover_install_is_waited_for(tiny: tuple[Path, Path], tmp_path: Path) -> None:
    """A run killed while its venv step is still going leaves that step running as an orphan;
    the next run waits for it (the orphan holds the install lock) instead of deleting the
    folder under it."""
    env_dir, lock = tiny
    slow_python = tmp_path / "slow-python"
    slow_python.write_text(f'#!/bin/sh\nmkdir -p "$3"\nsleep 2\nexec {sys.executable} "$@"\n', encoding="utf-8")
    slow_python.chmod(0o755)
    ensure = ENSURE.replace("Path(sys.argv[2]))", f"Path(sys.argv[2]), python={str(slow_python)!r})")
    _kill_once_started(ensure, env_dir, lock)
    said: list[str] = []
    assert ensure_dfe_env(env_dir, lock, echo=said.append).installed_now and _imports(env_dir)
    assert any(line.startswith("Waiting for another process") for line in said), said


def test_a_failed_install_leaves_no_marker(tmp_path: Path) -> None:
    env_dir, wheel = tmp_path / "venv-dfe", make_wheel(tmp_path)
    with pytest.raises(DfeEnvironmentError, match="installing .* failed"):
        ensure_dfe_env(env_dir, make_lock(tmp_path, wheel, digest="0" * 64))
    assert not (env_dir / MARKER_NAME).exists()
    assert ensure_dfe_env(env_dir, make_lock(tmp_path, wheel)).installed_now


def test_two_runs_at_once_install_once(tiny: tuple[Path, Path]) -> None:
    env_dir, lock = tiny
    runs = [subprocess.Popen([sys.executable, "-c", ENSURE, str(env_dir), str(lock)],
                             stdout=subprocess.PIPE, text=True) for _ in range(2)]
    answers = sorted(run.communicate()[0].strip() for run in runs)
    assert [run.returncode for run in runs] == [0, 0]
    assert answers == ["False", "True"], "one installs, the other waits and reuses it"
    assert _imports(env_dir)


def test_the_lock_installs_only_what_it_pins_with_hashes() -> None:
    lock = Path(__file__).resolve().parents[3] / "requirements-dfe.lock"
    text = lock.read_text(encoding="utf-8")
    assert "csc-validator-be-903==0.1.17" in text and "csc-validator-be-cin==0.1.13" in text
    pins = [line for line in text.splitlines() if line and not line.startswith((" ", "#"))]
    assert pins and all("==" in pin and pin.endswith("\\") for pin in pins), "every pin has its hashes"
    assert "pandas==1." in text and "numpy==1.24" in text
