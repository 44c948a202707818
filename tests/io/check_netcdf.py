#!/usr/bin/python3
"""The netCDF-4 view of the state files that real runs write.

  check_netcdf.py BOREAS MPIEXEC OUT_DIR

Runs three small decks on 1 and on 2 ranks, each with a snapshot at step 0
and at its last step and a checkpoint at the end:
  * heat 2D, 12 x 8 cells on [0, 2] x [-1, 1], a gaussian;
  * heat 3D, 6 x 5 x 4 cells on [0, 1] x [0, 2] x [0.5, 1.5], a sine mode;
  * ns 2D, the lid-driven cavity on 12 x 10 cells with a passive scalar
    (staggered u, v, derived variables, the vector `velocity`).
and the other apps (decay, poisson, advection, shallow_water) on 1 rank, 2D.
Then opens each snapshot three ways, as a climate researcher would:
  * `ncdump -h` exits 0 with an empty stderr and shows the dimensions
    (x, y[, z], time = 1; ns: x_face, y_face, component), the coordinate
    variables, T(y, x) / T(z, y, x), u(y, x_face), velocity(y, x,
    component), :Conventions = "CF-1.8", and no phony dimension;
  * python3-netCDF4: the coordinates x, y (z) equal the cell centres of the
    deck's domain and cells (x_face: the lower faces), `time` equals the
    file's time attribute and the time of that step in diagnostics.csv,
    every variable of the root group equals what h5py reads from its
    /fields or /vectors dataset, its dimensions follow the storage order
    (z, y, x), and the CF attributes are there (units, long_name, axis);
  * xarray.open_dataset with its defaults: the same coordinates, time a
    float64 (not decoded into a date), the same values, and the step-0 and
    last snapshots concatenated along `time`;
and checks the heat step-0 snapshots' T against the analytic initial state
(tests/io/check_checkpoint.py's), and that `ncdump -h` reads the
checkpoints cleanly too.
Prints one line per check and "N passed, M failed"; exit 0 when none
failed, 1 otherwise, 77 when a module or ncdump is missing (setup-deps
installs them: netcdf-bin, python3-netcdf4, python3-xarray).
"""
import csv
import os
import re
import shutil
import subprocess
import sys
import warnings

try:
    import h5py
    import netCDF4
    import numpy as np
    import xarray as xr
except ImportError as e:  # Debian: python3-h5py python3-netcdf4 python3-xarray
    print(f"check_netcdf: skip: {e}")
    sys.exit(77)
if shutil.which("ncdump") is None:
    print("check_netcdf: skip: ncdump not found (Debian: netcdf-bin)")
    sys.exit(77)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from check_checkpoint import heat_initial_condition  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
passed, failed = [], []


def check(ok, what):
    print(("  ok    " if ok else "  FAIL  ") + what, flush=True)
    (passed if ok else failed).append(what)
    return ok


HEAT_2D = """
[run]
app = "heat"
name = "heat2d"
max_steps = 10
dt = 1e-4

[mesh]
cells = [12, 8]
lower = [0.0, -1.0]
upper = [2.0, 1.0]

[boundary]
x_lower = "periodic"
x_upper = "periodic"
y_lower = "dirichlet"
y_upper = "neumann"

[problem]
name = "gaussian"
center = [0.7, 0.1]
width = 0.3

[output.snapshot]
every_steps = 10
"""

HEAT_3D = """
[run]
app = "heat"
name = "heat3d"
max_steps = 6
dt = 1e-4

[mesh]
cells = [6, 5, 4]
lower = [0.0, 0.0, 0.5]
upper = [1.0, 2.0, 1.5]

[boundary]
x_lower = "dirichlet"
x_upper = "dirichlet"
y_lower = "dirichlet"
y_upper = "dirichlet"
z_lower = "dirichlet"
z_upper = "dirichlet"

[problem]
name = "sine"
mode = [1, 2, 1]
amplitude = 2.0
background = 0.5

[output.snapshot]
every_steps = 6
"""

NS_2D_OVERRIDES = ["mesh.cells=[12,10]", "run.max_steps=10", "run.dt=0.01", "run.t_end=1.0",
                   "output.vtk.every_time=0", "output.snapshot.every_steps=10",
                   'physics.scalars=["dye"]', 'physics.scalar_init=["mode"]',
                   "physics.scalar_value=[1.0]", "physics.scalar_amplitude=[0.5]"]

