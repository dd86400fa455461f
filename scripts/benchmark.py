"""Benchmark: a thin wrapper of ``csc bench`` (src/csc/bench.py), kept for older instructions.

    .venv/bin/python scripts/benchmark.py [--profile county] [--sizes 1,4,16] [--work DIR] ...

Takes the options of ``csc bench`` (``csc bench --help``) and prints the same figures.
"""

from __future__ import annotations

import sys

from csc.cli import main

if __name__ == "__main__":
    main(["bench", *sys.argv[1:]], prog_name="csc bench")
