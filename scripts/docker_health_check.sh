#!/usr/bin/env bash
# Checks the services of the stack: the API, PostgreSQL, Redis and MinIO.
#
#   scripts/docker_health_check.sh [all|api|postgres|redis|minio]...     (default: all)
#
# With a Docker engine and the compose plugin (HEALTH_MODE=auto or docker), each service of COMPOSE_FILE
# (default docker-compose.yml) must be running, healthy by its compose healthcheck, and answer a check run inside
# its container. Without one (HEALTH_MODE=auto or native), the same checks run from this machine against the
# addresses the service itself is configured with:
#   api       API_URL (default http://localhost:8000): /health/ready, then /api/v1/health for GPU and version
#   postgres  DATABASE_HOST:DATABASE_PORT (default 127.0.0.1:5432): pg_isready (a TCP connect without it)
#   redis     REDIS_HOST:REDIS_PORT (default 127.0.0.1:6379), REDIS_PASSWORD: redis-cli ping
#   minio     S3_ENDPOINT (default http://127.0.0.1:9000) + S3_HEALTH_PATH (default /minio/health/live)
# Exit status: 0 every service checked is healthy; 1 one is not; 2 usage.
set -euo pipefail

# shellcheck source=lib/ops.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/ops.sh"

readonly ALL_SERVICES=(api postgres redis minio)
COMPOSE_FILE=${COMPOSE_FILE:-$OPS_SCRIPTS_DIR/../docker-compose.yml}
HEALTH_MODE=${HEALTH_MODE:-auto}

usage() {
    sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
}

docker_usable() {
    command -v docker >/dev/null 2>&1 &&
        timeout 10 docker info >/dev/null 2>&1 &&
        timeout 10 docker compose version >/dev/null 2>&1
}

compose() {
    timeout 30 docker compose -f "$COMPOSE_FILE" "$@"
}

failures=0
result() {
    printf '%-5s %-9s %s\n' "$1" "$2" "$3"
    [[ $1 == OK ]] || failures=$((failures + 1))
}

# --- Inside containers -------------------------------------------------------------------------------------------

docker_check() {
    local service=$1 id state
    id=$(compose ps --quiet "$service" 2>/dev/null | head -n 1)
    if [[ -z $id ]]; then
        result FAIL "$service" "no container (docker compose up -d $service)"
        return
    fi
    state=$(timeout 10 docker inspect --format \
        '{{.State.Status}}{{if .State.Health}}/{{.State.Health.Status}}{{end}}' "$id" 2>/dev/null || echo unknown)
    if [[ $state != running/healthy && $state != running ]]; then
        result FAIL "$service" "container $state"
        return
    fi
    local -a probe
    # The variables expand inside the container, from its own environment.
    # shellcheck disable=SC2016
    case $service in
        api) probe=(curl --fail --silent --max-time 5 http://127.0.0.1:8000/health/ready) ;;
        postgres) probe=(sh -c 'pg_isready -U "$POSTGRES_USER" -d "$POSTGRES_DB" -t 5') ;;
        redis) probe=(sh -c 'REDISCLI_AUTH="$REDIS_PASSWORD" redis-cli ping | grep -q PONG') ;;
        minio) probe=(mc ready local) ;;
    esac
    if compose exec -T "$service" "${probe[@]}" >/dev/null 2>&1; then
        result OK "$service" "container $state, answers inside its container"
    else
        result FAIL "$service" "container $state but its check failed: ${probe[*]}"
    fi
}

# --- From this machine -------------------------------------------------------------------------------------------