# The other apps, one rank, a snapshot at step 0 and at step N: app ->
# (deck, overrides, steps, variable, its long_name).
OTHER_APPS = {
    "decay": ("q", "diffusing and decaying quantity q"),
    "poisson": ("u", "solution u of the Poisson problem"),
    "advection": ("q", "advected quantity q"),
}
OTHER_CASES = [
    ("decay", os.path.join(ROOT, "tests/decks/decay/sine_2d.toml"),
     ["run.max_steps=4", "output.snapshot.every_steps=4", "output.vtk.every_steps=0"], 4),
    ("poisson", os.path.join(ROOT, "tests/decks/cli/poisson.toml"),
     ["output.snapshot.every_steps=1"], 1),
    ("advection", os.path.join(ROOT, "tests/decks/advection/rotation_restart.toml"),
     ["run.max_steps=4", "output.snapshot.every_steps=4"], 4),
    ("shallow_water", os.path.join(ROOT, "tests/decks/shallow_water/vortex.toml"),
     ["mesh.cells=[16,12]", 'physics.tracers=["dye"]', "run.max_steps=4",
      "output.snapshot.every_steps=4"], 4),
]

CASES = [
    # name, deck text or file, overrides, app, steps
    ("heat2d", HEAT_2D, [], "heat", 10),
    ("heat3d", HEAT_3D, [], "heat", 6),
    ("cavity", os.path.join(ROOT, "inputs/ns/cavity_re100.toml"), NS_2D_OVERRIDES + [
        "run.name=cavity"], "ns", 10),
]


def run(boreas, mpiexec, ranks, deck, overrides, out):
    cmd = [mpiexec, "-n", str(ranks), "--oversubscribe", "--bind-to", "none", boreas, "run", deck,
           *overrides, "--output", out]
    r = subprocess.run(cmd, env=dict(os.environ, OMP_NUM_THREADS="1"), capture_output=True,
                       text=True)
    if r.returncode != 0:
        print(r.stdout, r.stderr)
    return check(r.returncode == 0, f"{' '.join(os.path.basename(c) for c in cmd[:6])} "
                                    f"{os.path.basename(deck)} exits 0")


def text(v):
    return v.decode() if isinstance(v, bytes) else str(v)


def mesh_of(f):
    cells = [int(c) for c in f["mesh/cells"][...]]
    return cells, [float(v) for v in f["mesh/lower"][...]], [float(v) for v in f["mesh/upper"][...]]


def centres(lower, upper, n):
    return lower + (np.arange(n) + 0.5) * ((upper - lower) / n)


def diagnostics_time(run_dir, step):
    with open(os.path.join(run_dir, "diagnostics.csv")) as fh:
        for row in csv.DictReader(fh):
            if int(row["step"]) == step:
                return float(row["time"])
    return None


def check_ncdump(path, expect_dims, expect_vars, label):
    r = subprocess.run(["ncdump", "-h", path], capture_output=True, text=True)
    check(r.returncode == 0 and r.stderr == "",
          f"{label}: ncdump -h exits 0 with an empty stderr ({r.returncode}, {r.stderr.strip()!r})")
    out = r.stdout
    dims = dict(re.findall(r"^\t(\w+) = (\d+) ;", out.split("variables:")[0], re.M))
    check(all(dims.get(k) == str(v) for k, v in expect_dims.items()),
          f"{label}: ncdump dimensions {dims} hold {expect_dims}")
    missing = [v for v in expect_vars if not re.search(r"^\t\w+ " + re.escape(v) + " ;", out, re.M)]
    check(not missing, f"{label}: ncdump declares {', '.join(expect_vars)} (missing {missing})")
    check(':Conventions = "CF-1.8" ;' in out, f"{label}: ncdump shows :Conventions = \"CF-1.8\"")
    check("phony_dim" not in out, f"{label}: no phony dimension")
    return out


