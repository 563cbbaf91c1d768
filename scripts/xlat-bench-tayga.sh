#!/usr/bin/env bash
# Runs TAYGA under ../shared/bench/bench.sh's translator contract exactly as the harness's built-in
# `--translator tayga` does (same configuration: dynamic pool = POOL4), but as a --translator-cmd,
# so the kernel knobs of scripts/xlat-bench-kernel-knobs.sh apply to it as to v6mostly and a
# setting is compared translator against translator. Example, from ../shared/bench:
#   V6M_INGRESS_GRO=1 ./bench.sh --label tayga-gro --scenarios nat64 \
#       --translator-cmd "exec $PWD/scripts/xlat-bench-tayga.sh"
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
. "$here/scripts/xlat-bench-kernel-knobs.sh"
work=${XLAT_WORKDIR:?run me from bench.sh}
data="$work/tayga-data-$XLAT_TUN"
mkdir -p "$data"
rm -f "$data/dynamic.map"
cat > "$work/tayga-plat.conf" <<CONF
tun-device $XLAT_TUN
ipv4-addr $XLAT_V4ADDR
prefix $XLAT_PREF64
dynamic-pool $XLAT_POOL4
data-dir $data
CONF
v6m_kernel_knobs
exec tayga -c "$work/tayga-plat.conf" -d
