#!/usr/bin/env bash
# Compares `v6mostly clat` with the TAYGA CLAT in one run of the shared harness
# (../shared/bench/bench.sh, scenario 464xlat). The harness always runs TAYGA as the CLAT, so this
# script copies it to a scratch directory and adds one scenario, 464xlat-v6m: the same topology
# and PLAT, with `v6mostly clat` (mode on, pref64 and ipv6-address configured, no RAs in the
# harness) in place of TAYGA. The shared copy is not modified. The PLAT is `v6mostly siit`
# (scripts/xlat-bench-siit.sh) unless PLAT=tayga. As root, from the repository root:
#   scripts/bench-clat.sh [extra bench.sh options, e.g. --reps 1 --duration 5]
set -euo pipefail
here=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
harness=${HARNESS:-$here/../shared/bench}
[ -f "$harness/bench.sh" ] || { echo "no harness at $harness (set HARNESS=)" >&2; exit 2; }
"$here/v6mostly" --version >/dev/null   # build once, so the harness does not time a build
work=$(mktemp -d /tmp/v6m-bench-clat.XXXXXX)
trap 'rm -rf "$work"' EXIT
cp "$harness/bench.sh" "$harness/xbhelper.py" "$work/"
python3 - "$work/bench.sh" "$here/v6mostly" <<'PY'
import sys
path, v6m = sys.argv[1], sys.argv[2]
s = open(path).read()
def sub(old, new):
    global s
    assert old in s, old
    s = s.replace(old, new, 1)
sub('case "$s" in baseline|nat64|464xlat) ;;', 'case "$s" in baseline|nat64|464xlat|464xlat-v6m) ;;')
sub('[[ ",$SCENARIOS," == *,nat64,* || ",$SCENARIOS," == *,464xlat,* ]] && NEED_XLAT=1',
    '[[ ",$SCENARIOS," == *,nat64,* || ",$SCENARIOS," == *,464xlat,* || ",$SCENARIOS," == *,464xlat-v6m,* ]] && NEED_XLAT=1')
scenario = r'''
scenario_464xlat-v6m() {
  log "=== scenario 464xlat-v6m: v4 app in $NS_C -> CLAT (v6mostly clat, TUN $CLAT_TUN, $CLAT6) -> PLAT on $TUN -> $NS_S ($S4)"
  ip -n "$NS_X" -6 route add $NET6CLAT via $C6 dev xc
  cat > "$WORK/v6mostly-clat.toml" <<TOML
[clat]
interface = "c0"
tun = "$CLAT_TUN"
mode = "on"
pref64 = "$PREF64"
ipv6-address = "$CLAT6"
rfc7050 = false

[metrics]
listen = "off"
TOML
  log "starting CLAT: v6mostly clat -c $WORK/v6mostly-clat.toml (netns $NS_C)"
  start_pg "$OUT/clat-464xlat-v6m.log" timeout -k 5 $MAXLIFE \
      ip netns exec "$NS_C" $(pin "$CPU_CLAT") V6M_BIN clat -c "$WORK/v6mostly-clat.toml"
  CLATPID=$LAST_PID
  start_translator 464xlat-v6m
  wait_ready clat-464xlat-v6m "$CLATPID" "$NS_C" "$CLAT_TUN" true || die "CLAT did not start"
  if ! wait_ready translator-464xlat-v6m "$XPID" "$NS_X" "$TUN" \
       nsx "$NS_C" ping -4 -c 1 -W 1 $S4; then
    die "464xlat-v6m path not ready (ping $S4 from $NS_C via CLAT+PLAT)"
  fi
  SAMPLE_PIDS=("xlat=$XPID" "clat=$CLATPID"); SAMPLE_DEVS=("$NS_X/$TUN" "$NS_X/xc" "$NS_X/xs" "$NS_C/$CLAT_TUN")
  FWD_DEVS="$NS_X/xc,$NS_X/xs"; REC_TUN="$NS_X/$TUN"
  run_tests 464xlat-v6m -4 $S4
  local r=$?
  stop_pg "$XPID"; XPID=""
  stop_pg "$CLATPID"; CLATPID=""
  ip -n "$NS_X" -6 route del $NET6CLAT via $C6 dev xc
  [ $r = 0 ] || die "scenario 464xlat-v6m aborted"
}
'''.replace('V6M_BIN', v6m)
sub('# ------------------------------------------------------------------ main', scenario + '\n# ------------------------------------------------------------------ main')
open(path, 'w').write(s)
PY
chmod +x "$work/bench.sh"
if [ "${PLAT:-v6mostly}" = tayga ]; then
  plat=(--translator tayga)
else
  plat=(--translator-cmd "exec $here/scripts/xlat-bench-siit.sh")
fi
"$work/bench.sh" --label clat-vs-tayga --warmup 10 --scenarios 464xlat,464xlat-v6m \
    --out "${OUT:-/tmp/xlat-bench/$(date +%Y%m%d-%H%M%S)-clat-vs-tayga}" "${plat[@]}" "$@"
