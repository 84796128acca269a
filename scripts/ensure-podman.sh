#!/usr/bin/env bash
# Installs what `make test-images` runs containers with when it is missing (Debian/Ubuntu packages, needs root):
# podman with runc (crun fails on hosts with hybrid cgroups), slirp4netns (the container reaches this machine's
# loopback services while its port is published) and debootstrap (builds the stand-in base images, since no
# registry may be reachable). Then lists what is there.
#
#   scripts/ensure-podman.sh          install what is missing, then list
#   scripts/ensure-podman.sh --check  only list; exit 1 when something is missing
set -euo pipefail

# command -> Debian package
readonly TOOLS=("podman:podman" "runc:runc" "slirp4netns:slirp4netns" "debootstrap:debootstrap")

missing_packages() {
    local entry
    for entry in "${TOOLS[@]}"; do
        command -v "${entry%%:*}" >/dev/null 2>&1 || printf '%s\n' "${entry#*:}"
    done
}

mapfile -t missing < <(missing_packages)
if [[ ${1:-} != --check && ${#missing[@]} -gt 0 ]]; then
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
        echo "ensure-podman: installing ${missing[*]}"
        DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null ||
            { apt-get update >/dev/null &&
                DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null; }
        mapfile -t missing < <(missing_packages)
    else
        echo "ensure-podman: cannot install ${missing[*]} (needs root and apt-get)" >&2
    fi
fi

for entry in "${TOOLS[@]}"; do
    if command -v "${entry%%:*}" >/dev/null 2>&1; then status=present; else status=MISSING; fi
    echo "${entry%%:*} (${entry#*:}): $status"
done
[[ ${#missing[@]} -eq 0 ]]
