#!/usr/bin/env bash
# Load test of the service jar with Gatling (`make load`): starts the jar as `make run` does, on a fresh temporary
# data folder, fills a gallery, then runs the Gatling simulations in load-test/: a fixed arrival rate of a mix of
# detect, identify, compare, verify and enrolment (LFW crops and phone-size photos) for LOAD_DURATION seconds, then
# a step-up of the arrival rate until the service saturates. Heap after a forced GC is read from the management port
# before, between and after. Prints a summary; keeps Gatling's HTML reports.
#
#   scripts/load-test.sh
#
# Environment: JAR (api/target/facerec.jar), JAVA (java), JAVA_OPTS (the service's, as make run), FACE_MODELS_DIR,
# SHARED_DIR (../shared), PORT (8000), MANAGEMENT_PORT (PORT+1), LOAD_DURATION (600 s), LOAD_RATE (arrivals/s of the
# steady phase, 3), LOAD_STEP (arrivals/s added each step, 2), LOAD_STEP_SECONDS (30), LOAD_STEPS (most steps, 15;
# 0: no step-up), LOAD_P95_LIMIT_MS (3000), LOAD_PEOPLE (people enrolled before the load, 200), MVN (mvn).
# Results: load-test/target/load-<time>/ (summary.txt, service.log, Gatling's console output) and Gatling's HTML
# reports under load-test/target/gatling/.
# Exit status: 0 no errors and no shedding in the steady phase; 1 some (see the summary); 2 usage or set-up failed.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
readonly REPO=$PWD
readonly JAR=${JAR:-api/target/facerec.jar}
readonly JAVA=${JAVA:-java}
readonly JAVA_OPTS=${JAVA_OPTS:---enable-native-access=ALL-UNNAMED --add-modules jdk.incubator.vector}
readonly SHARED_DIR=${SHARED_DIR:-../shared}
readonly PORT=${PORT:-8000}
readonly LOAD_DURATION=${LOAD_DURATION:-600}
readonly LOAD_RATE=${LOAD_RATE:-3}
readonly LOAD_STEP=${LOAD_STEP:-2}
readonly LOAD_STEP_SECONDS=${LOAD_STEP_SECONDS:-30}
readonly LOAD_STEPS=${LOAD_STEPS:-15}
readonly LOAD_P95_LIMIT_MS=${LOAD_P95_LIMIT_MS:-3000}
readonly LOAD_PEOPLE=${LOAD_PEOPLE:-200}
readonly MVN=${MVN:-mvn}
# As the gatling-maven-plugin starts Gatling: its file writer reads String internals; Netty asks for Unsafe.
default_gatling_opts="-Xmx1g --add-opens=java.base/java.lang=ALL-UNNAMED --enable-native-access=ALL-UNNAMED"
readonly GATLING_JAVA_OPTS=${GATLING_JAVA_OPTS:-$default_gatling_opts --sun-misc-unsafe-memory-access=allow}

usage() {
    awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"
    exit 2
}
fail() {
    echo "load-test: $*" >&2
    exit 2
}

