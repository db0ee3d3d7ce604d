#!/usr/bin/env bash
# The test command (`make test`): starts a local PostgreSQL for the storage and
# API tests when none is given, then runs pytest. Set NIRDESH_TEST_PG_URL to use
# your own server, or NIRDESH_SKIP_PG=1 to run the SQLite cases only.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${NIRDESH_TEST_PG_URL:-}" ] && [ -z "${NIRDESH_SKIP_PG:-}" ]; then
  if [ "$(id -u)" = 0 ] && command -v pg_ctlcluster >/dev/null 2>&1; then
    version=$(ls /usr/lib/postgresql | sort -V | tail -1)
    pg_lsclusters -h | grep -q "^$version main" || pg_createcluster "$version" main >/dev/null
    pg_ctlcluster "$version" main start 2>/dev/null || true
    for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 && break; sleep 1; done
    su postgres -c "psql -qtAc \"SELECT 1 FROM pg_roles WHERE rolname='nirdesh'\"" | grep -q 1 \
      || su postgres -c "psql -qc \"CREATE ROLE nirdesh LOGIN PASSWORD 'nirdesh'\""
    su postgres -c "psql -qtAc \"SELECT 1 FROM pg_database WHERE datname='nirdesh_test'\"" | grep -q 1 \
      || su postgres -c "createdb -O nirdesh nirdesh_test"
    export NIRDESH_TEST_PG_URL=postgresql+psycopg://nirdesh:nirdesh@127.0.0.1:5432/nirdesh_test
  else
    echo "no PostgreSQL: install the Debian package postgresql (as root), set NIRDESH_TEST_PG_URL, or NIRDESH_SKIP_PG=1" >&2
    exit 2
  fi
fi
exec .venv/bin/python -m pytest -q "$@"
