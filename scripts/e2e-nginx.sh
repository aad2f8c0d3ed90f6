#!/usr/bin/env bash
# End to end against nginx on loopback: each client's `handle::<T>()` against the same client with
# a hand-written `match` and `serde_json::from_slice` (benches/e2e_rounds.rs), in interleaved
# rounds: N requests per side (default 1000), the sides alternating with their order rotated
# every request, each request timed alone; three runs, the cases rotated between runs; reported:
# the median of the three runs' ratios (derived / hand-written median time), and their min-max.
#
#   scripts/e2e-nginx.sh [N] [CASE...]        CASE = CLIENT-SIZE, e.g. reqwest-blocking-1KiB
#   scripts/e2e-nginx.sh --reads [N]          reads of reqwest's blocking body, counted and timed
#   scripts/e2e-nginx.sh --perf [N] [CASE]    each side alone under `perf stat` (CPU time and
#                                             context switches of every thread, per request)
#
# Starts its own nginx (`apt-get install nginx`; the system service is not used) on a free
# loopback port with a temporary configuration and document root, and stops it on exit.
# Wall-clock times: run it on a quiet machine.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
nginx=$(command -v nginx || echo /usr/sbin/nginx)
[[ -x "$nginx" ]] || {
    echo "nginx is not installed (apt-get install nginx)" >&2
    exit 1
}
mode=time
if [[ "${1:-}" == "--reads" || "${1:-}" == "--perf" ]]; then
    mode="${1#--}"
    shift
fi
n="${1:-1000}"
[[ "$n" =~ ^[0-9]+$ ]] || {
    echo "usage: $0 [N] [CASE...] | $0 --reads [N]" >&2
    exit 2
}
shift || true
cases=("$@")
if ((${#cases[@]} == 0)); then
    for size in 1KiB 1MiB; do
        for client in ureq reqwest-blocking reqwest-async hyper; do
            cases+=("$client-$size")
        done
    done
fi

cd "$root"
echo "building (cargo bench --no-run) ..." >&2
exe=$(cargo bench --bench e2e_rounds --no-run --message-format=json-render-diagnostics |
    grep '"name":"e2e_rounds"' | sed -n 's/.*"executable":"\([^"]*\)".*/\1/p' | tail -1)
[[ -n "$exe" && -x "$exe" ]] || {
    echo "could not find the e2e_rounds executable" >&2
    exit 1
}

dir=$(mktemp -d)
pid=""
cleanup() {
    [[ -n "$pid" ]] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
    rm -rf "$dir"
}
trap cleanup EXIT
mkdir -p "$dir/html" "$dir/tmp"
"$exe" write "$dir/html"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat >"$dir/nginx.conf" <<EOF
daemon off;
master_process off;
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/error.log;
events { worker_connections 64; }
http {
    access_log off;
    client_body_temp_path $dir/tmp;
    proxy_temp_path $dir/tmp;
    fastcgi_temp_path $dir/tmp;
    uwsgi_temp_path $dir/tmp;
    scgi_temp_path $dir/tmp;
    keepalive_requests 1000000;
    keepalive_timeout 60s;
    types { application/json small large; }
    default_type application/json;
    server {
        listen 127.0.0.1:$port;
        root $dir/html;
    }
}
EOF
"$nginx" -c "$dir/nginx.conf" -p "$dir" &
pid=$!
for _ in $(seq 50); do
    curl -sf "http://127.0.0.1:$port/small" >/dev/null 2>&1 && break
    sleep 0.1
done
base="http://127.0.0.1:$port"

if [[ $mode == reads ]]; then
    "$exe" reads "$base" "$n"
    exit 0
fi
if [[ $mode == perf ]]; then
    case="${cases[0]}"
    [[ ${#cases[@]} -eq 8 ]] && case=reqwest-blocking-1KiB
    client="${case%-*}" size="${case##*-}"
    for side in derived hand-written hand-written derived; do
        perf stat -x, -e task-clock,context-switches,cpu-migrations -o "$dir/perf" \
            "$exe" side "$base" "$client" "$size" "$n" "$side"
        awk -F, -v side="$side" -v n="$n" -v c="$case" '
            $3 == "task-clock" { cpu = $1 } $3 == "context-switches" { cs = $1 }
            $3 == "cpu-migrations" { mig = $1 }
            END { printf "%s %-12s CPU %.2f us/request, %.2f context switches/request, %.3f migrations/request\n",
                  c, side, cpu * 1000 / n, cs / n, mig / n }' "$dir/perf"
    done
    exit 0
fi

echo "nginx $("$nginx" -v 2>&1 | sed 's/.*\///'), $n requests per side, 3 runs; rustc: $(rustc --version)"
results="$dir/results"
for run in 1 2 3; do
    # Rotate the cases between runs, so that no case always runs first.
    count=${#cases[@]}
    for ((i = 0; i < count; i++)); do
        case="${cases[$(((i + run - 1) % count))]}"
        client="${case%-*}" size="${case##*-}"
        line=$("$exe" time "$base" "$client" "$size" "$n")
        echo "run $run: $line" >&2
        echo "$case $line" >>"$results"
    done
done
printf '%-26s %12s %14s %10s %16s\n' case "derived" "hand-written" ratio "min-max"
for case in "${cases[@]}"; do
    grep "^$case " "$results" | awk -v c="$case" '
        { d[NR] = $5; h[NR] = $8; r[NR] = $11 }
        END {
            # the run with the median ratio of three
            for (i = 1; i <= 3; i++) { lo = 0; for (j = 1; j <= 3; j++) if (r[j] < r[i]) lo++;
                if (lo == 1 || (lo == 0 && r[1] == r[2] && r[2] == r[3])) m = i }
            if (!m) m = 1
            min = r[1]; max = r[1]
            for (i = 2; i <= 3; i++) { if (r[i] < min) min = r[i]; if (r[i] > max) max = r[i] }
            printf "%-26s %9.2f us %11.2f us %10.3f %7.3f-%.3f\n", c, d[m], h[m], r[m], min, max
        }'
done
