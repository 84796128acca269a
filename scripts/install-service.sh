#!/usr/bin/env bash
# Installs facerec as systemd services: facerec.service (the jar, started by startup.sh) and facerec-monitor.service
# (auto-heal.sh monitor), with a logrotate policy and a settings file.
#
#   sudo scripts/install-service.sh [--prefix /opt/facerec] [--models DIR] [--no-start]
#   scripts/install-service.sh --root /tmp/staging ...      (or DESTDIR=...) writes under that folder only: no
#                                                          user, no systemctl; for packaging and tests
#
# Installs: PREFIX/{facerec.jar,scripts/,docs/operations.md,models/}, /etc/systemd/system/facerec*.service,
# /etc/logrotate.d/facerec, /etc/facerec/facerec.env (kept when present), /var/lib/facerec and /var/log/facerec
# owned by the system user facerec. The jar is api/target/facerec.jar ('make build'); --models copies model files.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=${DESTDIR:-}
prefix=/opt/facerec
models=
start=yes

usage() {
    sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

while [[ $# -gt 0 ]]; do
    case $1 in
        --root) root=${2:?--root needs a folder}; shift 2 ;;
        --prefix) prefix=${2:?--prefix needs a folder}; shift 2 ;;
        --models) models=${2:?--models needs a folder}; shift 2 ;;
        --no-start) start=no; shift ;;
        -h | --help) usage ;;
        *) echo "install-service: unknown option $1" >&2; usage ;;
    esac
done
[[ $prefix == /* ]] || { echo "install-service: --prefix must be absolute" >&2; exit 2; }
root=${root%/}
if [[ -z $root && $(id -u) -ne 0 ]]; then
    echo "install-service: run as root, or give --root DIR to stage the files elsewhere" >&2
    exit 1
fi

readonly JAR=api/target/facerec.jar
readonly SCRIPTS=(startup.sh auto-heal.sh health_check.sh docker_health_check.sh backup.sh restore.sh find-jdk.sh
    lib/ops.sh)

# Units and logrotate name /opt/facerec; another prefix is written into the installed copies.
with_prefix() {
    sed "s|/opt/facerec|$prefix|g" "$1"
}

install -d -m 0755 "$root$prefix/scripts/lib" "$root$prefix/docs" "$root$prefix/models" \
    "$root/etc/systemd/system" "$root/etc/logrotate.d" "$root/etc/facerec"
install -d -m 0750 "$root/var/lib/facerec" "$root/var/log/facerec"
for script in "${SCRIPTS[@]}"; do
    install -m 0755 "scripts/$script" "$root$prefix/scripts/$script"
done
chmod 0644 "$root$prefix/scripts/lib/ops.sh"
install -m 0644 docs/operations.md "$root$prefix/docs/operations.md"
if [[ -r $JAR ]]; then
    install -m 0644 "$JAR" "$root$prefix/facerec.jar"
else
    echo "install-service: warning: $JAR not built ('make build'); install it as $prefix/facerec.jar" >&2
fi
if [[ -n $models ]]; then
    find "$models" -maxdepth 1 -type f \( -name '*.onnx' -o -name '*.pack.json' \) \
        -exec install -m 0644 -t "$root$prefix/models" {} +
fi
for unit in facerec.service facerec-monitor.service; do
    with_prefix "deploy/systemd/$unit" >"$root/etc/systemd/system/$unit"
    chmod 0644 "$root/etc/systemd/system/$unit"
done
with_prefix deploy/logrotate/facerec >"$root/etc/logrotate.d/facerec"
chmod 0644 "$root/etc/logrotate.d/facerec"
if [[ ! -e $root/etc/facerec/facerec.env ]]; then
    install -m 0640 deploy/systemd/facerec.env.example "$root/etc/facerec/facerec.env"
fi
echo "installed under ${root:-/}: $prefix, /etc/systemd/system/facerec{,-monitor}.service, /etc/logrotate.d/facerec"

[[ -z $root ]] || exit 0

if ! id facerec >/dev/null 2>&1; then
    useradd --system --home-dir /var/lib/facerec --no-create-home --shell /usr/sbin/nologin facerec
fi
chown -R facerec:facerec /var/lib/facerec /var/log/facerec
chown root:facerec /etc/facerec/facerec.env
compgen -G "$prefix/models/*.onnx" >/dev/null ||
    echo "install-service: no models in $prefix/models yet: copy them there (or --models DIR) before starting" >&2
systemctl daemon-reload
if [[ $start == yes ]]; then
    systemctl enable --now facerec.service facerec-monitor.service
    systemctl --no-pager status facerec.service | head -n 5
else
    systemctl enable facerec.service facerec-monitor.service
    echo "enabled; start with: systemctl start facerec facerec-monitor"
fi
