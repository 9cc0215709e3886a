#!/usr/bin/env python3
"""Prints a Markdown table comparing isocore's probe and oslat from compare.sh's JSON files.

oslat's histogram has 1 us buckets: key k counts loops whose latency was in [k-1, k) us, and the
last key also counts every longer loop. Gaps >= 10 us are therefore keys >= 11; p99.9 over all
loops is reported as the bucket's upper edge. isocore's figures come straight from its JSON.
"""
import json
import math
import pathlib
import sys


def oslat_row(path):
    d = json.loads(path.read_text())
    t = d["thread"]["0"]
    hist = {int(k): v for k, v in t["histogram"].items()}
    loops = sum(hist.values())
    rank = math.ceil(0.999 * loops)
    seen = 0
    p999 = None
    for k in sorted(hist):
        seen += hist[k]
        if seen >= rank:
            p999 = f"< {k} us"
            break
    return {
        "loops": loops,
        "avg_period_ns": t["duration"] * 1e9 / loops,
        "min_period": "< 1 us (1 us buckets)",
        "max_us": float(t["max"]),
        "p999": p999,
        "ge10": sum(v for k, v in hist.items() if k >= 11),
    }


def isocore_row(path):
    d = json.loads(path.read_text())
    p = d["p999_all_loops_ns"]
    return {
        "loops": d["iterations"],
        "avg_period_ns": d["avg_period_ns"],
        "min_period": f'{d["min_period_ns"]} ns',
        "max_us": d["max_ns"] / 1000,
        "p999": "< 1 us" if isinstance(p, str) else f"{p / 1000:.1f} us",
        "ge10": d["gaps_ge_10us"],
    }


def main(out):
    out = pathlib.Path(out)
    print("| scenario | tool | loops | avg loop | min loop | max | p99.9 (all loops) | gaps >= 10 us |")
    print("|---|---|---|---|---|---|---|---|")
    for scenario in ("quiet", "other-cpu", "same-cpu"):
        rows = {}
        for tool, reader in (("isocore", isocore_row), ("oslat", oslat_row)):
            f = out / f"{scenario}-{tool}.json"
            if f.exists():
                rows[tool] = reader(f)
        for tool, r in rows.items():
            print(
                f'| {scenario} | {tool} | {r["loops"]:,} | {r["avg_period_ns"]:.1f} ns | {r["min_period"]} '
                f'| {r["max_us"]:.1f} us | {r["p999"]} | {r["ge10"]:,} |'
            )
        if len(rows) == 2:
            a, b = rows["isocore"], rows["oslat"]
            dmax = (a["max_us"] - b["max_us"]) / b["max_us"] * 100 if b["max_us"] else float("nan")
            dgaps = (a["ge10"] - b["ge10"]) / b["ge10"] * 100 if b["ge10"] else float("nan")
            print(f"| {scenario} | isocore vs oslat | | | | {dmax:+.0f}% | | {dgaps:+.0f}% |")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else ".")
