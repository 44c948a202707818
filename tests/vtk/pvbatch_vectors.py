"""ParaView's Stream Tracer and Glyph on an ns run's output as it is.

Usage (through the wrapper, which finds ParaView's Python modules):
  tests/vtk/run_pvbatch_check.sh --script pvbatch_vectors.py RUN_DIR OUT_PNG
or directly:
  xvfb-run -a pvbatch tests/vtk/pvbatch_vectors.py RUN_DIR OUT_PNG

RUN_DIR is an ns run (2D, walls all round, e.g. the lid-driven cavity) with
VTK output and snapshots. For each of RUN_DIR/vtk/<name>.pvd (PVDReader) and
RUN_DIR/snapshots/<name>.xdmf (Xdmf3ReaderS), at the last time step, with no
Calculator or other filter in between:
  * the cell array `velocity` has 3 components and its z-component is 0;
  * StreamTracer on `velocity` seeded along a horizontal line through the
    primary vortex gives streamlines: at least half the seeds start one,
    every point lies inside the domain, no line is longer than the maximum
    length asked for, and their mean length is at least a quarter of the
    domain's width (they follow the flow round the vortex, not stop at once);
  * Glyph oriented and scaled by `velocity` gives one arrow per cell;
  * the VTK and XDMF streamlines agree (same data, same seeds).
Then it renders speed with the streamlines and glyphs of the VTK output to
OUT_PNG and checks the picture is not blank.
Exit codes: 0 passed, 1 a check failed, 2 usage.
"""
import math
import os
import sys

import paraview.simple as pv
from paraview import servermanager as sm
from paraview.vtk import vtkIdList

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "common"))
from pvbatch_checks import check, failures, png_pixels  # noqa: E402


def find(run_dir, folder, ext):
    d = os.path.join(run_dir, folder)
    found = sorted(f for f in os.listdir(d) if f.endswith(ext)) if os.path.isdir(d) else []
    if len(found) != 1:
        print(f"pvbatch_vectors: FAIL: expected one {ext} in {d}, found {found}", file=sys.stderr)
        sys.exit(1)
    return os.path.abspath(os.path.join(d, found[0]))


def dataset(proxy):
    """The first non-composite block of a fetched output."""
    d = sm.Fetch(proxy)
    while d is not None and d.IsA("vtkCompositeDataSet"):
        it = d.NewIterator()
        it.InitTraversal()
        d = it.GetCurrentDataObject() if not it.IsDoneWithTraversal() else None
    return d


def line_lengths(poly):
    lengths = []
    lines = poly.GetLines()
    lines.InitTraversal()
    ids = vtkIdList()
    while lines.GetNextCell(ids):
        total = 0.0
        for k in range(1, ids.GetNumberOfIds()):
            a = poly.GetPoint(ids.GetId(k - 1))
            b = poly.GetPoint(ids.GetId(k))
            total += math.dist(a, b)
        lengths.append(total)
    return lengths


