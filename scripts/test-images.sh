#!/usr/bin/env bash
# The container images built and run (`make test-images`, part of `make test` where podman is installed): builds
# Dockerfile with podman from local stand-in base images (scripts/build-standin-images.sh; no registry is needed),
# runs it against this machine's PostgreSQL and Redis and an S3 server (S3Proxy, as in the storage tests), waits for
# the image's own HEALTHCHECK to report healthy, sends detect, enrol and identify with real photos through the
# published port, checks the process (non-root user, the JVM flags of the ENTRYPOINT), runs docker_health_check.sh
# and `make docker-health` against it, stops it with `podman stop` and checks the graceful drain in its log.
# Then builds Dockerfile.gpu as far as this machine allows (see the end).
#
# Without podman the test is skipped with a message, unless FACEREC_REQUIRE_IMAGES=1 (then it fails).
# Environment: SHARED_DIR (test models and photos, default ../shared), MAVEN_REPO_LOCAL (default ~/.m2/repository:
# the image's Maven build runs offline against it, mounted copy-on-write), PODMAN (default podman --runtime runc).
# Needs root (rootful podman), slirp4netns (scripts/ensure-podman.sh), JDK 25 and Maven.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
readonly REPO=$PWD
read -r -a PODMAN <<<"${PODMAN:-podman --runtime runc}"
# runc on this kind of host rejects podman's default limits; the same flags serve build and run.
readonly LIMITS=(--ulimit nofile=1024:1024 --ulimit nproc=1024:1024)
readonly ADMIN_PASSWORD=Image-Test-Horse-Battery-42
SHARED_DIR=$(cd "${SHARED_DIR:-../shared}" 2>/dev/null && pwd) || SHARED_DIR=
readonly SHARED_DIR
readonly M2=${MAVEN_REPO_LOCAL:-$HOME/.m2/repository}
readonly IMAGE=localhost/facerec:image-test

started=$SECONDS
passed=0
fail() {
    echo "test-images: FAILED: $*" >&2
    exit 1
}
pass() {
    passed=$((passed + 1))
    echo "ok $passed - $* ($((SECONDS - started)) s)"
}
skip() {
    if [[ ${FACEREC_REQUIRE_IMAGES:-} == 1 ]]; then
        fail "$* (FACEREC_REQUIRE_IMAGES=1)"
    fi
    echo "test-images: SKIPPED: $*"
    exit 0
}

command -v "${PODMAN[0]}" >/dev/null 2>&1 || skip "no podman here (scripts/ensure-podman.sh installs it)"
[[ $(id -u) -eq 0 ]] || skip "rootful podman needs root"
command -v slirp4netns >/dev/null 2>&1 || skip "no slirp4netns (scripts/ensure-podman.sh installs it)"
[[ -n $SHARED_DIR && -d $SHARED_DIR/models && -d $SHARED_DIR/data/lfw-dev ]] ||
    fail "the test models and photos are not at ${SHARED_DIR:-../shared} (set SHARED_DIR)"
[[ -d $M2 ]] || fail "no local Maven repository at $M2 (run the build once, or set MAVEN_REPO_LOCAL)"
JAVA_HOME=$(scripts/find-jdk.sh)
export JAVA_HOME MAVEN_OPTS=${MAVEN_OPTS:---sun-misc-unsafe-memory-access=allow}

