#!/usr/bin/env python3
"""Compares a lid-driven cavity run's centreline samples with Ghia, Ghia &
Shin (1982), Tables I and II, and prints the deviations: plain Python, no
h5py and no matplotlib.

    scripts/compare_ghia.py RUN_DIR [--re N] [--u-line NAME] [--v-line NAME]
                            [--max-deviation D]

The run must have line samples of u along x = 0.5 and of v along y = 0.5
(inputs/ns/cavity_re400.toml: [[output.line]] u_vertical and v_horizontal,
129 points each, the grid lines of Ghia's mesh). The rows of the last step
sampled are used. A Ghia point that is not one of the line's points is
interpolated linearly between its two neighbours on the line. Re is read
from the run's deck.resolved.toml (physics.Re) unless --re is given; the
table comes from tests/data/ghia_re<Re>.csv. Known misprints of the
published tables are left out and listed (Re 400, Table II, x = 0.9063).
With --max-deviation the exit code is 1 when a deviation exceeds it.
"""
import argparse
import csv
import os
import sys
import tomllib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# (Re, table, coordinate): why the published value is left out.
MISPRINTS = {(400, "v", 0.9063): "Table II misprint: it breaks the monotone run between "
                                 "-0.22847 and -0.44993"}


def ghia(re_):
    path = os.path.join(ROOT, "tests", "data", f"ghia_re{re_}.csv")
    if not os.path.exists(path):
        have = sorted(f for f in os.listdir(os.path.dirname(path)) if f.startswith("ghia_re"))
        sys.exit(f"compare_ghia: no table for Re = {re_} ({path}); have: {', '.join(have)}")
    with open(path) as f:
        rows = list(csv.DictReader(line for line in f if not line.startswith("#")))
    u = [(float(r["y"]), float(r["u"])) for r in rows]
    v = [(float(r["x"]), float(r["v"])) for r in rows]
    return u, v


def last_profile(path, axis, var):
    """[(coordinate, value)] of the last step in a line CSV, sorted."""
    if not os.path.exists(path):
        sys.exit(f"compare_ghia: {path} is missing (a [[output.line]] of the run)")
    with open(path) as f:
        rows = list(csv.DictReader(f))
    if not rows or var not in rows[0]:
        sys.exit(f"compare_ghia: {path} has no column '{var}'")
    last = max(int(r["step"]) for r in rows)
    prof = sorted((float(r[axis]), float(r[var])) for r in rows if int(r["step"]) == last)
    return prof, last, float(next(r["time"] for r in rows if int(r["step"]) == last))


def at(profile, s):
    """Linear interpolation in the sampled profile (exact at its points)."""
    for (s0, v0), (s1, v1) in zip(profile, profile[1:]):
        if s0 <= s <= s1:
            if abs(s - s0) < 5e-5:
                return v0
            if abs(s - s1) < 5e-5:
                return v1
            return v0 + (v1 - v0) * (s - s0) / (s1 - s0)
    raise ValueError(f"{s} is outside the sampled line")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("run", help="the run's output folder")
    p.add_argument("--re", type=int, help="Reynolds number (default: physics.Re of the run)")
    p.add_argument("--u-line", default="u_vertical", help="line of u along x = 0.5")
    p.add_argument("--v-line", default="v_horizontal", help="line of v along y = 0.5")
    p.add_argument("--max-deviation", type=float, help="exit 1 above this deviation")
    a = p.parse_args()
    re_ = a.re
    if re_ is None:
        with open(os.path.join(a.run, "deck.resolved.toml"), "rb") as f:
            deck = tomllib.load(f)
        if "Re" not in deck.get("physics", {}):
            sys.exit("compare_ghia: the run sets no physics.Re; give --re")
        re_ = int(round(deck["physics"]["Re"]))
    gu, gv = ghia(re_)
    u, step, t = last_profile(os.path.join(a.run, "lines", a.u_line + ".csv"), "y", "u")
    v, _, _ = last_profile(os.path.join(a.run, "lines", a.v_line + ".csv"), "x", "v")
    print(f"Ghia, Ghia & Shin (1982), Re = {re_}; run {a.run} at step {step}, t = {t:.6g}")
    worst = {}
    for name, table, prof, coord in (("u", gu, u, "y"), ("v", gv, v, "x")):
        print(f"\n{coord:>8} {name + ' Ghia':>10} {name + ' run':>12} {'deviation':>10}")
        worst[name] = 0.0
        for s, ref in table:
            got = at(prof, s)
            note = MISPRINTS.get((re_, name, s))
            print(f"{s:8.4f} {ref:10.5f} {got:12.6f} {got - ref:10.5f}" + (f"  left out: {note}" if note else ""))
            if not note:
                worst[name] = max(worst[name], abs(got - ref))
    print(f"\nmax |u - Ghia| = {worst['u']:.4f}, max |v - Ghia| = {worst['v']:.4f}")
    if a.max_deviation is not None and max(worst.values()) > a.max_deviation:
        print(f"compare_ghia: a deviation exceeds {a.max_deviation}")
        sys.exit(1)


if __name__ == "__main__":
    main()
