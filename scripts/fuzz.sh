#!/usr/bin/env bash
# Long fuzzing runs of the image decoders with Jazzer (`make fuzz`). Every @FuzzTest of the ml module (one per
# decoder entry point; `make fuzz TARGET=list` names them) runs in a JVM of its own for DURATION seconds, seeded
# from the shared photos. New corpus inputs, findings (crash-*, timeout-*) and the log stay under
# ml/target/fuzz/<target>/; a later run goes on from that corpus. A summary of the targets run follows.
#
#   scripts/fuzz.sh                  every target          scripts/fuzz.sh --summary [DIR]   summary of a past run
#
# Environment: DURATION seconds per target (600), TARGET a method name, Class::method or "list" (all), TIMEOUT
# seconds one input may take before it counts as a hang (10), SEED_MAX_KB the largest shared photo used as a seed
# (64), SHARED_DIR (../shared), JAVA (java), ARGS more libFuzzer flags (e.g. "-fork=2 -ignore_crashes=1").
# Needs the test classpath: ml/target/classpath-test.txt (make fuzz writes it).
# Exit status: 0 no findings; 1 findings (see the summary); 2 usage or set-up failed.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
readonly OUT=ml/target/fuzz
readonly DURATION=${DURATION:-600}
readonly TARGET=${TARGET:-}
readonly TIMEOUT=${TIMEOUT:-10}
readonly SEED_MAX_KB=${SEED_MAX_KB:-64}
readonly SHARED_DIR=${SHARED_DIR:-../shared}
readonly JAVA=${JAVA:-java}
# Coverage instrumentation: our parsers, the TwelveMonkeys codecs, metadata-extractor and the JDK's own ImageIO
# plugins (PNG, BMP, GIF). Native libraries are not instrumented: Jazzer sees Java bytecode only.
readonly INSTRUMENT='dev.facerec.**,com.twelvemonkeys.**,com.drew.**,com.sun.imageio.**'

usage() {
    sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
}

# The last libFuzzer status line of a log ("#1234 DONE cov: ... corp: 56/789Kb exec/s: 12 ..."), parsed.
summarize_target() {
    local dir=$1 name line runs cov features corpus rate files findings
    name=$(basename "$dir")
    # In-process runs print "#N DONE cov: ..."; -fork runs print "#N: cov: ...".
    line=$(grep -E '^#[0-9]+(:|[[:space:]]+(INITED|NEW|REDUCE|pulse|DONE|RELOAD)) +cov:' "$dir/fuzz.log" 2>/dev/null |
        tail -n 1 || true)
    runs=$(sed -nE 's/^#([0-9]+).*/\1/p' <<<"$line")
    cov=$(sed -nE 's/.* cov: ([0-9]+).*/\1/p' <<<"$line")
    features=$(sed -nE 's/.* ft: ([0-9]+).*/\1/p' <<<"$line")
    corpus=$(sed -nE 's/.* corp: ([0-9]+(\/[0-9A-Za-z]+)?).*/\1/p' <<<"$line")
    rate=$(sed -nE 's/.* exec\/s: ([0-9]+).*/\1/p' <<<"$line")
    files=$(find "$dir/corpus" -maxdepth 1 -type f 2>/dev/null | wc -l)
    findings=$(find "$dir/findings" -maxdepth 1 -type f 2>/dev/null | wc -l)
    printf '%-22s %10s %8s %7s %8s %14s %8s %9s\n' "$name" "${runs:-?}" "${rate:-?}" "${cov:-?}" "${features:-?}" \
        "${corpus:-?}" "$files" "$findings"
    if ((findings > 0)); then
        find "$dir/findings" -maxdepth 1 -type f -printf '    %p (%s bytes)\n' | sort
    fi
}

# summary DIR...: one line per target folder, then its findings; exit 1 if there are any.
summary() {
    local dir total=0 count
    printf '%-22s %10s %8s %7s %8s %14s %8s %9s\n' target executions exec/s cov features corpus on-disk findings
    for dir in "$@"; do
        [[ -f $dir/fuzz.log ]] || continue
        summarize_target "$dir"
        count=$(find "$dir/findings" -maxdepth 1 -type f 2>/dev/null | wc -l)
        total=$((total + count))
    done
    cat <<'EOF'
cov: Java branches (edges) reached in the instrumented classes; features: libFuzzer's finer coverage signal;
corpus: inputs libFuzzer holds / their size; on-disk: files in <target>/corpus, kept for the next run.
A finding becomes a regression test once copied into
ml/src/test/resources/dev/facerec/ml/image/<TestClass>Inputs/<method>/ (JUnit regression mode runs it).
EOF
    ((total == 0))
}

