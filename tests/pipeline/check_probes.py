#!/usr/bin/env python3
"""In-run probes and lines ([[output.probe]], [[output.line]]):

* the same CSV bytes on 1, 2 and 4 ranks (heat in 2D, uneven blocks) and on
  1 and 2 ranks in 3D (a grid line with two fixed coordinates); for the ns
  cavity, whose pressure solve sums in another order on another rank count,
  the values agree to rounding (1e-12) on 1, 2 and 4 ranks;
* sampling does not change the run: its checkpoint equals, bit for bit, the
  one of a run without samplers;
* `boreas sample` on a checkpoint or snapshot gives the in-run rows of the
  same step, byte for byte;
* time schedules land on their times, the default probe follows the rows of
  diagnostics.csv, a line without a schedule samples the final state;
* a restart into the same folder drops the rows after its checkpoint and
  ends with the files of the uninterrupted run;
* bad sections exit 2 naming the file, line and key.

    check_probes.py BOREAS MPIEXEC
"""
import csv
import filecmp
import io
import os
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "faults"))
from checks import expect, fields_of, finish, mpi, run  # noqa: E402

BOREAS = os.path.abspath(sys.argv[1])
MPIEXEC = sys.argv[2]

CAVITY = """[run]
app = "ns"
max_steps = 60
[mesh]
cells = [20, 12]
upper = [1.5, 1.0]
[boundary]
x_lower = "wall"
x_upper = "wall"
y_lower = "wall"
y_upper = "wall"
y_upper_value = 1.0
[physics]
Re = 100
[output]
diagnostics_every = 8
[output.checkpoint]
every_steps = 20
keep = 10
[output.snapshot]
every_steps = 15
"""

SAMPLERS = """
[[output.probe]]
name = "centre"
point = [0.75, 0.5]

[[output.probe]]
name = "near_lid"
point = [0.3, 0.97]
variables = ["u", "p"]
every_steps = 15

[[output.line]]
name = "x_mid"
grid_line = "x = 0.75"
every_steps = 15

[[output.probe]]
name = "derived"
point = [0.61, 0.43]
variables = ["vorticity", "velocity", "speed"]
every_steps = 15

[[output.line]]
name = "diagonal"
start = [0.0, 0.0]
end = [1.5, 1.0]
points = 9
variables = ["v"]
"""

HEAT3D = """[run]
app = "heat"
t_end = 0.02
[mesh]
cells = [10, 8, 6]
[boundary]
x_lower = "dirichlet"
x_lower_value = 1.0
x_upper = "neumann"
[problem]
name = "uniform"
value = 0.0

[[output.probe]]
name = "p"
point = [0.31, 0.52, 0.77]
every_time = 0.005

[[output.line]]
name = "along_y"
grid_line = "x = 0.5, z = 0.25"
every_time = 0.01
"""

HEAT2D = """[run]
app = "heat"
max_steps = 40
[mesh]
cells = [18, 14]
upper = [1.5, 1.0]
[boundary]
x_lower = "dirichlet"
x_lower_value = 1.0
x_upper = "neumann"
y_lower = "neumann"
y_upper = "dirichlet"
y_upper_value = 0.5
[problem]
name = "uniform"
value = 0.0
[output]
diagnostics_every = 7

[[output.probe]]
name = "a"
point = [0.2, 0.9]

[[output.probe]]
name = "b"
point = [1.5, 0.0]
every_steps = 9

[[output.line]]
name = "y_mid"
grid_line = "y = 0.5"
every_steps = 10

[[output.line]]
name = "slant"
start = [0.01, 0.99]
end = [1.49, 0.37]
points = 23
"""

FILES = ["probes/centre.csv", "probes/near_lid.csv", "probes/derived.csv", "lines/x_mid.csv", "lines/diagonal.csv"]


def rows(path):
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return [{k: float(v) if v else float("nan") for k, v in r.items()} for r in csv.DictReader(f)]


def write(path, text):
    with open(path, "w") as f:
        f.write(text)


