#!/usr/bin/env bash
# DNS64 throughput: `v6mostly dns64` against Unbound's own dns64 module, same upstream, same query
# file, same dnsperf settings, in one run. Loopback only; everything lives in a temp dir that is
# removed at the end. Prints a markdown table. Needs unbound, dnsperf and dig (Debian: unbound,
# dnsperf, bind9-dnsutils) and a Java 25 for ./v6mostly (it builds the jar on first use).
#
#   scripts/bench-dns64.sh            # 20 s per proxy, dnsperf -c 20, unlimited rate
#   DURATION=10 RATE=20000 scripts/bench-dns64.sh
#   V6M_JAR=/tmp/old/v6mostly.jar scripts/bench-dns64.sh   # another build (java on PATH must be 25+)
#
# Layout: upstream Unbound on 127.0.0.1:$BASE_PORT serves local-data for the zone bench. (N A-only
# names aN.bench and N dual-stack names dN.bench, TTL 3600 so nothing expires during the run);
# Unbound dns64 (module-config "dns64 iterator", forward to the upstream) on BASE_PORT+1;
# v6mostly dns64 (forwarding to the same upstream) on BASE_PORT+2. Both proxies use the PREF64
# 2001:db8:64::/96. The query file holds one AAAA query per name, shuffled. Each proxy gets one
# warm-up pass over the file (dnsperf -n 1, so its cache holds every answer), then the measured run.
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
DURATION=${DURATION:-20}
CLIENTS=${CLIENTS:-20}
RATE=${RATE:-}              # empty: unlimited (dnsperf sends as fast as answers come back)
NAMES=${NAMES:-1000}        # per kind (A-only, dual)
# One pass over the file warms the caches but not the JIT (2000 queries): the timed window then
# includes C2 compiling v6mostly's hot path. WARMUP_SECONDS > 0 adds an untimed run of that length
# against each proxy first, to measure the steady state.
WARMUP_SECONDS=${WARMUP_SECONDS:-0}
BASE_PORT=${BASE_PORT:-5490}
UNBOUND_THREADS=${UNBOUND_THREADS:-$(nproc)}
PREFIX=2001:db8:64::/96
up_port=$BASE_PORT
ub_port=$((BASE_PORT + 1))
v6m_port=$((BASE_PORT + 2))

for tool in unbound dnsperf dig; do
    command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] || { echo "missing $tool" >&2; exit 1; }
done
UNBOUND=$(command -v unbound || echo /usr/sbin/unbound)

work=$(mktemp -d "${TMPDIR:-/tmp}/bench-dns64.XXXXXX")
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
    for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT

# --- the upstream zone and the query file ----------------------------------------------------
{
    cat <<EOF
server:
  interface: 127.0.0.1
  port: $up_port
  do-daemonize: no
  use-syslog: no
  logfile: ""
  username: ""
  chroot: ""
  directory: "$work"
  pidfile: ""
  do-ip6: no
  access-control: 127.0.0.0/8 allow
  module-config: "iterator"
  local-zone: "bench." static
  local-data: "bench. 3600 IN SOA ns.bench. hostmaster.bench. 1 3600 600 86400 3600"
EOF
    for i in $(seq 1 "$NAMES"); do
        o3=$((i / 256)) o4=$((i % 256))
        echo "  local-data: \"a$i.bench. 3600 IN A 198.18.$o3.$o4\""
        echo "  local-data: \"d$i.bench. 3600 IN A 198.19.$o3.$o4\""
        echo "  local-data: \"d$i.bench. 3600 IN AAAA 2001:db8:d::$i\""
    done
} > "$work/upstream.conf"
for i in $(seq 1 "$NAMES"); do echo "a$i.bench AAAA"; echo "d$i.bench AAAA"; done | shuf --random-source=<(yes) \
    > "$work/queries.txt"

cat > "$work/unbound-dns64.conf" <<EOF
server:
  interface: 127.0.0.1
  port: $ub_port
  do-daemonize: no
  use-syslog: no
  logfile: ""
  username: ""
  chroot: ""
  directory: "$work"
  pidfile: ""
  do-ip6: no
  num-threads: $UNBOUND_THREADS
  access-control: 127.0.0.0/8 allow
  do-not-query-localhost: no
  module-config: "dns64 iterator"
  dns64-prefix: $PREFIX
forward-zone:
  name: "."
  forward-addr: 127.0.0.1@$up_port
EOF

