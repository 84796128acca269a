# Shared helpers for the operator scripts (health_check.sh, docker_health_check.sh, startup.sh, auto-heal.sh).
# Sourced, not run. Every network call here has a timeout.
#
# API_KEY, when set, is sent as the X-API-Key header on every non-probe call. It travels to curl through a file
# descriptor, never on curl's command line (which ps shows) or in a URL, and no function here prints it.

# shellcheck shell=bash

# Seconds each HTTP call may take in all, and to connect.
: "${TIMEOUT:=5}"

ts() {
    date -u +%Y-%m-%dT%H:%M:%SZ
}

# http_get URL [key]: GETs URL, sending API_KEY when the second argument is "key". Sets HTTP_CODE (000 when no
# HTTP answer came: refused, timed out, DNS), HTTP_MS (whole request, milliseconds), HTTP_BODY (first 64 KiB) and
# HTTP_ERROR (curl's message when HTTP_CODE is 000). Returns 0 whenever an HTTP answer came.
http_get() {
    local url=$1 send_key=${2:-} out err status
    out=$(mktemp)
    err=$(mktemp)
    local -a args=(--silent --show-error --output "$out" --max-time "$TIMEOUT" --connect-timeout "$TIMEOUT"
        --write-out '%{http_code} %{time_total}')
    if [[ $send_key == key && -n ${API_KEY:-} ]]; then
        # -H @file reads header lines from a file; the process substitution keeps the key out of argv.
        status=$(curl "${args[@]}" --header @<(printf 'X-API-Key: %s\n' "$API_KEY") "$url" 2>"$err") || true
    else
        status=$(curl "${args[@]}" "$url" 2>"$err") || true
    fi
    HTTP_CODE=${status%% *}
    [[ $HTTP_CODE =~ ^[0-9]{3}$ ]] || HTTP_CODE=000
    local seconds=${status#* }
    [[ $seconds =~ ^[0-9.]+$ ]] || seconds=0
    # shellcheck disable=SC2034 # read by the scripts that source this
    HTTP_MS=$(awk -v s="$seconds" 'BEGIN { printf "%d", s * 1000 }')
    HTTP_BODY=$(head -c 65536 "$out")
    HTTP_ERROR=$(head -c 300 "$err" | tr '\n' ' ')
    rm -f "$out" "$err"
    [[ $HTTP_CODE != 000 ]]
}

# describe_failure: one line saying why the last http_get did not give 200, for people and for log files.
describe_failure() {
    case $HTTP_CODE in
        000) echo "no answer (service down or unreachable: ${HTTP_ERROR:-connection failed})" ;;
        401)
            if [[ -n ${API_KEY:-} ]]; then
                echo "HTTP 401: credentials refused (the API_KEY given was not accepted)"
            else
                echo "HTTP 401: credentials required (set API_KEY)"
            fi
            ;;
        403) echo "HTTP 403: credentials refused (the API key may not call this endpoint)" ;;
        503) echo "HTTP 503: not ready ($(reason_of "$HTTP_BODY"))" ;;
        *) echo "HTTP $HTTP_CODE" ;;
    esac
}

# reason_of JSON: the "reason" member of a health body, or "no reason given".
reason_of() {
    local reason
    reason=$(sed -n 's/.*"reason":"\([^"]*\)".*/\1/p' <<<"$1")
    echo "${reason:-no reason given}"
}

# is_auth_failure: whether the last http_get was refused for credentials rather than failing.
is_auth_failure() {
    [[ $HTTP_CODE == 401 || $HTTP_CODE == 403 ]]
}

# tcp_open HOST PORT: whether something accepts TCP connections there (2 s timeout).
tcp_open() {
    # shellcheck disable=SC2016 # $1 and $2 expand in the inner shell
    timeout 2 bash -c 'exec 3<>"/dev/tcp/$1/$2"' _ "$1" "$2" 2>/dev/null
}