with tempfile.TemporaryDirectory() as tmp:
    deck = os.path.join(tmp, "cav.toml")
    write(deck, CAVITY + SAMPLERS)
    out = {}
    for n in (1, 2, 4):
        out[n] = os.path.join(tmp, f"o{n}")
        code, text, _ = run(mpi(MPIEXEC, n, BOREAS, "run", deck, "-o", out[n]))
        expect(code == 0, f"cavity with samplers on {n} rank(s) (exit {code})" + ("" if code == 0 else text[-600:]))
    for f in FILES:
        worst = 0.0
        for n in (2, 4):
            a, b = rows(os.path.join(out[1], f)), rows(os.path.join(out[n], f))
            if len(a) != len(b) or any(ra.keys() != rb.keys() for ra, rb in zip(a, b)):
                worst = float("inf")
                break
            worst = max([worst] + [abs(ra[k] - rb[k]) for ra, rb in zip(a, b) for k in ra])
        expect(worst < 1e-12, f"ns {f}: the same rows on 1, 2 and 4 ranks to rounding (max difference {worst:.2e})")

    d2 = os.path.join(tmp, "h2d.toml")
    write(d2, HEAT2D)
    for n in (1, 2, 4):
        code, text, _ = run(mpi(MPIEXEC, n, BOREAS, "run", d2, "-o", os.path.join(tmp, f"h2d{n}")))
        expect(code == 0, f"2D heat with samplers on {n} rank(s) (exit {code})" + ("" if code == 0 else text[-600:]))
    for f in ("probes/a.csv", "probes/b.csv", "lines/y_mid.csv", "lines/slant.csv"):
        same = all(os.path.exists(os.path.join(tmp, f"h2d{m}", f)) for m in (1, 2, 4)) and all(
            filecmp.cmp(os.path.join(tmp, "h2d1", f), os.path.join(tmp, f"h2d{n}", f), shallow=False)
                   for n in (2, 4))
        expect(same, f"heat {f}: the same bytes on 1, 2 and 4 ranks")
    yb = rows(os.path.join(tmp, "h2d1", "lines", "y_mid.csv"))
    expect(len(yb) == 5 * 20 and all(abs(r["T"] - 1.0) < 1e-14 for r in yb if r["x"] == 0.0),
           f"y = 0.5 from the Dirichlet wall (T = 1) at steps 0, 10, ..., 40 ({len(yb)} rows)")

    plain = os.path.join(tmp, "plain.toml")
    write(plain, CAVITY)
    code, _, _ = run([BOREAS, "run", plain, "-o", os.path.join(tmp, "plain")])
    a, _ = fields_of(os.path.join(out[1], "checkpoints", "cav.00000060.h5"))
    b, _ = fields_of(os.path.join(tmp, "plain", "checkpoints", "plain.00000060.h5"))
    expect(code == 0 and a == b, "the samplers do not change the run (checkpoints bitwise equal)")

    with open(os.path.join(out[1], "probes", "centre.csv")) as f:
        header = f.readline().strip()
    expect(header == "time,step,x,y,u,v,p", f"a probe names time, step, its coordinates and every variable ({header})")
    centre = rows(os.path.join(out[1], "probes", "centre.csv"))
    diag = rows(os.path.join(out[1], "diagnostics.csv"))
    expect([r["step"] for r in centre] == [r["step"] for r in diag],
           f"the default probe has a row for every row of diagnostics.csv (steps {[int(r['step']) for r in centre]})")
    lid = rows(os.path.join(out[1], "probes", "near_lid.csv"))
    expect([int(r["step"]) for r in lid] == [0, 15, 30, 45, 60], "every_steps = 15 (and the final state once)")
    mid = rows(os.path.join(out[1], "lines", "x_mid.csv"))
    expect(len(mid) == 5 * 14 and abs(mid[13]["u"] - 1.0) < 1e-14 and abs(mid[0]["u"]) < 1e-14,
           f"x = 0.75 has the 12 centres and both walls at 5 times; u is the lid speed at the lid ({len(mid)} rows)")
    dg = rows(os.path.join(out[1], "lines", "diagonal.csv"))
    expect(len(dg) == 9 and all(int(r["step"]) == 60 for r in dg),
           "a line without a schedule samples the final state only")

    # boreas sample on the final checkpoint and on a snapshot: the same rows.
    def sampled(state, *spec):
        code, text, _ = run([BOREAS, "sample", state, *spec])
        return text.splitlines()[1:] if code == 0 else [f"exit {code}: {text}"]

    def in_run(path, step):
        with open(path) as f:
            return [l.rstrip("\n") for l in f.readlines()[1:] if l.split(",")[1] == str(step)]

    ck = os.path.join(out[1], "checkpoints", "cav.00000060.h5")
    expect(sampled(ck, "--line", "0,0:1.5,1:9", "--variables", "v") ==
           in_run(os.path.join(out[1], "lines", "diagonal.csv"), 60),
           "boreas sample on the final checkpoint equals the in-run line, byte for byte")
    snap = os.path.join(out[2], "snapshots", "cav.00000045.h5")
    expect(sampled(snap, "--line", "x=0.75") == in_run(os.path.join(out[2], "lines", "x_mid.csv"), 45),
           "boreas sample on a snapshot (2-rank run) equals the in-run grid line of that step")
    expect(sampled(snap, "--point", "0.3,0.97", "--variables", "u,p") ==
           in_run(os.path.join(out[2], "probes", "near_lid.csv"), 45),
           "boreas sample on a snapshot equals the in-run probe of that step (2 ranks)")

    with open(os.path.join(out[1], "probes", "derived.csv")) as f:
        header = f.readline().strip()
    expect(header == "time,step,x,y,vorticity,velocity_x,velocity_y,speed",
           f"derived variables and a vector (one column per component) ({header})")
    expect(sampled(snap, "--point", "0.61,0.43", "--variables", "vorticity,velocity,speed") ==
           in_run(os.path.join(out[2], "probes", "derived.csv"), 45),
           "derived variables: boreas sample on a snapshot equals the in-run probe")
    dv = rows(os.path.join(out[1], "probes", "derived.csv"))
    # Interpolated separately, speed (a convex function of the velocity) is at
    # least |interpolated velocity|, and close to it.
    mags = [(r["speed"], (r["velocity_x"] ** 2 + r["velocity_y"] ** 2) ** 0.5) for r in dv[1:]]
    expect(len(mags) == 4 and all(m - 1e-12 <= sp <= 1.05 * m + 1e-12 for sp, m in mags)
           and any(abs(r["vorticity"]) > 1e-3 for r in dv),
           f"speed is about |velocity| at the probe and the vorticity is not 0 ({mags})")

    # Restart from step 20 into the finished folder: the files end as before.
    before = {f: open(os.path.join(out[2], f)).read() for f in FILES}
    ck20 = os.path.join(out[2], "checkpoints", "cav.00000020.h5")
    code, text, _ = run(mpi(MPIEXEC, 2, BOREAS, "run", deck, "-o", out[2], "--restart", ck20))
    expect(code == 0, f"restart from step 20 (exit {code})")
    after = {f: open(os.path.join(out[2], f)).read() for f in FILES}
    expect(before == after, "after the restart every sample file equals the uninterrupted run's")

    # A restart that samples other variables keeps the earlier rows apart.
    code, text, _ = run(mpi(MPIEXEC, 2, BOREAS, "run", deck, "-o", out[2], "--restart", ck20,
                            'output.line=[{name = "x_mid", grid_line = "x = 0.75", variables = ["p"], every_steps = 15}]'))
    moved = os.path.join(out[2], "lines", "x_mid.csv.before-restart")
    expect(code == 0 and os.path.exists(moved) and open(moved).read() == after["lines/x_mid.csv"]
           and open(os.path.join(out[2], "lines", "x_mid.csv")).readline().strip() == "time,step,x,y,p",
           f"a restart sampling other variables moves the old rows aside and starts a new header (exit {code})")

    # 3D, time schedules, a grid line fixing two coordinates.
    d3 = os.path.join(tmp, "h3.toml")
    write(d3, HEAT3D)
    for n in (1, 2):
        code, text, _ = run(mpi(MPIEXEC, n, BOREAS, "run", d3, "-o", os.path.join(tmp, f"h{n}")))
        expect(code == 0, f"3D heat with samplers on {n} rank(s) (exit {code})" + ("" if code == 0 else text[-600:]))
    for f in ("probes/p.csv", "lines/along_y.csv"):
        expect(all(os.path.exists(os.path.join(tmp, h, f)) for h in ("h1", "h2")) and
               filecmp.cmp(os.path.join(tmp, "h1", f), os.path.join(tmp, "h2", f), shallow=False),
               f"3D {f}: the same bytes on 1 and 2 ranks")
    pt = rows(os.path.join(tmp, "h1", "probes", "p.csv"))
    times = [r["time"] for r in pt]
    expect(len(times) == 5 and max(abs(t - 0.005 * k) for k, t in enumerate(times)) < 1e-15,
           f"every_time = 0.005 samples at exactly 0, 0.005, ..., 0.02 ({times})")
    ay = rows(os.path.join(tmp, "h1", "lines", "along_y.csv"))
    expect(len(ay) == 3 * 10 and all(r["x"] == 0.5 and r["z"] == 0.25 for r in ay),
           f"x = 0.5, z = 0.25: 8 centres and both ends along y, at t = 0, 0.01, 0.02 ({len(ay)} rows)")

    # The whole array from the command line.
    code, text, _ = run([BOREAS, "run", plain, "-o", os.path.join(tmp, "ov"), "run.max_steps=5",
                         'output.probe=[{name = "a", point = [0.5, 0.5], variables = ["p"]}]'])
    expect(code == 0 and os.path.exists(os.path.join(tmp, "ov", "probes", "a.csv")),
           f"output.probe=[{{...}}] on the command line adds a probe (exit {code})")

    # Refusals, each naming the file and line (or the override) and the key.
    bad_cases = [
        ('[[output.probe]]\nname = "a"\npoint = [0.5, 0.5]\nvariables = ["w"]\n', "unknown variable 'w'", ":"),
        ('[[output.probe]]\nname = "a"\npoint = [2.0, 0.5]\n', "outside the domain", ":"),
        ('[[output.probe]]\nname = "a"\npoint = [0.5]\n', "1 coordinate", ":"),
        ('[[output.probe]]\nname = "a"\npoint = [0.5, 0.5]\n[[output.probe]]\nname = "a"\npoint = [0.1, 0.1]\n',
         "two [[output.probe]] sections are named 'a'", ":"),
        ('[[output.line]]\nname = "l"\ngrid_line = "x = 0.5"\npoints = 4\n', "not both", ":"),
        ('[[output.line]]\nname = "l"\nstart = [0, 0]\nend = [1, 1]\n', "'points' is missing", ":"),
        ('[[output.line]]\nname = "l"\ngrid_line = "x = 0.5, y = 0.5"\n', "fixes 1 coordinate", ":"),
        ('[[output.probe]]\nname = "a"\npont = [0.5, 0.5]\n', "did you mean 'point'", ":"),
        ('[[output.probe]]\npoint = [0.5, 0.5]\n', "required key 'name'", ":"),
        ('[output.probe]\nname = "a"\n', "must be an array of tables", ":"),
    ]
    for i, (text_add, words, _) in enumerate(bad_cases):
        bad = os.path.join(tmp, f"bad{i}.toml")
        write(bad, CAVITY + text_add)
        code, text, _ = run([BOREAS, "check", bad])
        line_named = f"bad{i}.toml:" in text and any(ch.isdigit() for ch in text.split(f"bad{i}.toml:")[1][:3])
        expect(code == 2 and words in text and line_named,
               f"refused with exit 2 at its line: {words} (got {code}: {text.strip()[-240:]})")
    code, text, _ = run([BOREAS, "check", plain, "output.probe[0].name=x"])
    expect(code == 2 and "override the whole array" in text,
           f"an element key override is refused, naming the way to do it (got {code}: {text.strip()[-200:]})")

finish()