if [[ ${1:-} == --summary ]]; then
    [[ $# -le 2 ]] || usage
    root=${2:-$OUT}
    [[ -d $root ]] || { echo "fuzz: no runs under $root" >&2; exit 2; }
    dirs=()
    for dir in "$root"/*/; do dirs+=("${dir%/}"); done
    summary "${dirs[@]}" && exit 0 || exit 1
fi
[[ $# -eq 0 ]] || usage
[[ $DURATION =~ ^[0-9]+$ && $DURATION -gt 0 ]] || { echo "fuzz: DURATION must be whole seconds: $DURATION" >&2; exit 2; }
[[ $TIMEOUT =~ ^[0-9]+$ && $TIMEOUT -gt 0 ]] || { echo "fuzz: TIMEOUT must be whole seconds: $TIMEOUT" >&2; exit 2; }
[[ $SEED_MAX_KB =~ ^[0-9]+$ ]] || { echo "fuzz: SEED_MAX_KB must be a number: $SEED_MAX_KB" >&2; exit 2; }
[[ -f ml/target/classpath-test.txt ]] || { echo "fuzz: ml/target/classpath-test.txt missing: run make fuzz" >&2; exit 2; }
[[ -d $SHARED_DIR/data ]] || { echo "fuzz: $SHARED_DIR/data (the seed photos) not found: set SHARED_DIR" >&2; exit 2; }
data_dir=$(cd "$SHARED_DIR/data" && pwd)

classpath="ml/target/test-classes:ml/target/classes:core/target/classes:$(cat ml/target/classpath-test.txt)"
jvm=(-Xmx1g -XX:+EnableDynamicAgentLoading --enable-native-access=ALL-UNNAMED
    --sun-misc-unsafe-memory-access=allow -Dfacerec.data.dir="$data_dir"
    -Dfacerec.fuzz.seed-max-bytes=$((SEED_MAX_KB * 1024)) -cp "$classpath")

# Every @FuzzTest of the ml test classes named *FuzzTest, as Class::method.
classes=$(cd ml/target/test-classes && find . -name '*FuzzTest.class' | sed 's|^\./||; s|\.class$||; s|/|.|g' | sort |
    paste -sd:)
[[ -n $classes ]] || { echo "fuzz: no *FuzzTest class under ml/target/test-classes" >&2; exit 2; }
mapfile -t all < <("$JAVA" "${jvm[@]}" com.code_intelligence.jazzer.Jazzer --list_fuzz_tests="$classes" 2>/dev/null |
    grep -E '^[A-Za-z0-9_.$]+::[A-Za-z0-9_]+$' || true)
((${#all[@]} > 0)) || { echo "fuzz: no @FuzzTest found on the test classpath" >&2; exit 2; }
if [[ $TARGET == list ]]; then
    printf '%s\n' "${all[@]}"
    exit 0
fi
targets=()
for test in "${all[@]}"; do
    if [[ -z $TARGET || $TARGET == "$test" || $TARGET == "${test#*::}" ]]; then
        targets+=("$test")
    fi
done
((${#targets[@]} > 0)) || { echo "fuzz: no fuzz test named $TARGET; make fuzz TARGET=list names them" >&2; exit 2; }

read -r -a extra <<<"${ARGS:-}"
ran=()
echo "fuzz: ${#targets[@]} target(s), ${DURATION} s each, seeds up to ${SEED_MAX_KB} KB from $data_dir"
for test in "${targets[@]}"; do
    class=${test%::*}
    method=${test#*::}
    dir=$OUT/$method
    [[ ${class##*.} == ImageDecoderFuzzTest ]] || dir=$OUT/${class##*.}.$method
    mkdir -p "$dir/corpus" "$dir/findings"
    echo "== $test ($dir)"
    status=0
    # jazzer.internal.basedir keeps Jazzer's own folders under target/ (never the source tree); a native crash writes
    # its input through libFuzzer's signal handler, and the JVM's report lands beside it.
    "$JAVA" "${jvm[@]}" -XX:ErrorFile="$dir/hs_err_pid%p.log" -Djazzer.internal.basedir="$dir" \
        com.code_intelligence.jazzer.Jazzer --target_class="$class" --target_method="$method" \
        --instrument="$INSTRUMENT" --keep_going=20 "$dir/corpus" -artifact_prefix="$dir/findings/" \
        -max_total_time="$DURATION" -timeout="$TIMEOUT" -print_final_stats=1 "${extra[@]}" \
        >"$dir/fuzz.log" 2>&1 || status=$?
    echo "   exit $status; log $dir/fuzz.log"
    ran+=("$dir")
done
echo
summary "${ran[@]}"
