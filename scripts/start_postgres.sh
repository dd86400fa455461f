#!/bin/sh
# A local PostgreSQL cluster for developing against the postgres target (make postgres):
# Debian's PostgreSQL 15 (installed when missing), data folder build/postgres/data, listening on
# 127.0.0.1 only at port $CSC_PG_PORT (55432), trust authentication for the cluster's own
# superuser only (every other user and address is rejected), database csc with pgcrypto.
# Prints the environment variables the profile's postgres target reads. Stop it with
#   pg_ctl -D build/postgres/data stop   (as the same user; root: runuser -u postgres --)
set -eu
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
PORT=${CSC_PG_PORT:-55432}
BASE=$(pwd)/build/postgres
DATA=$BASE/data
if [ ! -x "$PG_BIN/initdb" ]; then
    echo "Installing Debian's postgresql (server binaries missing from $PG_BIN)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
mkdir -p "$BASE/socket"
if [ "$(id -u)" = 0 ]; then
    # initdb refuses to run as root: the cluster belongs to the postgres user.
    DB_USER=postgres
    chown -R postgres "$BASE"
    RUN="runuser -u postgres --"
else
    DB_USER=$(id -un)
    RUN=""
fi
if [ ! -f "$DATA/PG_VERSION" ]; then
    $RUN "$PG_BIN/initdb" -D "$DATA" -U "$DB_USER" -A reject --encoding UTF8 --no-locale >/dev/null
    $RUN sh -c "printf 'local all %s trust\nhost all %s 127.0.0.1/32 trust\n' '$DB_USER' '$DB_USER' > '$DATA/pg_hba.conf'"
fi
if ! $RUN "$PG_BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
    $RUN "$PG_BIN/pg_ctl" -D "$DATA" -l "$BASE/server.log" -w \
        -o "-c listen_addresses=127.0.0.1 -p $PORT -k $BASE/socket" start >/dev/null
fi
$RUN "$PG_BIN/psql" -h 127.0.0.1 -p "$PORT" -U "$DB_USER" -d postgres -qtAc \
    "select 1 from pg_database where datname = 'csc'" | grep -q 1 \
    || $RUN "$PG_BIN/createdb" -h 127.0.0.1 -p "$PORT" -U "$DB_USER" csc
$RUN "$PG_BIN/psql" -h 127.0.0.1 -p "$PORT" -U "$DB_USER" -d csc -qc "create extension if not exists pgcrypto"
echo "PostgreSQL is running (data $DATA, log $BASE/server.log). For the postgres target set:"
echo "  export CSC_PG_HOST=127.0.0.1 CSC_PG_PORT=$PORT CSC_PG_USER=$DB_USER CSC_PG_PASSWORD= CSC_PG_DATABASE=csc"
