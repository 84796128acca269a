#!/usr/bin/env bash
# Checks a running facerec service the way an operator does before and after a deploy:
#   /health                     retried MAX_RETRIES times RETRY_DELAY s apart (the service may still be starting)
#   /metrics/prometheus         Prometheus text
#   /upload/supported-formats   the upload formats and limits
# and that each answered within MAX_RESPONSE_MS. Prints one line per check and a summary.
#
#   scripts/health_check.sh [base-url] [port]     e.g. scripts/health_check.sh http://10.0.0.5 8000
#
# Environment: API_URL (base URL when no argument; default http://localhost:8000), API_KEY (sent as X-API-Key to
# the endpoints that need credentials), MAX_RETRIES (5), RETRY_DELAY (2 s), TIMEOUT (5 s per request),
# MAX_RESPONSE_MS (500).
# Exit status: 0 every check passed; 1 a check failed (down, unhealthy, wrong answer, too slow); 2 usage;
# 3 the service is up but credentials were required or refused (and nothing else failed).
set -euo pipefail

# shellcheck source=lib/ops.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/ops.sh"

readonly MAX_RETRIES=${MAX_RETRIES:-5}
readonly RETRY_DELAY=${RETRY_DELAY:-2}
readonly MAX_RESPONSE_MS=${MAX_RESPONSE_MS:-500}

usage() {
    sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
}

[[ $# -le 2 ]] || usage
[[ ${1:-} == -h || ${1:-} == --help ]] && usage
base=${1:-${API_URL:-http://localhost:8000}}
base=${base%/}
[[ $base == http://* || $base == https://* ]] || base="http://$base"
[[ -z ${2:-} ]] || base=$(url_with_port "$base" "$2")
for number in "$MAX_RETRIES" "$RETRY_DELAY" "$MAX_RESPONSE_MS" "$TIMEOUT"; do
    [[ $number =~ ^[0-9]+$ ]] || { echo "health_check: '$number' is not a whole number" >&2; exit 2; }
done

passed=0 failed=0 refused=0

report() {
    local result=$1 name=$2 detail=$3
    printf '%-5s %-28s %s\n' "$result" "$name" "$detail"
    case $result in
        OK) passed=$((passed + 1)) ;;
        AUTH) refused=$((refused + 1)) ;;
        *) failed=$((failed + 1)) ;;
    esac
}

# judge NAME EXPECTED_TEXT: reports the last http_get: 200 with EXPECTED_TEXT in the body, within the time limit.
judge() {
    local name=$1 expected=$2
    if [[ $HTTP_CODE != 200 ]]; then
        if is_auth_failure; then
            report AUTH "$name" "$(describe_failure)"
        else
            report FAIL "$name" "$(describe_failure)"
        fi
    elif [[ $HTTP_BODY != *"$expected"* ]]; then
        report FAIL "$name" "HTTP 200 but the body lacks '$expected'"
    elif ((HTTP_MS > MAX_RESPONSE_MS)); then
        report SLOW "$name" "${HTTP_MS} ms (limit ${MAX_RESPONSE_MS} ms)"
    else
        report OK "$name" "${HTTP_MS} ms"
    fi
}

echo "facerec health check: $base ($(ts))"

# /health: retried while there is no answer or it is not ready yet; a refusal of credentials is final.
attempt=1
while :; do
    http_get "$base/health" || true
    [[ $HTTP_CODE == 200 ]] && break
    is_auth_failure && break
    ((attempt < MAX_RETRIES)) || break
    echo "      /health attempt $attempt/$MAX_RETRIES: $(describe_failure); retrying in ${RETRY_DELAY}s"
    attempt=$((attempt + 1))
    sleep "$RETRY_DELAY"
done
judge /health '"status":"UP"'

if [[ $HTTP_CODE == 000 ]]; then
    # Nothing answers: the other checks would only repeat it.
    report FAIL /metrics/prometheus "skipped: the service did not answer"
    report FAIL /upload/supported-formats "skipped: the service did not answer"
else
    http_get "$base/metrics/prometheus" key || true
    judge /metrics/prometheus '# TYPE'
    http_get "$base/upload/supported-formats" key || true
    judge /upload/supported-formats '"formats"'
fi

echo "summary: $passed passed, $failed failed, $refused refused for credentials"
if ((failed > 0)); then
    echo "UNHEALTHY"
    exit 1
elif ((refused > 0)); then
    echo "CREDENTIALS REQUIRED OR REFUSED: the service answers; set API_KEY to a valid key"
    exit 3
fi
echo "HEALTHY"
