"""ParaView recipe: the lid-driven cavity.

Speed |u| as a colour map, streamlines of the velocity in white and arrows
(Glyph) in black showing the direction and size of the velocity. For runs
of inputs/ns/cavity_re100.toml, cavity_re400.toml and cavity_re1000.toml
with VTK output, e.g.

    boreas run inputs/ns/cavity_re400.toml 'mesh.cells=[64,64]' output.vtk.every_time=5 -o re400
    scripts/paraview/render cavity re400                # re400/cavity.png, re400/cavity.pvsm
    pvbatch scripts/paraview/cavity.py RUN_DIR [--png FILE] [--state FILE] [--size W H]

The pipeline (as in the state file): the .pvd, Cell Data to Point Data,
Stream Tracer from three seed lines (the vertical centreline and a
diagonal into each lower corner), Resample To Image (a 12 x 12 lattice)
and Glyph (arrows of one size), and a title.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import paraview.simple as pv  # noqa: E402

import recipe  # noqa: E402


def main():
    args = recipe.parse_args("cavity", __doc__, size=(1000, 900))
    run = recipe.Run(args.run_dir)
    reader = run.open(args.time)
    bounds = reader.GetDataInformation().GetBounds()
    x0, x1, y0, y1 = bounds[:4]
    w, h = x1 - x0, y1 - y0

    view = recipe.render_view(args.size)
    points = pv.CellDatatoPointData(registrationName="point data", Input=reader)
    shown = pv.Show(points, view)
    shown.SetRepresentationType("Surface")
    speed_max = max(points.PointData["speed"].GetRange()[1], 1e-30)
    recipe.colour_by(shown, view, "speed", "Viridis (matplotlib)", "speed",
                     value_range=(0.0, speed_max))

    # Streamlines from seed lines: the vertical centreline (the primary
    # vortex, 16 seeds) and a diagonal into each lower corner (the secondary
    # eddies). Stream Tracer rather than Evenly Spaced Streamlines 2D, which
    # crashes ParaView 5.11 (a segfault in IsTooClose) on some steady states.
    cells = run.get("mesh.cells", [])
    seeds = [
        ("centreline", (0.5, 0.02), (0.5, 0.98), 15),
        ("lower right corner", (0.99, 0.01), (0.8, 0.2), 5),
        ("lower left corner", (0.01, 0.01), (0.15, 0.15), 4),
    ]
    for name, (ax, ay), (bx, by), n in seeds:
        lines = pv.StreamTracer(registrationName=f"streamlines, {name}", Input=points,
                                SeedType="Line")
        lines.Vectors = ["POINTS", "velocity"]
        lines.SeedType.Point1 = [x0 + ax * w, y0 + ay * h, 0.0]
        lines.SeedType.Point2 = [x0 + bx * w, y0 + by * h, 0.0]
        lines.SeedType.Resolution = n
        lines.IntegrationDirection = "BOTH"
        lines.MaximumStreamlineLength = 4.0 * (w + h)
        lines.MaximumSteps = 20000
        recipe.solid(pv.Show(lines, view), recipe.WHITE, line_width=1.5)

    # Arrows of one size on a regular 12 x 12 lattice (inset from the walls).
    lattice = pv.ResampleToImage(registrationName="arrow lattice", Input=points)
    lattice.UseInputBounds = 0
    lattice.SamplingBounds = [x0 + 0.04 * w, x1 - 0.04 * w, y0 + 0.04 * h, y1 - 0.04 * h, 0.0, 0.0]
    lattice.SamplingDimensions = [12, 12, 1]
    arrows = pv.Glyph(registrationName="arrows", Input=lattice, GlyphType="Arrow")
    arrows.OrientationArray = ["POINTS", "velocity"]
    arrows.ScaleArray = ["POINTS", "No scale array"]
    arrows.ScaleFactor = 0.045 * w
    arrows.GlyphMode = "All Points"
    recipe.solid(pv.Show(arrows, view), [0.08, 0.08, 0.08])

    re = run.get("physics.Re")
    lid = run.get("boundary.y_upper_value")
    head = "Lid-driven cavity" + (f", Re = {re:g}" if re is not None else "")
    state = f"steady state (t = {run.time:.3g})" if run.steady() else f"t = {run.time:.3g}"
    sub = f"{' x '.join(str(c) for c in cells)} cells, {state}"
    lid_text = f"the lid moves right at {lid:g}" if lid else "the lid moves right"
    recipe.title(view, f"{head}\n{sub}\nspeed, streamlines and velocity arrows; {lid_text}")
    recipe.camera_2d(view, bounds)
    recipe.finish(view, run, args)


if __name__ == "__main__":
    main()
