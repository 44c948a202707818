"""Open a Boreas run in ParaView (pvbatch), check it and render a picture.

Usage (through the wrapper, which finds ParaView's Python modules and skips
with 77 only where pvbatch is not installed):
  tests/vtk/run_pvbatch_check.sh RUN_DIR OUT_PNG [--range MIN MAX] [--array T]
or directly:
  xvfb-run -a pvbatch tests/vtk/pvbatch_check.py RUN_DIR OUT_PNG [--range MIN MAX] [--array T]

What it does, for cell array T (--array to change):
  * opens RUN_DIR/vtk/<name>.pvd (PVDReader) and, if present,
    RUN_DIR/snapshots/<name>.xdmf (Xdmf3ReaderS), goes to the last time step;
  * checks the array exists and its range is finite and within [MIN, MAX],
    to 1e-9 relative. MIN/MAX come from --range, or else from
    RUN_DIR/diagnostics.csv (columns T_min, T_max; for another array
    <array>_min/_max): the row whose step is the last VTK step, or the last
    row. When the diagnostics row has the same step, the range must equal
    [MIN, MAX] (to 1e-9), not just lie inside it;
  * renders the last VTK step coloured by the array (camera reset; in 3D the
    outline and a slice at mid z) and saves OUT_PNG, then checks the picture
    is not blank.
Exit codes: 0 all checks passed, 1 a check failed, 2 usage error.
"""
import argparse
import csv
import math
import os
import re
import sys
import xml.etree.ElementTree as ET

import paraview.simple as pv

failures = []


def check(ok, what):
    print(("  ok    " if ok else "  FAIL  ") + what, flush=True)
    if not ok:
        failures.append(what)
    return ok


def fail(msg):
    print(f"pvbatch_check: FAIL: {msg}", file=sys.stderr, flush=True)
    sys.exit(1)


def find_series(run_dir, folder, ext):
    """The one <name>.<ext> in RUN_DIR/folder (preferring run.name), or None."""
    d = os.path.join(run_dir, folder)
    found = sorted(f for f in os.listdir(d) if f.endswith(ext)) if os.path.isdir(d) else []
    if len(found) > 1:
        fail(f"several {ext} files in {d}: {found}")
    return os.path.abspath(os.path.join(d, found[0])) if found else None


def last_step_of_pvd(pvd):
    files = [ds.get("file") for ds in ET.parse(pvd).getroot().iter("DataSet")]
    m = re.search(r"\.(\d+)\.pvti$", files[-1]) if files else None
    return int(m.group(1)) if m else None


def last_step_of_xdmf(xdmf):
    """Step of the last HDF5 file the .xdmf refers to (<name>.<step>.h5:/...)."""
    paths = [e.text or "" for e in ET.parse(xdmf).getroot().iter("DataItem")
             if (e.get("Format") or "").upper() == "HDF"]
    m = re.search(r"\.(\d+)\.h5:", paths[-1]) if paths else None
    return int(m.group(1)) if m else None


def expected_range(run_dir, array, step):
    """(min, max, exact) from diagnostics.csv; exact if the row is that step."""
    path = os.path.join(run_dir, "diagnostics.csv")
    if not os.path.isfile(path):
        fail(f"no --range given and {path} not found")
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    lo, hi = f"{array}_min", f"{array}_max"
    if not rows or lo not in rows[-1] or hi not in rows[-1]:
        fail(f"{path} has no rows with columns {lo}, {hi}")
    same = [r for r in rows if step is not None and r.get("step") == str(step)]
    row = same[-1] if same else rows[-1]
    print(f"expected range from {path}, step {row.get('step')}: {row[lo]} .. {row[hi]}")
    return float(row[lo]), float(row[hi]), bool(same)


def last_time(reader):
    times = list(reader.TimestepValues) if reader.TimestepValues else []
    return times[-1] if times else 0.0


def check_source(label, reader, array, lo, hi, exact):
    t = last_time(reader)
    reader.UpdatePipeline(t)
    print(f"{label}: last time {t!r}", flush=True)
    if not check(array in reader.CellData.keys(), f"cell array '{array}' present"):
        return None
    a, b = reader.CellData[array].GetRange()
    print(f"  '{array}' range {a!r} .. {b!r}")
    if not check(math.isfinite(a) and math.isfinite(b), "range finite"):
        return None
    tol = 1e-9 * max(abs(lo), abs(hi), 1e-300)
    check(a >= lo - tol and b <= hi + tol, f"range within [{lo!r}, {hi!r}] (tolerance {tol:.3g})")
    if exact:
        check(abs(a - lo) <= tol and abs(b - hi) <= tol, "range equals the diagnostics of that step")
    return (t, a, b, reader.GetDataInformation().GetBounds())