work=$(mktemp -d)
container=facerec-image-test-$$
database=facerec_images_$$_$RANDOM
s3_pid=
cleanup() {
    "${PODMAN[@]}" rm --force --ignore "$container" "$container-gpu" >/dev/null 2>&1 || true
    [[ -z $s3_pid ]] || kill "$s3_pid" 2>/dev/null || true
    psql -q -h 127.0.0.1 -U postgres -c "drop database if exists $database with (force)" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

# wait_healthy CONTAINER: runs the image's HEALTHCHECK until it passes (180 s at most), then checks the engine's record.
wait_healthy() {
    local name=$1 healthy='' state health since=$SECONDS
    while ((SECONDS - since < 180)); do
        state=$("${PODMAN[@]}" inspect --format '{{.State.Status}}' "$name")
        [[ $state == running ]] || { "${PODMAN[@]}" logs "$name" 2>&1 | tail -n 40 >&2; fail "$name is $state"; }
        if "${PODMAN[@]}" healthcheck run "$name" >/dev/null 2>&1; then
            healthy=yes
            break
        fi
        sleep 2
    done
    [[ -n $healthy ]] || { "${PODMAN[@]}" logs "$name" 2>&1 | tail -n 40 >&2; fail "$name not healthy within 180 s"; }
    health=$("${PODMAN[@]}" inspect --format '{{.State.Health.Status}}' "$name" 2>/dev/null ||
        "${PODMAN[@]}" inspect --format '{{.State.Healthcheck.Status}}' "$name")
    [[ $health == healthy ]] || fail "the engine records $name as '$health', not healthy"
}

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# --- The images ---------------------------------------------------------------------------------------------------
standins=$(scripts/build-standin-images.sh)
build_image=$(sed -n 's/^BUILD_IMAGE=//p' <<<"$standins")
runtime_image=$(sed -n 's/^RUNTIME_IMAGE=//p' <<<"$standins")
[[ -n $build_image && -n $runtime_image ]] || fail "build-standin-images.sh named no images: $standins"
pass "stand-in base images $build_image, $runtime_image"

# --format docker keeps the HEALTHCHECK (the OCI format has none), as a Docker engine does. The Maven build inside
# runs offline against this machine's repository, mounted copy-on-write (:O) so the build cannot change it.
build_args=(--format docker "${LIMITS[@]}" --build-arg "BUILD_IMAGE=$build_image" -v "$M2:/m2/repository:O")
if ! "${PODMAN[@]}" build "${build_args[@]}" --build-arg "RUNTIME_IMAGE=$runtime_image" -t "$IMAGE" \
    -f Dockerfile . >"$work/build.log" 2>&1; then
    tail -n 40 "$work/build.log" >&2
    fail "podman build -f Dockerfile"
fi
pass "podman build -f Dockerfile"

config=$("${PODMAN[@]}" image inspect --format \
    '{{.Config.User}}|{{json .Config.Entrypoint}}|{{json .Config.Healthcheck.Test}}|{{json .Config.ExposedPorts}}' "$IMAGE")
[[ $config == facerec:facerec\|* ]] || fail "the image's user is not facerec:facerec: $config"
[[ $config == *'/health/live'* ]] || fail "the image has no HEALTHCHECK on /health/live: $config"
[[ $config == *'"8000/tcp"'* ]] || fail "the image does not expose 8000: $config"
pass "image config: USER facerec:facerec, HEALTHCHECK on /health/live, EXPOSE 8000"

# --- What it runs against: PostgreSQL and Redis of this machine, S3Proxy --------------------------------------------
psql -q -h 127.0.0.1 -U postgres -c "create database $database" >/dev/null || fail "cannot create database $database"
redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG || fail "Redis does not answer at 127.0.0.1:6379"
mvn -B -o -q -pl storage -am -Dspotless.check.skip=true test-compile \
    org.apache.maven.plugins:maven-dependency-plugin:3.9.0:build-classpath -DincludeScope=test \
    -Dmdep.outputFile=target/classpath-test.txt >"$work/classpath.log" 2>&1 ||
    { tail -n 20 "$work/classpath.log" >&2; fail "the storage test class path (S3Proxy)"; }
s3_port=$(free_port)
s3_secret=image-test-$RANDOM$RANDOM
cat >"$work/s3proxy.properties" <<PROPERTIES
s3proxy.endpoint=http://127.0.0.1:$s3_port
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=facerec-image-test
s3proxy.credential=$s3_secret
jclouds.provider=transient
PROPERTIES
"$JAVA_HOME/bin/java" -Dlogback.configurationFile="$REPO/storage/src/test/resources/logback-test.xml" \
    -cp "$(<storage/target/classpath-test.txt)" org.gaul.s3proxy.Main --properties "$work/s3proxy.properties" \
    >"$work/s3proxy.log" 2>&1 &
s3_pid=$!
for _ in $(seq 60); do
    curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$s3_port/healthz" && break
    sleep 0.5
done
curl -sf -o /dev/null --max-time 2 "http://127.0.0.1:$s3_port/healthz" || fail "S3Proxy did not start: $(<"$work/s3proxy.log")"
pass "PostgreSQL database $database, Redis, S3Proxy on port $s3_port"

# --- Run it -------------------------------------------------------------------------------------------------------
# slirp4netns with allow_host_loopback: the container reaches this machine's loopback (where PostgreSQL and Redis
# listen) at 10.0.2.2, and its port 8000 is published as a Docker engine publishes it.
readonly HOST=10.0.2.2
port=$(free_port)
"${PODMAN[@]}" run -d --name "$container" "${LIMITS[@]}" --memory 2g \
    --network slirp4netns:allow_host_loopback=true -p "127.0.0.1:$port:8000" \
    -v "$SHARED_DIR/models:/models:ro" \
    -e FACEREC_ADMIN_PASSWORD="$ADMIN_PASSWORD" \
    -e DATABASE_HOST=$HOST -e DATABASE_PORT=5432 -e DATABASE_NAME="$database" -e DATABASE_USER=postgres \
    -e REDIS_HOST=$HOST -e REDIS_PORT=6379 \
    -e S3_ENDPOINT="http://$HOST:$s3_port" -e S3_ACCESS_KEY=facerec-image-test -e S3_SECRET_KEY="$s3_secret" \
    -e S3_BUCKET=facerec-image-test -e S3_SECURE=false \
    "$IMAGE" >/dev/null 2>>"$work/podman.log" || fail "podman run: $(<"$work/podman.log")"
run_started=$SECONDS

# The image's own HEALTHCHECK, run as the engine would run it (podman schedules it with systemd timers where there is
# a systemd; here it is run on demand) until it passes; then the engine's recorded status must be healthy.
wait_healthy "$container"
pass "HEALTHCHECK reports healthy $((SECONDS - run_started)) s after podman run"

# --- The process: non-root, the ENTRYPOINT's JVM flags --------------------------------------------------------------
status=$("${PODMAN[@]}" exec "$container" cat /proc/1/status)
command_line=$("${PODMAN[@]}" exec "$container" cat /proc/1/cmdline | tr '\0' ' ')
grep -Eq '^Uid:\s+10001\s' <<<"$status" || fail "PID 1 does not run as uid 10001: $(grep ^Uid <<<"$status")"
[[ $("${PODMAN[@]}" exec "$container" id -un) == facerec ]] || fail "exec does not run as the user facerec"
for flag in java --enable-native-access=ALL-UNNAMED "--add-modules jdk.incubator.vector" -XX:MaxRAMPercentage=75 \
    -XX:+ExitOnOutOfMemoryError "-jar /app/facerec.jar"; do
    [[ $command_line == *"$flag"* ]] || fail "PID 1 lacks '$flag': $command_line"
done
"${PODMAN[@]}" exec "$container" sh -c 'touch /app/write-test' 2>/dev/null && fail "the user facerec can write to /app"
"${PODMAN[@]}" exec "$container" sh -c 'touch /data/write-test && rm /data/write-test' || fail "/data is not writable"
# What MaxRAMPercentage=75 makes of the container's 2 GiB limit, asked of a JVM in the same container.
heap=$("${PODMAN[@]}" exec "$container" java -XX:MaxRAMPercentage=75 -XX:+PrintFlagsFinal -version 2>/dev/null |
    awk '$2 == "MaxHeapSize" { print $4 }')
((heap > 1400 * 1024 * 1024 && heap <= 1536 * 1024 * 1024)) ||
    fail "a JVM in the container gets MaxHeapSize=$heap under --memory 2g, not 75 % of it"
pass "PID 1 is java as facerec (uid 10001) with $command_line; heap under --memory 2g: $((heap / 1048576)) MiB"

# --- detect, enrol, identify through the published port ------------------------------------------------------------
readonly API=http://127.0.0.1:$port
photos=$SHARED_DIR/data/lfw-dev/images
# call METHOD PATH [curl args]: the JSON body; fails on an HTTP error status.
call() {
    local method=$1 path=$2
    shift 2
    curl --silent --show-error --fail-with-body --max-time 30 -X "$method" \
        --header @<(printf 'Authorization: Bearer %s\n' "$token") "$@" "$API$path"
}
json() {
    python3 -c 'import json,sys; d=json.load(sys.stdin); exec("print(" + sys.argv[1] + ")")' "$1"
}
token=$(curl -sS --fail-with-body --max-time 30 -H 'Content-Type: application/json' \
    -d "{\"username\":\"admin\",\"password\":\"$ADMIN_PASSWORD\"}" "$API/api/v1/auth/login" | json 'd["accessToken"]') ||
    fail "sign-in as admin"
faces=$(call POST /api/v1/faces/detect -F "image=@$photos/Colin_Powell/Colin_Powell_0001.jpg" | json 'len(d["faces"])')
[[ $faces == 1 ]] || fail "detect found $faces faces on Colin_Powell_0001.jpg, expected 1"
gallery=$(call POST /api/v1/galleries -H 'Content-Type: application/json' -d '{"name":"image-test"}' | json 'd["id"]')
person=$(call POST /api/v1/persons -H 'Content-Type: application/json' \
    -d "{\"name\":\"Colin\",\"galleryId\":\"$gallery\"}" | json 'd["id"]')
call POST "/api/v1/persons/$person/faces" -F "image=@$photos/Colin_Powell/Colin_Powell_0001.jpg" >/dev/null ||
    fail "enrol"
match=$(call POST /api/v1/identify -F "image=@$photos/Colin_Powell/Colin_Powell_0002.jpg" -F "galleryId=$gallery" |
    json 'd["faces"][0]["match"]["personId"]')
[[ $match == "$person" ]] || fail "identify answered $match, expected the enrolled person $person"
pass "detect, enrol and identify with LFW photos through 127.0.0.1:$port (published)"

# --- The operator's checks ----------------------------------------------------------------------------------------
checks=(API_URL="$API" DATABASE_HOST=127.0.0.1 REDIS_HOST=127.0.0.1 S3_ENDPOINT="http://127.0.0.1:$s3_port"
    S3_HEALTH_PATH=/healthz)
output=$(env "${checks[@]}" scripts/docker_health_check.sh 2>&1) || fail "docker_health_check.sh: $output"
grep -q 'OK    api .*gpu_available=' <<<"$output" || fail "docker_health_check.sh did not check the API: $output"
grep -q 'summary: all 4 healthy' <<<"$output" || fail "docker_health_check.sh: $output"
output=$(env "${checks[@]}" make -s docker-health 2>&1) || fail "make docker-health: $output"
grep -q 'summary: all 4 healthy' <<<"$output" || fail "make docker-health: $output"
pass "docker_health_check.sh and make docker-health: all 4 healthy (natively: no Docker engine here)"

# --- podman stop: SIGTERM to java, the graceful drain --------------------------------------------------------------
stop_started=$SECONDS
"${PODMAN[@]}" stop --time 40 "$container" >/dev/null 2>>"$work/podman.log"
stop_seconds=$((SECONDS - stop_started))
exit_code=$("${PODMAN[@]}" inspect --format '{{.State.ExitCode}}' "$container")
log=$("${PODMAN[@]}" logs "$container" 2>&1)
grep -q 'Commencing graceful shutdown' <<<"$log" || fail "no graceful shutdown in the log: $(tail -n 20 <<<"$log")"
grep -q 'Graceful shutdown complete' <<<"$log" || fail "the drain did not complete: $(tail -n 20 <<<"$log")"
[[ $exit_code == 0 || $exit_code == 143 ]] || fail "exit code $exit_code after podman stop (SIGKILL after the grace?)"
((stop_seconds < 40)) || fail "podman stop took $stop_seconds s: the container was killed, not drained"
pass "podman stop: graceful shutdown complete in $stop_seconds s, exit code $exit_code"

# --- Dockerfile.gpu -------------------------------------------------------------------------------------------------
# Its build stage needs ONNX Runtime's CUDA build (mvn -Pgpu, about 640 MB, fetched into the local repository here
# when it is missing), its runtime CUDA and cuDNN from nvidia/cuda, and a GPU with the NVIDIA container toolkit to use
# them. It is built with the runtime stand-in in place of nvidia/cuda and the JRE image, then run: with no CUDA
# libraries and no GPU, the CUDA provider must be found unusable and the service must fall back to the CPU, healthy
# and answering, which is what the image does on a node whose GPU or driver is missing.
onnxruntime_version=$(sed -n 's:.*<onnxruntime.version>\(.*\)</onnxruntime.version>.*:\1:p' pom.xml)
gpu_jar=$M2/com/microsoft/onnxruntime/onnxruntime_gpu/$onnxruntime_version/onnxruntime_gpu-$onnxruntime_version.jar
if [[ ! -f $gpu_jar ]]; then
    echo "test-images: fetching onnxruntime_gpu $onnxruntime_version into $M2 for Dockerfile.gpu's offline build"
    mvn -B -q -Dmaven.repo.local="$M2" dependency:get \
        -Dartifact="com.microsoft.onnxruntime:onnxruntime_gpu:$onnxruntime_version" >"$work/fetch-gpu.log" 2>&1 ||
        skip "Dockerfile.gpu: onnxruntime_gpu $onnxruntime_version cannot be fetched: $(tail -n 5 "$work/fetch-gpu.log")"
fi
if ! "${PODMAN[@]}" build "${build_args[@]}" --build-arg "JRE_IMAGE=$runtime_image" \
    --build-arg "CUDA_IMAGE=$runtime_image" -t "$IMAGE-gpu" -f Dockerfile.gpu . \
    >"$work/build-gpu.log" 2>&1; then
    tail -n 40 "$work/build-gpu.log" >&2
    fail "podman build -f Dockerfile.gpu"
fi
pass "podman build -f Dockerfile.gpu (nvidia/cuda replaced by the runtime stand-in: no CUDA in it)"

# On the embedded default (no database, cache or S3 settings): what is checked here is the ML runtime's fallback.
port=$(free_port)
"${PODMAN[@]}" run -d --name "$container-gpu" "${LIMITS[@]}" --memory 2g -p "127.0.0.1:$port:8000" \
    -v "$SHARED_DIR/models:/models:ro" -e FACEREC_ADMIN_PASSWORD="$ADMIN_PASSWORD" \
    "$IMAGE-gpu" >/dev/null 2>>"$work/podman.log" || fail "podman run (GPU image): $(<"$work/podman.log")"
wait_healthy "$container-gpu"
log=$("${PODMAN[@]}" logs "$container-gpu" 2>&1)
grep -q 'Inference runs on CPU (CUDA provider present but unusable' <<<"$log" ||
    fail "the GPU image did not log its fallback to the CPU: $(grep -m 3 -i 'inference runs\|cuda' <<<"$log")"
readonly GPU_API=http://127.0.0.1:$port
token=$(curl -sS --fail-with-body --max-time 30 -H 'Content-Type: application/json' \
    -d "{\"username\":\"admin\",\"password\":\"$ADMIN_PASSWORD\"}" "$GPU_API/api/v1/auth/login" |
    json 'd["accessToken"]') || fail "sign-in as admin (GPU image)"
faces=$(curl --silent --show-error --fail-with-body --max-time 30 -X POST \
    --header @<(printf 'Authorization: Bearer %s\n' "$token") \
    -F "image=@$photos/Colin_Powell/Colin_Powell_0001.jpg" "$GPU_API/api/v1/faces/detect" | json 'len(d["faces"])')
[[ $faces == 1 ]] || fail "the GPU image's detect found $faces faces on Colin_Powell_0001.jpg, expected 1"
"${PODMAN[@]}" stop --time 40 "$container-gpu" >/dev/null 2>>"$work/podman.log"
pass "the GPU image without CUDA: healthy, logs its fallback to the CPU, detects a face"

echo "test-images: all $passed checks passed in $((SECONDS - started)) s"
