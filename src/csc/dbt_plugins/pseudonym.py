"""The dbt-duckdb plugin creating the pseudonymous child key macro ``csc_pseudonym``.

dbt-duckdb loads this module as a plugin (profiles.yml). For every DuckDB connection and
cursor dbt opens it creates the temporary macro ``csc_pseudonym(text)`` from the key in
CSC_PSEUDONYM_KEY; the key, the macro and why it never reaches the compiled SQL, the logs or
the warehouse file are described in csc.pseudonym, which holds them without needing dbt.
"""

from __future__ import annotations

import os
from typing import Any

from csc.pseudonym import (  # noqa: F401  (re-exported: the names the tests and callers use)
    KEY_ENV,
    MIN_KEY_BYTES,
    SQL_MACRO,
    PseudonymKeyError,
    child_key,
    macro_sql,
    parse_key,
)

try:
    from dbt.adapters.duckdb.plugins import BasePlugin
except ImportError:  # dbt-duckdb is not needed to use parse_key and child_key
    BasePlugin = object  # type: ignore[assignment,misc]


class Plugin(BasePlugin):  # type: ignore[misc,valid-type]
    """Creates ``csc_pseudonym`` on every connection and cursor dbt-duckdb opens."""

    def initialize(self, plugin_config: dict[str, Any]) -> None:
        from dbt_common.exceptions import DbtRuntimeError

        try:
            self._sql = macro_sql(parse_key(os.environ.get(KEY_ENV)))
        except PseudonymKeyError as error:
            raise DbtRuntimeError(str(error)) from None

    def configure_connection(self, conn: Any) -> None:
        conn.execute(self._sql)

    def configure_cursor(self, cursor: Any) -> None:
        cursor.execute(self._sql)
