#!/usr/bin/env python3
"""A run that blows up says where and keeps its last good state: an ns run
whose time step is far too large ends with exit 1, and the message names
the step, the time, the field, the rank and the first bad cell (whether the
pressure solver or the NaN check notices first); the last good state is
written as a checkpoint that holds finite values and restarts. On 1 and 2
ranks, and for heat as well.

    check_blowup.py BOREAS MPIEXEC
"""
import os
import re
import sys
import tempfile

import h5py
import numpy as np

from checks import expect, finish, mpi, run

BOREAS = os.path.abspath(sys.argv[1])
MPIEXEC = sys.argv[2]
NS = """[run]
app = "ns"
max_steps = 50
[mesh]
cells = [16, 16]
upper = [6.283185307179586, 6.283185307179586]
[boundary]
x_lower = "periodic"
x_upper = "periodic"
y_lower = "periodic"
y_upper = "periodic"
[physics]
nu = 0.01
[problem]
name = "taylor_green"
"""
HEAT = """[run]
app = "heat"
max_steps = 50
[mesh]
cells = [16, 16]
"""

with tempfile.TemporaryDirectory() as tmp:
    cases = [
        ("ns, dt far too large", NS, ["problem.amplitude=1e3", "run.dt=1", "run.check_every=5"]),
        ("ns, dt far too large, NaN check every step", NS,
         ["problem.amplitude=1e3", "run.dt=1", "run.check_every=1"]),
        ("heat, dt far too large", HEAT, ["run.dt=1", "run.check_every=3"]),
    ]
    for i, (label, text, overrides) in enumerate(cases):
        deck = os.path.join(tmp, f"blow{i}.toml")
        with open(deck, "w") as f:
            f.write(text)
        for np_ in (1, 2):
            out = os.path.join(tmp, f"out{i}_{np_}")
            what = f"{label}, {np_} rank(s)"
            code, log, _ = run(mpi(MPIEXEC, np_, BOREAS, "run", deck, "-o", out, *overrides))
            expect(code == 1, f"{what}: exit 1 (got {code})")
            m = re.search(r"step (\d+)\b.*field '(\w+)' on rank (\d+), first at cell \(([ijk, ]+)\) = "
                          r"\(([-\d, ]+)\), \(([xyz, ]+)\) = \(([-\d.e+, ]+)\)", log)
            expect(m is not None, f"{what}: the message names step, field, rank and first bad cell"
                   + ("" if m else log[-400:]))
            expect(re.search(r"\bt(ime)? =? ?[-\d.e+]+", log) is not None, f"{what}: and the time")
            g = re.search(r"wrote the last good state \(step (\d+)\) to (\S+)", log)
            expect(g is not None, f"{what}: the last good state is written")
            if not g:
                continue
            path = g.group(2)
            with h5py.File(path, "r") as f:
                finite = all(np.isfinite(f["fields"][k][...]).all() for k in f["fields"])
            expect(finite, f"{what}: the last good state (step {g.group(1)}) is finite")
            code, log, _ = run(mpi(MPIEXEC, np_, BOREAS, "run", deck, "-o", out + "r", "--restart",
                                   path, f"run.max_steps={g.group(1)}"))
            expect(code == 0, f"{what}: the last good state restarts (exit {code})")

finish()
