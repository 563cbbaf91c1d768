#!/usr/bin/env bash
# New TCP connections per second end to end: `v6mostly nat64` (IPv6 client -> NAT64 on a TUN ->
# IPv4 server, each connection a new BIB entry and session) against the Linux kernel's own
# stateful NAT (nftables masquerade over conntrack, NAT44: IPv4 client -> router -> IPv4 server),
# with the same compiled load generator and the same server, N times, alternating the order.
# docs/benchmarks.md, "New TCP connections per second end to end", gives the method and results.
#
#   sudo scripts/bench-conn-rate.sh [--runs N] [--duration S] [--warmup S] [--concurrency C]
#        [--procs P] [--ports N] [--addrs N] [--only nat64|nat44] [--out DIR]
#        [--busy-poll US] [--txqueuelen N]     (NAT64 side: [nat64.tun] busy-poll, the TUN's queue)
#
# Builds bench/src/main/c/conn_load.c and conn_sink.c with gcc into a scratch directory. Each run
# gets fresh namespaces (so both NATs start with empty tables), named $NS_PREFIX-* (default
# "bench"); only 198.18.0.0/15 and 2001:db8::/32 are used, no namespace has a link outside, every
# process runs under `timeout`, and an EXIT trap stops the processes it started (by process group)
# and deletes the namespaces it created.
#
#   bench-c6 (2001:db8:1::100+i) -- bench-r64 [TUN nat64: v6mostly nat64, pool4 198.18.30.0/24] --+
#                                                                                                  bench-srv
#   bench-c4 (198.18.10.100+i)   -- bench-r44 [nft masquerade to 198.18.21.1]              --------+ conn_sink
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)

RUNS=3 DURATION=10 WARMUP=3 CONCURRENCY=512 PROCS=1 PORTS=16 ADDRS=32 ONLY="" OUT="" BUSY_POLL=0 TXQUEUELEN=""
P=${NS_PREFIX:-bench}
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) RUNS=$2; shift 2;;
    --duration) DURATION=$2; shift 2;;
    --warmup) WARMUP=$2; shift 2;;
    --concurrency) CONCURRENCY=$2; shift 2;;
    --procs) PROCS=$2; shift 2;;
    --ports) PORTS=$2; shift 2;;
    --addrs) ADDRS=$2; shift 2;;
    --only) ONLY=$2; shift 2;;
    --out) OUT=$2; shift 2;;
    --busy-poll) BUSY_POLL=$2; shift 2;;
    --txqueuelen) TXQUEUELEN=$2; shift 2;;
    -h|--help) sed -n 2,20p "$0"; exit 0;;
    *) echo "unknown option $1" >&2; exit 2;;
  esac
done
[ "$(id -u)" = 0 ] || { echo "run as root (network namespaces)" >&2; exit 2; }
command -v gcc >/dev/null && command -v nft >/dev/null || { echo "needs gcc and nft" >&2; exit 2; }

NS_C6=$P-c6 NS_C4=$P-c4 NS_R64=$P-r64 NS_R44=$P-r44 NS_S=$P-srv
SERVER4_64=198.18.20.2 SERVER4_44=198.18.21.2 SERVER6=2001:db8:64::c612:1402 # 2001:db8:64::198.18.20.2
SRC6=2001:db8:1::100 SRC4=198.18.10.100 SPORT=10000
for ns in $NS_C6 $NS_C4 $NS_R64 $NS_R44 $NS_S; do
  if ip netns list | grep -qw "^$ns"; then echo "namespace $ns exists already; not touching it" >&2; exit 2; fi
done

WORK=$(mktemp -d /tmp/bench-conn-rate.XXXXXX)
OUT=${OUT:-$WORK}
mkdir -p "$OUT"
gcc -O2 -Wall -o "$WORK/conn_load" "$here/bench/src/main/c/conn_load.c"
gcc -O2 -Wall -o "$WORK/conn_sink" "$here/bench/src/main/c/conn_sink.c"
"$here/v6mostly" --version >/dev/null   # builds the jar now, not during a measurement

CREATED=() PGS=()
log() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }
stop_pg() {  # stop_pg PGID: TERM, then KILL after 10 s, only the groups this script started
  kill -TERM -- "-$1" 2>/dev/null || return 0
  for _ in $(seq 50); do kill -0 -- "-$1" 2>/dev/null || return 0; sleep 0.2; done
  kill -KILL -- "-$1" 2>/dev/null || true
}
teardown() {
  local pg ns
  for pg in "${PGS[@]}"; do stop_pg "$pg"; done
  PGS=()
  for ns in "${CREATED[@]}"; do ip netns del "$ns" 2>/dev/null || true; done
  CREATED=()
}
trap 'teardown; rm -rf "$WORK/conn_load" "$WORK/conn_sink"' EXIT
trap 'exit 130' INT TERM
nsx() { ip netns exec "$@"; }

