#!/usr/bin/env bash
# Makes promtool (and amtool) available for `make test-monitoring` without installing anything system-wide: when
# they are not on the PATH, the Debian packages are downloaded (not installed: installing the prometheus package
# starts a server, and dpkg's post-install scripts fail on machines whose service users were removed) and the two
# binaries are unpacked into .tools/bin of the checkout, which the Makefile puts first on the PATH.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
readonly TOOLS_DIR=.tools/bin
export PATH="$PWD/$TOOLS_DIR:$PATH"

command -v promtool >/dev/null 2>&1 && exit 0

if ! command -v apt-get >/dev/null 2>&1 || ! command -v dpkg-deb >/dev/null 2>&1; then
    echo "promtool not found and this is not a Debian-based machine: install Prometheus's promtool, then retry." >&2
    exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Package lists may be missing on a fresh machine; refreshing them needs root.
if ! apt-cache show prometheus >/dev/null 2>&1; then
    if [[ $(id -u) -ne 0 ]]; then
        echo "promtool not found and the package lists are empty: run 'apt-get update' as root, then retry." >&2
        exit 1
    fi
    apt-get update -qq
fi

echo "promtool not found: unpacking it from the Debian packages into $TOOLS_DIR" >&2
(cd "$work" && apt-get download -qq prometheus prometheus-alertmanager)
mkdir -p "$TOOLS_DIR"
for deb in "$work"/*.deb; do
    dpkg-deb -x "$deb" "$work/root"
done
for tool in promtool amtool; do
    if [[ -x $work/root/usr/bin/$tool ]]; then
        install -m 0755 "$work/root/usr/bin/$tool" "$TOOLS_DIR/$tool"
    fi
done
command -v promtool >/dev/null 2>&1 || { echo "promtool is still missing after unpacking the packages" >&2; exit 1; }
promtool --version 2>&1 | sed -n 1p
