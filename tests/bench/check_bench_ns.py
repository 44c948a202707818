#!/usr/bin/env python3
"""Checks `boreas bench ns --json` (small N, few steps) and the ns phase timers
in a normal run's perf.json. Not the speed: the fields, that the fractions are
fractions, that both rank counts ran, and that the projection held.

    check_bench_ns.py BOREAS MPIEXEC
"""
import json
import os
import subprocess
import sys
import tempfile

BOREAS, MPIEXEC = sys.argv[1], sys.argv[2]
MPI2 = [MPIEXEC, "-n", "2", "--oversubscribe", "--bind-to", "none"]
failures = []


def expect(cond, what):
    print(("ok: " if cond else "FAIL: ") + what)
    if not cond:
        failures.append(what)


def run(cmd, cwd=None):
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=300, cwd=cwd)
    if p.returncode != 0:
        print(p.stdout, p.stderr)
        sys.exit(f"check_bench_ns: FAIL: {' '.join(cmd)} exited {p.returncode}")
    return p


# 1. The benchmark on 1 and 2 ranks in one launch.
out = run(MPI2 + [BOREAS, "bench", "ns", "--cells", "16", "--steps", "3", "--json"]).stdout
b = json.loads(out)
expect(b["benchmark"] == "ns", "benchmark name")
expect(b["cells_per_direction"] == 16 and b["cells"] == 16 ** 3, "problem size from --cells")
expect([r["ranks"] for r in b["runs"]] == [1, 2], "runs on 1 and 2 ranks")
for r in b["runs"]:
    tag = f"{r['ranks']} rank(s)"
    expect(r["steps"] == 3, f"{tag}: --steps honoured")
    for key in ("step_seconds", "seconds_per_step", "cell_updates_per_s"):
        expect(r[key] > 0, f"{tag}: {key} > 0")
    p, h = r["pressure_solve_fraction"], r["halo_exchange_fraction"]
    expect(0 < p < 1, f"{tag}: pressure_solve_fraction {p:.3f} in (0, 1)")
    expect(0 < h < 1, f"{tag}: halo_exchange_fraction {h:.4f} in (0, 1)")
    expect(p + h <= 1, f"{tag}: fractions sum {p + h:.3f} <= 1")
    expect(r["pressure_iterations_per_step"] >= 1, f"{tag}: pressure iterations per step >= 1")
    expect(r["max_div_scaled_run"] <= 1e-9, f"{tag}: max |div u| h/U <= 1e-9 after every projection")
expect(b["runs"][1]["rank_layout"] != [1, 1, 1], "2-rank run is decomposed")
cups = b["runs"][0]["cell_updates_per_s"]
expect(abs(b["runs"][0]["step_seconds"] - 16 ** 3 * 3 / cups) <= 1e-9 * b["runs"][0]["step_seconds"],
       "cell_updates_per_s = cells x steps / step_seconds")

# 2. A normal 2-rank run reports the same phases in perf.json "timers".
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "decks", "bench", "cavity_2d.toml")) as f:
    deck = f.read()
with tempfile.TemporaryDirectory() as work:
    with open(os.path.join(work, "cavity.toml"), "w") as f:
        f.write(deck)
    run(MPI2 + [BOREAS, "run", "cavity.toml", "--output", "out"], cwd=work)
    with open(os.path.join(work, "out", "perf.json")) as f:
        perf = json.load(f)
timers = perf["timers"]
for name in ("pressure_solve", "halo_exchange"):
    expect(name in timers, f"perf.json timers has {name}")
if all(n in timers for n in ("pressure_solve", "halo_exchange", "step")):
    expect(timers["pressure_solve"]["calls"] == 4, "one pressure solve per step")
    # p and phi each step, velocity twice per projection (+1 in setup).
    expect(timers["halo_exchange"]["calls"] == 4 * 4 + 1, "four app halo exchanges per step + setup")
    inside = timers["pressure_solve"]["seconds_rank0"] + timers["halo_exchange"]["seconds_rank0"]
    expect(inside <= timers["step"]["seconds_rank0"] + timers["setup"]["seconds_rank0"],
           "phases nest inside step (+ setup)")

if failures:
    sys.exit(f"check_bench_ns: FAIL: {len(failures)} check(s)")
print("check_bench_ns: ok")
