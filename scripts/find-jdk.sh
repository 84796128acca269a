#!/usr/bin/env bash
# Prints the home of a JDK 25 or newer and exits 0, or explains on stderr and exits 1. Looks at JAVA_HOME first
# (an explicit choice wins when it is recent enough), then /usr/lib/jvm/temurin-25-jdk-amd64, then any
# /usr/lib/jvm/*25*.
set -euo pipefail

readonly REQUIRED=25

# The major version of the java in JDK home $1, or nothing.
major_version() {
    [[ -x "$1/bin/java" ]] || return 0
    "$1/bin/java" -version 2>&1 | sed -nE '1s/.*version "(1\.)?([0-9]+).*/\2/p'
}

is_recent() {
    local major
    major=$(major_version "$1")
    [[ -n "$major" ]] && ((major >= REQUIRED))
}

candidates=()
[[ -z "${JAVA_HOME:-}" ]] || candidates+=("$JAVA_HOME")
candidates+=(/usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*25*)

for home in "${candidates[@]}"; do
    if [[ -d "$home" ]] && is_recent "$home"; then
        echo "$home"
        exit 0
    fi
done

echo "No JDK $REQUIRED found: facerec needs Java $REQUIRED or newer. Install one (for example Temurin $REQUIRED) under /usr/lib/jvm, or set JAVA_HOME to its home." >&2
exit 1