def check_snapshot(path, run_dir, app, dim, step, label):
    with h5py.File(path, "r") as f:
        cells, lower, upper = mesh_of(f)
        t_file = float(f.attrs["time"])
        h5 = {k: f["fields"][k][...] for k in f["fields"]}
        centering = {k: text(f["fields"][k].attrs["centering"]) for k in f["fields"]}
        vec = {k: f["vectors"][k][...] for k in f["vectors"]} if "vectors" in f else {}
        first = {k: text(f["vectors"][k].attrs["components"]).split(",")[0] for k in vec}
    axes = "xyz"[:dim]
    order = tuple(reversed(axes))  # storage order: (z, y, x)
    want = {a: centres(lower[d], upper[d], cells[d]) for d, a in enumerate(axes)}
    faces = {a + "_face": lower[d] + np.arange(cells[d]) * ((upper[d] - lower[d]) / cells[d])
             for d, a in enumerate(axes)}

    # ncdump
    expect_dims = {a: cells[d] for d, a in enumerate(axes)}
    expect_dims["time"] = 1
    expect_vars = [f"{a}({a})" for a in axes] + ["time(time)"]
    for name, c in centering.items():
        dims = [a + "_face" if c == a + "_face" else a for a in order]
        expect_vars.append(f"{name}({', '.join(dims)})")
        if c != "cell":
            expect_dims[c] = cells["xyz".index(c[0])]
    for name in vec:
        expect_vars.append(f"{name}({', '.join(order)}, component)")
        expect_dims["component"] = 3
    check_ncdump(path, expect_dims, expect_vars, label)

    # netCDF4
    t_diag = diagnostics_time(run_dir, step)
    with netCDF4.Dataset(path) as nc:
        check(nc.getncattr("Conventions") == "CF-1.8" and "Boreas" in nc.getncattr("source")
              and nc.getncattr("title") != "" and "history" in nc.ncattrs(),
              f"{label}: netCDF4 global attributes Conventions, title, source, history")
        for d, a in enumerate(axes):
            x = nc.variables[a]
            check(x.dimensions == (a,) and np.allclose(x[:], want[a], rtol=0, atol=1e-14)
                  and x.units == "m" and x.axis == a.upper() and x.long_name,
                  f"{label}: netCDF4 {a} = the {cells[d]} cell centres of [{lower[d]}, {upper[d]}]"
                  f" (max error {np.max(np.abs(x[:] - want[a])):.1e}), units m, axis {a.upper()}")
        tv = nc.variables["time"]
        check(tv.dimensions == ("time",) and tv.shape == (1,) and float(tv[0]) == t_file
              and tv.units == "s" and tv.axis == "T",
              f"{label}: netCDF4 time = [{float(tv[0])!r}] = the file's time attribute, units s")
        check(t_diag is not None and abs(float(tv[0]) - t_diag) <= 1e-12 * max(1.0, abs(t_diag)),
              f"{label}: time = diagnostics.csv's time of step {step} ({t_diag!r})")
        if step == 0:
            check(float(tv[0]) == 0.0, f"{label}: time is 0 at step 0")
        for name, c in centering.items():
            v = nc.variables.get(name)
            if not check(v is not None, f"{label}: netCDF4 root variable {name}"):
                continue
            dims = tuple(a + "_face" if c == a + "_face" else a for a in order)
            same = v.dimensions == dims and np.array_equal(np.asarray(v[:]), h5[name])
            check(same, f"{label}: netCDF4 {name}{dims} equals h5py /fields/{name}")
            g = nc.groups["fields"].variables[name]
            check(g.dimensions == dims, f"{label}: /fields/{name} has the same dimensions")
            if c != "cell":
                fc = nc.variables[c]
                check(np.allclose(fc[:], faces[c], rtol=0, atol=1e-14)
                      and fc.getncattr("c_grid_axis_shift") == -0.5,
                      f"{label}: {c} = the lower faces, c_grid_axis_shift -0.5")
        for name, values in vec.items():
            v = nc.variables[name]
            check(v.dimensions == order + ("component",)
                  and np.array_equal(np.asarray(v[:]), values)
                  and list(nc.variables["component"][:]) == [0, 1, 2],
                  f"{label}: netCDF4 {name}{v.dimensions} equals h5py /vectors/{name}")
        if app == "heat":
            T = nc.variables["T"]
            check(T.units == "K" and T.long_name == "temperature",
                  f"{label}: T has units K, long_name temperature")
        elif app == "shallow_water":
            v = nc.variables
            check(v["h"].units == "m" and v["h"].standard_name == "sea_floor_depth_below_sea_surface"
                  and v["b"].units == "m" and v["eta"].units == "m"
                  and v["hu"].units == "m2 s-1" and v["hv"].units == "m2 s-1"
                  and v["velocity"].units == "m s-1" and v["u"].units == "m s-1"
                  and "units" not in v["dye"].ncattrs() and v["dye"].long_name
                  and "units" not in v["h_dye"].ncattrs(),
                  f"{label}: shallow_water units: h, b, eta m (h: standard_name "
                  "sea_floor_depth_below_sea_surface), hu, hv m2 s-1, velocity m s-1, dye none")
        elif app in OTHER_APPS:
            var, long_name = OTHER_APPS[app]
            v = nc.variables[var]
            check(v.long_name == long_name and "units" not in v.ncattrs(),
                  f"{label}: {var} has long_name '{long_name}' and no units (the user's)")
        else:
            check(nc.variables["u"].units == "m s-1" and nc.variables["p"].units == "m2 s-2"
                  and nc.variables["vorticity"].units == "s-1"
                  and nc.variables["velocity"].units == "m s-1"
                  and "units" not in nc.variables["dye"].ncattrs()
                  and nc.variables["dye"].long_name == "passive scalar dye",
                  f"{label}: ns units: u m s-1, p m2 s-2, vorticity s-1, velocity m s-1, dye "
                  "none (unknown)")
        mesh = nc.groups["mesh"]
        check(mesh.variables["lower"].dimensions == ("axis",)
              and list(mesh.variables["axis"][:]) == list(range(dim)),
              f"{label}: /mesh/lower(axis), axis = 0..{dim - 1}")

    # xarray, defaults
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a decoding warning is a failure too
        ds = xr.open_dataset(path)
    with ds:
        check(ds.attrs.get("Conventions") == "CF-1.8", f"{label}: xarray Conventions CF-1.8")
        for d, a in enumerate(axes):
            check(a in ds.coords and np.allclose(ds[a].values, want[a], rtol=0, atol=1e-14),
                  f"{label}: xarray coordinate {a} = the cell centres")
        check(ds["time"].dtype == np.float64 and ds["time"].values.tolist() == [t_file],
              f"{label}: xarray time is float64 [{t_file!r}] (not decoded to a date)")
        for name, c in centering.items():
            dims = tuple(a + "_face" if c == a + "_face" else a for a in order)
            check(ds[name].dims == dims and np.array_equal(ds[name].values, h5[name]),
                  f"{label}: xarray {name}{ds[name].dims} equals h5py /fields/{name}")
        for name, values in vec.items():
            check(np.array_equal(ds[name].sel(component=0).values, h5[first[name]])
                  and np.array_equal(ds[name].values, values),
                  f"{label}: xarray {name}.sel(component=0) equals {first[name]}")
        if app == "heat":
            check(ds["T"].dims == order and ds["T"].attrs.get("units") == "K",
                  f"{label}: xarray T{order}, units K")
    if app == "heat" and step == 0:
        with h5py.File(path, "r") as f:
            import tomllib
            deck = tomllib.loads(text(f.attrs["deck"]))
        exact, amplitude, background = heat_initial_condition(deck, cells, lower, upper)
        with xr.open_dataset(path) as ds:
            err = float(np.max(np.abs(ds["T"].values - exact)))
        check(err <= 1e-12 * (abs(amplitude) + abs(background) + 1),
              f"{label}: xarray T at step 0 = the analytic initial state (max error {err:.1e})")


