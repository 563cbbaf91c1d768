#!/usr/bin/env python3
"""Compares ../shared/bench result directories (their results.jsonl) test by test: throughput,
translator cores and, for UDP, datagrams *received* per translator CPU-second (the harness's own
"kpkts / CPU-s" counts TUN writes, i.e. super-packets, so it understates a translator that joins
datagrams). Prints min-median-max over the repetitions, and each directory's ratio to the first.

    scripts/xlat-bench-compare.py RUN_DIR [RUN_DIR...]
"""
import json
import statistics
import sys
from pathlib import Path


def load(d):
    rows = [json.loads(l) for l in (Path(d) / "results.jsonl").read_text().splitlines() if l.strip()]
    return [r for r in rows if r.get("rc") == 0]


def metrics(r):
    cpu = (r.get("cpu_s") or {}).get("xlat")
    m = {"cores": cpu / r["wall_s"] if cpu else None}
    if r["proto"] == "UDP":
        m["rate"] = r["rx_kpps"]
        m["per_cpu"] = r["rcvd_pkts"] / cpu / 1e3 if cpu else None
        m["tun_drops"] = sum(v.get("tx_dropped", 0) for k, v in r["devs"].items() if k.endswith("/nat64"))
    else:
        m["rate"] = r["rx_gbps"]
        m["per_cpu"] = r["rx_gbps"] * r["wall_s"] / cpu if cpu else None
    return m


def mmm(vals):
    vals = [v for v in vals if v is not None]
    if not vals:
        return "n/a", None
    med = statistics.median(vals)
    return f"{med:.3g} ({min(vals):.3g}-{max(vals):.3g})", med


def main(dirs):
    data = {d: load(d) for d in dirs}
    tests = sorted({r["test"] for rows in data.values() for r in rows})
    for test in tests:
        print(f"\n## {test}  rate: {'kpps received' if test.startswith('udp') else 'Gbit/s'};"
              f" per CPU-s: {'k datagrams received' if test.startswith('udp') else 'Gbit'} per translator CPU-s")
        first = {}
        for d in dirs:
            rows = [metrics(r) for r in data[d] if r["test"] == test]
            if not rows:
                continue
            out = [Path(d).name]
            for key in ("rate", "cores", "per_cpu", "tun_drops"):
                if key == "tun_drops" and not test.startswith("udp"):
                    continue
                text, med = mmm([m.get(key) for m in rows])
                if key in ("rate", "per_cpu") and med is not None:
                    first.setdefault(key, med)
                    text += f" [{med / first[key]:.2f}x]"
                out.append(f"{key}={text}")
            print("  " + "  ".join(out))


if __name__ == "__main__":
    main(sys.argv[1:])
