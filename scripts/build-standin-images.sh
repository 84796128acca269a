#!/usr/bin/env bash
# Builds local stand-ins for the Dockerfiles' base images, for machines that reach no container registry (the test
# of the images, scripts/test-images.sh): a Debian root filesystem from debootstrap with this machine's JDK 25, imported
# with podman. Prints two lines on stdout, the images to pass as build arguments:
#   BUILD_IMAGE=localhost/facerec-standin-maven:KEY      stands in for maven:3.9-eclipse-temurin-25
#   RUNTIME_IMAGE=localhost/facerec-standin-runtime:KEY  stands in for eclipse-temurin:25-jre-noble (and, without
#                                                        CUDA, for nvidia/cuda in Dockerfile.gpu)
# KEY is a hash of this script, the JDK and the Maven it copies: while an image with that key exists it is reused, so
# only the first run pays for debootstrap (about 2.5 min); older stand-ins are removed.
#
# What each stand-in has, and how it differs from the image it stands in for:
#   runtime  Debian (STANDIN_SUITE, default trixie: glibc and libheif close to Ubuntu 24.04's) with the packages the
#            Dockerfiles install already installed, an apt-get that reads Ubuntu's name libturbojpeg as Debian's
#            libturbojpeg0, and no apt sources: the Dockerfiles' `apt-get update && apt-get install` then run offline
#            and find everything installed. The JDK at /opt/java/openjdk (a JDK, where Temurin's image has a JRE).
#   maven    the same, plus this machine's Maven (/usr/share/maven, on the PATH as mvn) whose global settings say
#            offline with the local repository at /m2/repository: the test mounts this machine's repository there.
#
# Environment: DEBIAN_MIRROR (default: the first Debian URI of this machine's apt sources), STANDIN_SUITE, PODMAN
# (default: podman --runtime runc). Needs root, debootstrap, podman (scripts/ensure-podman.sh) and JDK 25.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
readonly SUITE=${STANDIN_SUITE:-trixie}
# What the Dockerfiles' apt-get install asks for (Debian names), and what the stand-in itself needs.
readonly PACKAGES=curl,ca-certificates,libturbojpeg0,libheif1,libheif-plugin-libde265,libheif-plugin-dav1d
read -r -a PODMAN <<<"${PODMAN:-podman --runtime runc}"

log() {
    echo "build-standin-images: $*" >&2
}

die() {
    log "$*"
    exit 1
}

# The mirror this machine's apt already uses (deb822 .sources or the one-line sources.list).
debian_mirror() {
    if [[ -n ${DEBIAN_MIRROR:-} ]]; then
        echo "$DEBIAN_MIRROR"
        return
    fi
    local mirror
    mirror=$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null |
        awk '/^URIs:/ && $2 !~ /security/ { print $2; exit }')
    if [[ -z $mirror ]]; then
        mirror=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null |
            awk '/^deb / { for (i = 2; i <= NF; i++) if ($i ~ /^https?:/ && $i !~ /security/) { print $i; exit } }')
    fi
    [[ -n $mirror ]] || die "no Debian mirror in /etc/apt/sources*; set DEBIAN_MIRROR"
    echo "$mirror"
}

image_exists() {
    "${PODMAN[@]}" image exists "$1"
}

jdk=$(scripts/find-jdk.sh)
mvn_path=$(command -v mvn) || die "mvn not on the PATH"
maven_home=$(dirname "$(dirname "$(readlink -f "$mvn_path")")")
maven_version=$("$maven_home/bin/mvn" --version 2>/dev/null | sed -n '1s/\x1b\[[0-9;]*m//gp')
key=$({
    cat "${BASH_SOURCE[0]}"
    echo "$SUITE"
    cat "$jdk/release"
    echo "$maven_version"
} | sha256sum | cut -c1-12)
readonly RUNTIME=localhost/facerec-standin-runtime:$key
readonly MAVEN=localhost/facerec-standin-maven:$key

