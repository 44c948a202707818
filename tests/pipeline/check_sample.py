#!/usr/bin/env python3
"""`boreas sample` on checkpoints of the ns cavity (staggered u, v; cell-centred
p) and the heat app:

* the same CSV bytes on 1, 2 and 3 ranks (an uneven decomposition);
* at a grid point of a variable's own grid the value is the stored one, at
  the midpoint of two grid points their mean, read independently with h5py
  (so the staggering is right: u on x-faces, v on y-faces);
* the grid line x=0.5 runs from the bottom wall (u = 0) to the lid (u = the
  lid speed) through the cell centres;
* bad requests exit 2 naming the problem.

    check_sample.py BOREAS MPIEXEC
"""
import csv
import io
import os
import sys
import tempfile

import h5py

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "faults"))
from checks import expect, finish, mpi, run  # noqa: E402

BOREAS = os.path.abspath(sys.argv[1])
MPIEXEC = sys.argv[2]
CAVITY = """[run]
app = "ns"
max_steps = 30
[mesh]
cells = [12, 8]
upper = [1.5, 1.0]
[boundary]
x_lower = "wall"
x_upper = "wall"
y_lower = "wall"
y_upper = "wall"
y_upper_value = 0.75
[physics]
Re = 40
[output.checkpoint]
at_end = true
"""


HEAT = """[run]
app = "heat"
max_steps = 40
[mesh]
cells = [16, 8]
[boundary]
x_lower = "dirichlet"
x_lower_value = 1.0
x_upper = "dirichlet"
x_upper_value = 1.0
[problem]
name = "uniform"
value = 0.0
"""


def rows(text):
    return list(csv.DictReader(io.StringIO(text)))


with tempfile.TemporaryDirectory() as tmp:
    deck = os.path.join(tmp, "cav.toml")
    with open(deck, "w") as f:
        f.write(CAVITY)
    code, text, _ = run(mpi(MPIEXEC, 2, BOREAS, "run", deck, "-o", os.path.join(tmp, "out")))
    expect(code == 0, f"the cavity runs (exit {code})")
    ck = os.path.join(tmp, "out", "checkpoints", "cav.00000030.h5")
    with h5py.File(ck, "r") as f:
        u, v, p = f["fields/u"][...], f["fields/v"][...], f["fields/p"][...]
        expect(f["fields/u"].attrs["centering"] == b"x_face" and f["fields/p"].attrs["centering"] == b"cell",
               "the datasets say where their values live (centering)")
    h = 0.125  # a power of two: the points below are exact multiples of h
    # u(j, i) sits at (i h, (j + 1/2) h); v(j, i) at ((i + 1/2) h, j h); p at centres.
    points = [(3 * h, 4.5 * h), (3.5 * h, 4.5 * h), (7.5 * h, 2 * h), (7.5 * h, 2.5 * h), (5.5 * h, 6.5 * h)]
    args = ["sample", ck, "--variables", "u,v,p"]
    for x, y in points:
        args += ["--point", f"{x!r},{y!r}"]
    args += ["--line", "x=0.5", "--line", "0,0.2:1.5,0.9:7"]
    outputs = {}
    for n in (1, 2, 3):
        code, text, _ = run(mpi(MPIEXEC, n, BOREAS, *args, "-o", os.path.join(tmp, f"s{n}.csv")))
        expect(code == 0, f"boreas sample on {n} rank(s) (exit {code})" + ("" if code == 0 else text[-400:]))
        with open(os.path.join(tmp, f"s{n}.csv")) as f:
            outputs[n] = f.read()
    expect(outputs[1] == outputs[2] == outputs[3], "the same CSV bytes on 1, 2 and 3 ranks")
    r = rows(outputs[1])
    expect(list(r[0].keys()) == ["time", "step", "x", "y", "u", "v", "p"], f"header {list(r[0].keys())}")
    val = [{k: float(x) for k, x in row.items()} for row in r]
    expect(all(row["step"] == 30 for row in val), "every row names step 30")
    expect(val[0]["u"] == u[4, 3], f"u at an x-face is the stored value ({val[0]['u']} vs {u[4, 3]})")
    expect(val[1]["u"] == 0.5 * u[4, 3] + 0.5 * u[4, 4], "u between two x-faces is their mean")
    expect(val[2]["v"] == v[2, 7], f"v at a y-face is the stored value ({val[2]['v']} vs {v[2, 7]})")
    expect(val[3]["v"] == 0.5 * v[2, 7] + 0.5 * v[3, 7], "v between two y-faces is their mean")
    expect(val[4]["p"] == p[6, 5], f"p at a cell centre is the stored value ({val[4]['p']} vs {p[6, 5]})")
    line = val[5:5 + 10]
    expect(len(val) == 5 + 10 + 7, f"x=0.5 has the 8 centres and both walls, the other line 7 points ({len(val)} rows)")
    expect([row["y"] for row in line] == [0.0] + [(j + 0.5) * h for j in range(8)] + [1.0]
           or max(abs(a["y"] - b) for a, b in zip(line, [0.0] + [(j + 0.5) * h for j in range(8)] + [1.0])) < 1e-15,
           "x=0.5 runs from y = 0 through the centres to y = 1")
    expect(abs(line[0]["u"]) < 1e-14 and abs(line[-1]["u"] - 0.75) < 1e-14,
           f"u is 0 on the bottom wall and the lid speed on the lid ({line[0]['u']}, {line[-1]['u']})")

    # A cell-centred variable on a Dirichlet wall after some steps: the
    # ghosts are the boundary values of the state read, not of the start.
    heat = os.path.join(tmp, "heat.toml")
    with open(heat, "w") as f:
        f.write(HEAT)
    code, text, _ = run(mpi(MPIEXEC, 2, BOREAS, "run", heat, "-o", os.path.join(tmp, "heat")))
    expect(code == 0, f"the heat run (exit {code})")
    hk = os.path.join(tmp, "heat", "checkpoints", "heat.00000040.h5")
    code, text, _ = run([BOREAS, "sample", hk, "--line", "y=0.3"])
    hr = [{k: float(x) for k, x in row.items()} for row in rows(text)] if code == 0 else []
    expect(len(hr) == 18 and abs(hr[0]["T"] - 1.0) < 1e-14 and abs(hr[-1]["T"] - 1.0) < 1e-14
           and 0.0 < hr[8]["T"] < 1.0,
           f"heat: T is the wall value 1 on both Dirichlet walls after 40 steps "
           f"({hr[0]['T'] if hr else None}, {hr[-1]['T'] if hr else None})")

    # Refusals.
    for bad, words in [(["--point", "2.0,0.5"], "outside the domain"),
                       (["--point", "0.5"], "coordinates"),
                       (["--line", "x=0.5,y=0.5"], "grid line"),
                       (["--line", "0,0:1,1:1"], "number of points"),
                       (["--point", "0.5,0.5", "--variables", "w"], "unknown variable 'w'")]:
        code, text, _ = run([BOREAS, "sample", ck] + bad)
        expect(code == 2 and words in text, f"{' '.join(bad)}: exit 2 naming the problem (got {code}: {text.strip()[-200:]})")
    code, text, _ = run([BOREAS, "sample", os.path.join(tmp, "missing.h5"), "--point", "0.5,0.5"])
    expect(code == 2 and "missing.h5" in text, f"a missing file: exit 2 naming it (got {code})")

finish()
