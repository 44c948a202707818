#!/usr/bin/env python3
"""Time series survive restarts: after `--restart` (also a 0-step one), the
VTK .pvd and the XDMF index list every written step exactly once, the
restart step included, and every listed file exists.

    check_series.py BOREAS MPIEXEC
"""
import os
import re
import sys
import tempfile

from checks import expect, finish, mpi, run

BOREAS = os.path.abspath(sys.argv[1])
MPIEXEC = sys.argv[2]
DECK = """[run]
app = "heat"
max_steps = 4
[mesh]
cells = [16, 12]
[output.checkpoint]
every_steps = 2
keep = 10
[output.vtk]
every_steps = 2
[output.snapshot]
every_steps = 2
"""


def pvd_steps(out):
    with open(os.path.join(out, "vtk", "series.pvd")) as f:
        files = re.findall(r'file="([^"]+)"', f.read())
    ok = all(os.path.exists(os.path.join(out, "vtk", p)) for p in files)
    return [int(re.search(r"\.(\d{8})\.pvti$", p).group(1)) for p in files], ok


def xdmf_steps(out):
    with open(os.path.join(out, "snapshots", "series.xdmf")) as f:
        files = sorted(set(re.findall(r"(series\.\d{8}\.h5)", f.read())))
    ok = all(os.path.exists(os.path.join(out, "snapshots", p)) for p in files)
    return [int(p.split(".")[1]) for p in files], ok


with tempfile.TemporaryDirectory() as tmp:
    deck = os.path.join(tmp, "series.toml")
    with open(deck, "w") as f:
        f.write(DECK)
    for np_ in (1, 2):
        out = os.path.join(tmp, f"out{np_}")

        def go(*args):
            code, text, _ = run(mpi(MPIEXEC, np_, BOREAS, "run", deck, "-o", out, *args))
            return code

        steps = [
            ("first run to step 4", [], [0, 2, 4]),
            ("0-step restart at step 4", ["--restart", "latest"], [0, 2, 4]),
            ("restart at step 4 to step 8", ["--restart", "latest", "run.max_steps=8"],
             [0, 2, 4, 6, 8]),
            ("restart from step 4 again, to step 6",
             ["--restart", os.path.join(out, "checkpoints", "series.00000004.h5"),
              "run.max_steps=6"], [0, 2, 4, 6]),
        ]
        for label, args, want in steps:
            code = go(*args)
            what = f"{np_} rank(s), {label}"
            expect(code == 0, f"{what}: exit 0 (got {code})")
            got, exist = pvd_steps(out)
            expect(got == want and exist, f"{what}: the .pvd lists steps {want} (got {got})")
            got, exist = xdmf_steps(out)
            expect(got == want and exist, f"{what}: the XDMF index lists steps {want} (got {got})")

finish()
