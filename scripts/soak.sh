#!/usr/bin/env bash
# Soak test of a running service, as a client would hold it for hours: an API key used every INTERVAL seconds, and
# once a minute a round of writes (an API key created and revoked, a user's role changed, a fresh sign-in) and a
# readiness check. Every answer is counted by request kind and status; a line a minute, and a summary at the end.
# It found the embedded database refusing every write 30 minutes after its first start (issue 19).
#
#   scripts/soak.sh [duration-seconds]        e.g. scripts/soak.sh 3900   (65 minutes; default 3900)
#
# Environment: API_URL (default http://localhost:8000), ADMIN_USERNAME (admin), ADMIN_PASSWORD or
# ADMIN_PASSWORD_FILE (for the embedded default: data/secrets/initial-admin-password), INTERVAL (3 s),
# TIMEOUT (10 s per request). It creates a user named soak-<random> and API keys named soak*, and revokes the keys.
# Exit status: 0 every answer was the expected one; 1 some were not (see the summary); 2 usage or set-up failed.
set -euo pipefail

readonly API_URL=${API_URL:-http://localhost:8000}
readonly ADMIN_USERNAME=${ADMIN_USERNAME:-admin}
readonly INTERVAL=${INTERVAL:-3}
readonly TIMEOUT=${TIMEOUT:-10}

usage() {
    sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
}

[[ $# -le 1 ]] || usage
[[ ${1:-} == -h || ${1:-} == --help ]] && usage
readonly DURATION=${1:-3900}
[[ $DURATION =~ ^[0-9]+$ ]] || usage
command -v curl >/dev/null || { echo "soak: curl is needed" >&2; exit 2; }

password=${ADMIN_PASSWORD:-}
if [[ -z $password && -n ${ADMIN_PASSWORD_FILE:-} ]]; then
    password=$(<"$ADMIN_PASSWORD_FILE")
fi
[[ -n $password ]] || { echo "soak: set ADMIN_PASSWORD or ADMIN_PASSWORD_FILE" >&2; exit 2; }

# json_field NAME: the first string value of "NAME" in the JSON on stdin (flat values only, which is all it reads).
json_field() {
    sed -n "s/.*\"$1\"[[:space:]]*:[[:space:]]*\"\\([^\"]*\\)\".*/\\1/p" | head -n 1
}

# call EXPECTED KIND CURL-ARGS...: one request; counts its status under KIND; the body goes to $body.
declare -A counts=()
unexpected=0
body=$(mktemp)
trap 'rm -f "$body"' EXIT
call() {
    local expected=$1 kind=$2 status
    shift 2
    status=$(curl -s -m "$TIMEOUT" -o "$body" -w '%{http_code}' "$@") || status=000
    counts["$kind $status"]=$((${counts["$kind $status"]:-0} + 1))
    if [[ $status != "$expected" ]]; then
        unexpected=$((unexpected + 1))
        echo "$(date -u +%FT%TZ) $kind answered $status, expected $expected: $(head -c 300 "$body")" >&2
    fi
}

summary() {
    local key
    for key in "${!counts[@]}"; do printf '%s=%s  ' "${key// /:}" "${counts[$key]}"; done | tr -s ' '
    echo
}

sign_in() {
    call 200 sign-in -X POST "$API_URL/api/v1/auth/login" -H 'Content-Type: application/json' \
        -d "{\"username\":\"$ADMIN_USERNAME\",\"password\":\"$password\"}"
    token=$(json_field accessToken <"$body")
}

token=
sign_in
[[ -n $token ]] || { echo "soak: sign-in as $ADMIN_USERNAME failed" >&2; exit 2; }
call 201 key-create -X POST "$API_URL/api/v1/api-keys" -H "Authorization: Bearer $token" \
    -H 'Content-Type: application/json' -d '{"name":"soak","role":"OPERATOR"}'
key=$(json_field key <"$body")
user="soak-$RANDOM$RANDOM"
call 201 user-create -X POST "$API_URL/api/v1/auth/register" -H "Authorization: Bearer $token" \
    -H 'Content-Type: application/json' -d "{\"username\":\"$user\",\"password\":\"Soak-Passphrase-$RANDOM-x\"}"
user_id=$(json_field id <"$body")
[[ -n $key && -n $user_id ]] || { echo "soak: could not create the key and the user" >&2; exit 2; }

start=$SECONDS
round=0
while ((SECONDS - start < DURATION)); do
    call 200 key-use -H "X-API-Key: $key" "$API_URL/api/v1/galleries"
    if ((round % (60 / INTERVAL > 0 ? 60 / INTERVAL : 1) == 0)); then
        sign_in
        call 201 key-create -X POST "$API_URL/api/v1/api-keys" -H "Authorization: Bearer $token" \
            -H 'Content-Type: application/json' -d '{"name":"soak-round","role":"VIEWER"}'
        id=$(json_field id <"$body")
        call 204 key-revoke -X DELETE "$API_URL/api/v1/api-keys/$id" -H "Authorization: Bearer $token"
        role=$( ((round / 20 % 2 == 0)) && echo OPERATOR || echo VIEWER)
        call 200 user-change -X PATCH "$API_URL/api/v1/users/$user_id" -H "Authorization: Bearer $token" \
            -H 'Content-Type: application/json' -d "{\"role\":\"$role\"}"
        call 200 ready "$API_URL/health/ready"
        echo "$(date -u +%FT%TZ) t=$((SECONDS - start))s $(summary)"
    fi
    round=$((round + 1))
    sleep "$INTERVAL"
done
echo "soak: $((SECONDS - start)) s, $unexpected unexpected answers: $(summary)"
((unexpected == 0))
