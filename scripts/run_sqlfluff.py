"""Run sqlfluff with sqlparse's token cap lifted, so no model is skipped unlinted.

dbt's templater hands each compiled model to sqlparse, which refuses a statement of more than
10,000 tokens ("Maximum number of tokens exceeded"); sqlfluff then skips the file and still
exits 0. dq_landing_rows (a union over the 33 landing tables) compiles to more than that, so
`make lint` and `make lint-fix` run sqlfluff through this script: same arguments, no cap.
"""

import sys

import sqlparse.engine.grouping
from sqlfluff.cli.commands import cli

if __name__ == "__main__":
    sqlparse.engine.grouping.MAX_GROUPING_TOKENS = None
    sys.exit(cli())
