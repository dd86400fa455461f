"""DuckDB's memory limit and spill folder from the machine (csc.duckdb_settings)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from csc import duckdb_settings
from csc.duckdb_settings import (
    GIB,
    MAX_MEMORY_LIMIT,
    MIB,
    derive_max_temp_size,
    derive_memory_limit,
    format_size,
    parse_cgroup_limit,
    resolve_settings,
    spill_limit_message,
)


def test_memory_limit_is_half_the_physical_memory_in_whole_mib():
    assert derive_memory_limit(8 * GIB, None) == 4 * GIB
    assert derive_memory_limit(8 * GIB + 3, None) == 4 * GIB
    assert derive_memory_limit(8 * GIB + 3 * MIB, None) == 4 * GIB + MIB


def test_memory_limit_is_capped_so_the_dbt_process_stays_within_6_gb():
    # DuckDB's 5GB in whole MiB: half of a 24 GB machine would be 12 GiB
    assert MAX_MEMORY_LIMIT == 4768 * MIB
    assert derive_memory_limit(24 * GIB, None) == MAX_MEMORY_LIMIT
    assert derive_memory_limit(2 * MAX_MEMORY_LIMIT, None) == MAX_MEMORY_LIMIT
    assert derive_memory_limit(2 * MAX_MEMORY_LIMIT - 2 * MIB, None) == MAX_MEMORY_LIMIT - MIB
    # a cgroup limit above twice the cap leaves the cap; below it, half of the cgroup's
    assert derive_memory_limit(64 * GIB, 16 * GIB) == MAX_MEMORY_LIMIT
    assert derive_memory_limit(64 * GIB, 6 * GIB) == 3 * GIB


def test_a_smaller_cgroup_limit_wins_and_a_larger_one_is_ignored():
    assert derive_memory_limit(24 * GIB, 6 * GIB) == 3 * GIB
    assert derive_memory_limit(8 * GIB, 64 * GIB) == 4 * GIB


def test_memory_limit_has_a_floor():
    assert derive_memory_limit(256 * MIB, None) == 512 * MIB


@pytest.mark.parametrize(("text", "expected"), [
    ("max\n", None),
    ("", None),
    ("9223372036854771712\n", None),  # cgroup v1: no limit
    ("6442450944\n", 6 * GIB),
    ("not a number", None),
])
def test_cgroup_files_are_read_as_a_limit_or_none(text, expected):
    assert parse_cgroup_limit(text) == expected


def test_spill_cap_is_half_the_free_disk_with_a_floor():
    # half of the free space, rounded down to a power of two GiB
    assert derive_max_temp_size(100 * GIB) == 32 * GIB
    assert derive_max_temp_size(128 * GIB) == 64 * GIB
    assert derive_max_temp_size(128 * GIB - 1) == 32 * GIB
    assert derive_max_temp_size(3 * GIB) == GIB
    assert derive_max_temp_size(100 * MIB) == GIB
    # so the partial-parse file survives the free disk moving by gigabytes between two builds
    # (the CI machine's free space fell by over 2 GiB between two builds and the second re-parsed)
    assert derive_max_temp_size(65 * GIB) == derive_max_temp_size(100 * GIB) == derive_max_temp_size(127 * GIB) == 32 * GIB


def test_sizes_are_written_in_mib_as_duckdb_reads_them():
    assert format_size(12 * GIB + 5) == "12288MiB"
    with duckdb.connect() as con:
        con.execute(f"set memory_limit = '{format_size(3 * GIB)}'")
        assert con.execute("select current_setting('memory_limit')").fetchall() == [("3.0 GiB",)]


def _defaults_on(monkeypatch, db: Path, physical: int, cgroup: int | None):
    """The settings resolve_settings chooses with no variables set, on a machine of ``physical``
    bytes in a cgroup limited to ``cgroup`` bytes (None: no limit)."""
    monkeypatch.setattr(duckdb_settings, "physical_memory", lambda: physical)
    monkeypatch.setattr(duckdb_settings, "cgroup_memory_limit", lambda: cgroup)
    return resolve_settings(db, {})


def test_defaults_come_from_the_machine(tmp_path, monkeypatch):
    settings = _defaults_on(monkeypatch, tmp_path / "wh.duckdb", 8 * GIB, None)
    assert settings.memory_limit == "4096MiB"
    assert "half of the 8.0 GiB of physical memory" in settings.memory_source
    assert settings.temp_dir == tmp_path / "wh.duckdb.tmp"
    assert settings.max_temp_size.endswith("MiB")
    env = settings.environment()
    assert env["CSC_DUCKDB_MEMORY_LIMIT"] == "4096MiB"
    assert env["CSC_DUCKDB_TEMP_DIR"] == str(tmp_path / "wh.duckdb.tmp")
    assert "memory limit 4096MiB" in settings.describe()


def test_the_cap_is_named_when_it_sets_the_default(tmp_path, monkeypatch):
    settings = _defaults_on(monkeypatch, tmp_path / "wh.duckdb", 24 * GIB, None)
    assert settings.memory_limit == "4768MiB"
    assert "the 4.7 GiB cap; half of the 24.0 GiB this build may use would be more" in settings.memory_source
    assert settings.memory_source.endswith("CSC_DUCKDB_MEMORY_LIMIT overrides")


def test_cgroup_limit_is_named_when_it_sets_the_default(tmp_path, monkeypatch):
    settings = _defaults_on(monkeypatch, tmp_path / "wh.duckdb", 16 * GIB, 4 * GIB)
    assert settings.memory_limit == "2048MiB"
    assert "cgroup" in settings.memory_source


def test_the_environment_overrides_every_default(tmp_path):
    settings = resolve_settings(tmp_path / "wh.duckdb", {
        "CSC_DUCKDB_MEMORY_LIMIT": "6GB",
        "CSC_DUCKDB_TEMP_DIR": str(tmp_path / "spill"),
        "CSC_DUCKDB_MAX_TEMP_SIZE": "10GB",
    })
    assert (settings.memory_limit, settings.temp_dir, settings.max_temp_size) == ("6GB", tmp_path / "spill", "10GB")
    assert settings.memory_source == "CSC_DUCKDB_MEMORY_LIMIT"


def test_a_full_spill_folder_is_one_line_saying_what_to_do(tmp_path):
    # DuckDB's own error when the spill cap is reached, from a real query
    with duckdb.connect(str(tmp_path / "wh.duckdb")) as con:
        con.execute(f"set temp_directory = '{tmp_path / 'spill'}'")
        con.execute("set memory_limit = '64MiB'")
        con.execute("set max_temp_directory_size = '1MiB'")
        con.execute("set preserve_insertion_order = false")
        with pytest.raises(duckdb.Error) as raised:
            con.execute("create table t as select i, md5(i::varchar) as h from range(3000000) t(i) order by h")
    output = ["Runtime Error in model x", str(raised.value)]
    message = spill_limit_message(output)
    assert message is not None
    assert "CSC_DUCKDB_MAX_TEMP_SIZE" in message and "CSC_DUCKDB_TEMP_DIR" in message
    assert spill_limit_message(["Database Error: something else"]) is None


def test_dbt_gets_the_settings(tmp_path, monkeypatch):
    from csc.dbt_runner import dbt_environment
    from csc.paths import WarehousePaths

    monkeypatch.setenv("CSC_DUCKDB_MEMORY_LIMIT", "5GB")
    paths = WarehousePaths(project_dir=tmp_path, db_path=tmp_path / "wh.duckdb", landing_dir=tmp_path)
    env = dbt_environment(paths, "k" * 64)
    assert env["CSC_DUCKDB_MEMORY_LIMIT"] == "5GB"
    assert env["CSC_DUCKDB_TEMP_DIR"] == str(Path(tmp_path / "wh.duckdb.tmp"))
    assert env["CSC_DUCKDB_MAX_TEMP_SIZE"].endswith("MiB")
