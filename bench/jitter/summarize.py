#!/usr/bin/env python3
"""Prints a Markdown table comparing isocore's probe and oslat from compare.sh's JSON files.

Both tools' results are read in oslat's shape: a histogram of 1 us buckets where key k counts
loops whose length was in [k-1, k) us (the last key, 64, also counts every longer loop), the
exact maximum, and the duration. JitterBench prints that shape on its second line. Rounds are
merged by summing histograms and durations and taking the largest max. Gaps >= 10 us are keys
>= 11; p99.9 over all loops is reported as the bucket's upper edge.
"""
import json
import math
import pathlib
import sys


def load(path, tool):
    text = path.read_text().strip()
    if tool == "isocore":  # two JSON lines: its own summary, then oslat's shape
        lines = text.splitlines()
        summary, t = json.loads(lines[0]), json.loads(lines[-1])["thread"]["0"]
    else:
        summary, t = None, json.loads(text)["thread"]["0"]
    return {int(k): v for k, v in t["histogram"].items()}, float(t["max"]), float(t["duration"]), summary


def merged(out, scenario, tool):
    files = sorted(out.glob(f"{scenario}-{tool}-*.json"))
    if not files:
        return None
    hist, mx, duration, mins = {}, 0.0, 0.0, []
    for f in files:
        h, m, d, summary = load(f, tool)
        for k, v in h.items():
            hist[k] = hist.get(k, 0) + v
        mx, duration = max(mx, m), duration + d
        if summary:
            mins.append(summary["min_period_ns"])
    loops = sum(hist.values())
    rank, seen, p999 = math.ceil(0.999 * loops), 0, None
    for k in sorted(hist):
        seen += hist[k]
        if seen >= rank:
            p999 = f"< {k} us"
            break
    return {
        "runs": len(files),
        "loops": loops,
        "avg_period_ns": duration * 1e9 / loops,
        "min_period": f"{min(mins)} ns" if mins else "< 1 us (1 us buckets)",
        "max_us": mx,
        "p999": p999,
        "ge10": sum(v for k, v in hist.items() if k >= 11),
        "ge100": sum(v for k, v in hist.items() if k >= 64),
    }


def main(out):
    out = pathlib.Path(out)
    print("| scenario | tool | runs | loops | avg loop | min loop | max | p99.9 (all loops) | gaps >= 10 us | gaps >= 63 us |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for scenario in ("quiet", "other-cpu", "same-cpu"):
        rows = {t: merged(out, scenario, t) for t in ("isocore", "oslat")}
        for tool, r in rows.items():
            if r:
                print(
                    f'| {scenario} | {tool} | {r["runs"]} | {r["loops"]:,} | {r["avg_period_ns"]:.1f} ns '
                    f'| {r["min_period"]} | {r["max_us"]:,.1f} us | {r["p999"]} | {r["ge10"]:,} | {r["ge100"]:,} |'
                )
        a, b = rows["isocore"], rows["oslat"]
        if a and b:
            dmax = (a["max_us"] - b["max_us"]) / b["max_us"] * 100 if b["max_us"] else float("nan")
            dgaps = (a["ge10"] - b["ge10"]) / b["ge10"] * 100 if b["ge10"] else float("nan")
            print(f"| {scenario} | isocore vs oslat | | | | | {dmax:+.0f}% | | {dgaps:+.0f}% | |")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else ".")
