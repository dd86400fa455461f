"""The PostgreSQL connection settings come from profiles.yml's postgres target (no server needed)."""

from __future__ import annotations

import pytest

from csc.engines import postgres

PROFILE = """\
csc:
  outputs:
    postgres:
      type: postgres
      host: "{{ env_var('CSC_PG_HOST', 'db.example') }}"
      port: "{{ env_var('CSC_PG_PORT', '6543') | as_number }}"
      user: "{{ env_var('CSC_PG_USER', 'analyst') }}"
      password: "{{ env_var('CSC_PG_PASSWORD', '') }}"
      dbname: "{{ env_var('CSC_PG_DATABASE', 'warehouse') }}"
      schema: main
"""


def test_the_fields_variables_and_defaults_are_read_from_the_profile() -> None:
    assert postgres.profile_connection(PROFILE) == (
        ("host", "CSC_PG_HOST", "db.example"),
        ("port", "CSC_PG_PORT", "6543"),
        ("user", "CSC_PG_USER", "analyst"),
        ("password", "CSC_PG_PASSWORD", ""),
        ("dbname", "CSC_PG_DATABASE", "warehouse"),
    )


def test_the_repositorys_profile_gives_the_documented_defaults() -> None:
    # README "PostgreSQL" and `make postgres` promise these when no CSC_PG_* variable is set
    assert postgres.connection_settings({}) == {
        "host": "127.0.0.1",
        "port": "55432",
        "user": "postgres",
        "password": "",
        "dbname": "csc",
    }


def test_a_variable_overrides_the_profiles_default_and_an_empty_one_does_not() -> None:
    settings = postgres.connection_settings({"CSC_PG_HOST": "10.0.0.5", "CSC_PG_DATABASE": ""})
    assert settings["host"] == "10.0.0.5"
    assert settings["dbname"] == "csc"


def test_a_profile_without_a_field_is_refused_naming_it() -> None:
    broken = "\n".join(line for line in PROFILE.splitlines() if "dbname" not in line)
    with pytest.raises(postgres.PostgresError, match=r"does not set dbname"):
        postgres.profile_connection(broken)