native_api() {
    local url=${API_URL:-http://localhost:8000}
    url=${url%/}
    if ! http_get "$url/health/ready" || [[ $HTTP_CODE != 200 ]]; then
        result FAIL api "$url/health/ready: $(describe_failure)"
        return
    fi
    local detail="ready at $url"
    if http_get "$url/api/v1/health" && [[ $HTTP_CODE == 200 ]]; then
        local gpu version
        gpu=$(sed -n 's/.*"gpu_available":\([a-z]*\).*/\1/p' <<<"$HTTP_BODY")
        version=$(sed -n 's/.*"version":"\([^"]*\)".*/\1/p' <<<"$HTTP_BODY")
        detail+=", gpu_available=${gpu:-?}, version ${version:-?}"
    fi
    result OK api "$detail"
}

native_postgres() {
    local host=${DATABASE_HOST:-127.0.0.1} port=${DATABASE_PORT:-5432}
    if command -v pg_isready >/dev/null 2>&1; then
        local answer
        if answer=$(pg_isready --host "$host" --port "$port" --timeout 5 2>&1); then
            result OK postgres "$answer"
        else
            result FAIL postgres "${answer:-pg_isready failed} ($host:$port)"
        fi
    elif tcp_open "$host" "$port"; then
        result OK postgres "$host:$port accepts connections (pg_isready not installed)"
    else
        result FAIL postgres "$host:$port does not accept connections"
    fi
}

native_redis() {
    local host=${REDIS_HOST:-127.0.0.1} port=${REDIS_PORT:-6379} answer
    if ! command -v redis-cli >/dev/null 2>&1; then
        if tcp_open "$host" "$port"; then
            result OK redis "$host:$port accepts connections (redis-cli not installed)"
        else
            result FAIL redis "$host:$port does not accept connections"
        fi
        return
    fi
    # REDISCLI_AUTH, exported in a subshell, keeps the password off every command line that ps shows; unset,
    # redis-cli sends no AUTH.
    answer=$(
        [[ -z ${REDIS_PASSWORD:-} ]] || export REDISCLI_AUTH=$REDIS_PASSWORD
        timeout 5 redis-cli --no-auth-warning -h "$host" -p "$port" ping 2>&1 | head -n 1
    ) || true
    case $answer in
        PONG) result OK redis "PONG from $host:$port" ;;
        *NOAUTH*) result FAIL redis "$host:$port: credentials required (set REDIS_PASSWORD)" ;;
        *WRONGPASS* | *invalid*password*) result FAIL redis "$host:$port: credentials refused (REDIS_PASSWORD)" ;;
        *) result FAIL redis "$host:$port: ${answer:-no answer}" ;;
    esac
}

native_minio() {
    local endpoint=${S3_ENDPOINT:-http://127.0.0.1:9000}
    endpoint=${endpoint%/}
    [[ $endpoint == http://* || $endpoint == https://* ]] || endpoint="http://$endpoint"
    local url=$endpoint${S3_HEALTH_PATH:-/minio/health/live}
    if http_get "$url" && [[ $HTTP_CODE == 200 ]]; then
        result OK minio "$url answers 200"
    else
        result FAIL minio "$url: $(describe_failure)"
    fi
}

# --- Main ---------------------------------------------------------------------------------------------------------

[[ ${1:-} == -h || ${1:-} == --help ]] && usage
services=("$@")
[[ ${#services[@]} -gt 0 ]] || services=(all)
selected=()
for service in "${services[@]}"; do
    case $service in
        all) selected+=("${ALL_SERVICES[@]}") ;;
        api | postgres | redis | minio) selected+=("$service") ;;
        *) echo "docker_health_check: unknown service '$service'" >&2; usage ;;
    esac
done

case $HEALTH_MODE in
    docker) docker_usable || { echo "HEALTH_MODE=docker but no Docker engine with compose answers" >&2; exit 1; } ;;
    native) ;;
    auto) if docker_usable; then HEALTH_MODE=docker; else HEALTH_MODE=native; fi ;;
    *) echo "docker_health_check: HEALTH_MODE must be auto, docker or native" >&2; exit 2 ;;
esac

if [[ $HEALTH_MODE == docker ]]; then
    echo "Checking compose services of $COMPOSE_FILE ($(ts))"
else
    echo "No Docker engine here (or HEALTH_MODE=native): checking the services directly ($(ts))"
fi
for service in "${selected[@]}"; do
    if [[ $HEALTH_MODE == docker ]]; then
        docker_check "$service"
    else
        "native_$service"
    fi
done

if ((failures > 0)); then
    echo "summary: $failures of ${#selected[@]} unhealthy"
    exit 1
fi
echo "summary: all ${#selected[@]} healthy"
