#!/usr/bin/env bash
# Installs the test drivers from the npm registry that api's integration tests run under Node: CompreFace's own
# JavaScript SDK (@exadel/compreface-js-sdk), which CompreFaceSdkIT drives against the CompreFace-compatible API.
# It is pinned twice: package-lock.json holds every package's sha512 (npm ci checks those), and
# api/src/test/compreface-sdk/compreface-js-sdk.sha256 holds the SHA-256 of the SDK's tarball, checked here before
# anything is installed; a mismatch stops the script with exit 2. Node is never part of the product's build, and
# `make run` needs none of this. Without it the SDK tests are skipped (FACEREC_REQUIRE_BROWSER=1, set by CI, makes
# them fail instead), so CI runs this first.
#
#   scripts/ensure-test-drivers.sh          install what is missing (Node needs root and apt-get), then list it
#   scripts/ensure-test-drivers.sh --check  only list; exit 1 when something is missing
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

readonly SDK_DIR=api/src/test/compreface-sdk
readonly SDK=@exadel/compreface-js-sdk
readonly PINNED="$SDK_DIR/compreface-js-sdk.sha256"
# Written after a verified install; CompreFaceSdkIT looks for it, so a hand-made node_modules does not count.
readonly VERIFIED="$SDK_DIR/node_modules/.facerec-verified"

can_apt() {
    [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null
}

# The locked entry of a package: its lines in a lockfile, from its name to its integrity.
locked_entry() {
    grep -A 3 "\"node_modules/$SDK\"" "$1" 2>/dev/null | grep -E '"(version|integrity)"'
}

locked() {
    local field=$1
    locked_entry "$SDK_DIR/package-lock.json" | sed -nE "s/.*\"$field\": \"([^\"]+)\".*/\\1/p"
}

# Installed, from this lock, and verified: npm ci copies the lock into node_modules/.package-lock.json.
sdk_current() {
    [[ -f $VERIFIED && -f $SDK_DIR/node_modules/$SDK/package.json ]] \
        && cmp -s <(locked_entry "$SDK_DIR/package-lock.json") \
            <(locked_entry "$SDK_DIR/node_modules/.package-lock.json") \
        && cmp -s "$VERIFIED" "$PINNED"
}

# Fetches the SDK's tarball as the registry serves it and checks it against both pins; exits 2 on a mismatch.
verify_tarball() {
    local version integrity expected work tarball actual actual_integrity
    version=$(locked version)
    integrity=$(locked integrity)
    read -r expected _ <"$PINNED"
    [[ -n $version && -n $integrity && $expected =~ ^[0-9a-f]{64}$ ]] \
        || { echo "ensure-test-drivers: cannot read the SDK's pins from $SDK_DIR" >&2; exit 2; }
    work=$(mktemp -d)
    # shellcheck disable=SC2064 # expand now: the folder is local to this function
    trap "rm -rf '$work'" RETURN
    (cd "$work" && npm pack "$SDK@$version" --ignore-scripts --silent --loglevel=error >/dev/null)
    tarball=$(find "$work" -name '*.tgz' -print -quit)
    [[ -n $tarball ]] || { echo "ensure-test-drivers: npm pack gave no tarball of $SDK@$version" >&2; exit 2; }
    actual=$(sha256sum "$tarball" | cut -d ' ' -f 1)
    actual_integrity="sha512-$(openssl dgst -sha512 -binary "$tarball" | base64 -w 0)"
    if [[ $actual != "$expected" || $actual_integrity != "$integrity" ]]; then
        {
            echo "ensure-test-drivers: SHA-256 MISMATCH for $SDK@$version: refusing to install it"
            echo "  pinned sha256 ($PINNED): $expected"
            echo "  fetched sha256:          $actual"
            echo "  locked integrity:        $integrity"
            echo "  fetched integrity:       $actual_integrity"
        } >&2
        exit 2
    fi
    echo "ensure-test-drivers: $SDK@$version tarball sha256 $actual matches the pin"
}

if [[ ${1:-} != --check ]]; then
    if ! command -v npm >/dev/null; then
        # Debian's npm brings Node with it; both serve only to run the test drivers.
        if can_apt; then
            echo "ensure-test-drivers: installing npm"
            DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends npm >/dev/null \
                || { apt-get update >/dev/null \
                    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends npm >/dev/null; }
        else
            echo "ensure-test-drivers: cannot install npm (needs root and apt-get); the SDK tests will be skipped" >&2
        fi
    fi
    if ! sdk_current && command -v npm >/dev/null; then
        verify_tarball
        echo "ensure-test-drivers: installing $SDK into $SDK_DIR/node_modules (npm ci)"
        rm -f "$VERIFIED"
        # --ignore-scripts: a test driver runs no install hooks on this machine.
        (cd "$SDK_DIR" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null)
        cp "$PINNED" "$VERIFIED"
    fi
fi

missing=0
report() {
    local what=$1 present=$2
    if [[ $present == yes ]]; then
        echo "test driver $what: present"
    else
        echo "test driver $what: MISSING"
        missing=1
    fi
}
report "node ($(command -v node || echo 'not on the PATH'))" "$(command -v node >/dev/null && echo yes || echo no)"
report "$SDK ($SDK_DIR/node_modules)" "$(sdk_current && echo yes || echo no)"
exit "$missing"
