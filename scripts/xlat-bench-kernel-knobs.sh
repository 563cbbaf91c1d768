#!/usr/bin/env bash
# Kernel-side settings for the small-UDP experiments of docs/benchmarks.md ("Kernel-side settings
# for small UDP"), applied inside ../shared/bench's translator namespace right before the
# translator starts. Sourced by scripts/xlat-bench-{nat64,siit,tayga}.sh. The harness's contract
# says a translator leaves the links alone; these knobs break that on purpose, for experiments
# only, and only when asked (all off by default):
#   V6M_INGRESS_GRO=1   GRO with UDP GRO forwarding (`rx-udp-gro-forwarding`) on xc and xs, the
#                       veths that feed the translator's namespace: forwarded UDP datagrams of a
#                       flow are merged into UDP GSO super-packets before the route to the TUN
#   V6M_INGRESS_THREADED=1  threaded NAPI on xc and xs (`/sys/class/net/DEV/threaded`): the veth's
#                       poll runs in its own kernel thread instead of right after each send, so
#                       one poll can find several datagrams for GRO to merge
#   V6M_TXQUEUELEN=N    the TUN's transmit queue (kernel -> translator), 500 by default
v6m_kernel_knobs() {
    if [ "${V6M_INGRESS_GRO:-0}" = 1 ]; then
        local dev
        for dev in xc xs; do
            ethtool -K "$dev" gro on rx-udp-gro-forwarding on >&2 \
                || echo "knobs: ethtool -K $dev rx-udp-gro-forwarding on failed" >&2
            ethtool -k "$dev" | grep -E '^(generic-receive-offload|rx-udp-gro-forwarding):' | sed "s/^/knobs: $dev /" >&2
        done
    fi
    if [ "${V6M_INGRESS_THREADED:-0}" = 1 ]; then
        local d
        for d in xc xs; do
            echo 1 > "/sys/class/net/$d/threaded" || echo "knobs: threaded NAPI on $d failed" >&2
            echo "knobs: $d threaded $(cat "/sys/class/net/$d/threaded")" >&2
        done
    fi
    if [ -n "${V6M_TXQUEUELEN:-}" ]; then
        ip link set "${XLAT_TUN:?}" txqueuelen "$V6M_TXQUEUELEN"
        echo "knobs: $XLAT_TUN txqueuelen $V6M_TXQUEUELEN" >&2
    fi
}
