#!/usr/bin/env bash
# Fuzzing campaign (a benchmark-like script, not CI): runs every Jazzer @FuzzTest of the project
# with Jazzer's own driver for RUNS executions each (default 10 million, issue 15's bar), one
# target after another, and prints one markdown row per target: executions, seconds, findings.
#
#   scripts/fuzz-campaign.sh                         # every target, 10 M executions each
#   RUNS=100000 scripts/fuzz-campaign.sh 'Dhcp4|Siit' # only targets whose class name matches (regex)
#   MAX_SECONDS=600 scripts/fuzz-campaign.sh         # cap each target's time as well
#
# The build's regression mode (./run-tests) replays only the committed seeds under
# src/test/resources/<package>/<Class>Inputs/<method>/. Here each target starts from those seeds
# plus the corpus it grew in earlier campaigns (WORK/corpus/<Class>.<method>, kept between runs);
# a crashing input goes to WORK/findings/<Class>.<method>/: copy it, renamed to say what it is,
# into the Inputs folder once fixed, so the build replays it for ever. The table goes to stdout
# (paste it into docs/robustness.md), libFuzzer's log of each target to WORK/logs/.
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
RUNS=${RUNS:-10000000}
MAX_SECONDS=${MAX_SECONDS:-0}
WORK=${WORK:-${TMPDIR:-/var/tmp}/v6mostly-fuzz}
filter=${1:-}

# shellcheck source=scripts/java25.sh
. "$here/scripts/java25.sh"
v6m_find_java25 || exit 1
export JAVA_HOME=$V6M_JAVA_HOME
cd "$here"
echo "fuzz-campaign: compiling the test classes" >&2
# one reactor build, so each module's classpath names its sibling modules' target/classes
./mvnw -q -B test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/fuzz-classpath.txt >&2
mkdir -p "$WORK/corpus" "$WORK/findings" "$WORK/logs"

echo "| target | executions | seconds | findings |"
echo "|---|---:|---:|---|"
status=0
for module in core linux dns64 app; do
    [ -d "$module/src/test/java" ] || continue
    mapfile -t files < <(grep -rl --include='*FuzzTest.java' '@FuzzTest' "$module/src/test/java" | sort)
    [ "${#files[@]}" -gt 0 ] || continue
    cp="$module/target/test-classes:$module/target/classes:$(cat "$module/target/fuzz-classpath.txt")"
    for file in "${files[@]}"; do
        class=${file#"$module/src/test/java/"}
        class=${class%.java}
        class=${class//\//.}
        simple=${class##*.}
        [ -z "$filter" ] || [[ "$simple" =~ $filter ]] || continue
        # the method named on the first `void` line after each @FuzzTest annotation
        mapfile -t methods < <(awk '/@FuzzTest/ {f=1} f && /void [A-Za-z0-9_]+\(/ {
            sub(/.*void /, ""); sub(/\(.*/, ""); print; f=0 }' "$file")
        for method in "${methods[@]}"; do
            name="$simple.$method"
            corpus="$WORK/corpus/$name"
            findings="$WORK/findings/$name"
            mkdir -p "$corpus" "$findings"
            seeds="$module/src/test/resources/${class%.*}"
            seeds="${seeds//.//}/${simple}Inputs/$method"
            args=(-runs="$RUNS" -artifact_prefix="$findings/" -rss_limit_mb=0)
            # without a cap, a day: Jazzer's driver would otherwise stop at the @FuzzTest maxDuration (10 s)
            args+=(-max_total_time="$([ "$MAX_SECONDS" = 0 ] && echo 86400 || echo "$MAX_SECONDS")")
            dirs=("$corpus")
            [ -d "$seeds" ] && dirs+=("$seeds")
            log="$WORK/logs/$name.log"
            before=$(find "$findings" -type f -name 'crash-*' | wc -l)
            start=$(date +%s)
            set +e
            "$JAVA_HOME/bin/java" -XX:+EnableDynamicAgentLoading --enable-native-access=ALL-UNNAMED \
                -cp "$cp" com.code_intelligence.jazzer.Jazzer \
                --target_class="$class" --target_method="$method" \
                --instrumentation_includes='net.v6mostly.**' "${args[@]}" "${dirs[@]}" >"$log" 2>&1
            rc=$?
            set -e
            seconds=$(( $(date +%s) - start ))
            runs=$(grep -oE 'Done [0-9]+ runs' "$log" | tail -1 | grep -oE '[0-9]+' || true)
            found=$(( $(find "$findings" -type f -name 'crash-*' | wc -l) - before ))
            if [ "$rc" -ne 0 ] || [ "$found" -gt 0 ]; then
                status=1
                what=$(grep -m1 -E '^== Java Exception|FuzzerSecurityIssue|Exception:' "$log" || echo "exit $rc")
                echo "| $name | ${runs:-?} | $seconds | **$found: ${what//|/\\|}** (log: $log) |"
            else
                echo "| $name | ${runs:-?} | $seconds | none |"
            fi
        done
    done
done
exit "$status"