def render(reader, array, out_png):
    view = pv.CreateView("RenderView")
    view.ViewSize = [800, 600]
    view.ViewTime = last_time(reader)
    view.OrientationAxesVisibility = 1
    bounds = reader.GetDataInformation().GetBounds()
    shown = reader
    if bounds[5] > bounds[4]:  # 3D: the outline and a slice through the middle
        pv.Show(reader, view).SetRepresentationType("Outline")
        shown = pv.Slice(Input=reader)
        shown.SliceType = "Plane"
        shown.SliceType.Origin = [(bounds[2 * d] + bounds[2 * d + 1]) / 2 for d in range(3)]
        shown.SliceType.Normal = [0.0, 0.0, 1.0]
    display = pv.Show(shown, view)
    display.SetRepresentationType("Surface")  # the default "Slice" can come out empty
    pv.ColorBy(display, ("CELLS", array))
    display.RescaleTransferFunctionToDataRange(False, True)
    display.SetScalarBarVisibility(view, True)
    view.ResetCamera()
    if bounds[5] > bounds[4]:  # look from a corner rather than down z
        cam = view.GetActiveCamera()
        cam.Azimuth(30)
        cam.Elevation(25)
        view.ResetCamera()
    pv.Render(view)
    pv.SaveScreenshot(out_png, view, ImageResolution=[800, 600])
    pv.Delete(view)  # release the GL context before pvbatch tears down X
    del view
    if not check(os.path.isfile(out_png) and os.path.getsize(out_png) > 0, f"wrote {out_png}"):
        return
    check_picture(out_png)


def check_picture(out_png):
    """The data must cover a good part of the picture: count the pixels of
    the middle third that differ from the corner (background) colour."""
    from vtkmodules.vtkIOImage import vtkPNGReader
    from vtkmodules.util.numpy_support import vtk_to_numpy
    png = vtkPNGReader()
    png.SetFileName(out_png)
    png.Update()
    image = png.GetOutput()
    nx, ny, _ = image.GetDimensions()
    ncomp = image.GetPointData().GetScalars().GetNumberOfComponents()
    pixels = vtk_to_numpy(image.GetPointData().GetScalars()).reshape(ny, nx, ncomp)[:, :, :3]
    background = pixels[-1, -1].tolist()
    middle = pixels[ny // 3:2 * ny // 3, nx // 3:2 * nx // 3].reshape(-1, 3).tolist()
    covered = sum(1 for p in middle if p != background) / len(middle)
    colours = len({tuple(p) for p in middle})
    check(covered > 0.5 and colours > 1,
          f"picture shows the data ({covered:.0%} of the centre covered, {colours} colours)")


def main():
    ap = argparse.ArgumentParser(prog="pvbatch_check.py", description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    ap.add_argument("run_dir")
    ap.add_argument("out_png")
    ap.add_argument("--range", nargs=2, type=float, metavar=("MIN", "MAX"))
    ap.add_argument("--array", default="T")
    a = ap.parse_args()
    if not os.path.isdir(a.run_dir):
        ap.error(f"{a.run_dir}: not a folder")

    pvd = find_series(a.run_dir, "vtk", ".pvd")
    if pvd is None:
        fail(f"no .pvd in {os.path.join(a.run_dir, 'vtk')}")
    def expectation(step):
        if a.range:
            return a.range[0], a.range[1], False
        return expected_range(a.run_dir, a.array, step)

    vtk_reader = pv.PVDReader(FileName=pvd)
    vtk_result = check_source(pvd, vtk_reader, a.array, *expectation(last_step_of_pvd(pvd)))

    xdmf = find_series(a.run_dir, "snapshots", ".xdmf")
    if xdmf is not None:
        # Xdmf3 resolves the HDF5 paths against the .xdmf's folder; it needs an
        # absolute file name (a bare "x.xdmf" makes it look for "x.xdmfx.h5").
        xdmf_reader = pv.Xdmf3ReaderS(FileName=[xdmf])
        xdmf_result = check_source(xdmf, xdmf_reader, a.array,
                                   *expectation(last_step_of_xdmf(xdmf)))
        if vtk_result and xdmf_result:
            vb, xb = vtk_result[3], xdmf_result[3]
            scale = max([1.0] + [abs(v) for v in vb])
            # A 2DCoRectMesh lands in the x = 0 plane (ParaView reads its two
            # axes as z, y); this catches that and any other misplacement.
            check(all(abs(p - q) <= 1e-12 * scale for p, q in zip(vb, xb)),
                  f"XDMF bounds {xb} equal the VTK bounds {vb}")
            if vtk_result[0] == xdmf_result[0]:
                check(vtk_result[1:3] == xdmf_result[1:3], "VTK and XDMF agree on the range at the same time")
    else:
        print("(no snapshots/*.xdmf; XDMF not checked)")

    if vtk_result:
        render(vtk_reader, a.array, a.out_png)

    if failures:
        print(f"pvbatch_check: FAIL: {len(failures)} check(s) failed", file=sys.stderr, flush=True)
        return 1
    print("pvbatch_check: all checks passed", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
