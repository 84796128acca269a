#!/usr/bin/env bash
# Starts and stops the facerec service (api/target/facerec.jar) on this machine, without Docker.
#
#   scripts/startup.sh start     checks, starts the jar in the background, waits until /health/ready answers
#   scripts/startup.sh stop      SIGTERM (graceful: in-flight requests finish), SIGKILL after STOP_GRACE seconds
#   scripts/startup.sh restart   stop, then start
#   scripts/startup.sh status    running and ready? (exit 0 ready, 1 not running, 3 running but not ready)
#   scripts/startup.sh check     only the pre-start checks (systemd's ExecStartPre)
#   scripts/startup.sh run       the service in the foreground, no checks (systemd's ExecStart, after check)
#   scripts/startup.sh wait-ready   waits until /health/ready answers (systemd's ExecStartPost)
#   scripts/startup.sh prepare   builds the start-up cache: the jar extracted plus a Java AOT cache from a training
#                                start; start and run use it while it matches the jar, and start about twice as fast
#
# Pre-start checks: Java 25+, the jar, the model files, the port free, the GPU when LOCAL_ML_DEVICE=cuda, and the
# configured dependencies (DATABASE_HOST, S3_ENDPOINT, REDIS_HOST) answering, retried DEPENDENCY_RETRIES times.
# Settings: SERVER_PORT (8000), JAR, FACE_MODELS_DIR (./models), FACEREC_DATA_DIR (./data), LOG_DIR (./logs),
# PID_FILE ($LOG_DIR/facerec.pid), JAVA_HOME, JAVA_OPTS, START_TIMEOUT (180 s), STOP_GRACE (30 s),
# DEPENDENCY_RETRIES (5), RETRY_DELAY (2 s), STARTUP_CACHE_DIR ($FACEREC_DATA_DIR/startup-cache), STARTUP_CACHE
# (off; auto: check and start run prepare first when the cache is missing or outdated); every setting the service
# reads passes through unchanged.
set -euo pipefail

# shellcheck source=lib/ops.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/ops.sh"

readonly HOME_DIR=${FACEREC_HOME:-$(cd "$OPS_SCRIPTS_DIR/.." && pwd)}
readonly JAR=${JAR:-$HOME_DIR/api/target/facerec.jar}
readonly SERVER_PORT=${SERVER_PORT:-8000}
readonly LOG_DIR=${LOG_DIR:-$HOME_DIR/logs}
readonly PID_FILE=${PID_FILE:-$LOG_DIR/facerec.pid}
readonly CONSOLE_LOG=${CONSOLE_LOG:-$LOG_DIR/facerec-console.log}
readonly START_TIMEOUT=${START_TIMEOUT:-180}
readonly STOP_GRACE=${STOP_GRACE:-30}
readonly DEPENDENCY_RETRIES=${DEPENDENCY_RETRIES:-5}
readonly RETRY_DELAY=${RETRY_DELAY:-2}
readonly DEFAULT_PACK_FILES=(face_detection_yunet_2026may.onnx faceplugin_fr_feature.onnx)
JAVA_OPTS=${JAVA_OPTS:---enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector}
export FACE_MODELS_DIR=${FACE_MODELS_DIR:-$HOME_DIR/models}
export FACEREC_DATA_DIR=${FACEREC_DATA_DIR:-$HOME_DIR/data}
export SERVER_PORT
readonly READY_URL="http://127.0.0.1:$SERVER_PORT/health/ready"
readonly CACHE_DIR=${STARTUP_CACHE_DIR:-$FACEREC_DATA_DIR/startup-cache}

log() {
    echo "$(ts) startup: $*"
}

problems=0
problem() {
    echo "$(ts) startup: CHECK FAILED: $*" >&2
    problems=$((problems + 1))
}

# --- Pre-start checks ---------------------------------------------------------------------------------------------

check_java() {
    JAVA=$(java_binary) || { problem "no java found: set JAVA_HOME to a JDK 25+"; return; }
    local version
    version=$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
    if [[ ! $version =~ ^[0-9]+$ ]] || ((version < 25)); then
        problem "$JAVA is Java ${version:-?}; facerec needs 25 or later (set JAVA_HOME)"
    fi
}

check_jar() {
    [[ -r $JAR ]] || problem "$JAR not found: build it with 'make build' (or set JAR)"
}

check_models() {
    if [[ ! -d $FACE_MODELS_DIR ]]; then
        problem "FACE_MODELS_DIR $FACE_MODELS_DIR is not a folder: run 'make models' or set FACE_MODELS_DIR"
        return
    fi
    # Other packs are named in *.pack.json manifests; the service checks every file's SHA-256 itself.
    if [[ -z ${FACE_DETECTOR_PACK:-} && -z ${FACE_RECOGNIZER_PACK:-} ]]; then
        local file
        for file in "${DEFAULT_PACK_FILES[@]}"; do
            [[ -s $FACE_MODELS_DIR/$file ]] || problem "model file $FACE_MODELS_DIR/$file is missing ('make models')"
        done
    elif ! compgen -G "$FACE_MODELS_DIR/*.onnx" >/dev/null; then
        problem "no .onnx model file in $FACE_MODELS_DIR"
    fi
}

