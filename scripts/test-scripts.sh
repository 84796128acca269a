#!/usr/bin/env bash
# Fast checks of the operator scripts, systemd units and logrotate policy (`make test-scripts`, part of `make test`):
# ShellCheck; install/uninstall into a throwaway root; systemd-analyze verify and security on the installed units;
# logrotate parsing and a real forced rotation; the scripts' answers for dead ports, missing files and bad usage;
# the native service checks against the PostgreSQL and Redis of this machine; backup and restore of the embedded
# layout. The tests that start the real jar (and the PostgreSQL backup round trip) are in api (OperatorScriptsIT).
# Needs shellcheck on the PATH (scripts/ensure-tools.sh shellcheck).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
readonly REPO=$PWD
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

passed=0
fail() {
    echo "test-scripts: FAILED: $*" >&2
    exit 1
}
pass() {
    passed=$((passed + 1))
    echo "ok $passed - $*"
}

# expect STATUS PATTERN COMMAND...: COMMAND exits with STATUS and its output (stdout and stderr) matches PATTERN.
expect() {
    local status=$1 pattern=$2 output actual=0
    shift 2
    output=$("$@" 2>&1) || actual=$?
    [[ $actual == "$status" ]] || fail "$* exited $actual, expected $status; output:
$output"
    grep -Eq -- "$pattern" <<<"$output" || fail "$* output lacks /$pattern/:
$output"
}

