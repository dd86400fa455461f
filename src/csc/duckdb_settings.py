"""DuckDB's memory limit and spill folder for a build, chosen from the machine it runs on.

dbt runs the models in DuckDB inside its own process; Great Expectations runs after it, in
the ``csc`` process. The defaults (README "Memory and disk at scale"):

- ``memory_limit``: half of the memory this process may use, the smaller of the machine's
  physical memory and a cgroup (container) limit when one is set, and at most MAX_MEMORY_LIMIT
  (5 GB); the rest is left to the operating system, dbt's own Python and the checks that follow.
  The cap keeps every process of a build within the 6 GB budget of issue 14 on a large machine:
  at the national profile (45.6 M landing rows) DuckDB's limit of half of 24 GB let the dbt
  process grow to 12.7 GB holding blocks it did not need, while under a 5 GB limit it peaked at
  5.3 GB, spilled about 1 GB in one model and took 520 s against 479 s (docs/scale.md,
  "Measured"). ``CSC_DUCKDB_MEMORY_LIMIT`` (a DuckDB
  size such as ``8GB`` or ``6000MiB``) overrides it.
- ``temp_directory``: where DuckDB spills what does not fit, ``<warehouse file>.tmp`` beside the
  file dbt writes (a build's working copy, so the spill goes with the build's run folder), or
  ``CSC_DUCKDB_TEMP_DIR``.
- ``max_temp_directory_size``: half of the free space on the spill folder's disk when the
  build starts (the other half is room for the warehouse file being written), or
  ``CSC_DUCKDB_MAX_TEMP_SIZE``. A build that needs more stops with DuckDB's error naming the
  setting, which ``spill_limit_message`` turns into one line saying what to do.

profiles.yml reads the three ``CSC_DUCKDB_*`` variables that ``environment`` returns.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

MIB = 1024 * 1024
GIB = 1024 * MIB

MEMORY_FRACTION = 0.5  # of the memory the build may use
#: the largest default: DuckDB's 5GB (1000^3 bytes), in whole MiB; measured at the national profile
MAX_MEMORY_LIMIT = 5 * 1000**3 // MIB * MIB
TEMP_FRACTION = 0.5  # of the free space on the spill folder's disk
MIN_MEMORY_LIMIT = 512 * MIB
MIN_TEMP_SIZE = 1 * GIB

# cgroup v2, then v1; "max" (v2) or a huge number (v1) means no limit
CGROUP_LIMIT_FILES = (
    Path("/sys/fs/cgroup/memory.max"),
    Path("/sys/fs/cgroup/memory/memory.limit_in_bytes"),
)


def derive_memory_limit(physical_bytes: int, cgroup_limit_bytes: int | None) -> int:
    """DuckDB's default memory limit in bytes: MEMORY_FRACTION of the memory the build may use,
    at most MAX_MEMORY_LIMIT.

    That memory is ``physical_bytes``, or the cgroup limit when it is set and smaller (a
    container's limit is what the kernel enforces). At least MIN_MEMORY_LIMIT, and rounded
    down to a whole MiB.
    """
    usable = physical_bytes
    if cgroup_limit_bytes is not None and 0 < cgroup_limit_bytes < usable:
        usable = cgroup_limit_bytes
    limit = max(min(int(usable * MEMORY_FRACTION), MAX_MEMORY_LIMIT), MIN_MEMORY_LIMIT)
    return limit // MIB * MIB


def derive_max_temp_size(free_disk_bytes: int) -> int:
    """The default cap on DuckDB's spill folder in bytes: TEMP_FRACTION of the free disk space,
    rounded down to a power of two GiB, at least MIN_TEMP_SIZE (a nearly full disk then fails on
    the disk, with its own message). The value reaches dbt's profile, and dbt parses the whole
    project again whenever a profile value changes: rounded to whole GiB it still moved when the
    free space changed by 2 GiB between two builds (a month's extracts, or another build beside
    it), and each such build lost its partial parse. A power of two moves only when the free
    space halves or doubles."""
    half = max(int(free_disk_bytes * TEMP_FRACTION), MIN_TEMP_SIZE)
    return MIN_TEMP_SIZE << ((half // MIN_TEMP_SIZE).bit_length() - 1)


def parse_cgroup_limit(text: str) -> int | None:
    """The limit in a cgroup memory file, or None for none (``max``, or v1's near-2^63 value)."""
    value = text.strip()
    if not value or value == "max":
        return None
    try:
        limit = int(value)
    except ValueError:
        return None
    return None if limit <= 0 or limit >= 2**62 else limit


def physical_memory() -> int:
    """The machine's physical memory in bytes."""
    return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")


def cgroup_memory_limit() -> int | None:
    """This process's cgroup memory limit in bytes, or None when there is none (or no cgroup)."""
    for path in CGROUP_LIMIT_FILES:
        try:
            return parse_cgroup_limit(path.read_text(encoding="ascii"))
        except OSError:
            continue
    return None


def format_size(size_bytes: int) -> str:
    """A size as DuckDB reads it, in whole MiB (DuckDB's ``GB`` is 1000^3 bytes)."""
    return f"{size_bytes // MIB}MiB"


def _readable(size_bytes: int) -> str:
    return f"{size_bytes / GIB:.1f} GiB"


def _free_disk(folder: Path) -> int:
    """Free bytes on the disk that holds ``folder`` (or its nearest existing parent)."""
    for candidate in (folder, *folder.parents):
        if candidate.exists():
            return shutil.disk_usage(candidate).free
    return 0


@dataclass(frozen=True)
class DuckDBSettings:
    """The settings one build gives DuckDB, and where each came from."""

    memory_limit: str
    memory_source: str
    temp_dir: Path
    max_temp_size: str
    max_temp_source: str

    def environment(self) -> dict[str, str]:
        """The variables profiles.yml reads."""
        return {
            "CSC_DUCKDB_MEMORY_LIMIT": self.memory_limit,
            "CSC_DUCKDB_TEMP_DIR": str(self.temp_dir),
            "CSC_DUCKDB_MAX_TEMP_SIZE": self.max_temp_size,
        }

    def describe(self) -> str:
        """One line for the build's output."""
        return (f"DuckDB: memory limit {self.memory_limit} ({self.memory_source}); spill folder "
                f"{self.temp_dir}, at most {self.max_temp_size} ({self.max_temp_source})")


def resolve_settings(db_path: Path, environ: Mapping[str, str]) -> DuckDBSettings:
    """The settings for a build writing ``db_path``: the ``CSC_DUCKDB_*`` variables set in
    ``environ``, else the defaults derived from this machine (module docstring)."""
    memory = environ.get("CSC_DUCKDB_MEMORY_LIMIT", "").strip()
    if memory:
        memory_source = "CSC_DUCKDB_MEMORY_LIMIT"
    else:
        physical, cgroup = physical_memory(), cgroup_memory_limit()
        limit = derive_memory_limit(physical, cgroup)
        memory = format_size(limit)
        if limit == MAX_MEMORY_LIMIT:
            memory_source = (f"the {_readable(MAX_MEMORY_LIMIT)} cap; half of the "
                             f"{_readable(min(physical, cgroup or physical))} this build may use "
                             "would be more")
        elif cgroup is not None and cgroup < physical:
            memory_source = f"half of the cgroup's limit of {_readable(cgroup)}"
        else:
            memory_source = f"half of the {_readable(physical)} of physical memory"
        memory_source += "; CSC_DUCKDB_MEMORY_LIMIT overrides"
    temp_setting = environ.get("CSC_DUCKDB_TEMP_DIR", "").strip()
    temp_dir = Path(temp_setting) if temp_setting else db_path.with_name(db_path.name + ".tmp")
    max_temp = environ.get("CSC_DUCKDB_MAX_TEMP_SIZE", "").strip()
    if max_temp:
        max_temp_source = "CSC_DUCKDB_MAX_TEMP_SIZE"
    else:
        free = _free_disk(temp_dir)
        max_temp = format_size(derive_max_temp_size(free))
        max_temp_source = f"half of the {_readable(free)} free on its disk, rounded down to a power of two GiB; CSC_DUCKDB_MAX_TEMP_SIZE overrides"
    return DuckDBSettings(memory, memory_source, temp_dir, max_temp, max_temp_source)


SPILL_LIMIT_MARKER = "max_temp_directory_size"


def spill_limit_message(output: list[str]) -> str | None:
    """One line saying what to do when DuckDB stopped because its spill folder reached
    max_temp_directory_size (its error names the setting), or None when it did not."""
    for line in output:
        if SPILL_LIMIT_MARKER in line:
            return ("DuckDB needed more spill space than its limit allows (" + line.strip()[:200] + "); "
                    "free disk space and set CSC_DUCKDB_MAX_TEMP_SIZE higher, point CSC_DUCKDB_TEMP_DIR "
                    "at a larger disk, or give DuckDB more memory with CSC_DUCKDB_MEMORY_LIMIT")
    return None