check_port() {
    if tcp_open 127.0.0.1 "$SERVER_PORT"; then
        problem "port $SERVER_PORT is already in use ($(port_holder "$SERVER_PORT"))"
    fi
}

# port_holder PORT: which process listens on PORT, for messages.
port_holder() {
    local holder
    holder=$(ss -ltnpH "sport = :$1" 2>/dev/null | sed -n 's/.*users:((\("[^"]*",pid=[0-9]*\).*/\1/p' | head -n 1)
    echo "${holder:-held by an unknown process}"
}

check_gpu() {
    [[ ${LOCAL_ML_DEVICE:-auto} == cuda ]] || return 0
    if ! command -v nvidia-smi >/dev/null 2>&1; then
        problem "LOCAL_ML_DEVICE=cuda but nvidia-smi is missing (no NVIDIA driver?); use LOCAL_ML_DEVICE=auto for CPU"
    elif ! timeout 10 nvidia-smi -L 2>/dev/null | grep -q '^GPU '; then
        problem "LOCAL_ML_DEVICE=cuda but nvidia-smi lists no GPU within 10 s"
    else
        log "GPU: $(timeout 10 nvidia-smi -L | head -n 1)"
    fi
}

# retried NAME COMMAND...: COMMAND succeeds within DEPENDENCY_RETRIES tries (dependencies may still be starting).
retried() {
    local name=$1 attempt
    shift
    for ((attempt = 1; attempt <= DEPENDENCY_RETRIES; attempt++)); do
        "$@" && return 0
        ((attempt == DEPENDENCY_RETRIES)) || sleep "$RETRY_DELAY"
    done
    return 1
}

