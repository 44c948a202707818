#!/usr/bin/python3
"""Check Boreas VTK output (.pvti + pieces) with VTK's own reader.

Usage:
  check_pvti.py RUN_DIR
      RUN_DIR is a `boreas run` output folder. Finds vtk/*.pvd, checks every
      .pvti it lists exists, reads the last one and checks, against
      RUN_DIR/deck.resolved.toml (mesh.cells/lower/upper): bounds, number of
      cells, that cell array 'T' is present and every value is finite. If the
      series holds step 0 of a heat run with problem.name = "gaussian", that
      step is compared with the analytic initial condition
      background + amplitude * exp(-|x - center|^2 / (2 width^2)) at the cell
      centres, to 1e-12 (relative to |background| + |amplitude|).

  check_pvti.py PVTI [ARRAY ...] [--deck TOML] [--bounds X0 X1 [Y0 Y1 [Z0 Z1]]]
      Reads one .pvti and checks that the named cell arrays exist and are
      finite. The mesh comes from --bounds (cells are then not checked), from
      --deck, or from ../deck.resolved.toml next to the vtk/ folder if there
      is one; otherwise only names and finiteness are checked.

Run it with Debian's interpreter (/usr/bin/python3 with python3-vtk9); a
pyenv/virtualenv python3 usually lacks `vtk`.
Exit codes: 0 all checks passed, 1 a check failed, 2 usage error,
77 the `vtk` module is missing (ctest SKIP_RETURN_CODE).
"""
import argparse
import math
import os
import re
import sys
import xml.etree.ElementTree as ET

try:
    import tomllib
except ImportError:  # Python < 3.11
    tomllib = None

try:
    from vtkmodules.vtkIOXML import vtkXMLPImageDataReader
    from vtkmodules.util.numpy_support import vtk_to_numpy
    import numpy as np
except ImportError as e:
    print(f"check_pvti: SKIP: cannot import vtk/numpy ({e}); install python3-vtk9 and "
          "python3-numpy and run with /usr/bin/python3", file=sys.stderr)
    sys.exit(77)

failures = []


def check(ok, what):
    print(("  ok    " if ok else "  FAIL  ") + what)
    if not ok:
        failures.append(what)
    return ok


def read_pvti(path):
    reader = vtkXMLPImageDataReader()
    if not reader.CanReadFile(path):
        sys.exit(f"check_pvti: FAIL: VTK cannot read {path}")
    reader.SetFileName(path)
    reader.Update()
    if reader.GetErrorCode() != 0:
        sys.exit(f"check_pvti: FAIL: VTK reported error {reader.GetErrorCode()} reading {path}")
    return reader.GetOutput()


def load_deck(path):
    if tomllib is None:
        sys.exit("check_pvti: reading a deck needs Python 3.11 (tomllib)")
    with open(path, "rb") as f:
        return tomllib.load(f)


def mesh_from_deck(deck):
    mesh = deck.get("mesh", {})
    cells = [int(c) for c in mesh["cells"]]
    dim = len(cells)
    lower = [float(v) for v in mesh.get("lower", [0.0] * 3)][:dim]
    upper = [float(v) for v in mesh.get("upper", [1.0] * 3)][:dim]
    return cells, lower, upper


def cell_centres(cells, lower, upper):
    """Arrays x, y, z of cell centres in VTK order (x fastest), as numpy."""
    axes = []
    for d in range(3):
        if d < len(cells):
            dx = (upper[d] - lower[d]) / cells[d]
            axes.append(lower[d] + (np.arange(cells[d]) + 0.5) * dx)
        else:
            axes.append(np.zeros(1))
    z, y, x = np.meshgrid(axes[2], axes[1], axes[0], indexing="ij")
    return [x.ravel(), y.ravel(), z.ravel()]


def check_image(image, arrays, cells=None, lower=None, upper=None):
    cd = image.GetCellData()
    names = [cd.GetArrayName(i) for i in range(cd.GetNumberOfArrays())]
    b = image.GetBounds()
    print(f"  cell arrays: {', '.join(names)}")
    print(f"  bounds: {' '.join(f'{v:.17g}' for v in b)}   cells: {image.GetNumberOfCells()}")
    if lower is not None:
        dim = len(lower)
        scale = max([1.0] + [abs(v) for v in lower + upper])
        for d in range(3):
            lo, hi = b[2 * d], b[2 * d + 1]
            if d < dim:
                check(abs(lo - lower[d]) <= 1e-12 * scale and abs(hi - upper[d]) <= 1e-12 * scale,
                      f"bounds along {'xyz'[d]} = [{lo:.17g}, {hi:.17g}], mesh [{lower[d]!r}, {upper[d]!r}]")
            else:
                check(lo == hi, f"direction {'xyz'[d]} is flat ({lo!r} .. {hi!r})")
    if cells is not None:
        check(image.GetNumberOfCells() == math.prod(cells),
              f"{image.GetNumberOfCells()} cells, mesh.cells = {cells}")
    for name in arrays:
        if not check(name in names, f"cell array '{name}' present"):
            continue
        values = vtk_to_numpy(cd.GetArray(name))
        check(values.size == image.GetNumberOfCells(), f"'{name}' has one value per cell")
        bad = int(np.count_nonzero(~np.isfinite(values)))
        if check(bad == 0, f"'{name}' finite everywhere ({bad} non-finite)"):
            print(f"  '{name}' range: {values.min():.17g} .. {values.max():.17g}")


