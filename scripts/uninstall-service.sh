#!/usr/bin/env bash
# Removes what scripts/install-service.sh installed. Data (/var/lib/facerec), logs (/var/log/facerec), the settings
# (/etc/facerec) and the facerec user stay unless --purge is given.
#
#   sudo scripts/uninstall-service.sh [--prefix /opt/facerec] [--purge]
#   scripts/uninstall-service.sh --root /tmp/staging ...     (or DESTDIR=...) removes under that folder only
set -euo pipefail

root=${DESTDIR:-}
prefix=/opt/facerec
purge=no

while [[ $# -gt 0 ]]; do
    case $1 in
        --root) root=${2:?--root needs a folder}; shift 2 ;;
        --prefix) prefix=${2:?--prefix needs a folder}; shift 2 ;;
        --purge) purge=yes; shift ;;
        *) sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
    esac
done
[[ $prefix == /* && $prefix != / ]] || { echo "uninstall-service: --prefix must be an absolute folder, not /" >&2; exit 2; }
root=${root%/}
if [[ -z $root && $(id -u) -ne 0 ]]; then
    echo "uninstall-service: run as root, or give --root DIR" >&2
    exit 1
fi

if [[ -z $root ]] && command -v systemctl >/dev/null 2>&1; then
    systemctl disable --now facerec-monitor.service facerec.service 2>/dev/null || true
fi
rm -f "$root/etc/systemd/system/facerec.service" "$root/etc/systemd/system/facerec-monitor.service" \
    "$root/etc/logrotate.d/facerec"
rm -rf "$root$prefix"
if [[ $purge == yes ]]; then
    rm -rf "$root/etc/facerec" "$root/var/lib/facerec" "$root/var/log/facerec"
    [[ -n $root ]] || ! id facerec >/dev/null 2>&1 || userdel facerec
fi
[[ -n $root ]] || systemctl daemon-reload 2>/dev/null || true
echo "removed facerec services from ${root:-/}$( [[ $purge == yes ]] && echo ', with data, logs and settings' )"
