#!/usr/bin/env bash
# Makes the tools of `make test-monitoring`, `make test-scripts` and `make test` available without installing anything
# system-wide: promtool and amtool (Debian's prometheus and prometheus-alertmanager packages), shellcheck, and
# haproxy (the load balancer of HaTopologyIT, the native stand-in for Traefik in docker-compose.ha.yml).
# When a tool is not on the PATH, its Debian package is downloaded (not installed: installing the prometheus
# package starts a server, and dpkg's post-install scripts fail on machines whose service users were removed) and
# the binary is unpacked into .tools/bin of the checkout, which the Makefile puts first on the PATH. A binary that
# needs shared libraries the machine lacks gets them from their Debian packages too, unpacked into .tools/lib: the
# binary then goes to .tools/libexec and .tools/bin holds a wrapper that sets LD_LIBRARY_PATH and execs it.
#
#   scripts/ensure-tools.sh [promtool] [shellcheck] [haproxy]      (default: promtool and shellcheck)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
readonly TOOLS_DIR=.tools/bin
readonly LIB_DIR=.tools/lib
readonly LIBEXEC_DIR=.tools/libexec
export PATH="$PWD/$TOOLS_DIR:$PATH"

# tool -> Debian packages to unpack, and the binaries to take from them.
packages_of() {
    case $1 in
        promtool) echo "prometheus prometheus-alertmanager" ;;
        shellcheck) echo "shellcheck" ;;
        # haproxy links Lua and the OpenTracing wrapper, which a machine without haproxy rarely has.
        haproxy) echo "haproxy liblua5.3-0 libopentracing-c-wrapper0 libopentracing1" ;;
        *) echo "ensure-tools: unknown tool $1 (promtool, shellcheck, haproxy)" >&2; exit 2 ;;
    esac
}

binaries_of() {
    case $1 in
        promtool) echo "promtool amtool" ;;
        shellcheck) echo "shellcheck" ;;
        haproxy) echo "haproxy" ;;
    esac
}

# The libraries $1 needs that the dynamic linker cannot find (with .tools/lib searched too).
missing_libraries() {
    LD_LIBRARY_PATH="$PWD/$LIB_DIR" ldd "$1" 2>/dev/null | awk '/not found/ { print $1 }' | tr '\n' ' '
}

# install_binary FILE NAME: FILE as .tools/bin/NAME; behind a wrapper when it needs the libraries of .tools/lib.
install_binary() {
    local file=$1 name=$2
    if [[ -z $(env -u LD_LIBRARY_PATH ldd "$file" 2>/dev/null | awk '/not found/') ]]; then
        install -m 0755 "$file" "$TOOLS_DIR/$name"
        return
    fi
    mkdir -p "$LIBEXEC_DIR"
    install -m 0755 "$file" "$LIBEXEC_DIR/$name"
    cat >"$TOOLS_DIR/$name" <<WRAPPER
#!/bin/sh
# Written by scripts/ensure-tools.sh: $name with the shared libraries unpacked into .tools/lib.
here=\$(cd "\$(dirname "\$0")/.." && pwd)
LD_LIBRARY_PATH="\$here/lib\${LD_LIBRARY_PATH:+:\$LD_LIBRARY_PATH}" exec "\$here/libexec/$name" "\$@"
WRAPPER
    chmod 0755 "$TOOLS_DIR/$name"
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
    # Shared libraries of the library packages (the tool's own package usually has none).
    if compgen -G "$work/root/usr/lib/*-linux-gnu/*.so*" >/dev/null; then
        mkdir -p "$LIB_DIR"
        cp -P "$work"/root/usr/lib/*-linux-gnu/*.so* "$LIB_DIR/"
    fi
    for binary in $(binaries_of "$tool"); do
        for folder in usr/bin usr/sbin; do
            if [[ -x $work/root/$folder/$binary ]]; then
                install_binary "$work/root/$folder/$binary" "$binary"
                break
            fi
        done
    done
    # Unpacked, not installed: the package's library dependencies were not pulled in, so say which are missing.
    local executable=$TOOLS_DIR/$tool
    [[ -x $LIBEXEC_DIR/$tool ]] && executable=$LIBEXEC_DIR/$tool
    missing=$(missing_libraries "$executable")
    rm -rf "$work"
    if [[ -n $missing ]]; then
        echo "$tool needs shared libraries this machine lacks: $missing(install them with the package manager)" >&2
        exit 1
    fi
    command -v "$tool" >/dev/null 2>&1 || { echo "$tool is still missing after unpacking the packages" >&2; exit 1; }
    case $tool in
        haproxy) "$tool" -v 2>&1 | sed -n 1p ;;
        *) "$tool" --version 2>&1 | sed -n 1,2p ;;
    esac
}

tools=("$@")
[[ ${#tools[@]} -gt 0 ]] || tools=(promtool shellcheck)
for tool in "${tools[@]}"; do
    ensure "$tool"
done
