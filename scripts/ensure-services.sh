#!/usr/bin/env bash
# Makes sure the PostgreSQL and Redis that the tests use are answering on this machine, starting them when they
# are down, and waits until they answer. Services that already run are left alone.
#
#   PostgreSQL: 127.0.0.1:5432, trust authentication, user postgres (the Debian cluster "main")
#   Redis:      127.0.0.1:6379, no persistence
#
# SERVICES_TIMEOUT (seconds, default 60) bounds the wait for each service.
set -euo pipefail

readonly HOST=127.0.0.1
readonly PG_PORT=5432
readonly REDIS_PORT=6379
readonly TIMEOUT="${SERVICES_TIMEOUT:-60}"

die() {
    echo "ensure-services: $*" >&2
    exit 1
}

pg_answers() {
    pg_isready --quiet --host "$HOST" --port "$PG_PORT" --timeout 5
}

redis_answers() {
    [[ "$(timeout 5 redis-cli -h "$HOST" -p "$REDIS_PORT" ping 2>/dev/null)" == PONG ]]
}

# Polls "$1" (a function) once a second until it succeeds or TIMEOUT passes.
wait_for() {
    local check=$1 name=$2 deadline=$((SECONDS + TIMEOUT))
    until "$check"; do
        ((SECONDS < deadline)) || die "$name did not answer within ${TIMEOUT}s"
        sleep 1
    done
    echo "$name: answering on $HOST"
}

ensure_postgres() {
    if command -v pg_isready >/dev/null 2>&1 && pg_answers; then
        echo "PostgreSQL: already running on $HOST:$PG_PORT"
        return
    fi
    command -v pg_ctlcluster >/dev/null 2>&1 ||
        die "PostgreSQL is not answering on $HOST:$PG_PORT and pg_ctlcluster is missing: install the Debian postgresql package or start PostgreSQL yourself"
    local version
    version=$(find /etc/postgresql -mindepth 1 -maxdepth 1 -type d -printf '%f\n' 2>/dev/null | sort -V | tail -n 1)
    [[ -n "$version" ]] || die "no PostgreSQL cluster under /etc/postgresql"
    # pg_ctlcluster status exits 3 when the cluster is down; anything else running means it is still starting.
    if pg_ctlcluster "$version" main status >/dev/null 2>&1; then
        echo "PostgreSQL $version: running but not answering yet; waiting"
    else
        echo "PostgreSQL $version: starting cluster main"
        pg_ctlcluster --skip-systemctl-redirect "$version" main start
    fi
    wait_for pg_answers PostgreSQL
}

ensure_redis() {
    command -v redis-cli >/dev/null 2>&1 ||
        die "redis-cli is missing: install the Debian redis-server package or start Redis yourself"
    if redis_answers; then
        echo "Redis: already running on $HOST:$REDIS_PORT"
        return
    fi
    command -v redis-server >/dev/null 2>&1 ||
        die "Redis is not answering on $HOST:$REDIS_PORT and redis-server is missing"
    echo "Redis: starting"
    redis-server --daemonize yes --bind "$HOST" --port "$REDIS_PORT" --save "" --appendonly no >/dev/null
    wait_for redis_answers Redis
}

ensure_postgres
ensure_redis