# url_with_port URL PORT: URL with its port replaced by PORT (added when it has none).
url_with_port() {
    local url=${1%/} port=$2 scheme rest host path
    scheme=${url%%://*}
    rest=${url#*://}
    host=${rest%%/*}
    path=${rest#"$host"}
    host=${host%:*}
    echo "$scheme://$host:$port$path"
}

# java_binary: JAVA_HOME's java when set, else the first JDK 25+ scripts/find-jdk.sh finds, else java on the PATH.
java_binary() {
    local jdk
    if [[ -n ${JAVA_HOME:-} && -x $JAVA_HOME/bin/java ]]; then
        echo "$JAVA_HOME/bin/java"
    elif jdk=$("$OPS_SCRIPTS_DIR/find-jdk.sh" 2>/dev/null) && [[ -x $jdk/bin/java ]]; then
        echo "$jdk/bin/java"
    else
        command -v java
    fi
}

# alive PID: whether the process runs. A killed process whose parent has not reaped it yet (a zombie) still
# answers kill -0, so its state is read too.
alive() {
    local state
    kill -0 "$1" 2>/dev/null || return 1
    state=$(awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null) || return 0
    [[ $state != Z ]]
}

# A process id read from FILE, printed only when that process is alive.
live_pid_from() {
    local file=$1 pid
    [[ -r $file ]] || return 1
    pid=$(tr -dc '0-9' <"$file")
    [[ -n $pid ]] && alive "$pid" && echo "$pid"
}

# stop_pid PID GRACE NAME: SIGTERM, up to GRACE seconds for a graceful exit, then SIGKILL. Returns 0 once gone.
stop_pid() {
    local pid=$1 grace=$2 name=$3 deadline
    kill -TERM "$pid" 2>/dev/null || return 0
    # A stopped process (SIGSTOP, a debugger) holds SIGTERM until it runs again: let it run, so it can shut down.
    if [[ $(ps -o stat= -p "$pid" 2>/dev/null) == T* ]]; then
        echo "$(ts) $name (pid $pid) was stopped (state T): sending SIGCONT so that it can act on SIGTERM"
        kill -CONT "$pid" 2>/dev/null || true
    fi
    deadline=$((SECONDS + grace))
    while alive "$pid"; do
        if ((SECONDS >= deadline)); then
            echo "$(ts) $name (pid $pid) still running after ${grace}s: sending SIGKILL"
            kill -KILL "$pid" 2>/dev/null || true
            sleep 0.5
            alive "$pid" && return 1
            return 0
        fi
        sleep 0.2
    done
}

# s3_client: "aws" or "mc", whichever is installed.
s3_client() {
    if command -v aws >/dev/null 2>&1; then
        echo aws
    elif command -v mc >/dev/null 2>&1; then
        echo mc
    else
        echo "S3_ENDPOINT is set but neither the aws nor the mc client is installed" >&2
        return 1
    fi
}

# s3_mirror FROM TO [delete]: mirrors between a local folder and s3://BUCKET (either direction) with S3_* settings.
# The keys travel by environment, never on a command line.
s3_mirror() {
    local from=$1 to=$2 delete=${3:-} endpoint=${S3_ENDPOINT%/}
    [[ $endpoint == http://* || $endpoint == https://* ]] ||
        endpoint="$([[ ${S3_SECURE:-false} == true ]] && echo https || echo http)://$endpoint"
    local client
    client=$(s3_client) || return 1
    if [[ $client == aws ]]; then
        local -a options=()
        [[ -z $delete ]] || options=(--delete)
        AWS_ACCESS_KEY_ID=${S3_ACCESS_KEY:-} AWS_SECRET_ACCESS_KEY=${S3_SECRET_KEY:-} \
            AWS_DEFAULT_REGION=${S3_REGION:-us-east-1} timeout "${BACKUP_TIMEOUT:-3600}" \
            aws --endpoint-url "$endpoint" s3 sync --only-show-errors "${options[@]}" "$from" "$to"
    else
        local -a options=(--overwrite)
        [[ -z $delete ]] || options+=(--remove)
        # mc reads the alias from MC_HOST_<alias>=scheme://key:secret@host.
        MC_HOST_facerec="${endpoint%%://*}://${S3_ACCESS_KEY:-}:${S3_SECRET_KEY:-}@${endpoint#*://}" \
            timeout "${BACKUP_TIMEOUT:-3600}" mc mirror --quiet "${options[@]}" "${from/s3:\/\//facerec/}" "${to/s3:\/\//facerec/}"
    fi
}

OPS_SCRIPTS_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export OPS_SCRIPTS_DIR
