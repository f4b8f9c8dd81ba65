#!/usr/bin/env bash
# Starts a local PostgreSQL for the list-sync state store tests (tests/Klaviyo.Actions.Sync.Tests).
# .ci/run runs every .ci/setup-*.sh before building. Idempotent, and quick when the server already answers.
# The tests use Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres;Database=klaviyo_sync_test when
# KLAVIYO_SYNC_TEST_POSTGRES is unset, and are ignored (with a message) when no server answers there.
set -euo pipefail

PORT=5432
DATABASE=klaviyo_sync_test
PASSWORD=postgres

ready() { command -v pg_isready >/dev/null && pg_isready -h 127.0.0.1 -p "$PORT" -q; }
as_postgres() { su postgres -s /bin/sh -c "$1"; }

if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
  echo "installing PostgreSQL from the distribution's packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends postgresql >/dev/null
fi

VERSION=$(ls /usr/lib/postgresql | sort -V | tail -1)

if ! ready; then
  cluster_port=$(pg_lsclusters -h | awk -v v="$VERSION" '$1 == v && $2 == "main" { print $3 }')
  if [ -z "$cluster_port" ]; then
    pg_createcluster "$VERSION" main -p "$PORT" >/dev/null
  elif [ "$cluster_port" != "$PORT" ]; then
    pg_conftool "$VERSION" main set port "$PORT"
  fi
  pg_ctlcluster "$VERSION" main start || true
  for _ in $(seq 1 60); do
    ready && break
    sleep 0.5
  done
  if ! ready; then
    echo "PostgreSQL $VERSION did not start on 127.0.0.1:$PORT"
    tail -n 20 "/var/log/postgresql/postgresql-$VERSION-main.log" 2>/dev/null || true
    exit 1
  fi
fi

as_postgres "psql -q -p $PORT -c \"ALTER USER postgres PASSWORD '$PASSWORD'\""
if ! as_postgres "psql -p $PORT -tAc \"SELECT 1 FROM pg_database WHERE datname = '$DATABASE'\"" | grep -q 1; then
  as_postgres "createdb -p $PORT $DATABASE"
fi
echo "PostgreSQL $VERSION ready on 127.0.0.1:$PORT (database $DATABASE)"
