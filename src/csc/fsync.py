"""Flush a file or folder to disk, so an ``os.replace`` survives a power cut."""

from __future__ import annotations

import os
from pathlib import Path


def fsync_path(path: Path, directory: bool = False) -> None:
    """``fsync`` ``path`` (a folder when ``directory``); silently a no-op where that is impossible."""
    flags = os.O_RDONLY | (getattr(os, "O_DIRECTORY", 0) if directory else 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
