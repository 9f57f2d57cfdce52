#!/usr/bin/env bash
# Starts a throwaway PostgreSQL 15 on loopback for the tests that check the ledger on PostgreSQL, and prints
# the JDBC URL to use. Installs the server from Debian's packages when the machine lacks it.
# `.ci/postgres.sh --stop` stops the server of FUNDLEDGER_PG_DIR again.
set -euo pipefail
PORT=${FUNDLEDGER_PG_PORT:-55432}
DIR=${FUNDLEDGER_PG_DIR:-/tmp/fund-ledger-pg}

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [[ -z "$bin" || ! -x "$bin/initdb" ]]; then
  (apt-get update -q && apt-get install -y -q postgresql) >&2
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi
id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql postgres
as_pg() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }

if [[ ${1:-} == --stop ]]; then
  as_pg "$bin/pg_ctl" -D "$DIR" -m fast stop >&2 || true
  exit 0
fi

# another server (an earlier run's, another checkout's) may hold the port: take the next free one
in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
if [[ -z ${FUNDLEDGER_PG_PORT:-} ]]; then
  while in_use "$PORT" && [[ $PORT -lt 55532 ]]; do PORT=$((PORT + 1)); done
fi

if as_pg "$bin/pg_ctl" -D "$DIR" status >/dev/null 2>&1; then
  as_pg "$bin/pg_ctl" -D "$DIR" -m fast stop >&2 || true
fi
rm -rf "$DIR"
mkdir -p "$DIR"
[[ $(id -u) -eq 0 ]] && chown postgres "$DIR"
as_pg "$bin/initdb" -D "$DIR" -U postgres -A trust -E UTF8 --locale=C >/dev/null
as_pg "$bin/pg_ctl" -D "$DIR" -l "$DIR/server.log" -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1" -w start >&2
as_pg "$bin/psql" -h 127.0.0.1 -p "$PORT" -U postgres -qc "CREATE USER fundledger PASSWORD 'fundledger'" >&2
as_pg "$bin/psql" -h 127.0.0.1 -p "$PORT" -U postgres -qc "CREATE DATABASE fundledger OWNER fundledger" >&2
echo "jdbc:postgresql://127.0.0.1:$PORT/fundledger"
