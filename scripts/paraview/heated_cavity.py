"""ParaView recipe: a differentially heated cavity (the demo).

Temperature as a colour map (blue cold, red hot), streamlines of the
velocity in white, and the hot-wall Nusselt number from diagnostics.csv in
the title. For runs of inputs/ns/heated_cavity_demo.toml (what scripts/demo
runs), inputs/ns/heated_cavity_ra1e5.toml and _ra1e6.toml with VTK output.

    scripts/paraview/render heated_cavity RUN_DIR       # RUN_DIR/heated_cavity.png, .pvsm
    pvbatch scripts/paraview/heated_cavity.py RUN_DIR [--png FILE] [--state FILE] [--size W H]

The pipeline (as in the state file): the .pvd, Cell Data to Point Data
(smooth colours; the streamlines follow the interpolated velocity), Stream
Tracer twice, seeded along y = 0.5 from each side wall inwards, and a
title.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import paraview.simple as pv  # noqa: E402

import recipe  # noqa: E402

# de Vahl Davis (1983): mean Nusselt number on the hot wall.
NU_REFERENCE = {1e4: 2.243, 1e5: 4.519, 1e6: 8.800}


def sci(x):
    """100000.0 -> 1e5, 25000.0 -> 2.5e4."""
    m, e = f"{x:.2e}".split("e")
    return f"{m.rstrip('0').rstrip('.')}e{int(e)}"


def main():
    args = recipe.parse_args("heated_cavity", __doc__, size=(1000, 900))
    run = recipe.Run(args.run_dir)
    reader = run.open(args.time)
    data_bounds = reader.GetDataInformation().GetBounds()
    x0, x1, y0, y1 = data_bounds[:4]
    w = x1 - x0

    view = recipe.render_view(args.size)
    points = pv.CellDatatoPointData(registrationName="point data", Input=reader)
    shown = pv.Show(points, view)
    shown.SetRepresentationType("Surface")
    recipe.colour_by(shown, view, "T", "Cool to Warm", "T", value_range=(0.0, 1.0))

    # Seeds along y = 0.5 from each side wall to a quarter of the width: the
    # lines round the core and, inside it, round the eddy on each side.
    for side, (xa, xb) in (("hot", (0.012, 0.26)), ("cold", (0.988, 0.74))):
        lines = pv.StreamTracer(registrationName=f"streamlines from the {side} side",
                                Input=points, SeedType="Line")
        lines.Vectors = ["POINTS", "velocity"]
        lines.SeedType.Point1 = [x0 + xa * w, 0.5 * (y0 + y1), 0.0]
        lines.SeedType.Point2 = [x0 + xb * w, 0.5 * (y0 + y1), 0.0]
        lines.SeedType.Resolution = 9
        lines.MaximumError = 1e-8
        lines.InitialStepLength = 0.05
        lines.MaximumSteps = 20000
        lines.IntegrationDirection = "FORWARD"
        # Once round the cavity (a closed streamline is shorter than its perimeter).
        lines.MaximumStreamlineLength = 4.2 * w
        recipe.solid(pv.Show(lines, view), recipe.WHITE, line_width=2.0)

    d = run.diagnostics()
    ra = run.get("physics.Ra")
    pr = run.get("physics.Pr")
    cells = run.get("mesh.cells", [])
    head = "Differentially heated cavity"
    if ra is not None:
        head += f", Ra = {sci(ra)}" + (f", Pr = {pr:g}" if pr is not None else "")
    state = f"steady state (t = {run.time:.3g})" if run.steady() else f"t = {run.time:.3g}"
    sub = f"{' x '.join(str(c) for c in cells)} cells, {state}"
    if "Nu_x_lower" in d and run.at_end():
        sub += f", Nu = {d['Nu_x_lower']:.3f} on the hot wall"
        ref = NU_REFERENCE.get(float(ra)) if ra is not None else None
        if ref is not None and run.steady():
            sub += f" (de Vahl Davis: {ref})"
    recipe.title(view, head + "\n" + sub + "\nT and streamlines; hot wall left, cold wall right",
                 font_size=20)
    recipe.camera_2d(view, data_bounds)
    recipe.finish(view, run, args)


if __name__ == "__main__":
    main()
