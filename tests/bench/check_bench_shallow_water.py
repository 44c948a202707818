#!/usr/bin/env python3
"""Checks `boreas bench shallow_water --json` on a small mesh, 1 and 2 ranks in
one launch. Not the speed: the fields, that both rank counts ran the same
problem (the same mass), that the rates are consistent with the timings and
that the bandwidth fractions follow from the counted bytes and the triad.

    check_bench_shallow_water.py BOREAS MPIEXEC
"""
import json
import subprocess
import sys

BOREAS, MPIEXEC = sys.argv[1], sys.argv[2]
MPI2 = [MPIEXEC, "-n", "2", "--oversubscribe", "--bind-to", "none"]
failures = []


def expect(cond, what):
    print(("ok: " if cond else "FAIL: ") + what)
    if not cond:
        failures.append(what)


N, STEPS = 48, 3
p = subprocess.run(MPI2 + [BOREAS, "bench", "shallow_water", "--cells", str(N), "--steps", str(STEPS),
                           "--json"], capture_output=True, text=True, timeout=600)
if p.returncode != 0:
    print(p.stdout, p.stderr)
    sys.exit(f"check_bench_shallow_water: FAIL: exit {p.returncode}")
b = json.loads(p.stdout)
expect(b["benchmark"] == "shallow_water", "benchmark name")
expect(b["cells_per_direction"] == N and b["cells"] == N * N, "problem size from --cells")
expect([r["ranks"] for r in b["runs"]] == [1, 2], "runs on 1 and 2 ranks")
# 2D, h hu hv, SSP-RK2: per stage read h hu hv b, write h hu hv; the second
# stage also reads the step's initial state.
expect(b["compulsory_bytes_per_cell_update"] == 8 * (2 * 7 + 3), "compulsory bytes 136")
expect(b["bytes_per_cell_update"] > b["compulsory_bytes_per_cell_update"],
       f"counted kernel bytes {b['bytes_per_cell_update']} exceed the compulsory ones")
for r in b["runs"]:
    tag = f"{r['ranks']} rank(s)"
    expect(r["steps"] == STEPS, f"{tag}: --steps honoured")
    for key in ("step_seconds", "seconds_per_step", "cell_updates_per_s", "stream_triad_GBps"):
        expect(r[key] > 0, f"{tag}: {key} > 0")
    expect(abs(r["step_seconds"] - N * N * STEPS / r["cell_updates_per_s"]) <= 1e-9 * r["step_seconds"],
           f"{tag}: cell_updates_per_s = cells x steps / step_seconds")
    bound = r["cell_updates_per_s"] * b["bytes_per_cell_update"] / (r["stream_triad_GBps"] * 1e9)
    expect(abs(r["fraction_of_bandwidth_bound"] - bound) <= 1e-12 * bound,
           f"{tag}: fraction_of_bandwidth_bound = cell-updates/s x bytes / triad bandwidth")
    expect(r["fraction_of_compulsory_bound"] < r["fraction_of_bandwidth_bound"],
           f"{tag}: the compulsory fraction is the smaller one")
    expect(0 <= r["halo_exchange_fraction"] < 1, f"{tag}: halo_exchange_fraction in [0, 1)")
expect(b["runs"][1]["rank_layout"] != [1, 1], "2-rank run is decomposed")
m1, m2 = b["runs"][0]["mass"], b["runs"][1]["mass"]
expect(abs(m1 - m2) <= 1e-13 * abs(m1), f"same mass on 1 and 2 ranks ({m1!r}, {m2!r})")
# The box is 10 x 10 with a depth of 1 and a low -0.1 exp(-r^2 / 2): mass
# 100 - 0.2 pi (up to the tail beyond the box and the cell average).
expect(abs(m1 - (100 - 0.2 * 3.141592653589793)) < 1e-3, f"mass {m1:.6f} of the vortex deck")

if failures:
    sys.exit(f"check_bench_shallow_water: FAIL: {len(failures)} check(s)")
print("check_bench_shallow_water: ok")