closed_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# --- Lint ---------------------------------------------------------------------------------------------------------
command -v shellcheck >/dev/null 2>&1 || fail "shellcheck not on the PATH: run scripts/ensure-tools.sh shellcheck"
mapfile -t scripts < <(find scripts -name '*.sh' | sort)
shellcheck "${scripts[@]}"
pass "shellcheck clean: ${#scripts[@]} scripts"
for script in "${scripts[@]}"; do
    [[ $script == scripts/lib/* || -x $script ]] || fail "$script is not executable"
done
pass "every script is executable"

# --- Install, units, logrotate ------------------------------------------------------------------------------------
root=$work/root
mkdir -p "$work/models-source"
echo "not a real model" >"$work/models-source/detector.onnx"
scripts/install-service.sh --root "$root" --prefix /srv/facerec --models "$work/models-source" >/dev/null 2>&1
for file in srv/facerec/models/detector.onnx srv/facerec/scripts/startup.sh srv/facerec/scripts/auto-heal.sh srv/facerec/scripts/lib/ops.sh \
    etc/systemd/system/facerec.service etc/systemd/system/facerec-monitor.service etc/logrotate.d/facerec \
    etc/facerec/facerec.env; do
    [[ -e $root/$file ]] || fail "install-service.sh did not install $file"
done
grep -q 'ExecStart=/srv/facerec/scripts/startup.sh run' "$root/etc/systemd/system/facerec.service" ||
    fail "the installed unit does not name the prefix /srv/facerec"
! grep -rq /opt/facerec "$root/etc" || fail "/opt/facerec left in an installed file under --prefix /srv/facerec"
echo "SERVER_PORT=9999" >>"$root/etc/facerec/facerec.env"
scripts/install-service.sh --root "$root" --prefix /srv/facerec >/dev/null 2>&1
grep -q SERVER_PORT=9999 "$root/etc/facerec/facerec.env" || fail "reinstalling overwrote the settings file"
pass "install-service.sh --root installs scripts, units, logrotate and keeps the settings on reinstall"

# The units as installed, pointed at the staged files so that every ExecStart= command exists.
mkdir -p "$work/units"
for unit in facerec.service facerec-monitor.service; do
    sed "s|/srv/facerec|$root/srv/facerec|g" "$root/etc/systemd/system/$unit" >"$work/units/$unit"
done
for key in NoNewPrivileges=yes ProtectSystem=strict PrivateTmp=yes User=facerec EnvironmentFile=- Restart=always \
    ExecStartPre=; do
    grep -q "^$key" "$work/units/facerec.service" || fail "facerec.service lacks $key"
done
grep -q '^ExecStart=.*auto-heal.sh monitor$' "$work/units/facerec-monitor.service" ||
    fail "facerec-monitor.service does not run auto-heal.sh monitor"
if command -v systemd-analyze >/dev/null 2>&1; then
    (cd "$work/units" && systemd-analyze verify facerec.service facerec-monitor.service) ||
        fail "systemd-analyze verify rejected the units"
    # Exposure 0 (locked down) to 10 (unprotected); 5 and above is "MEDIUM" or worse.
    (cd "$work/units" && systemd-analyze security --offline=yes --threshold=50 facerec.service \
        facerec-monitor.service >/dev/null) || fail "a unit's systemd-analyze security exposure is 5.0 or more"
    pass "systemd-analyze verify and security (exposure under 5.0) accept both units"
else
    pass "systemd-analyze not installed: only the static key checks ran on the units"
fi

if command -v logrotate >/dev/null 2>&1; then
    logs=$work/logs
    mkdir -p "$logs"
    sed -e "s|/var/log/facerec|$logs|" -e "s|su facerec facerec|su $(id -un) $(id -gn)|" \
        "$root/etc/logrotate.d/facerec" >"$work/logrotate.conf"
    expect 0 'after 1 days \(14 rotations\)' logrotate -d -s "$work/state" "$work/logrotate.conf"
    echo "a line of the console log" >"$logs/facerec-console.log"
    logrotate -f -s "$work/state" "$work/logrotate.conf"
    [[ ! -s $logs/facerec-console.log ]] || fail "copytruncate left the live log non-empty"
    rotated=$(find "$logs" -name 'facerec-console.log-*.gz' | head -n 1)
    [[ -n $rotated ]] || fail "no compressed rotated log in $logs"
    [[ $(zcat "$rotated") == "a line of the console log" ]] || fail "the rotated log lost its content"
    pass "logrotate parses the policy (daily, 14 kept) and a forced rotation truncates and compresses"
else
    grep -q 'rotate 14' deploy/logrotate/facerec || fail "logrotate policy does not keep 14"
    pass "logrotate not installed: static check of the policy only"
fi

scripts/uninstall-service.sh --root "$root" --prefix /srv/facerec >/dev/null
[[ ! -e $root/srv/facerec && ! -e $root/etc/systemd/system/facerec.service ]] || fail "uninstall left files"
[[ -d $root/var/lib/facerec && -e $root/etc/facerec/facerec.env ]] || fail "uninstall without --purge removed data"
scripts/uninstall-service.sh --root "$root" --prefix /srv/facerec --purge >/dev/null
[[ ! -e $root/var/lib/facerec && ! -e $root/etc/facerec ]] || fail "uninstall --purge left data or settings"
pass "uninstall-service.sh keeps data and settings, --purge removes them"

# --- Script answers without a running service ---------------------------------------------------------------------
port=$(closed_port)
expect 1 'no answer \(service down' env MAX_RETRIES=2 RETRY_DELAY=0 scripts/health_check.sh http://127.0.0.1 "$port"
expect 2 'health_check.sh \[base-url\] \[port\]' scripts/health_check.sh a b c
pass "health_check.sh: a dead port is UNHEALTHY (exit 1); bad usage exits 2"

expect 2 'soak.sh \[duration-seconds\]' scripts/soak.sh a b
expect 2 'set ADMIN_PASSWORD or ADMIN_PASSWORD_FILE' env -u ADMIN_PASSWORD -u ADMIN_PASSWORD_FILE scripts/soak.sh 1
expect 2 'sign-in as admin failed' env API_URL="http://127.0.0.1:$port" ADMIN_PASSWORD=x TIMEOUT=2 scripts/soak.sh 1
pass "soak.sh: bad usage, no password and a dead port exit 2 before any load"

expect 2 'scripts/load-test.sh' scripts/load-test.sh extra
expect 2 'not a rate \(arrivals a second\): fast' env LOAD_RATE=fast scripts/load-test.sh
expect 2 'not a whole number: 1m' env LOAD_DURATION=1m scripts/load-test.sh
# A port in use (someone's running service) stops it before it builds or starts anything.
mkdir -p "$work/load/data/lfw-dev" "$work/load/data/detection/large"
touch "$work/load/facerec.jar"
python3 -c 'import socket, time
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(); print(s.getsockname()[1], flush=True); time.sleep(60)' \
    >"$work/load/port" &
listener=$!
for _ in $(seq 1 50); do [[ -s $work/load/port ]] && break; sleep 0.1; done
taken=$(<"$work/load/port")
expect 2 "port $taken is taken" env JAR="$work/load/facerec.jar" FACE_MODELS_DIR="$work/load" SHARED_DIR="$work/load" \
    JAVA="$(scripts/find-jdk.sh)/bin/java" PORT="$taken" scripts/load-test.sh
kill "$listener"
wait "$listener" 2>/dev/null || true
pass "load-test.sh: bad usage, bad numbers and a port in use exit 2 before anything starts"
expect 2 'fuzz.sh +every target' scripts/fuzz.sh extra
expect 2 'DURATION must be whole seconds' env DURATION=10m scripts/fuzz.sh
mkdir -p "$work/fuzz/decode/corpus" "$work/fuzz/decode/findings" "$work/fuzz/exifChunks/findings"
printf '#812\tDONE   cov: 4703 ft: 9190 corp: 240/7063Kb lim: 128824 exec/s: 33 rss: 970Mb\n' >"$work/fuzz/decode/fuzz.log"
printf '#9\tINITED cov: 12 ft: 28 corp: 11/815b exec/s: 0 rss: 90Mb\n' >"$work/fuzz/exifChunks/fuzz.log"
touch "$work/fuzz/decode/corpus/a" "$work/fuzz/decode/corpus/b"
expect 0 'decode +812 +33 +4703 +9190 +240/7063Kb +2 +0' scripts/fuzz.sh --summary "$work/fuzz"
touch "$work/fuzz/exifChunks/findings/crash-1"
expect 1 'exifChunks +9 +0 +12 +28 +11/815b +0 +1' scripts/fuzz.sh --summary "$work/fuzz"
pass "fuzz.sh: bad usage exits 2; --summary reads libFuzzer's figures and exits 1 on findings"

expect 1 'FAIL  postgres .*127.0.0.1:'"$port" env HEALTH_MODE=native DATABASE_PORT="$port" \
    scripts/docker_health_check.sh postgres
expect 1 'FAIL  redis .*127.0.0.1:'"$port" env HEALTH_MODE=native REDIS_PORT="$port" scripts/docker_health_check.sh redis
expect 1 'FAIL  minio .*no answer' env HEALTH_MODE=native S3_ENDPOINT="http://127.0.0.1:$port" \
    scripts/docker_health_check.sh minio
expect 1 'FAIL  api .*no answer' env HEALTH_MODE=native API_URL="http://127.0.0.1:$port" \
    scripts/docker_health_check.sh api
expect 2 "unknown service 'mysql'" scripts/docker_health_check.sh mysql
# The PostgreSQL and Redis of this machine (make test starts them first).
expect 0 'summary: all 2 healthy' env HEALTH_MODE=native DATABASE_HOST=127.0.0.1 \
    DATABASE_PORT=5432 REDIS_HOST=127.0.0.1 REDIS_PORT=6379 scripts/docker_health_check.sh postgres redis
expect 1 'redis .*credentials refused|redis .*AUTH' env HEALTH_MODE=native REDIS_PASSWORD=wrong-password \
    scripts/docker_health_check.sh redis
pass "docker_health_check.sh: down services fail, this machine's PostgreSQL and Redis pass"

if ! (command -v docker >/dev/null 2>&1 && timeout 10 docker info >/dev/null 2>&1); then
    expect 2 'no Docker engine' make -s docker-up
    expect 2 'no Docker engine' make -s docker-down
    pass "make docker-up/docker-down explain that there is no Docker engine"
fi

models=$work/models
mkdir -p "$models"
expect 1 'api/target/nothing.jar not found' env JAR="$REPO/api/target/nothing.jar" FACE_MODELS_DIR="$models" \
    SERVER_PORT="$port" DEPENDENCY_RETRIES=1 scripts/startup.sh check
expect 1 'model file .*face_detection_yunet_2026may.onnx is missing' env FACE_MODELS_DIR="$models" \
    SERVER_PORT="$port" scripts/startup.sh check
if ! command -v nvidia-smi >/dev/null 2>&1; then
    expect 1 'LOCAL_ML_DEVICE=cuda but nvidia-smi is missing' env LOCAL_ML_DEVICE=cuda FACE_MODELS_DIR="$models" \
        SERVER_PORT="$port" scripts/startup.sh check
fi
expect 1 'PostgreSQL at 127.0.0.1:'"$port"' does not accept' env DATABASE_HOST=127.0.0.1 DATABASE_PORT="$port" \
    DEPENDENCY_RETRIES=1 FACE_MODELS_DIR="$models" SERVER_PORT="$port" scripts/startup.sh check
expect 1 'port 5432 is already in use' env FACE_MODELS_DIR="$models" SERVER_PORT=5432 scripts/startup.sh check
expect 2 'startup.sh start' scripts/startup.sh bogus
pass "startup.sh check refuses a missing jar, missing models, an absent GPU, a dead database, a taken port"

expect 1 'dead: no facerec process' env PID_FILE="$work/none.pid" LOG_FILE="$work/heal.log" \
    SERVER_PORT="$port" scripts/auto-heal.sh check
grep -q 'dead: no facerec process' "$work/heal.log" || fail "auto-heal.sh check did not write LOG_FILE"
pass "auto-heal.sh check: no process is dead (exit 1), logged to LOG_FILE"

data=$work/backup-data
mkdir -p "$data/db" "$data/images/ab"
echo "database file" >"$data/db/facerec.mv.db"
echo "image bytes" >"$data/images/ab/face.jpg"
backup_env=(env FACEREC_DATA_DIR="$data" BACKUP_DIR="$work/backups" BACKUP_KEEP=2 SERVER_PORT="$port"
    PID_FILE="$work/none.pid")
for _ in 1 2 3; do
    expect 0 'backup: complete' "${backup_env[@]}" scripts/backup.sh
done
mapfile -t kept < <(find "$work/backups" -mindepth 1 -maxdepth 1 -name 'facerec-*' | sort)
[[ ${#kept[@]} == 2 ]] || fail "BACKUP_KEEP=2 kept ${#kept[@]} backups"
grep -q '^database=embedded$' "${kept[1]}/MANIFEST" || fail "the MANIFEST does not name the embedded database"
rm -rf "$data"
expect 0 'images: 1 files restored' "${backup_env[@]}" scripts/restore.sh "${kept[1]}" --yes
[[ $(cat "$data/db/facerec.mv.db") == "database file" && $(cat "$data/images/ab/face.jpg") == "image bytes" ]] ||
    fail "restore.sh did not bring the embedded database and the images back"
expect 1 'the service is running' env FACEREC_DATA_DIR="$data" SERVER_PORT=5432 scripts/restore.sh "${kept[1]}" --yes
expect 1 'only backed up while the service is stopped' env FACEREC_DATA_DIR="$data" BACKUP_DIR="$work/backups" \
    SERVER_PORT=5432 scripts/backup.sh
expect 2 'BACKUP_FOLDER --yes' scripts/restore.sh "${kept[1]}"
pass "backup.sh keeps BACKUP_KEEP backups; restore.sh brings the embedded data back, and neither runs beside the service"

echo "test-scripts: all $passed passed"
