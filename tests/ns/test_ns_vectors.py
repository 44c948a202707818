"""Vectors and derived output variables in the files a real ns run writes.

  test_ns_vectors.py BOREAS MPIEXEC OUT_DIR

Runs a small lid-driven cavity (24 x 20 cells, 40 steps, snapshot and VTK
every 20 steps) on 1 rank and on 2 ranks, then checks with h5py and
python3-vtk:
  * the snapshot holds the state (u, v, p) and the derived variables
    (velocity_x, velocity_y, speed, vorticity) and /vectors/velocity,
    shape (ny, nx, 3) = (velocity_x, velocity_y, 0);
  * velocity_x = (u_i + u_{i+1}) / 2 with u = 0 on the right wall (the
    mean of the faces), velocity_y likewise, speed = |(vx, vy)|;
  * the XDMF index has a Vector attribute `velocity` on /vectors/velocity;
  * the last VTK step (.pvti read with VTK) has a 3-component cell array
    `velocity`, the active vectors, equal to (u_cc, v_cc, 0) computed from
    the HDF5 face values of the same step, plus the components u, v, p,
    speed, vorticity;
  * `boreas sample --variables vorticity,speed,velocity` of one snapshot
    gives the same CSV on 1 and 2 ranks (the state of the two runs differs
    at the pressure solver's tolerance; derived values of one state must
    not differ at all), and at a cell centre the snapshot's value.
Exit 0 passed, 1 failed, 77 h5py or vtk missing.
"""
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

try:
    import h5py
    import numpy as np
    import vtk
    from vtk.util.numpy_support import vtk_to_numpy
except ImportError as e:  # pragma: no cover
    print(f"test_ns_vectors: SKIP: {e}")
    sys.exit(77)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
NX, NY = 24, 20
failures = []


def check(ok, what):
    print(("  ok    " if ok else "  FAIL  ") + what, flush=True)
    if not ok:
        failures.append(what)
    return ok


def run(boreas, mpiexec, ranks, out):
    cmd = [mpiexec, "-n", str(ranks), "--oversubscribe", "--bind-to", "none", boreas, "run",
           os.path.join(ROOT, "inputs/ns/cavity_re100.toml"), f"mesh.cells=[{NX},{NY}]",
           "run.max_steps=40", "output.vtk.every_time=0", "output.vtk.every_steps=20",
           "output.snapshot.every_steps=20", "--output", out]
    env = dict(os.environ, OMP_NUM_THREADS="1")
    r = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if r.returncode != 0:
        print(r.stdout, r.stderr)
        sys.exit(f"test_ns_vectors: FAIL: the {ranks}-rank run exited {r.returncode}")


def sample(boreas, mpiexec, ranks, h5):
    pts = ["--point", "0.5,0.5", "--point", "0.0,0.5", "--point", "1.0,0.013",
           "--point", "0.7291666666666666,0.975", "--line", "x=0.5", "--line", "0,0.02:1,0.93:17",
           "--line", "y=0.975", "--line", "0,0:1,1:41", "--line", "0.5,0:0.5,1:23"]
    cmd = [mpiexec, "-n", str(ranks), "--oversubscribe", "--bind-to", "none", boreas, "sample",
           h5, "--variables", "vorticity,speed,velocity"] + pts
    r = subprocess.run(cmd, env=dict(os.environ, OMP_NUM_THREADS="1"), capture_output=True,
                       text=True)
    if r.returncode != 0:
        print(r.stdout, r.stderr)
        sys.exit(f"test_ns_vectors: FAIL: boreas sample on {ranks} ranks exited {r.returncode}")
    return r.stdout