cat > "$work/v6mostly.toml" <<EOF
[dns64]
listen = ["127.0.0.1:$v6m_port"]
upstreams = ["127.0.0.1:$up_port"]
prefixes = ["$PREFIX"]
cache-entries = 100000
EOF

# --- start everything (each bounded by timeout) --------------------------------------------------
limit=$((DURATION * 2 + 300))
timeout "$limit" "$UNBOUND" -d -c "$work/upstream.conf" > "$work/upstream.log" 2>&1 &
pids+=($!)
timeout "$limit" "$UNBOUND" -d -c "$work/unbound-dns64.conf" > "$work/unbound-dns64.log" 2>&1 &
pids+=($!)
if [ -n "${V6M_JAR:-}" ]; then   # a given build, e.g. to compare two commits: V6M_JAR=/path/to/v6mostly.jar
    v6m_cmd=(java --enable-native-access=ALL-UNNAMED -cp "$V6M_JAR" net.v6mostly.cli.Main)
else
    v6m_cmd=("$here/v6mostly")
    "$here/v6mostly" --version >/dev/null   # builds the jar now, not inside the timed window
fi
timeout "$limit" "${v6m_cmd[@]}" dns64 -c "$work/v6mostly.toml" > "$work/v6mostly.log" 2>&1 &
pids+=($!)

wait_for() { # port name: a synthesized answer for a1.bench
    for _ in $(seq 1 150); do
        if timeout 5 dig @127.0.0.1 -p "$1" +time=1 +tries=1 +short a1.bench AAAA 2>/dev/null | grep -q '^2001:db8:64::'; then
            return 0
        fi
        sleep 0.2
    done
    echo "$2 does not answer on port $1; its log:" >&2
    cat "$work/$2.log" >&2
    exit 1
}
wait_for "$ub_port" unbound-dns64
wait_for "$v6m_port" v6mostly
# both synthesize the same address for an A-only name and return the real one for a dual name
for p in "$ub_port" "$v6m_port"; do
    dig @127.0.0.1 -p "$p" +short a7.bench AAAA | grep -qx '2001:db8:64::c612:7' || { echo "wrong synthesis on $p" >&2; exit 1; }
    dig @127.0.0.1 -p "$p" +short d7.bench AAAA | grep -qx '2001:db8:d::7' || { echo "wrong dual answer on $p" >&2; exit 1; }
done

perf() { # port duration-args... -> dnsperf output
    local port=$1; shift
    timeout $((DURATION + 60)) dnsperf -s 127.0.0.1 -p "$port" -d "$work/queries.txt" -c "$CLIENTS" \
        ${RATE:+-Q "$RATE"} "$@"
}

row() { # label port
    perf "$2" -n 1 > "$work/warm-$2.txt" 2>&1
    if [ "$WARMUP_SECONDS" -gt 0 ]; then perf "$2" -l "$WARMUP_SECONDS" > "$work/warm2-$2.txt" 2>&1; fi
    perf "$2" -l "$DURATION" > "$work/run-$2.txt" 2>&1
    awk -v label="$1" '
        /Queries sent:/ { sent = $3 }
        /Queries completed:/ { done = $3 }
        /Queries lost:/ { lost = $3 }
        /Response codes:/ { $1 = ""; $2 = ""; codes = substr($0, 3) }
        /Queries per second:/ { qps = $4 }
        /Average Latency/ { avg = $4; min = $6; max = $8; gsub(/[,)]/, "", min); gsub(/[,)]/, "", max) }
        /Latency StdDev/ { sd = $4 }
        END { printf "| %s | %.0f | %.3f | %.3f | %.3f | %.3f | %s | %s | %s |\n", label, qps, avg * 1000,
              sd * 1000, min * 1000, max * 1000, done, lost, codes }' "$work/run-$2.txt"
}

echo "| proxy | qps | avg latency (ms) | stddev (ms) | min (ms) | max (ms) | completed | lost | response codes |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---|"
v6m=$(row "v6mostly dns64" "$v6m_port")
ub=$(row "Unbound dns64 ($UNBOUND_THREADS threads)" "$ub_port")
echo "$v6m"
echo "$ub"
q1=$(echo "$v6m" | awk -F'|' '{print $3}')
q2=$(echo "$ub" | awk -F'|' '{print $3}')
awk -v a="$q1" -v b="$q2" 'BEGIN { printf "\nv6mostly / Unbound qps: %.2f\n", a / b }'
echo "dnsperf -c $CLIENTS ${RATE:+-Q $RATE }-l $DURATION, $((NAMES * 2)) names; $(nproc) CPUs; $("$UNBOUND" -V | head -1)"