def study(label, reader, bounds_expected):
    print(f"{label}:")
    times = list(reader.TimestepValues)
    check(len(times) == 3, f"{len(times)} time steps (t = 0, 1.5, 3)")
    view_time = float(times[-1]) if times else 0.0
    reader.UpdatePipeline(view_time)
    data = dataset(reader)
    cd = data.GetCellData()
    vel = cd.GetArray("velocity")
    if not check(vel is not None and vel.GetNumberOfComponents() == 3,
                 "cell array velocity with 3 components"):
        return None
    zr = vel.GetRange(2)
    check(zr == (0.0, 0.0), f"its z-component is 0 (range {zr})")
    check(vel.GetRange(-1)[1] > 0.05, f"|velocity| up to {vel.GetRange(-1)[1]:.3f} (the flow moves)")
    x0, x1, y0, y1 = bounds_expected
    width = x1 - x0
    ncells = data.GetNumberOfCells()

    seeds = 21
    max_length = 4.0 * width
    st = pv.StreamTracer(Input=reader, SeedType="Line")
    st.Vectors = ["CELLS", "velocity"]
    st.SeedType.Point1 = [x0 + 0.05 * width, y0 + 0.7 * (y1 - y0), 0.0]
    st.SeedType.Point2 = [x1 - 0.05 * width, y0 + 0.7 * (y1 - y0), 0.0]
    st.SeedType.Resolution = seeds - 1
    st.MaximumStreamlineLength = max_length
    st.IntegrationDirection = "BOTH"
    st.UpdatePipeline(view_time)
    poly = dataset(st)
    lengths = line_lengths(poly) if poly is not None else []
    npts = poly.GetNumberOfPoints() if poly is not None else 0
    check(npts > 10 * seeds, f"StreamTracer: {npts} points")
    # Integrating BOTH ways gives up to two lines per seed.
    check(len(lengths) >= seeds // 2, f"{len(lengths)} streamlines from {seeds} seeds")
    # A line that reaches a wall ends with the step that leaves the domain.
    outside = 0.0
    if poly is not None:
        for k in range(npts):
            x, y, _ = poly.GetPoint(k)
            outside = max(outside, x0 - x, x - x1, y0 - y, y - y1)
    cell = width / max(1, round(ncells ** 0.5))
    check(outside <= 0.5 * cell,
          f"every streamline point lies inside the domain (to {outside:.2g} <= half a cell)")
    if lengths:
        mean = sum(lengths) / len(lengths)
        # The last integration step may cross the limit (by at most a cell or so).
        check(max(lengths) <= 1.05 * max_length,
              f"longest streamline {max(lengths):.3f} <= the maximum {max_length:.3f} + 5%")
        check(mean >= 0.25 * width, f"mean streamline length {mean:.3f} >= {0.25 * width:.3f}")
    glyph = pv.Glyph(Input=reader, GlyphType="Arrow")
    glyph.OrientationArray = ["CELLS", "velocity"]
    glyph.ScaleArray = ["CELLS", "velocity"]
    glyph.GlyphMode = "All Points"
    glyph.UpdatePipeline(view_time)
    g = dataset(glyph)
    arrow_points = g.GetNumberOfPoints() if g is not None else 0
    check(arrow_points >= ncells, f"Glyph: {arrow_points} points for {ncells} cells")
    return st, glyph, view_time, sorted(lengths)


def check_picture(png):
    """Speed covers the middle of the picture; the white streamlines show."""
    pixels = png_pixels(png)
    ny, nx, _ = pixels.shape
    background = pixels[-1, -1].tolist()
    middle = pixels[ny // 3:2 * ny // 3, nx // 3:2 * nx // 3].reshape(-1, 3).tolist()
    covered = sum(1 for p in middle if p != background) / len(middle)
    white = sum(1 for p in middle if min(p) >= 250) / len(middle)
    check(covered > 0.9 and 0.01 < white < 0.9,
          f"picture shows the data ({covered:.0%} of the centre covered, {white:.0%} streamlines)")


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    run_dir, png = sys.argv[1], sys.argv[2]
    pvd = find(run_dir, "vtk", ".pvd")
    xdmf = find(run_dir, "snapshots", ".xdmf")
    vtk_reader = pv.PVDReader(FileName=pvd)
    vtk_reader.UpdatePipeline()
    b = dataset(vtk_reader).GetBounds()
    bounds = (b[0], b[1], b[2], b[3])
    got_vtk = study(f"VTK {os.path.basename(pvd)}", vtk_reader, bounds)
    xdmf_reader = pv.Xdmf3ReaderS(FileName=[xdmf])
    got_xdmf = study(f"XDMF {os.path.basename(xdmf)}", xdmf_reader, bounds)
    if got_vtk and got_xdmf:
        a, b2 = got_vtk[3], got_xdmf[3]
        width = bounds[1] - bounds[0]
        # The XDMF grid is one cell thick in z (see io/output/xdmf.hpp), so a
        # line that leaves through a wall may take its last step differently.
        close = len(a) == len(b2) and all(abs(x - y) <= 0.05 * width for x, y in zip(a, b2))
        equal = sum(1 for x, y in zip(a, b2) if abs(x - y) <= 1e-6 * max(1.0, x))
        check(close and equal >= 0.8 * len(a),
              f"VTK and XDMF streamlines agree ({equal} of {len(a)} lengths to 1e-6, all to 5%)")

    if got_vtk:
        st, glyph, t, _ = got_vtk
        view = pv.CreateView("RenderView")
        view.ViewSize = [800, 800]
        view.ViewTime = t
        view.OrientationAxesVisibility = 0
        shown = pv.Show(vtk_reader, view)
        shown.SetRepresentationType("Surface")  # the default "Slice" can come out empty
        pv.ColorBy(shown, ("CELLS", "speed"))
        shown.RescaleTransferFunctionToDataRange(False, True)
        shown.SetScalarBarVisibility(view, True)
        lines = pv.Show(st, view)
        lines.ColorArrayName = [None, ""]
        lines.DiffuseColor = [1.0, 1.0, 1.0]
        lines.AmbientColor = [1.0, 1.0, 1.0]
        lines.LineWidth = 1.5
        arrows_src = pv.Glyph(Input=vtk_reader, GlyphType="Arrow")
        arrows_src.OrientationArray = ["CELLS", "velocity"]
        arrows_src.ScaleArray = ["CELLS", "velocity"]
        arrows_src.ScaleFactor = 0.12 * (bounds[1] - bounds[0])
        arrows_src.GlyphMode = "Every Nth Point"
        arrows_src.Stride = 53
        arrows = pv.Show(arrows_src, view)
        arrows.ColorArrayName = [None, ""]
        arrows.DiffuseColor = [0.05, 0.05, 0.05]
        arrows.AmbientColor = [0.05, 0.05, 0.05]
        view.ResetCamera()
        pv.Render(view)
        pv.SaveScreenshot(png, view, ImageResolution=[800, 800])
        pv.Delete(view)  # release the GL context before pvbatch tears down X
        del view
        if check(os.path.isfile(png) and os.path.getsize(png) > 0, f"wrote {png}"):
            check_picture(png)

    if failures:
        print(f"pvbatch_vectors: FAIL: {len(failures)} check(s) failed", flush=True)
        return 1
    print("pvbatch_vectors: ok", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
