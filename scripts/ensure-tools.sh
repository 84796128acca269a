#!/usr/bin/env bash
# Installs promtool (Debian package prometheus) when it is missing, for `make test-monitoring`. CI runs as root on
# Debian; elsewhere install the prometheus package (or promtool alone) yourself.
set -euo pipefail

command -v promtool >/dev/null 2>&1 && exit 0

if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
    echo "promtool not found: install the prometheus package (it provides promtool), then retry." >&2
    exit 1
fi

echo "promtool not found: installing the prometheus package" >&2
apt-get update -qq
apt-get install -y -qq --no-install-recommends prometheus
# The package starts a Prometheus server; the checks need only promtool.
if command -v systemctl >/dev/null 2>&1; then
    systemctl disable --now prometheus >/dev/null 2>&1 || true
fi
pids=$(pgrep -x prometheus || true)
if [[ -n $pids ]]; then
    # shellcheck disable=SC2086 # one pid per word
    kill $pids
fi
command -v promtool >/dev/null 2>&1 || { echo "promtool still not found after installing prometheus" >&2; exit 1; }
