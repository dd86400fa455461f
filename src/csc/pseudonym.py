"""The pseudonymous child key: HMAC-SHA-256 of the person id under a secret key.

The dbt-duckdb plugin csc.dbt_plugins.pseudonym (profiles.yml) creates, on every DuckDB
connection and cursor dbt opens, the temporary macro ``csc_pseudonym(text)``, which the dbt macro
``pseudonymise`` calls. The macro is native SQL (two ``sha256`` over blobs, RFC 2104), so it
runs at DuckDB speed, and it carries the key's padded forms as blob literals. A temporary
macro lives only in that connection's memory: the key is never in the compiled SQL, dbt's
target/ artifacts or logs (dbt neither renders nor logs what a plugin runs), nor in the
warehouse file. Tables built with it hold only the resulting keys.

The key is read from the environment variable CSC_PSEUDONYM_KEY: hex digits, at least 32
(16 bytes). The same key gives the same child keys every month; without it a key cannot be
recomputed from a known person id.

This module needs no dbt: csc reads and checks the key (csc.keys) without importing
dbt-duckdb, which takes seconds, since dbt itself runs in a child process.
"""

from __future__ import annotations

import hashlib
import hmac
import re

KEY_ENV = "CSC_PSEUDONYM_KEY"
MIN_KEY_BYTES = 16
SQL_MACRO = "csc_pseudonym"
_BLOCK_BYTES = 64  # SHA-256 block size
_HEX = re.compile(r"[0-9a-fA-F]+")


class PseudonymKeyError(ValueError):
    """The pseudonymisation key is missing or unusable."""


def parse_key(text: str | None) -> bytes:
    """The key bytes of a hex key, or PseudonymKeyError saying what is wrong and what to do."""
    value = (text or "").strip()
    if not value:
        raise PseudonymKeyError(
            f"{KEY_ENV} is not set: the child key is an HMAC under a secret key. Run the build "
            f"with `csc build` (which keeps a key file beside the warehouse) or set {KEY_ENV} "
            f"to at least {2 * MIN_KEY_BYTES} hex digits, e.g. from `python -c \"import secrets; "
            f"print(secrets.token_hex(32))\"`, and keep the same key every month."
        )
    if not _HEX.fullmatch(value) or len(value) % 2:
        raise PseudonymKeyError(
            f"{KEY_ENV} must be an even number of hex digits (0-9, a-f); it has "
            f"{len(value)} characters, not all of them hex digits or an odd count."
        )
    key = bytes.fromhex(value)
    if len(key) < MIN_KEY_BYTES:
        raise PseudonymKeyError(
            f"{KEY_ENV} is too short: {len(value)} hex digits, at least {2 * MIN_KEY_BYTES} "
            f"({MIN_KEY_BYTES} bytes) are needed so the keys cannot be found by trying keys."
        )
    return key


def child_key(key: bytes, person_id: str) -> str:
    """The child key of one person id, as the SQL macro computes it (for tests and checks)."""
    return hmac.new(key, person_id.encode("utf-8"), hashlib.sha256).hexdigest()


def _blob_literal(data: bytes) -> str:
    return "'" + "".join(f"\\x{byte:02X}" for byte in data) + "'::blob"


def macro_sql(key: bytes) -> str:
    """``create temp macro csc_pseudonym`` computing HMAC-SHA-256(key, utf-8 text) as hex."""
    if len(key) > _BLOCK_BYTES:
        key = hashlib.sha256(key).digest()
    padded = key.ljust(_BLOCK_BYTES, b"\0")
    inner = bytes(byte ^ 0x36 for byte in padded)
    outer = bytes(byte ^ 0x5C for byte in padded)
    return (
        f"create or replace temp macro {SQL_MACRO}(message) as "
        f"sha256({_blob_literal(outer)} || unhex(sha256({_blob_literal(inner)} || encode(message))))"
    )