s3_answers() {
    local endpoint=${S3_ENDPOINT%/}
    [[ $endpoint == http://* || $endpoint == https://* ]] || endpoint="http://$endpoint"
    http_get "$endpoint${S3_HEALTH_PATH:-/minio/health/live}" && [[ $HTTP_CODE != 5* ]]
}

check_dependencies() {
    if [[ -n ${DATABASE_HOST:-} ]]; then
        retried PostgreSQL tcp_open "$DATABASE_HOST" "${DATABASE_PORT:-5432}" ||
            problem "PostgreSQL at $DATABASE_HOST:${DATABASE_PORT:-5432} does not accept connections"
    fi
    if [[ -n ${S3_ENDPOINT:-} ]]; then
        retried S3 s3_answers || problem "the object store at $S3_ENDPOINT does not answer"
    fi
    # The service runs without its cache (DEGRADED), so Redis down is worth a warning, not a refusal.
    if [[ -n ${REDIS_HOST:-} ]] && ! retried Redis tcp_open "$REDIS_HOST" "${REDIS_PORT:-6379}"; then
        log "WARNING: Redis at $REDIS_HOST:${REDIS_PORT:-6379} does not answer; the service starts without its cache"
    fi
}

pre_start_checks() {
    problems=0
    check_java
    check_jar
    check_models
    check_port
    check_gpu
    check_dependencies
    if ((problems > 0)); then
        log "$problems pre-start check(s) failed; not starting"
        return 1
    fi
    log "pre-start checks passed (port $SERVER_PORT, models $FACE_MODELS_DIR)"
}

# --- Start-up cache -----------------------------------------------------------------------------------------------
# Most of the start is the JVM loading and linking Spring's classes. An AOT cache (Java 25, JEP 483/514) holds them
# loaded and linked; it needs the jar extracted (classes in plain jars) and is valid only for that jar and JVM, so
# it is stamped with both and ignored once either changes.

cache_stamp() {
    echo "$(stat -c '%s %Y' "$JAR") $("$JAVA" -version 2>&1 | head -n 1)"
}

cache_fresh() {
    [[ -s $CACHE_DIR/facerec.aot && -r $CACHE_DIR/app/facerec.jar &&
        $(cat "$CACHE_DIR/stamp" 2>/dev/null) == "$(cache_stamp)" ]]
}

# With STARTUP_CACHE=auto, a missing or outdated cache is built before the start: the first start after an upgrade
# takes a training run longer, every later start (a restart after a crash above all) is faster. A failed training
# run only costs the speed-up.
cache_if_auto() {
    [[ ${STARTUP_CACHE:-off} == auto ]] && ! cache_fresh || return 0
    prepare || log "WARNING: no start-up cache; starting without it"
}

# launch_args: the java arguments that run the service, from the cache when it matches the jar.
launch_args() {
    LAUNCH=()
    read -r -a LAUNCH <<<"$JAVA_OPTS"
    if cache_fresh; then
        LAUNCH+=(-XX:AOTCache="$CACHE_DIR/facerec.aot" -jar "$CACHE_DIR/app/facerec.jar")
        log "using the start-up cache in $CACHE_DIR"
    else
        LAUNCH+=(-jar "$JAR")
    fi
    LAUNCH+=(--server.port="$SERVER_PORT")
}

prepare() {
    problems=0
    check_java
    check_jar
    check_models
    ((problems == 0)) || return 1
    local next=$CACHE_DIR.next started=$SECONDS
    rm -rf "$next"
    mkdir -p "$next" "$LOG_DIR"
    log "extracting $JAR"
    "$JAVA" -Djarmode=tools -jar "$JAR" extract --destination "$next/app" >/dev/null
    # The training run starts the service up to a refreshed context (models loaded, database migrated) on a
    # random port, then exits; the JVM writes the cache at exit. Its class-by-class AOT notes are silenced.
    log "training start (its output goes to $CONSOLE_LOG)"
    local -a java_opts
    read -r -a java_opts <<<"$JAVA_OPTS"
    if ! "$JAVA" "${java_opts[@]}" -XX:AOTCacheOutput="$next/facerec.aot" -Xlog:aot=off -Xlog:cds=off \
        -Dspring.context.exit=onRefresh -jar "$next/app/facerec.jar" --server.port=0 \
        </dev/null >>"$CONSOLE_LOG" 2>&1 || [[ ! -s $next/facerec.aot ]]; then
        log "the training start failed; see $CONSOLE_LOG"
        rm -rf "$next"
        return 1
    fi
    cache_stamp >"$next/stamp"
    rm -rf "$CACHE_DIR"
    mv "$next" "$CACHE_DIR"
    log "start-up cache ready in $((SECONDS - started))s: $CACHE_DIR ($(du -sh "$CACHE_DIR" | cut -f1))"
}

# --- Commands -----------------------------------------------------------------------------------------------------

ready() {
    http_get "$READY_URL" && [[ $HTTP_CODE == 200 ]]
}

start() {
    local pid
    if pid=$(live_pid_from "$PID_FILE"); then
        log "already running (pid $pid)"
        return 0
    fi
    pre_start_checks || return 1
    cache_if_auto
    mkdir -p "$LOG_DIR" "$FACEREC_DATA_DIR"
    launch_args
    # setsid: the service outlives this script and the terminal or test that ran it, in its own session. Without
    # job control the background job leads no process group, so setsid does not fork and $! is the service's pid.
    setsid "$JAVA" "${LAUNCH[@]}" </dev/null >>"$CONSOLE_LOG" 2>&1 &
    pid=$!
    echo "$pid" >"$PID_FILE"
    log "started pid $pid on port $SERVER_PORT; console log $CONSOLE_LOG"
    wait_ready "$pid"
}

# wait_ready PID: polls /health/ready until it answers 200, the process dies, or START_TIMEOUT passes.
wait_ready() {
    local pid=$1 deadline=$((SECONDS + START_TIMEOUT)) started=$SECONDS
    until ready; do
        if [[ -n $pid ]] && ! alive "$pid"; then
            log "the service (pid $pid) exited while starting; last lines of $CONSOLE_LOG:"
            tail -n 20 "$CONSOLE_LOG" >&2 || true
            rm -f "$PID_FILE"
            return 1
        fi
        if ((SECONDS >= deadline)); then
            log "not ready within ${START_TIMEOUT}s ($(describe_failure)); it keeps running: see $CONSOLE_LOG"
            return 1
        fi
        sleep 0.5
    done
    log "ready after $((SECONDS - started))s: $READY_URL"
}

stop() {
    local pid
    if ! pid=$(live_pid_from "$PID_FILE"); then
        log "not running"
        rm -f "$PID_FILE"
        return 0
    fi
    log "stopping pid $pid (SIGTERM, SIGKILL after ${STOP_GRACE}s)"
    stop_pid "$pid" "$STOP_GRACE" facerec || { log "pid $pid survived SIGKILL"; return 1; }
    rm -f "$PID_FILE"
    log "stopped"
}

status() {
    local pid
    if ! pid=$(live_pid_from "$PID_FILE"); then
        log "not running"
        return 1
    fi
    if ready; then
        log "running (pid $pid) and ready on port $SERVER_PORT"
    else
        log "running (pid $pid) but not ready: $(describe_failure)"
        return 3
    fi
}

run_foreground() {
    JAVA=$(java_binary)
    mkdir -p "$FACEREC_DATA_DIR"
    launch_args
    exec "$JAVA" "${LAUNCH[@]}"
}

case ${1:-} in
    start) start ;;
    stop) stop ;;
    restart) stop && start ;;
    status) status ;;
    check) pre_start_checks && cache_if_auto ;;
    prepare) prepare ;;
    run) run_foreground ;;
    wait-ready)
        # systemd's ExecStartPost gets the service's pid in MAINPID.
        wait_ready "${MAINPID:-$(live_pid_from "$PID_FILE" || true)}"
        ;;
    *)
        sed -n '2,23p' "$0" | sed 's/^# \{0,1\}//' >&2
        exit 2
        ;;
esac
