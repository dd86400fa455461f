#!/bin/sh
# Installs what the spark target needs (make spark; README "Apache Spark"): Debian's Java 17
# runtime when no java is on the PATH, then dbt-spark (session method) and pyspark, exactly as
# pinned in requirements-spark.lock, into the Python given as $1 (default .venv/bin/python).
# --no-deps: the lock is complete and keeps every pin of requirements.lock, and it leaves out
# dbt-core's experimental parser (README "Dependencies").
set -eu
PYTHON=${1:-.venv/bin/python}
if ! command -v java >/dev/null 2>&1; then
    echo "Installing Debian's openjdk-17-jre-headless (no java on the PATH)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless >/dev/null
fi
if ! "$PYTHON" -c "import pyspark, dbt.adapters.spark" >/dev/null 2>&1; then
    echo "Installing dbt-spark and pyspark from requirements-spark.lock into $PYTHON"
    "$PYTHON" -m pip install --quiet --disable-pip-version-check --no-deps -r "$(dirname "$0")/../requirements-spark.lock"
fi
"$PYTHON" -c "import pyspark; print('Spark ready: pyspark', pyspark.__version__)"
java -version 2>&1 | head -1
