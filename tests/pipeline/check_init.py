#!/usr/bin/env python3
"""`boreas run --init FILE` (and run.init): a fresh run whose state is
interpolated from another run's checkpoint or snapshot on another mesh.

* heat, coarse -> fine and fine -> coarse, non-nested: the integral of T is
  kept to round-off (read back with h5py), t = 0 and step 0, the log line;
* the same initial-state bits on 1, 2 and 3 ranks;
* a run begun from run.init, stopped and resumed with --restart latest ends
  bit for bit like the uninterrupted run (the restart does not read the
  init file again);
* ns heated cavity on 2 ranks: the step-0 row shows max_div_scaled within
  physics.max_divergence (the velocity was projected), walls keep u = 0;
* refused with exit 2 naming the file: another app, another domain, another
  dimension, a missing file, a missing variable (a snapshot without p and
  T), a damaged dataset, --init with --restart; `boreas check` refuses a
  bad run.init.

    check_init.py BOREAS MPIEXEC
"""
import csv
import os
import shutil
import sys
import tempfile

import h5py
import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "faults"))
from checks import expect, fields_of, finish, mpi, run  # noqa: E402

BOREAS = os.path.abspath(sys.argv[1])
MPIEXEC = sys.argv[2]

HEAT = """[run]
app = "heat"
max_steps = {steps}
[mesh]
cells = {cells}
lower = [0.0, -0.5]
upper = [2.0, 0.5]
[boundary]
x_lower = "dirichlet"
x_lower_value = 1.0
x_upper = "neumann"
y_lower = "periodic"
y_upper = "periodic"
[problem]
name = "gaussian"
center = [0.7, 0.1]
width = 0.3
[output.checkpoint]
at_end = true
keep = 10
"""

CAVITY = """[run]
app = "ns"
max_steps = {steps}
[mesh]
cells = {cells}
[boundary]
x_lower = "wall"
x_upper = "wall"
y_lower = "wall"
y_upper = "wall"
[physics]
boussinesq = true
Ra = 1e5
Pr = 0.71
Ra_units = "thermal"
T0 = 0.5
gravity_axis = "y"
[physics.thermal]
x_lower = "isothermal"
x_lower_value = 1.0
x_upper = "isothermal"
x_upper_value = 0.0
[output]
diagnostics_every = 1
[output.checkpoint]
at_end = true
[output.snapshot]
every_steps = {steps}
variables = ["u", "v"]
"""


def write(path, text):
    with open(path, "w") as f:
        f.write(text)
    return path


def integral(path, name):
    with h5py.File(path, "r") as f:
        a = f["fields/" + name][...]
        lo, hi, n = f["mesh/lower"][...], f["mesh/upper"][...], f["mesh/cells"][...]
    return a.sum() * np.prod((hi - lo) / n)


def first_row(folder):
    with open(os.path.join(folder, "diagnostics.csv")) as f:
        return next(csv.DictReader(f))


