#!/usr/bin/env bash
# Runs `v6mostly siit` under ../shared/bench/bench.sh's translator contract (its README,
# "Translator contract"): attaches to the pre-created TUN $XLAT_TUN, maps the IPv6 client(s) to
# POOL4 addresses with EAM entries (stateless SIIT needs a 1:1 mapping), and stays in the
# foreground until SIGTERM. Example, from ../shared/bench:
#   ./bench.sh --label v6mostly --warmup 10 --translator-cmd "exec $PWD/scripts/xlat-bench-siit.sh"
# V6M_WORKERS (default 1) sets the worker count; with --tun-multiqueue each worker gets a queue.
# V6M_BUSY_POLL (default 0) sets [siit.tun]/[nat64.tun] busy-poll, in microseconds.
# V6M_INGRESS_GRO, V6M_TXQUEUELEN: kernel-side experiments, see scripts/xlat-bench-kernel-knobs.sh.
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
. "$here/scripts/xlat-bench-kernel-knobs.sh"
workers=${V6M_WORKERS:-1}
busy_poll=${V6M_BUSY_POLL:-0}
conf=${XLAT_WORKDIR:?run me from bench.sh}/v6mostly-siit.toml
read -r client4 clat4 < <(python3 - "$XLAT_POOL4" <<'PY'
import ipaddress, sys
net = ipaddress.ip_network(sys.argv[1])
print(net[2], net[3])
PY
)
mq=false
queues=1
if [ "${XLAT_MULTIQUEUE:-0}" = 1 ]; then mq=true; queues=$workers; fi
cat > "$conf" <<TOML
[siit]
pool6 = "$XLAT_PREF64"
ipv4-address = "$XLAT_V4ADDR"
ipv6-address = "$XLAT_V6ADDR"
mtu4 = ${XLAT_MTU:-1500}
mtu6 = ${XLAT_MTU:-1500}
eam = [
  { ipv6 = "${XLAT_CLIENT6}", ipv4 = "$client4" },
  { ipv6 = "${XLAT_CLAT6:-2001:db8:46::2}", ipv4 = "$clat4" },
]

[siit.tun]
name = "$XLAT_TUN"
multi-queue = $mq
queues = $queues
workers = $workers
busy-poll = $busy_poll

[metrics]
listen = "off"
TOML
v6m_kernel_knobs
exec "$here/v6mostly" siit -c "$conf"