setup() {
  local ns i
  for ns in $NS_C6 $NS_C4 $NS_R64 $NS_R44 $NS_S; do
    ip netns add "$ns"; CREATED+=("$ns"); ip -n "$ns" link set lo up
    nsx "$ns" sysctl -qw net.ipv6.conf.all.accept_ra=0 net.ipv6.conf.default.accept_ra=0
  done
  ip link add x64c netns $NS_R64 type veth peer name c6 netns $NS_C6
  ip link add x64s netns $NS_R64 type veth peer name s64 netns $NS_S
  ip link add x44c netns $NS_R44 type veth peer name c4 netns $NS_C4
  ip link add x44s netns $NS_R44 type veth peer name s44 netns $NS_S
  for pair in "$NS_C6 c6" "$NS_R64 x64c" "$NS_R64 x64s" "$NS_C4 c4" "$NS_R44 x44c" "$NS_R44 x44s" \
      "$NS_S s64" "$NS_S s44"; do
    set -- $pair; ip -n "$1" link set "$2" up
  done
  # IPv6 client side: one address per block of 64 512 source ports
  ip -n $NS_C6 addr add 2001:db8:1::2/64 dev c6 nodad
  for ((i = 0; i < ADDRS; i++)); do
    ip -n $NS_C6 addr add "2001:db8:1::$(printf %x $((0x100 + i)))/64" dev c6 nodad
  done
  ip -n $NS_C6 -6 route add 2001:db8:64::/96 via 2001:db8:1::1
  ip -n $NS_R64 addr add 2001:db8:1::1/64 dev x64c nodad
  ip -n $NS_R64 addr add 198.18.20.1/24 dev x64s
  nsx $NS_R64 sysctl -qw net.ipv4.ip_forward=1 net.ipv6.conf.all.forwarding=1
  ip -n $NS_R64 tuntap add dev nat64 mode tun
  ip -n $NS_R64 link set nat64 mtu 1500 up
  [ -n "$TXQUEUELEN" ] && ip -n $NS_R64 link set nat64 txqueuelen "$TXQUEUELEN"
  ip -n $NS_R64 -6 route add 2001:db8:64::/96 dev nat64
  ip -n $NS_R64 route add 198.18.30.0/24 dev nat64
  # IPv4 client side
  ip -n $NS_C4 addr add 198.18.10.2/24 dev c4
  for ((i = 0; i < ADDRS; i++)); do ip -n $NS_C4 addr add "198.18.10.$((100 + i))/24" dev c4; done
  ip -n $NS_C4 route add 198.18.21.0/24 via 198.18.10.1
  ip -n $NS_R44 addr add 198.18.10.1/24 dev x44c
  ip -n $NS_R44 addr add 198.18.21.1/24 dev x44s
  nsx $NS_R44 sysctl -qw net.ipv4.ip_forward=1
  nsx $NS_R44 nft -f - <<'NFT'
table ip nat {
  chain postrouting { type nat hook postrouting priority srcnat; policy accept; oifname "x44s" masquerade; }
}
NFT
  # the server: both links, a backlog that never overflows
  ip -n $NS_S addr add $SERVER4_64/24 dev s64
  ip -n $NS_S addr add $SERVER4_44/24 dev s44
  ip -n $NS_S route add 198.18.30.0/24 via 198.18.20.1
  nsx $NS_S sysctl -qw net.core.somaxconn=65535 net.ipv4.tcp_max_syn_backlog=65535
}

start_bg() {  # start_bg LOG CMD...: own process group, bounded in time; sets BG
  local logf=$1; shift
  setsid "$@" </dev/null >"$logf" 2>&1 &
  BG=$!
  PGS+=("$BG")
}

cpu_of() {  # cpu_of PID...: utime+stime in clock ticks over those processes (all their threads)
  local t=0 p
  for p in "$@"; do
    [ -r "/proc/$p/stat" ] && t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat")))
  done
  echo $t
}
busy_of() { awk '/^cpu /{print $2+$3+$4+$7+$8, $2+$3+$4+$5+$6+$7+$8}' /proc/stat; }

MAXLIFE=$((WARMUP + DURATION + 120))
RESULTS="$OUT/results.txt"
: > "$RESULTS"

