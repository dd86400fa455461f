"""Stream landing tables to CSV or Parquet, area by area, byte-for-byte reproducibly."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from csc.synth.schema import ALL_COLUMNS, landing_columns

FORMATS = ("csv", "parquet")


def clear_landing(out: Path) -> None:
    """Remove landing files this generator writes (both formats, both landing parts), so a
    folder never holds a table as .csv and .parquet at once, nor a part-2 file left from an
    earlier run."""
    for name in ALL_COLUMNS:
        for ext in FORMATS:
            (out / f"{name}.{ext}").unlink(missing_ok=True)
    (out / "_dirty_manifest.csv").unlink(missing_ok=True)


class LandingWriter:
    """One open writer per table of the landing part; every column is text, as in a CSV extract."""

    def __init__(self, out: Path, fmt: str, part: str = "all") -> None:
        if fmt not in FORMATS:
            raise ValueError(f"format must be one of {FORMATS}")
        self.out = out
        self.fmt = fmt
        self.columns = landing_columns(part)
        self.writers: dict[str, object] = {}
        self.rows: dict[str, int] = {name: 0 for name in self.columns}

    def schema(self, name: str) -> pa.Schema:
        return pa.schema([(c, pa.string()) for c in self.columns[name]])

    def _writer(self, name: str):
        if name not in self.writers:
            path = self.out / f"{name}.{self.fmt}"
            if self.fmt == "csv":
                opts = pacsv.WriteOptions(include_header=True, quoting_style="needed")
                self.writers[name] = pacsv.CSVWriter(str(path), self.schema(name), write_options=opts)
            else:
                self.writers[name] = pq.ParquetWriter(str(path), self.schema(name), compression="zstd")
        return self.writers[name]

    def write(self, name: str, columns: dict[str, pa.Array]) -> None:
        table = pa.Table.from_arrays([columns[c] for c in self.columns[name]], schema=self.schema(name))
        self._writer(name).write_table(table)
        self.rows[name] += table.num_rows

    def close(self) -> None:
        for name in self.columns:  # header-only files for empty tables
            self._writer(name)
        for w in self.writers.values():
            w.close()
