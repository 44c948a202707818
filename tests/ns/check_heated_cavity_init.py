#!/usr/bin/env python3
"""The route to a fine steady state that inputs/ns/heated_cavity_ra1e6.toml
documents, on a mesh CI can afford (Ra = 1e5, 32^2 then 64^2; the deck's
own 128^2 -> 256^2 numbers are in docs/ns.md):

* the coarse run stops by itself at its steady state (run.stop_when_steady);
* on the fine mesh (2 ranks), from rest and with --init from the coarse
  run's last checkpoint, both stop at a steady state; the --init run needs
  at most 70 % of the steps (measured: 1800 against 3300);
* both reach the same state: Nu within 5e-4 and the centreline maxima
  (u_max, v_max from the in-run line samples) within 5e-3, relative;
* the --init run starts from a projected velocity: its step-0 row shows
  max_div_scaled within physics.max_divergence (5e-10).

    check_heated_cavity_init.py BOREAS MPIEXEC
"""
import csv
import os
import re
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "faults"))
from checks import expect, finish, mpi, run  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BOREAS, MPIEXEC = os.path.abspath(sys.argv[1]), sys.argv[2]
DECK = os.path.join(ROOT, "inputs", "ns", "heated_cavity_ra1e6.toml")
COMMON = ["physics.Ra=1e5", "output.checkpoint.every_time=1.0"]


def steady_run(out, ranks, cells, *extra):
    """Runs the deck; returns (steps, rows of diagnostics.csv) or None."""
    code, text, secs = run(mpi(MPIEXEC, ranks, BOREAS, "run", DECK, f"mesh.cells=[{cells},{cells}]",
                               *COMMON, *extra, "-o", out), timeout=1800)
    name = f"{cells}^2 {' '.join(extra) or 'from rest'}"
    expect(code == 0, f"{name}: exits 0 ({code}, {secs:.0f} s)" + ("" if code == 0 else text[-800:]))
    m = re.search(r"steady state at step (\d+), t = ([0-9.e+-]+)", text)
    expect(m is not None, f"{name}: stops at a steady state")
    if code != 0 or m is None:
        return None
    print(f"{name}: steady at step {m.group(1)}, t = {m.group(2)} ({secs:.0f} s)")
    with open(os.path.join(out, "diagnostics.csv")) as f:
        rows = list(csv.DictReader(f))
    return int(m.group(1)), rows


def line_max(out, name, var):
    with open(os.path.join(out, "lines", name + ".csv")) as f:
        return max(abs(float(r[var])) for r in csv.DictReader(f))


def rel(a, b):
    return abs(a - b) / abs(b)


with tempfile.TemporaryDirectory() as tmp:
    coarse = os.path.join(tmp, "c32")
    if steady_run(coarse, 1, 32):
        ckdir = os.path.join(coarse, "checkpoints")
        last = sorted(f for f in os.listdir(ckdir) if f.endswith(".h5"))[-1]
        rest_out, init_out = os.path.join(tmp, "rest64"), os.path.join(tmp, "init64")
        rest = steady_run(rest_out, 2, 64)
        init = steady_run(init_out, 2, 64, "--init", os.path.join(ckdir, last))
        if rest and init:
            (n_rest, rows_rest), (n_init, rows_init) = rest, init
            expect(n_init <= 0.7 * n_rest,
                   f"--init reaches the steady state in {n_init} steps, from rest {n_rest} "
                   f"(ratio {n_init / n_rest:.2f} <= 0.7)")
            nu_r, nu_i = float(rows_rest[-1]["Nu_x_lower"]), float(rows_init[-1]["Nu_x_lower"])
            expect(rel(nu_i, nu_r) < 5e-4, f"Nu {nu_i:.6f} (--init) against {nu_r:.6f} (from rest)")
            for line, var in (("u_vertical", "u"), ("v_horizontal", "v")):
                a, b = line_max(init_out, line, var), line_max(rest_out, line, var)
                expect(rel(a, b) < 5e-3, f"max |{var}| on {line}: {a:.4f} (--init) against {b:.4f}")
            div0 = float(rows_init[0]["max_div_scaled"])
            expect(int(rows_init[0]["step"]) == 0 and div0 <= 5e-10,
                   f"--init step 0: max_div_scaled {div0:.3g} <= 5e-10")
finish()