def check_series(paths, var, label):
    """Two snapshots of one run concatenated along time, as for a time series."""
    dss = [xr.open_dataset(p) for p in paths]
    try:
        both = xr.concat(dss, dim="time")
        times = [float(d["time"][0]) for d in dss]
        check(both["time"].values.tolist() == times and both[var].dims[0] == "time"
              and both[var].shape[0] == 2
              and np.array_equal(both[var].isel(time=1).values, dss[1][var].values),
              f"{label}: xr.concat along time: {var}{both[var].dims}, time {times}")
    finally:
        for d in dss:
            d.close()


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    boreas, mpiexec, out = sys.argv[1:]
    os.makedirs(out, exist_ok=True)
    for name, deck, overrides, app, steps in CASES:
        if "\n" in deck:
            path = os.path.join(out, name + ".toml")
            with open(path, "w") as fh:
                fh.write(deck)
            deck = path
        for ranks in (1, 2):
            run_dir = os.path.join(out, f"{name}.np{ranks}")
            shutil.rmtree(run_dir, ignore_errors=True)
            print(f"{name} on {ranks} rank(s):")
            if not run(boreas, mpiexec, ranks, deck, overrides, run_dir):
                continue
            dim = 3 if name.endswith("3d") else 2
            snaps = [os.path.join(run_dir, "snapshots", f"{name}.{s:08d}.h5") for s in (0, steps)]
            for s, p in zip((0, steps), snaps):
                check_snapshot(p, run_dir, app, dim, s, f"{name} np{ranks} step {s}")
            check_series(snaps, "T" if app == "heat" else "p", f"{name} np{ranks}")
            ckpt = os.path.join(run_dir, "checkpoints", f"{name}.{steps:08d}.h5")
            r = subprocess.run(["ncdump", "-h", ckpt], capture_output=True, text=True)
            check(r.returncode == 0 and r.stderr == "" and "phony_dim" not in r.stdout
                  and ':Conventions = "CF-1.8" ;' in r.stdout,
                  f"{name} np{ranks}: ncdump -h reads the checkpoint cleanly")
    for app, deck, overrides, steps in OTHER_CASES:
        run_dir = os.path.join(out, f"{app}.np1")
        shutil.rmtree(run_dir, ignore_errors=True)
        print(f"{app} on 1 rank:")
        if not run(boreas, mpiexec, 1, deck, overrides + [f"run.name={app}"], run_dir):
            continue
        for s in (0, steps):
            p = os.path.join(run_dir, "snapshots", f"{app}.{s:08d}.h5")
            check_snapshot(p, run_dir, app, 2, s, f"{app} step {s}")
    print(f"check_netcdf: {len(passed)} passed, {len(failed)} failed")
    for what in failed:
        print(f"  failed: {what}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
