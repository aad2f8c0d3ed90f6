#!/usr/bin/env bash
# Instruction counts (valgrind's callgrind) of the dispatch, dispatch + JSON and typed-header
# benchmarks: the derived (typed) code against the hand-written code, same inputs, same outputs.
#
#   scripts/callgrind.sh [--check] [--e2e] [N1 N2]   (iteration counts; default 200 and 1000)
#
# ONLY=REGEX runs only the cases whose name matches (e.g. ONLY=header: the typed headers).
#
# With --e2e, the cases are end to end over loopback instead (benches/e2e_callgrind.rs in the
# root package): each client integration's `handle::<T>()` against the same client with a
# hand-written `match` and `serde_json::from_slice`, 1 KiB and 1 MiB JSON bodies, counting the
# calling thread only (not the kernel, not the test server's threads, not reqwest blocking's own
# thread); default iterations 20 and 100.
#
# With --check, the script fails (exit 1) when a case's ratio crosses its limit (LIMITS below:
# the target where it is met, today's figure where it is not), so a regression is one command
# away from being caught. Instruction counts are deterministic, so there is no noise margin.
#
# Builds runtime/benches/callgrind.rs with the bench profile (release), runs every case under
# callgrind twice (N1 and N2 iterations), counting only inside the `measured_*` functions
# (--collect-atstart=no --toggle-collect), and reports instructions per response:
# (Ir(N2) - Ir(N1)) / (N2 - N1) / responses per iteration. Fixed costs cancel out. The raw
# callgrind files stay in $CARGO_TARGET_DIR/callgrind-build/callgrind/ for callgrind_annotate.
set -euo pipefail

# The highest derived / hand-written ratio each case may reach under --check. BENCHMARKS.md
# says where each number comes from; change one only together with that page.
declare -A LIMITS=(
    [dispatch-bare]=1.100
    [dispatch-typical]=1.050
    [json-small]=1.020
    [json-large]=1.020
    [header-retry-after]=1.500
    [header-ratelimit-github]=3.000
    [header-location-absolute]=4.000
    [e2e-ureq-1KiB]=1.020
    [e2e-ureq-1MiB]=1.020
    [e2e-reqwest-blocking-1KiB]=1.100
    [e2e-reqwest-blocking-1MiB]=1.050
    [e2e-reqwest-async-1KiB]=1.012
    [e2e-reqwest-async-1MiB]=1.020
    [e2e-hyper-1KiB]=1.020
    [e2e-hyper-1MiB]=1.020
)

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target="${CARGO_TARGET_DIR:-$root/target}"
check=false
if [[ "${1:-}" == "--check" ]]; then
    check=true
    shift
fi
package=response-handler bench=callgrind n1=200 n2=1000
if [[ "${1:-}" == "--e2e" ]]; then
    package=response-handler-suite bench=e2e_callgrind n1=20 n2=100
    shift
fi
n1="${1:-$n1}"
n2="${2:-$n2}"
if ! [[ "$n1" =~ ^[0-9]+$ && "$n2" =~ ^[0-9]+$ ]] || ((n2 <= n1)); then
    echo "usage: $0 [--check] [--e2e] [N1 N2] with N2 > N1" >&2
    exit 2
fi
command -v valgrind >/dev/null || {
    echo "valgrind is not installed (apt-get install valgrind)" >&2
    exit 1
}

cd "$root"
# One codegen unit: with the default 16, which functions share a unit (and so which calls LLVM
# inlines) follows rustc's partitioning, which a module renamed or moved can change without a
# line of the measured code changing (the structure pass of issue 18 moved dispatch-bare from
# 1.045 to 1.117 that way, and at one unit both commits count the same 192.9 / 175.8). The
# check is for the code, so it measures the code as one unit. A separate target directory
# keeps these artifacts apart from `cargo bench`'s.
export CARGO_PROFILE_BENCH_CODEGEN_UNITS=1
target="$target/callgrind-build"
echo "building (cargo bench --no-run, bench profile, one codegen unit) ..." >&2
exe=$(CARGO_TARGET_DIR="$target" cargo bench -p "$package" --bench "$bench" --no-run \
    --message-format=json-render-diagnostics |
    grep "\"name\":\"$bench\"" | sed -n 's/.*"executable":"\([^"]*\)".*/\1/p' | tail -1)
if [[ -z "$exe" || ! -x "$exe" ]]; then
    echo "could not find the callgrind harness executable" >&2
    exit 1
fi
out="$target/callgrind"
mkdir -p "$out"

# Ir of one run: `instructions <case> <iterations>`.
instructions() {
    local file="$out/$1.$2.out"
    valgrind --tool=callgrind --callgrind-out-file="$file" --collect-atstart=no \
        --toggle-collect='*measured_*' "$exe" "$1" "$2" >/dev/null 2>"$file.log"
    sed -n 's/^totals: *\([0-9]*\).*/\1/p' "$file"
}

# Ir per response of one case.
per_response() {
    local case="$1" responses="$2" a b
    a=$(instructions "$case" "$n1")
    b=$(instructions "$case" "$n2")
    awk -v a="$a" -v b="$b" -v n1="$n1" -v n2="$n2" -v r="$responses" \
        'BEGIN { printf "%.1f", (b - a) / (n2 - n1) / r }'
}

# A case NAME-baseline, where there is one, only takes each response and drops it: the floor
# under both sides. "net" is the ratio above that floor: the dispatch itself.
echo "valgrind: $(valgrind --version); rustc: $(rustc --version); iterations: $n1 and $n2"
printf '%-18s %16s %21s %10s %16s %8s\n' "case" "derived Ir/resp" "hand-written Ir/resp" "ratio" \
    "baseline Ir/resp" "net"
cases=$("$exe" list)
failed=()
while read -r case responses; do
    [[ "$case" == *-derived ]] || continue
    name="${case%-derived}"
    [[ -z "${ONLY:-}" || "$name" =~ ${ONLY} ]] || continue
    derived=$(per_response "$name-derived" "$responses")
    hand=$(per_response "$name-hand-written" "$responses")
    ratio=$(awk -v d="$derived" -v h="$hand" 'BEGIN { printf "%.3f", d / h }')
    base="-" net="-"
    if grep -q "^$name-baseline " <<<"$cases"; then
        base=$(per_response "$name-baseline" "$responses")
        net=$(awk -v d="$derived" -v h="$hand" -v b="$base" 'BEGIN { printf "%.3f", (d - b) / (h - b) }')
    fi
    printf '%-18s %16s %21s %10s %16s %8s\n' "$name" "$derived" "$hand" "$ratio" "$base" "$net"
    if $check; then
        limit="${LIMITS[$name]:-}"
        if [[ -z "$limit" ]]; then
            failed+=("$name: no limit in LIMITS")
        elif awk -v r="$ratio" -v l="$limit" 'BEGIN { exit !(r > l) }'; then
            failed+=("$name: ratio $ratio is above its limit $limit")
        fi
    fi
done <<<"$cases"

if $check; then
    if ((${#failed[@]})); then
        printf 'check FAILED:\n' >&2
        printf '  %s\n' "${failed[@]}" >&2
        exit 1
    fi
    echo "check passed: every ratio is within its limit"
fi