measure() {  # measure nat64|nat44 RUN
  local which=$1 run=$2 ns dst srcbase xpids=() line pg
  if [ "$which" = nat64 ]; then
    ns=$NS_C6 dst=$SERVER6 srcbase=$SRC6
    cat > "$WORK/nat64.toml" <<TOML
[nat64]
pool6 = "2001:db8:64::/96"
pool4 = ["198.18.30.0/24"]
ipv4-address = "198.18.20.1"
ipv6-address = "2001:db8:1::1"
log = "off"
subscriber-prefix-length = 128

[nat64.tun]
name = "nat64"
busy-poll = $BUSY_POLL

[metrics]
listen = "off"
TOML
    start_bg "$OUT/nat64-$run.log" timeout -k 5 $MAXLIFE ip netns exec $NS_R64 "$here/v6mostly" nat64 -c "$WORK/nat64.toml"
    pg=$BG
    local ok=0
    for _ in $(seq 150); do
      if nsx $NS_C6 ping -6 -c1 -W1 $SERVER6 >/dev/null 2>&1; then ok=1; break; fi
      sleep 0.2
    done
    [ $ok = 1 ] || { log "NAT64 not ready; log:"; tail -20 "$OUT/nat64-$run.log" >&2; exit 1; }
    mapfile -t xpids < <(pgrep -g "$pg" java || true)
  else
    ns=$NS_C4 dst=$SERVER4_44 srcbase=$SRC4
    nsx $NS_C4 ping -c1 -W1 $SERVER4_44 >/dev/null || { log "NAT44 path does not answer ping"; exit 1; }
  fi
  start_bg "$OUT/sink-$which-$run.log" timeout -k 5 $MAXLIFE ip netns exec $NS_S "$WORK/conn_sink" -p $SPORT -n $PORTS
  local sinkpg=$BG
  sleep 0.3
  local sinkpid
  sinkpid=$(pgrep -g "$sinkpg" conn_sink || true)
  timeout -k 5 $((MAXLIFE)) ip netns exec "$ns" "$WORK/conn_load" -d "$dst" -p $SPORT -n $PORTS -s "$srcbase" \
      -a $ADDRS -t "$DURATION" -w "$WARMUP" -c $CONCURRENCY -P $PROCS > "$WORK/load.out" 2>&1 &
  local loadpid=$!
  sleep "$WARMUP"
  local x0 s0 b0 b0t
  x0=$(cpu_of "${xpids[@]}") s0=$(cpu_of "$sinkpid"); read -r b0 b0t < <(busy_of)
  wait $loadpid || true
  local x1 s1 b1 b1t
  x1=$(cpu_of "${xpids[@]}") s1=$(cpu_of "$sinkpid"); read -r b1 b1t < <(busy_of)
  line=$(grep 'conn_load total' "$WORK/load.out" || cat "$WORK/load.out")
  local hz; hz=$(getconf CLK_TCK)
  local xcpu scpu busy rate ct=""
  xcpu=$(awk -v a="$x0" -v b="$x1" -v hz="$hz" -v d="$DURATION" 'BEGIN{printf "%.2f", (b-a)/hz/d}')
  scpu=$(awk -v a="$s0" -v b="$s1" -v hz="$hz" -v d="$DURATION" 'BEGIN{printf "%.2f", (b-a)/hz/d}')
  busy=$(awk -v a="$b0" -v b="$b1" -v at="$b0t" -v bt="$b1t" 'BEGIN{printf "%.0f", 100*(b-a)/(bt-at)}')
  rate=$(sed -n 's/.*= \([0-9]*\)\/s.*/\1/p' <<<"$line")
  if [ "$which" = nat44 ]; then ct=" conntrack_count=$(nsx $NS_R44 cat /proc/sys/net/netfilter/nf_conntrack_count)"
  else ct=" tun_drops=$(nsx $NS_R64 cat /sys/class/net/nat64/statistics/tx_dropped)"; fi
  [ "$which" = nat64 ] && stop_pg "$pg"
  stop_pg "$sinkpg"
  local sinkline; sinkline=$(grep accepted "$OUT/sink-$which-$run.log" || true)
  echo "run=$run $which rate=${rate:-0} translator_cores=$([ "$which" = nat64 ] && echo "$xcpu" || echo -) sink_cores=$scpu machine_busy=${busy}%$ct load=\"$(cut -d' ' -f1-3 /proc/loadavg)\" | $line | $sinkline" | tee -a "$RESULTS" >&2
}

log "conn rate: $RUNS runs of ${DURATION}s (+${WARMUP}s warm-up), concurrency $CONCURRENCY x $PROCS, $PORTS server ports, $ADDRS source addresses, NAT64 busy-poll ${BUSY_POLL} us, TUN txqueuelen ${TXQUEUELEN:-500}; results in $RESULTS"
for ((r = 1; r <= RUNS; r++)); do
  setup
  if [ -n "$ONLY" ]; then order=$ONLY; elif ((r % 2)); then order="nat64 nat44"; else order="nat44 nat64"; fi
  for w in $order; do measure "$w" "$r"; done
  teardown
done
python3 - "$RESULTS" <<'PY'
import re, sys, statistics
rows = [l for l in open(sys.argv[1]) if l.startswith("run=")]
by = {}
for l in rows:
    m = re.match(r"run=(\d+) (\w+) rate=(\d+)", l)
    by.setdefault(m.group(2), {})[int(m.group(1))] = int(m.group(3))
for k, v in by.items():
    vals = list(v.values())
    print(f"{k}: {statistics.median(vals):.0f}/s median, {min(vals)}-{max(vals)} over {len(vals)} runs")
if "nat64" in by and "nat44" in by:
    ratios = [by["nat64"][r] / by["nat44"][r] for r in by["nat64"] if r in by["nat44"] and by["nat44"][r]]
    if ratios:
        print("nat64/nat44 same run: " + ", ".join(f"{x:.2f}" for x in ratios)
              + f"; median {statistics.median(ratios):.2f}")
PY
