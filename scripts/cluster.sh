#!/usr/bin/env bash
# The whole scaled-out service on one machine (docs/scaling.md): PostgreSQL (the running server; role and
# database created if missing), a private Redis with append-only persistence, optionally an S3 server
# (moto) with its bucket, one `nirdesh serve` and N `nirdesh worker`s, each with its own --name.
#
#   scripts/cluster.sh start [--workers N] [--s3] [--port P]   # prints what it started, then returns
#   scripts/cluster.sh status
#   scripts/cluster.sh stop                                     # stops exactly the processes it started
#
# State (pids, logs, Redis data, originals) lives in $NIRDESH_CLUSTER_DIR (default .cluster/).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PY="${NIRDESH_PYTHON:-$ROOT/.venv/bin/python}"
RUN="${NIRDESH_CLUSTER_DIR:-$ROOT/.cluster}"
PG_HOST="${NIRDESH_PG_HOST:-127.0.0.1}"
PG_PORT="${NIRDESH_PG_PORT:-5432}"
PG_ROLE="${NIRDESH_PG_ROLE:-nirdesh}"
PG_PASSWORD="${NIRDESH_PG_PASSWORD:-nirdesh}"
PG_DB="${NIRDESH_PG_DB:-nirdesh_cluster}"
REDIS_PORT="${NIRDESH_REDIS_PORT:-6390}"
S3_PORT="${NIRDESH_S3_PORT:-9390}"
BUCKET="${NIRDESH_S3_BUCKET:-nirdesh-files}"

usage() { sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }

started() { # name pid: remember a process this script started
    echo "$2" >"$RUN/$1.pid"
    echo "  $1: pid $2, log $RUN/$1.log"
}

wait_for() { # description command...: retry for 30 s
    local what="$1"; shift
    for _ in $(seq 1 60); do
        if "$@" >/dev/null 2>&1; then return 0; fi
        sleep 0.5
    done
    echo "cluster.sh: $what did not come up; see the logs in $RUN" >&2
    exit 1
}

ensure_database() {
    # The role and the database, created once (as the postgres superuser; the script must run as root or
    # as a user allowed to `sudo -u postgres`).
    local as_postgres=(su postgres -c)
    [ "$(id -u)" -eq 0 ] || as_postgres=(sudo -u postgres sh -c)
    if ! "${as_postgres[@]}" "psql -tAc \"SELECT 1 FROM pg_roles WHERE rolname='$PG_ROLE'\"" | grep -q 1; then
        "${as_postgres[@]}" "psql -c \"CREATE ROLE $PG_ROLE LOGIN PASSWORD '$PG_PASSWORD'\""
    fi
    if ! "${as_postgres[@]}" "psql -tAc \"SELECT 1 FROM pg_database WHERE datname='$PG_DB'\"" | grep -q 1; then
        "${as_postgres[@]}" "createdb -O $PG_ROLE $PG_DB"
    fi
}

start() {
    local workers=2 s3=0 port="${NIRDESH_PORT:-8000}"
    while [ $# -gt 0 ]; do
        case "$1" in
            --workers) workers="$2"; shift 2 ;;
            --s3) s3=1; shift ;;
            --port) port="$2"; shift 2 ;;
            *) usage ;;
        esac
    done
    mkdir -p "$RUN/redis" "$RUN/data"
    if ls "$RUN"/*.pid >/dev/null 2>&1; then
        echo "cluster.sh: already started (pid files in $RUN); run '$0 stop' first" >&2
        exit 1
    fi
    ensure_database
    echo "starting the cluster in $RUN"

    # Redis with append-only persistence: queued task ids survive a Redis restart.
    redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --dir "$RUN/redis" --appendonly yes \
        --appendfsync everysec --save "" >"$RUN/redis.log" 2>&1 &
    started redis $!
    wait_for "Redis" redis-cli -p "$REDIS_PORT" ping

    export DATABASE_URL="postgresql+psycopg://$PG_ROLE:$PG_PASSWORD@$PG_HOST:$PG_PORT/$PG_DB"
    export REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"
    export NIRDESH_QUEUE=celery
    export NIRDESH_DATA_DIR="$RUN/data"
    export NIRDESH_VISIBILITY_TIMEOUT="${NIRDESH_VISIBILITY_TIMEOUT:-120}"
    if [ "$s3" = 1 ]; then
        export NIRDESH_FILE_STORE=s3 NIRDESH_S3_BUCKET="$BUCKET" NIRDESH_S3_ENDPOINT_URL="http://127.0.0.1:$S3_PORT"
        export AWS_ACCESS_KEY_ID="${AWS_ACCESS_KEY_ID:-cluster}" AWS_SECRET_ACCESS_KEY="${AWS_SECRET_ACCESS_KEY:-cluster}"
        export AWS_DEFAULT_REGION="${AWS_DEFAULT_REGION:-us-east-1}"
        "$(dirname "$PY")/moto_server" -H 127.0.0.1 -p "$S3_PORT" >"$RUN/s3.log" 2>&1 &
        started s3 $!
        wait_for "the S3 server" "$PY" -c "import boto3; boto3.client('s3', endpoint_url='$NIRDESH_S3_ENDPOINT_URL').list_buckets()"
        "$PY" -c "import boto3; boto3.client('s3', endpoint_url='$NIRDESH_S3_ENDPOINT_URL').create_bucket(Bucket='$BUCKET')"
    else
        export NIRDESH_FILE_STORE=local  # one machine: every process shares $RUN/data/files
    fi

    cd "$ROOT"
    "$PY" -m nirdesh.cli serve --port "$port" >"$RUN/serve.log" 2>&1 &
    started serve $!
    wait_for "nirdesh serve" "$PY" -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/v1/ready')"
    for n in $(seq 1 "$workers"); do
        # Two workers on one host need different names, or Celery sees one worker twice.
        "$PY" -m nirdesh.cli worker --concurrency 1 --name "w$n@%h" >"$RUN/worker$n.log" 2>&1 &
        started "worker$n" $!
    done
    echo "ready: http://127.0.0.1:$port  (DATABASE_URL=$DATABASE_URL REDIS_URL=$REDIS_URL file store: $NIRDESH_FILE_STORE)"
}

status() {
    for f in "$RUN"/*.pid; do
        [ -e "$f" ] || { echo "not started"; return; }
        local pid; pid="$(cat "$f")"
        if kill -0 "$pid" 2>/dev/null; then echo "$(basename "$f" .pid): running (pid $pid)"; else echo "$(basename "$f" .pid): stopped"; fi
    done
}

stop() {
    # Workers and the server first (they finish or hand back their task), then Redis and S3.
    for name in 'worker*' serve s3 redis; do
        for f in "$RUN"/$name.pid; do
            [ -e "$f" ] || continue
            local pid; pid="$(cat "$f")"
            if kill -0 "$pid" 2>/dev/null; then
                kill -TERM "$pid"
                for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
                kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
            fi
            rm -f "$f"
            echo "stopped $(basename "$f" .pid)"
        done
    done
}

cmd="${1:-}"; shift || true
case "$cmd" in
    start) start "$@" ;;
    stop) stop ;;
    status) status ;;
    *) usage ;;
esac