with tempfile.TemporaryDirectory() as tmp:
    os.chdir(tmp)
    # A coarse heat run on 2 ranks, part way to its steady state.
    coarse = write("coarse.toml", HEAT.format(steps=40, cells="[16, 8]"))
    code, text, _ = run(mpi(MPIEXEC, 2, BOREAS, "run", coarse, "-o", "coarse"))
    expect(code == 0, f"the coarse heat run finishes (exit {code})")
    src = os.path.abspath("coarse/checkpoints/coarse.00000040.h5")

    # Coarse -> fine (non-nested, 16x8 -> 40x20) on 1, 2 and 3 ranks.
    fine = write("fine.toml", HEAT.format(steps=0, cells="[40, 20]"))
    bits = []
    for n in (1, 2, 3):
        out = f"fine{n}"
        code, text, _ = run(mpi(MPIEXEC, n, BOREAS, "run", fine, "--init", "coarse/checkpoints/"
                                "coarse.00000040.h5", "-o", out))
        expect(code == 0, f"--init on {n} rank(s) runs (exit {code}){'' if code == 0 else text[-800:]}")
        ck = f"{out}/checkpoints/fine.00000000.h5"
        bits.append(fields_of(ck) if os.path.exists(ck) else None)
    expect(bits[0] is not None and bits[0] == bits[1] == bits[2],
           "the initial state has the same bits on 1, 2 and 3 ranks")
    if bits[0]:
        expect(bits[0][1] == (0.0, 0), f"a fresh start: t = 0, step 0 ({bits[0][1]})")
        a, b = integral(src, "T"), integral("fine1/checkpoints/fine.00000000.h5", "T")
        expect(abs(a - b) <= 1e-13 * abs(a), f"coarse -> fine keeps the integral of T ({a!r} vs {b!r})")
    log = open("fine2/log.txt").read() if os.path.exists("fine2/log.txt") else ""
    expect("initialised from coarse/checkpoints/coarse.00000040.h5 (heat, source mesh 16x8, time" in log
           and "step 40): conservative remap" in log and "for T" in log,
           "log.txt names the file, the app, the source mesh, its time and step and the method")

    # Fine -> coarse: 40x20 (the fine run advanced a little) -> 12x6.
    code, _, _ = run(mpi(MPIEXEC, 2, BOREAS, "run", fine, "run.max_steps=30", "--init", src,
                         "-o", "fine_run"))
    fsrc = "fine_run/checkpoints/fine.00000030.h5"
    back = write("back.toml", HEAT.format(steps=0, cells="[12, 6]"))
    code, text, _ = run(mpi(MPIEXEC, 3, BOREAS, "run", back, "--init", fsrc, "-o", "back"))
    expect(code == 0, f"fine -> coarse on 3 ranks runs (exit {code})")
    if code == 0:
        a, b = integral(fsrc, "T"), integral("back/checkpoints/back.00000000.h5", "T")
        expect(abs(a - b) <= 1e-13 * abs(a), f"fine -> coarse keeps the integral of T ({a!r} vs {b!r})")

    # Begun from run.init, stopped at step 10, resumed: the same bits as the
    # uninterrupted 20 steps (which began from --init).
    code1, _, _ = run(mpi(MPIEXEC, 2, BOREAS, "run", fine, "run.max_steps=20", "--init", src,
                          "-o", "whole"))
    code2, _, _ = run(mpi(MPIEXEC, 2, BOREAS, "run", fine, "run.max_steps=10",
                          f'run.init="{src}"', "-o", "parts"))
    os.rename(src, src + ".moved")  # a restart must not read it
    code3, text, _ = run(mpi(MPIEXEC, 3, BOREAS, "run", fine, "run.max_steps=20",
                             f'run.init="{src}"', "--restart", "latest", "-o", "parts"))
    os.rename(src + ".moved", src)
    expect((code1, code2, code3) == (0, 0, 0),
           f"whole, first part, restarted part finish ({code1}, {code2}, {code3}) {text[-500:] if code3 else ''}")
    w, p = "whole/checkpoints/fine.00000020.h5", "parts/checkpoints/fine.00000020.h5"
    expect(os.path.exists(w) and os.path.exists(p) and fields_of(w) == fields_of(p),
           "a run begun with run.init and resumed with --restart latest ends bit for bit like "
           "the uninterrupted run (the init file was not read again)")

    # ns heated cavity: 16x16 -> 24x24 on 2 ranks, the divergence bound at step 0.
    cav = write("cav.toml", CAVITY.format(steps=60, cells="[16, 16]"))
    code, text, _ = run(mpi(MPIEXEC, 2, BOREAS, "run", cav, "-o", "cav"))
    expect(code == 0, f"the coarse cavity runs (exit {code})")
    csrc = os.path.abspath("cav/checkpoints/cav.00000060.h5")
    cav2 = write("cav2.toml", CAVITY.format(steps=2, cells="[24, 24]"))
    code, text, _ = run(mpi(MPIEXEC, 2, BOREAS, "run", cav2, "--init", csrc, "-o", "cav2"))
    expect(code == 0, f"ns --init on 24x24, 2 ranks runs (exit {code}){'' if code == 0 else text[-800:]}")
    if code == 0:
        row = first_row("cav2")
        div = float(row["max_div_scaled"])
        expect(row["step"] == "0" and 0.0 < div <= 5e-10,
               f"step 0: max_div_scaled = {div:.3g} <= physics.max_divergence 5e-10")
        expect(row["Nu_x_lower"] != "" and 1.0 < float(row["Nu_x_lower"]) < 10.0,
               f"step 0 reports the Nusselt number of the developed T ({row['Nu_x_lower']})")
        with h5py.File(csrc) as f:
            ke_src = 0.5 * ((f["fields/u"][...] ** 2).sum() + (f["fields/v"][...] ** 2).sum()) / 256
        ke = float(row["kinetic_energy"])
        expect(abs(ke - ke_src) < 0.1 * ke_src,
               f"the flow came across: kinetic energy {ke:.6g} vs {ke_src:.6g} in the source")
        with h5py.File("cav2/snapshots/cav2.00000000.h5") as f:
            u = f["fields/u"][...]
        expect(np.all(u[:, 0] == 0.0), "the wall faces x = 0 keep u = 0")
        log = open("cav2/log.txt").read()
        expect("consistent (multilinear) for the face velocities u, v" in log and
               "conservative remap (limited linear, second order) for p, T" in log,
               "log.txt says how each variable was interpolated")

    # Refusals: exit 2, the file named, nothing written.
    snap = os.path.abspath("cav/snapshots/cav.00000060.h5")
    bad = shutil.copy(csrc, "damaged.h5")
    with h5py.File(bad, "r+") as f:
        off = f["fields/T"].id.get_offset()
    with open(bad, "r+b") as f:
        f.seek(off + 8 * 37)
        b = f.read(1)
        f.seek(off + 8 * 37)
        f.write(bytes([b[0] ^ 0x10]))
    other = write("other.toml", CAVITY.format(steps=2, cells="[24, 24]").replace(
        "[mesh]\n", "[mesh]\nupper = [1.0, 1.5]\n"))
    cases = [
        ("another app", [fine, "--init", csrc], csrc, "written by app 'ns'"),
        ("another domain", [other, "--init", csrc], csrc, "domain differs along y"),
        ("another dimension", [cav2, "mesh.cells=[8,8,8]", "--init", csrc], csrc, "3D"),
        ("a missing file", [cav2, "--init", "nowhere.h5"], "nowhere.h5", "nowhere.h5"),
        ("a snapshot without p and T", [cav2, "--init", snap], snap, "lacks the variables p, T"),
        ("a damaged dataset", [cav2, "--init", bad], bad, "checksum mismatch in /fields/T"),
        ("--init with --restart", [cav2, "--init", csrc, "--restart", "latest"], csrc,
         "exclude each other"),
        ("run.init of another app", [fine, f'run.init="{csrc}"'], csrc, "run.init"),
    ]
    for what, args, name, part in cases:
        out = "refused_" + what.replace(" ", "_")
        code, text, _ = run(mpi(MPIEXEC, 2, BOREAS, "run", *args, "-o", out))
        expect(code == 2 and name in text and part in text,
               f"{what}: exit {code}, the message names the file and says '{part}'"
               + ("" if code == 2 and part in text else "\n" + text[-600:]))
        if what != "a damaged dataset":
            expect(not os.path.exists(out), f"{what}: no output folder")
    # boreas submit: the first job gets --init with the absolute path, later
    # ones --restart latest.
    code, text, _ = run([BOREAS, "submit", fine, "--init", "coarse/checkpoints/coarse.00000040.h5",
                         "--dry-run"])
    expect(code == 0 and "then restart=(--restart latest); else restart=(--init '" + src + "')"
           in text, f"submit --init: --init FILE (absolute) until the run has a checkpoint (exit {code})")
    code, text, _ = run([BOREAS, "check", fine, 'run.init="nowhere.h5"'])
    expect(code == 2 and "nowhere.h5" in text and "run.init" in text,
           f"`boreas check` refuses a missing run.init file (exit {code})")

finish()
