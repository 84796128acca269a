#!/usr/bin/env bash
# Installs what the console's browser tests (api's *BrowserIT) drive: Debian's Chromium with its ChromeDriver, and
# axe-core, the accessibility checker they inject into every screen. axe-core is a test driver from the npm registry,
# pinned in console/src/test/browser/package-lock.json and installed into that folder's node_modules; Node is never
# part of the product's build, and `make run` needs none of this. Without these the browser tests are skipped
# (FACEREC_REQUIRE_BROWSER=1, set by CI, makes them fail instead), so CI runs this first.
#
#   scripts/ensure-browser.sh          install what is missing (packages need root and apt-get), then list what is there
#   scripts/ensure-browser.sh --check  only list; exit 1 when something is missing
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

# The paths the tests use (BrowserSession names the same ones): Debian's packages put them there.
readonly CHROMIUM=/usr/bin/chromium
readonly CHROMEDRIVER=/usr/bin/chromedriver
readonly DRIVERS_DIR=console/src/test/browser
readonly AXE="$DRIVERS_DIR/node_modules/axe-core/axe.min.js"

can_apt() {
    [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null
}

apt_install() {
    echo "ensure-browser: installing $*"
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@" >/dev/null \
        || { apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$@" >/dev/null; }
}

# The installed axe-core is the locked one: npm ci writes the lock's copy into node_modules/.package-lock.json.
axe_current() {
    [[ -f $AXE && -f $DRIVERS_DIR/node_modules/.package-lock.json ]] \
        && cmp -s <(grep -A 2 '"node_modules/axe-core"' "$DRIVERS_DIR/package-lock.json") \
            <(grep -A 2 '"node_modules/axe-core"' "$DRIVERS_DIR/node_modules/.package-lock.json")
}

if [[ ${1:-} != --check ]]; then
    packages=()
    [[ -x $CHROMIUM ]] || packages+=(chromium)
    [[ -x $CHROMEDRIVER ]] || packages+=(chromium-driver)
    # Debian's npm brings Node with it; both serve only to install the test driver below.
    command -v npm >/dev/null || packages+=(npm)
    if [[ ${#packages[@]} -gt 0 ]]; then
        if can_apt; then
            apt_install "${packages[@]}"
        else
            echo "ensure-browser: cannot install ${packages[*]} (needs root and apt-get); the browser tests will be skipped" >&2
        fi
    fi
    if ! axe_current && command -v npm >/dev/null; then
        echo "ensure-browser: installing axe-core into $DRIVERS_DIR/node_modules (npm ci)"
        # --ignore-scripts: a test driver runs no install hooks on this machine.
        (cd "$DRIVERS_DIR" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null)
    fi
fi

missing=0
report() {
    local what=$1 present=$2
    if [[ $present == yes ]]; then
        echo "browser test $what: present"
    else
        echo "browser test $what: MISSING"
        missing=1
    fi
}
report "chromium ($CHROMIUM)" "$([[ -x $CHROMIUM ]] && echo yes || echo no)"
report "chromedriver ($CHROMEDRIVER)" "$([[ -x $CHROMEDRIVER ]] && echo yes || echo no)"
report "axe-core ($AXE)" "$(axe_current && echo yes || echo no)"
exit "$missing"
