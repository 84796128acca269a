#!/usr/bin/env bash
# Installs the native image libraries the service uses when they are present (Debian/Ubuntu packages): libjpeg-turbo's
# TurboJPEG (JPEGs decoded at the DCT scale detection needs) and libheif (HEIC and AVIF). The service runs without
# them (JPEG on ImageIO, HEIC/AVIF refused, both said in the log and /health/detailed); the tests of the native paths
# are skipped where they are missing, so CI runs this first to test both paths.
#
#   scripts/ensure-native-libs.sh          install what is missing (needs root and apt-get), then list what is there
#   scripts/ensure-native-libs.sh --check  only list; exit 1 when something is missing
set -euo pipefail

# library file -> Debian package (Ubuntu names the first libturbojpeg; the Dockerfiles use Ubuntu's names).
readonly LIBRARIES=("libturbojpeg.so.0:libturbojpeg0" "libheif.so.1:libheif1")

found() {
    ldconfig -p 2>/dev/null | grep -q "$1" || [[ -e /usr/lib/x86_64-linux-gnu/$1 || -e /usr/lib/aarch64-linux-gnu/$1 ]]
}

missing=()
for entry in "${LIBRARIES[@]}"; do
    found "${entry%%:*}" || missing+=("${entry#*:}")
done

if [[ ${1:-} != --check && ${#missing[@]} -gt 0 ]]; then
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
        echo "ensure-native-libs: installing ${missing[*]}"
        DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null \
            || { apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null; }
        missing=()
        for entry in "${LIBRARIES[@]}"; do
            found "${entry%%:*}" || missing+=("${entry#*:}")
        done
    else
        echo "ensure-native-libs: cannot install ${missing[*]} (needs root and apt-get); the native tests will be skipped" >&2
    fi
fi

for entry in "${LIBRARIES[@]}"; do
    if found "${entry%%:*}"; then status=present; else status=MISSING; fi
    echo "native library ${entry%%:*} (${entry#*:}): $status"
done
[[ ${#missing[@]} -eq 0 ]]