def check_gaussian(image, deck, cells, lower, upper):
    p = deck.get("problem", {})
    dim = len(cells)
    centre = [float(v) for v in p.get("center", [0.5, 0.5, 0.5])][:dim]
    width = float(p.get("width", 0.1))
    amp = float(p.get("amplitude", 1.0))
    bg = float(p.get("background", 0.0))
    xyz = cell_centres(cells, lower, upper)
    r2 = sum((xyz[d] - centre[d]) ** 2 for d in range(dim))
    want = bg + amp * np.exp(-r2 / (2.0 * width * width))
    got = vtk_to_numpy(image.GetCellData().GetArray("T"))
    err = float(np.max(np.abs(got - want)))
    tol = 1e-12 * max(1.0, abs(bg) + abs(amp))
    check(err <= tol, f"step 0 equals the gaussian initial condition (max error {err:.3g}, tolerance {tol:.3g})")


def pvd_entries(pvd):
    root = ET.parse(pvd).getroot()
    return [(float(ds.get("timestep")), ds.get("file")) for ds in root.iter("DataSet")]


def step_of(file):
    m = re.search(r"\.(\d+)\.pvti$", file)
    return int(m.group(1)) if m else None


def check_run_dir(run_dir):
    vtk_dir = os.path.join(run_dir, "vtk")
    pvds = sorted(f for f in os.listdir(vtk_dir) if f.endswith(".pvd")) if os.path.isdir(vtk_dir) else []
    deck_path = os.path.join(run_dir, "deck.resolved.toml")
    if not os.path.isfile(deck_path):
        sys.exit(f"check_pvti: FAIL: {deck_path} not found")
    deck = load_deck(deck_path)
    name = deck.get("run", {}).get("name")
    if name and f"{name}.pvd" in pvds:
        pvds = [f"{name}.pvd"]
    if len(pvds) != 1:
        sys.exit(f"check_pvti: FAIL: expected one .pvd in {vtk_dir}, found {pvds or 'none'}")
    pvd = os.path.join(vtk_dir, pvds[0])
    entries = pvd_entries(pvd)
    print(f"{pvd}: {len(entries)} step(s)")
    if not check(len(entries) > 0, "the .pvd lists at least one step"):
        return
    times = [t for t, _ in entries]
    check(all(a < b for a, b in zip(times, times[1:])), "time steps increase")
    for _, f in entries:
        check(os.path.isfile(os.path.join(vtk_dir, f)), f"{f} exists")
    cells, lower, upper = mesh_from_deck(deck)
    last = os.path.join(vtk_dir, entries[-1][1])
    print(f"{last} (time {entries[-1][0]!r}):")
    check_image(read_pvti(last), ["T"], cells, lower, upper)

    app = deck.get("run", {}).get("app")
    init = deck.get("problem", {}).get("name", "gaussian")
    first = [f for _, f in entries if step_of(f) == 0]
    if app == "heat" and init == "gaussian" and first:
        path = os.path.join(vtk_dir, first[0])
        print(f"{path}: analytic initial condition")
        check_gaussian(read_pvti(path), deck, cells, lower, upper)
    else:
        print(f"  (no analytic check: app={app}, problem.name={init}, step 0 written: {bool(first)})")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    ap.add_argument("target", help="a boreas run folder, or one .pvti file")
    ap.add_argument("arrays", nargs="*", help="cell arrays expected in the .pvti")
    ap.add_argument("--deck", help="deck.resolved.toml giving the mesh (PVTI mode)")
    ap.add_argument("--bounds", nargs="+", type=float, help="expected X0 X1 [Y0 Y1 [Z0 Z1]]")
    a = ap.parse_args()

    if os.path.isdir(a.target):
        if a.arrays or a.deck or a.bounds:
            ap.error("RUN_DIR takes no further arguments")
        check_run_dir(a.target)
    else:
        if not os.path.isfile(a.target):
            ap.error(f"{a.target}: no such file or folder")
        if a.bounds and len(a.bounds) not in (2, 4, 6):
            ap.error("--bounds takes 2, 4 or 6 numbers")
        cells = lower = upper = None
        deck_path = a.deck or os.path.join(os.path.dirname(os.path.abspath(a.target)), "..",
                                           "deck.resolved.toml")
        if a.bounds:
            lower, upper = a.bounds[0::2], a.bounds[1::2]
        elif os.path.isfile(deck_path):
            cells, lower, upper = mesh_from_deck(load_deck(deck_path))
            print(f"mesh from {os.path.normpath(deck_path)}")
        elif a.deck:
            ap.error(f"{a.deck}: no such file")
        print(f"{a.target}:")
        check_image(read_pvti(a.target), a.arrays, cells, lower, upper)

    if failures:
        print(f"check_pvti: FAIL: {len(failures)} check(s) failed", file=sys.stderr)
        return 1
    print("check_pvti: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
