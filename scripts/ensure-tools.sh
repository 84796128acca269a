#!/usr/bin/env bash
# Makes the checking tools of `make test-monitoring` and `make test-scripts` available without installing anything
# system-wide: promtool and amtool (Debian's prometheus and prometheus-alertmanager packages) and shellcheck.
# When a tool is not on the PATH, its Debian package is downloaded (not installed: installing the prometheus
# package starts a server, and dpkg's post-install scripts fail on machines whose service users were removed) and
# the binary is unpacked into .tools/bin of the checkout, which the Makefile puts first on the PATH.
#
#   scripts/ensure-tools.sh [promtool] [shellcheck]      (default: both)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
readonly TOOLS_DIR=.tools/bin
export PATH="$PWD/$TOOLS_DIR:$PATH"

# tool -> Debian packages to unpack, and the binaries to take from them.
packages_of() {
    case $1 in
        promtool) echo "prometheus prometheus-alertmanager" ;;
        shellcheck) echo "shellcheck" ;;
        *) echo "ensure-tools: unknown tool $1 (promtool, shellcheck)" >&2; exit 2 ;;
    esac
}

binaries_of() {
    case $1 in
        promtool) echo "promtool amtool" ;;
        shellcheck) echo "shellcheck" ;;
    esac
}

ensure() {
    local tool=$1 work deb binary missing
    command -v "$tool" >/dev/null 2>&1 && return 0

    if ! command -v apt-get >/dev/null 2>&1 || ! command -v dpkg-deb >/dev/null 2>&1; then
        echo "$tool not found and this is not a Debian-based machine: install $tool, then retry." >&2
        exit 1
    fi
    local -a packages
    read -r -a packages <<<"$(packages_of "$tool")"
    # Package lists may be missing on a fresh machine; refreshing them needs root.
    if ! apt-cache show "${packages[0]}" >/dev/null 2>&1; then
        if [[ $(id -u) -ne 0 ]]; then
            echo "$tool not found and the package lists are empty: run 'apt-get update' as root, then retry." >&2
            exit 1
        fi
        apt-get update -qq
    fi

    echo "$tool not found: unpacking it from the Debian packages into $TOOLS_DIR" >&2
    work=$(mktemp -d)
    chmod 0755 "$work" # apt-get downloads as the _apt user when it can
    (cd "$work" && apt-get download -qq "${packages[@]}")
    mkdir -p "$TOOLS_DIR"
    for deb in "$work"/*.deb; do
        dpkg-deb -x "$deb" "$work/root"
    done
    for binary in $(binaries_of "$tool"); do
        if [[ -x $work/root/usr/bin/$binary ]]; then
            install -m 0755 "$work/root/usr/bin/$binary" "$TOOLS_DIR/$binary"
        fi
    done
    rm -rf "$work"
    # Unpacked, not installed: the package's library dependencies were not pulled in, so say which are missing.
    missing=$(ldd "$TOOLS_DIR/$tool" 2>/dev/null | awk '/not found/ { print $1 }' | tr '\n' ' ')
    if [[ -n $missing ]]; then
        echo "$tool needs shared libraries this machine lacks: $missing(install them with the package manager)" >&2
        exit 1
    fi
    command -v "$tool" >/dev/null 2>&1 || { echo "$tool is still missing after unpacking the packages" >&2; exit 1; }
    "$tool" --version 2>&1 | sed -n 1,2p
}

tools=("$@")
[[ ${#tools[@]} -gt 0 ]] || tools=(promtool shellcheck)
for tool in "${tools[@]}"; do
    ensure "$tool"
done
