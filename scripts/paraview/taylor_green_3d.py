"""ParaView recipe: the 3D Taylor-Green vortex (isosurfaces).

An isosurface of the vorticity magnitude (at a fraction of its
maximum) coloured by the vertical velocity w, inside the outline of the
periodic box, seen at an angle. For runs of inputs/ns/taylor_green_3d.toml
with VTK output of the velocity and the vorticity, e.g.

    boreas run inputs/ns/taylor_green_3d.toml 'mesh.cells=[32,32,32]' run.t_end=8 \\
        output.vtk.every_time=4 'output.vtk.variables=["velocity","vorticity"]' -o tg
    scripts/paraview/render taylor_green_3d tg          # tg/taylor_green_3d.png, .pvsm
    pvbatch scripts/paraview/taylor_green_3d.py RUN_DIR [--png FILE] [--state FILE]
        [--size W H] [--time T] [--fraction F]

The pipeline (as in the state file): the .pvd, Cell Data to Point Data,
Calculator (vorticity_magnitude = mag(vorticity)), Contour at F x its maximum (default
F = 0.5) coloured by velocity_z, Outline, and a title.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import paraview.simple as pv  # noqa: E402

import recipe  # noqa: E402


def main():
    fraction = 0.5
    if "--fraction" in sys.argv:
        i = sys.argv.index("--fraction")
        try:
            fraction = float(sys.argv[i + 1])
        except (IndexError, ValueError):
            recipe.fail("--fraction needs a number")
        del sys.argv[i:i + 2]
    args = recipe.parse_args("taylor_green_3d", __doc__, size=(1000, 900))
    run = recipe.Run(args.run_dir)
    reader = run.open(args.time)
    info = reader.GetDataInformation()
    bounds = info.GetBounds()
    if bounds[4] == bounds[5]:
        recipe.fail(f"{run.pvd} is not 3D (this recipe draws isosurfaces in a 3D box)")
    have = [reader.CellData[k].GetName() for k in range(len(reader.CellData))]
    for need in ("vorticity", "velocity"):
        if need not in have:
            recipe.fail(f"{run.pvd} has no cell array '{need}' (it has {have}); write it with "
                        f"output.vtk.variables including \"{need}\"")

    view = recipe.render_view(args.size)
    points = pv.CellDatatoPointData(registrationName="point data", Input=reader)
    magnitude = pv.Calculator(registrationName="vorticity magnitude", Input=points)
    magnitude.ResultArrayName = "vorticity_magnitude"
    magnitude.Function = "mag(vorticity)"
    magnitude.UpdatePipeline(run.time)
    top = magnitude.PointData["vorticity_magnitude"].GetRange()[1]
    level = fraction * top
    surface = pv.Contour(registrationName="isosurface", Input=magnitude)
    surface.ContourBy = ["POINTS", "vorticity_magnitude"]
    surface.Isosurfaces = [level]
    surface.ComputeScalars = 1
    surface.ComputeNormals = 1
    surface.PointMergeMethod = "Uniform Binning"
    shown = pv.Show(surface, view)
    shown.SetRepresentationType("Surface")
    # velocity_z is there when the VTK output has all the velocity components.
    w = reader.CellData["velocity"].GetRange(2)
    w_max = max(abs(w[0]), abs(w[1]), 1e-30)
    lut = recipe.colour_by(shown, view, "velocity", "Cool to Warm", "w", value_range=(-w_max, w_max),
                           component="Z")
    lut.VectorMode = "Component"
    lut.VectorComponent = 2
    shown.Specular = 0.3

    outline = pv.Outline(registrationName="box", Input=reader)
    recipe.solid(pv.Show(outline, view), recipe.BLACK, line_width=1.5)

    re = None
    nu = run.get("physics.nu")
    if nu:
        re = 1.0 / nu
    cells = run.get("mesh.cells", [])
    head = "Taylor-Green vortex" + (f", Re = {re:.0f}" if re else "")
    sub = f"{' x '.join(str(c) for c in cells)} cells, t = {run.time:.3g}"
    recipe.title(view, f"{head}\n{sub}\nvorticity magnitude isosurface at {level:.3g} "
                       f"({fraction:g} x its maximum), coloured by w")

    # From the front right, a little above; the box left of the colour bar.
    cx, cy, cz = [(bounds[2 * i] + bounds[2 * i + 1]) / 2 for i in range(3)]
    size = max(bounds[1] - bounds[0], bounds[3] - bounds[2], bounds[5] - bounds[4])
    view.CameraParallelProjection = 0
    view.CameraViewAngle = 30
    view.CameraViewUp = [0.0, 0.0, 1.0]
    focal = [cx + 0.12 * size, cy + 0.12 * size, cz - 0.08 * size]
    view.CameraFocalPoint = focal
    view.CameraPosition = [focal[0] + 2.45 * size, focal[1] - 1.9 * size, focal[2] + 1.4 * size]
    recipe.finish(view, run, args)


if __name__ == "__main__":
    main()