if image_exists "$RUNTIME" && image_exists "$MAVEN"; then
    log "reusing the stand-ins $RUNTIME and $MAVEN"
else
    [[ $(id -u) -eq 0 ]] || die "needs root (debootstrap, rootful podman)"
    command -v debootstrap >/dev/null 2>&1 || die "debootstrap not installed (scripts/ensure-podman.sh)"
    work=$(mktemp -d /var/tmp/facerec-standin.XXXXXX)
    trap 'rm -rf "$work"' EXIT
    rootfs=$work/rootfs
    mirror=$(debian_mirror)
    started=$SECONDS
    log "debootstrap $SUITE from the apt mirror of this machine (a few minutes, once)"
    if ! debootstrap --variant=minbase --include="$PACKAGES" "$SUITE" "$rootfs" "$mirror" >"$work/debootstrap.log" 2>&1; then
        tail -n 20 "$work/debootstrap.log" >&2
        die "debootstrap $SUITE $mirror failed"
    fi
    log "debootstrap took $((SECONDS - started)) s"

    # Ubuntu's package name for TurboJPEG, which the Dockerfiles install: Debian's libturbojpeg0 conflicts with a
    # package of that name, so apt-get is wrapped to read it as libturbojpeg0.
    cat >"$rootfs/usr/local/bin/apt-get" <<'WRAPPER'
#!/bin/sh
# facerec's stand-in base image: Ubuntu's package name libturbojpeg is Debian's libturbojpeg0.
for argument; do
    shift
    case $argument in libturbojpeg) argument=libturbojpeg0 ;; esac
    set -- "$@" "$argument"
done
exec /usr/bin/apt-get "$@"
WRAPPER
    chmod 0755 "$rootfs/usr/local/bin/apt-get"
    # No sources: the Dockerfiles' apt-get update succeeds offline and apt-get install finds what is installed.
    rm -f "$rootfs"/etc/apt/sources.list "$rootfs"/etc/apt/sources.list.d/*
    rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/archives/*.deb

    mkdir -p "$rootfs/opt/java"
    cp -a "$jdk" "$rootfs/opt/java/openjdk"
    changes=(--change "ENV JAVA_HOME=/opt/java/openjdk"
        --change "ENV PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
        --change "ENV LANG=C.UTF-8" --change 'CMD ["/bin/bash"]')
    "${PODMAN[@]}" rmi --ignore "$RUNTIME" "$MAVEN" >/dev/null
    tar -C "$rootfs" -c . | "${PODMAN[@]}" import --quiet "${changes[@]}" - "$RUNTIME" >/dev/null

    # Maven with its symbolic links (Debian's points into /usr/share/java) resolved.
    cp -rL "$maven_home" "$rootfs/usr/share/maven"
    ln -sf /usr/share/maven/bin/mvn "$rootfs/usr/bin/mvn"
    cat >"$rootfs/usr/share/maven/conf/settings.xml" <<'SETTINGS'
<settings>
  <!-- facerec's stand-in: no network; the test mounts this machine's local repository here. -->
  <localRepository>/m2/repository</localRepository>
  <offline>true</offline>
</settings>
SETTINGS
    tar -C "$rootfs" -c . | "${PODMAN[@]}" import --quiet "${changes[@]}" - "$MAVEN" >/dev/null
    log "built $RUNTIME and $MAVEN in $((SECONDS - started)) s"

    # Stand-ins of other keys (another JDK, an older script) are stale.
    "${PODMAN[@]}" images --format '{{.Repository}}:{{.Tag}}' |
        grep -E '^localhost/facerec-standin-(runtime|maven):' | grep -v ":$key\$" |
        while read -r stale; do "${PODMAN[@]}" rmi --ignore "$stale" >/dev/null || true; done || true
fi

echo "BUILD_IMAGE=$MAVEN"
echo "RUNTIME_IMAGE=$RUNTIME"