[[ $# -eq 0 ]] || usage
[[ $PORT =~ ^[0-9]+$ ]] || fail "not a whole number: $PORT"
readonly MANAGEMENT_PORT=${MANAGEMENT_PORT:-$((PORT + 1))}
for number in "$MANAGEMENT_PORT" "$LOAD_DURATION" "$LOAD_STEP_SECONDS" "$LOAD_STEPS" "$LOAD_P95_LIMIT_MS" \
    "$LOAD_PEOPLE"; do
    [[ $number =~ ^[0-9]+$ ]] || fail "not a whole number: $number"
done
for rate in "$LOAD_RATE" "$LOAD_STEP"; do
    [[ $rate =~ ^[0-9]+(\.[0-9]+)?$ ]] || fail "not a rate (arrivals a second): $rate"
done
[[ -f $JAR ]] || fail "$JAR not found: run make build (make load builds it)"
[[ -n ${FACE_MODELS_DIR:-} && -d $FACE_MODELS_DIR ]] || fail "set FACE_MODELS_DIR to the models (make load does)"
[[ -d $SHARED_DIR/data/lfw-dev && -d $SHARED_DIR/data/detection/large ]] ||
    fail "$SHARED_DIR/data (lfw-dev, detection/large) not found: set SHARED_DIR"
command -v curl >/dev/null || fail "curl is needed"
JCMD=$(dirname "$(command -v "$JAVA")")/jcmd
[[ -x $JCMD ]] || fail "jcmd not found beside $JAVA (needed to force a GC before reading the heap)"
port_taken() {
    (: <"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}
for port in "$PORT" "$MANAGEMENT_PORT"; do
    ! port_taken "$port" || fail "port $port is taken (a service already running?): choose PORT=... MANAGEMENT_PORT=..."
done

# --- The load module: compiled here, not by the reactor ------------------------------------------------------------
echo "load-test: compiling and testing the Gatling simulations (load-test/)"
"$MVN" -B -q -Dstyle.color=never -f load-test/pom.xml test \
    org.apache.maven.plugins:maven-dependency-plugin:3.9.0:build-classpath \
    -DincludeScope=test -Dmdep.outputFile=target/classpath.txt
CLASSPATH_LOAD="$REPO/load-test/target/test-classes:$(<load-test/target/classpath.txt)"
readonly CLASSPATH_LOAD

run_dir=$REPO/load-test/target/load-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$run_dir"
data=$(mktemp -d)
service=
stop_service() {
    [[ -n $service ]] || return 0
    kill -TERM "$service" 2>/dev/null || true
    for _ in $(seq 1 60); do
        kill -0 "$service" 2>/dev/null || break
        sleep 0.5
    done
    kill -KILL "$service" 2>/dev/null || true
    wait "$service" 2>/dev/null || true
    service=
}
cleanup() {
    stop_service
    rm -rf "$data"
    rm -f "$run_dir/api-key"
}
trap cleanup EXIT

# --- The service, as make run starts it, on a fresh data folder -----------------------------------------------------
echo "load-test: starting $JAR on port $PORT (management $MANAGEMENT_PORT), data in $data"
# The per-caller and per-address rate limits are off: one API key from one address carries all the load.
# shellcheck disable=SC2086 # JAVA_OPTS is a list of options, as in the Makefile
env FACEREC_DATA_DIR="$data" SERVER_PORT="$PORT" MANAGEMENT_PORT="$MANAGEMENT_PORT" FACE_MODELS_DIR="$FACE_MODELS_DIR" \
    RATE_LIMIT_PER_MINUTE=0 RATE_LIMIT_PER_ADDRESS_PER_MINUTE=0 \
    "$JAVA" $JAVA_OPTS -jar "$JAR" >"$run_dir/service.log" 2>&1 &
service=$!
readonly MANAGEMENT=http://127.0.0.1:$MANAGEMENT_PORT
for second in $(seq 1 300); do
    kill -0 "$service" 2>/dev/null || fail "the service stopped during start-up: see $run_dir/service.log"
    curl -sf -m 5 -o /dev/null "$MANAGEMENT/actuator/health/readiness" && break
    ((second < 300)) || fail "the service was not ready after 300 s: see $run_dir/service.log"
    sleep 1
done
echo "load-test: ready after ${second} s"

# heap LABEL: heap in use right after a full GC (jcmd GC.run), from the service's Prometheus metrics.
heap() {
    "$JCMD" "$service" GC.run >/dev/null
    local bytes
    bytes=$(curl -sf -m 10 "$MANAGEMENT/actuator/prometheus" |
        awk '/^jvm_memory_used_bytes\{.*area="heap"/ { sum += $NF } END { printf "%.0f", sum }')
    printf '%s\t%s\n' "$1" "$bytes" >>"$run_dir/heap.tsv"
    echo "load-test: heap after GC, $1: $((bytes / 1024 / 1024)) MiB"
}
printf 'when\theap_used_after_gc_bytes\n' >"$run_dir/heap.tsv"
printf 'simulation\twall_s\tuser_cpu_s\tsystem_cpu_s\n' >"$run_dir/loadgen.tsv"

"$JAVA" -cp "$CLASSPATH_LOAD" dev.facerec.load.LoadSetup --base-url "http://127.0.0.1:$PORT" \
    --password-file "$data/secrets/initial-admin-password" --shared-data "$(cd "$SHARED_DIR/data" && pwd)" \
    --people "$LOAD_PEOPLE" --run-dir "$run_dir"

# gatling SIMULATION DESCRIPTION: runs it; the console output goes to the run folder too, and the CPU time Gatling
# took (it shares this machine's cores with the service) to loadgen.tsv.
gatling() {
    {
        TIMEFORMAT=$'%R\t%U\t%S'
        # shellcheck disable=SC2086 # GATLING_JAVA_OPTS is a list of options
        time "$JAVA" $GATLING_JAVA_OPTS -cp "$CLASSPATH_LOAD" -Dload.runDir="$run_dir" -Dload.rate="$LOAD_RATE" \
            -Dload.duration="$LOAD_DURATION" -Dload.step="$LOAD_STEP" -Dload.stepSeconds="$LOAD_STEP_SECONDS" \
            -Dload.steps="$LOAD_STEPS" -Dload.p95LimitMs="$LOAD_P95_LIMIT_MS" \
            io.gatling.app.Gatling --simulation "dev.facerec.load.$1" \
            --results-folder "$REPO/load-test/target/gatling" --run-description "$2" 2>&1 |
            tee "$run_dir/gatling-$1.log" >&3
    } 3>&1 2>"$run_dir/time-$1"
    printf '%s\t%s\n' "$1" "$(<"$run_dir/time-$1")" >>"$run_dir/loadgen.tsv"
    rm -f "$run_dir/time-$1"
    local report
    report=$(find "$REPO/load-test/target/gatling" -maxdepth 1 -type d -name "${1,,}-*" \
        -newer "$run_dir/setup.properties" | sort | tail -n 1)
    [[ -n $report ]] || fail "Gatling wrote no report for $1"
    printf '%s=%s\n' "$1" "$report" >>"$run_dir/reports.properties"
}

heap "start"
gatling SteadyLoadSimulation "steady: $LOAD_RATE arrivals/s for $LOAD_DURATION s"
heap "after the steady phase"
if ((LOAD_STEPS > 0)); then
    gatling StepUpSimulation "step-up: from $LOAD_RATE arrivals/s, +$LOAD_STEP every $LOAD_STEP_SECONDS s"
    sleep 5 # answers to requests that the stopped load generator left behind
    heap "after the step-up"
fi
stop_service

"$JAVA" -cp "$CLASSPATH_LOAD" dev.facerec.load.LoadReport "$run_dir" |
    tee "$run_dir/summary.txt"
