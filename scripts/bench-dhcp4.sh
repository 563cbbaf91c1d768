#!/usr/bin/env bash
# DHCPv4 benchmark: perfdhcp (Debian package kea-admin) against `v6mostly dhcp4` and against Kea
# (kea-dhcp4-server, memfile lease backend) in the same run, same subnet and pool, over a veth
# pair between two network namespaces this script creates and removes. Needs root.
#
#   sudo scripts/bench-dhcp4.sh                  # rate ladder, with and without 108 in the PRL
#   RATES="2000 0" PERIOD=20 sudo scripts/bench-dhcp4.sh
#
# perfdhcp acts as a relay (it sets giaddr to its own address, 198.18.0.2), so both servers
# answer to port 67 of the client namespace; the subnet is 198.18.0.0/16 (RFC 2544 benchmarking
# space), server on 198.18.0.1, pool 198.18.1.0-198.18.255.254 (65 280 addresses), -R 10000
# simulated clients. A rate of 0 means "as fast as perfdhcp can" (no -r). Leases/s is
# REQUEST-ACK received / test period. Prints a markdown table on stdout, details on stderr.
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
RATES=${RATES:-"1000 2000 4000 0"}
PERIOD=${PERIOD:-10}
CLIENTS=${CLIENTS:-10000}
SERVERS=${SERVERS:-"v6mostly kea"}
tag=$$
sns=v6m-b4s-$tag
cns=v6m-b4c-$tag
work=$(mktemp -d "${TMPDIR:-/var/tmp}/bench-dhcp4.XXXXXX")
server_pid=
# V6MOSTLY overrides the command (e.g. to compare an older build: "java -cp old.jar net.v6mostly.cli.Main")
dhcp4_lines=${DHCP4_LINES-}   # extra [dhcp4] keys, e.g. $'lease-fsync = false\nlog-messages = false'
read -r -a v6m <<< "${V6MOSTLY:-$here/v6mostly}"

for tool in ip perfdhcp kea-dhcp4; do
    command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] || {
        echo "bench-dhcp4: $tool missing (apt-get install iproute2 kea-admin kea-dhcp4-server)" >&2; exit 2; }
done
export PATH=$PATH:/usr/sbin

stop_server() {
    if [ -n "$server_pid" ]; then
        kill "$server_pid" 2>/dev/null || true
        for _ in $(seq 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
        server_pid=
    fi
}
cleanup() {
    stop_server
    ip netns del "$sns" 2>/dev/null || true
    ip netns del "$cns" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT INT TERM

ip netns add "$sns"
ip netns add "$cns"
ip link add b4s netns "$sns" type veth peer name b4c netns "$cns"
ip -n "$sns" addr add 198.18.0.1/16 dev b4s
ip -n "$cns" addr add 198.18.0.2/16 dev b4c
for ns in "$sns" "$cns"; do ip -n "$ns" link set lo up; done
ip -n "$sns" link set b4s up
ip -n "$cns" link set b4c up

# the jar is built once, outside the timed part
"${v6m[@]}" --version >/dev/null

start_v6mostly() {
    local dir=$work/v6mostly
    rm -rf "$dir"; mkdir -p "$dir"
    cat > "$dir/dhcp4.toml" <<TOML
[metrics]
listen = "off"

[dhcp4]
lease-directory = "$dir/leases"
$dhcp4_lines

[[dhcp4.subnet]]
name = "bench"
prefix = "198.18.0.0/16"
interface = "b4s"
server-id = "198.18.0.1"
lease-time = 3600
routers = ["198.18.0.1"]
dns = ["198.18.0.1"]
ipv6-only-preferred = true
v6only-wait = 1800
pools = [{ range = "198.18.1.0-198.18.255.254" }]
TOML
    ip netns exec "$sns" "${v6m[@]}" dhcp4 -c "$dir/dhcp4.toml" > "$dir/server.log" 2>&1 &
    server_pid=$!
    for _ in $(seq 100); do grep -q serving "$dir/server.log" 2>/dev/null && return 0; sleep 0.1; done
    echo "bench-dhcp4: v6mostly dhcp4 did not start:" >&2; cat "$dir/server.log" >&2; exit 1
}

start_kea() {
    local dir=$work/kea
    rm -rf "$dir"; mkdir -p "$dir"
    cat > "$dir/kea-dhcp4.conf" <<JSON
{ "Dhcp4": {
  "interfaces-config": { "interfaces": [ "b4s" ], "dhcp-socket-type": "udp" },
  "lease-database": { "type": "memfile", "persist": true, "name": "$dir/leases.csv", "lfc-interval": 0 },
  "valid-lifetime": 3600,
  "subnet4": [ { "id": 1, "subnet": "198.18.0.0/16",
      "pools": [ { "pool": "198.18.1.0 - 198.18.255.254" } ],
      "option-data": [ { "name": "routers", "data": "198.18.0.1" },
                       { "name": "domain-name-servers", "data": "198.18.0.1" },
                       { "name": "v6-only-preferred", "data": "1800" } ] } ],
  "loggers": [ { "name": "kea-dhcp4", "severity": "WARN",
      "output_options": [ { "output": "$dir/kea.log" } ] } ]
} }
JSON
    KEA_PIDFILE_DIR=$dir KEA_LOCKFILE_DIR=$dir ip netns exec "$sns" kea-dhcp4 -c "$dir/kea-dhcp4.conf" \
        > "$dir/server.log" 2>&1 &
    server_pid=$!
    for _ in $(seq 100); do
        ip netns exec "$sns" ss -uln 2>/dev/null | grep -q '198.18.0.1:67' && { sleep 0.5; return 0; }
        sleep 0.1
    done
    echo "bench-dhcp4: kea-dhcp4 did not start:" >&2; cat "$dir/server.log" "$dir/kea.log" >&2 2>/dev/null; exit 1
}

# perfdhcp's REQUEST-ACK "received packets" and "drops"; prints "acks drops sent"
measure() {
    local rate=$1 prl=$2 out=$work/perfdhcp.out
    local args=(-4 -R "$CLIENTS" -p "$PERIOD" -l b4c)
    [ "$rate" != 0 ] && args+=(-r "$rate")
    # -o replaces perfdhcp's default PRL (1,3,6,15,28? see the doc): ours lists 1,3,6,15,108 or 1,3,6,15
    if [ "$prl" = with ]; then args+=(-o 55,0103060f6c); else args+=(-o 55,0103060f); fi
    timeout $((PERIOD + 30)) ip netns exec "$cns" perfdhcp "${args[@]}" 198.18.0.1 > "$out" 2>&1 || true
    cat "$out" >&2
    awk '/^\*\*\*Statistics for: REQUEST-ACK/ {ra=1} ra && /received packets:/ {acks=$3} ra && /drops:/ {drops=$2}
         ra && /sent packets:/ {sent=$3} END {print acks+0, drops+0, sent+0}' "$out"
}

echo "| server | option 108 in PRL | offered rate (/s) | REQUEST sent | ACKs | drops | leases/s |"
echo "|---|---|---|---|---|---|---|"
for server in $SERVERS; do
    for prl in without with; do
        for rate in $RATES; do
            "start_$server"
            read -r acks drops sent < <(measure "$rate" "$prl")
            stop_server
            lps=$(awk -v a="$acks" -v p="$PERIOD" 'BEGIN {printf "%.0f", a / p}')
            echo "| $server | $prl | $([ "$rate" = 0 ] && echo "max" || echo "$rate") | $sent | $acks | $drops | $lps |"
        done
    done
done