def cell_centred(f):
    """(u_cc, v_cc) from the face values of a snapshot: walls all round."""
    u, v = f["fields/u"][...], f["fields/v"][...]
    up = np.concatenate([u[:, 1:], np.zeros((NY, 1))], axis=1)  # u on the upper x-faces
    vp = np.concatenate([v[1:, :], np.zeros((1, NX))], axis=0)
    return 0.5 * (u + up), 0.5 * (v + vp)


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    boreas, mpiexec, out = sys.argv[1:]
    runs = {}
    for ranks in (1, 2):
        d = os.path.join(out, f"np{ranks}")
        run(boreas, mpiexec, ranks, d)
        runs[ranks] = d
    snap = {r: os.path.join(d, "snapshots", "cavity_re100.00000040.h5") for r, d in runs.items()}

    print("snapshot (1 rank):")
    with h5py.File(snap[1]) as f:
        names = list(f["fields"].keys())
        for n in ("u", "v", "p", "velocity_x", "velocity_y", "speed", "vorticity"):
            check(n in names, f"/fields/{n} present")
        check(list(f["vectors"].keys()) == ["velocity"], "/vectors holds velocity only")
        vec = f["vectors/velocity"][...]
        check(vec.shape == (NY, NX, 3), f"/vectors/velocity shape {vec.shape} == ({NY}, {NX}, 3)")
        check(f["vectors/velocity"].attrs["components"].decode() == "velocity_x,velocity_y",
              "its components attribute")
        vx, vy = f["fields/velocity_x"][...], f["fields/velocity_y"][...]
        check(np.array_equal(vec[..., 0], vx) and np.array_equal(vec[..., 1], vy)
              and not vec[..., 2].any(), "vector = (velocity_x, velocity_y, 0), bitwise")
        ucc, vcc = cell_centred(f)
        check(np.array_equal(vx, ucc) and np.array_equal(vy, vcc),
              "velocity_x, velocity_y = the mean of the two faces, bitwise")
        check(np.abs(vx).max() > 0.05, f"the flow moves (max |velocity_x| {np.abs(vx).max():.3f})")
        sp = f["fields/speed"][...]
        check(np.allclose(sp, np.hypot(vx, vy), rtol=1e-14, atol=0), "speed = |velocity|")
        om = f["fields/vorticity"][...]
        check(np.isfinite(om).all() and om.max() > 1.0,
              f"vorticity finite, strong under the lid (max {om.max():.2f})")
        check(f["fields/speed"].attrs["centering"].decode() == "cell", "speed is cell-centred")

    print("snapshot (2 ranks):")
    with h5py.File(snap[2]) as f:
        ucc, vcc = cell_centred(f)
        vec = f["vectors/velocity"][...]
        check(np.array_equal(vec[..., 0], ucc) and np.array_equal(vec[..., 1], vcc)
              and not vec[..., 2].any(), "/vectors/velocity = (u_cc, v_cc, 0), bitwise")
        check(np.allclose(f["fields/speed"][...], np.hypot(ucc, vcc), rtol=1e-14, atol=0),
              "speed = |velocity|")

    print("XDMF:")
    xdmf = os.path.join(runs[2], "snapshots", "cavity_re100.xdmf")
    grids = [g for g in ET.parse(xdmf).getroot().iter("Grid") if g.get("GridType") == "Uniform"]
    check(len(grids) == 3, f"{len(grids)} snapshots indexed (steps 0, 20, 40)")
    attrs = {a.get("Name"): a for a in grids[-1].iter("Attribute")}
    vel = attrs.get("velocity")
    if check(vel is not None and vel.get("AttributeType") == "Vector", "Vector attribute velocity"):
        item = vel.find("DataItem")
        check(item.get("Dimensions") == f"{NY} {NX} 3" and
              item.text.strip().endswith(":/vectors/velocity"), "it points at /vectors/velocity")
    for n in ("speed", "vorticity", "u"):
        check(n in attrs and attrs[n].get("AttributeType") == "Scalar", f"Scalar attribute {n}")

    print("VTK (2 ranks, last step):")
    pvti = os.path.join(runs[2], "vtk", "cavity_re100.00000040.pvti")
    reader = vtk.vtkXMLPImageDataReader()
    reader.SetFileName(pvti)
    reader.Update()
    cd = reader.GetOutput().GetCellData()
    for n in ("u", "v", "p", "velocity_x", "velocity_y", "speed", "vorticity"):
        check(cd.GetArray(n) is not None, f"cell array {n}")
    arr = cd.GetArray("velocity")
    if check(arr is not None and arr.GetNumberOfComponents() == 3,
             "cell array velocity with 3 components"):
        check(cd.GetVectors() is not None and cd.GetVectors().GetName() == "velocity",
              "velocity is the active vectors")
        got = vtk_to_numpy(arr).reshape(NY, NX, 3)
        with h5py.File(snap[2]) as f:
            ucc, vcc = cell_centred(f)
        check(np.array_equal(got[..., 0], ucc) and np.array_equal(got[..., 1], vcc)
              and not got[..., 2].any(), "velocity = (u_cc, v_cc, 0) of the snapshot, bitwise")

    print("boreas sample (derived variables of one snapshot on 1 and 2 ranks):")
    csv1, csv2 = sample(boreas, mpiexec, 1, snap[1]), sample(boreas, mpiexec, 2, snap[1])
    check(csv1 == csv2, "the same CSV, bitwise (x = 0.5 is the 2-rank boundary)")
    rows = [line.split(",") for line in csv1.strip().splitlines()]
    header = rows[0]
    check(header[4:] == ["vorticity", "speed", "velocity_x", "velocity_y"],
          f"columns {header[4:]}: the vector expanded to its components")
    with h5py.File(snap[1]) as f:
        om = f["fields/vorticity"][...]
    # The point 0.7291666..., 0.975 is the centre of cell (i, j) = (17, 19).
    row = rows[4]
    check(abs(float(row[4]) - om[19, 17]) <= 1e-14 * abs(om[19, 17]),
          f"sample at a cell centre = the snapshot's value ({row[4]} vs {om[19, 17]!r})")

    if failures:
        print(f"test_ns_vectors: FAIL: {len(failures)} check(s) failed")
        return 1
    print("test_ns_vectors: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
