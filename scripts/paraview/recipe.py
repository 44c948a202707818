"""What the ParaView recipes of this folder share (docs/paraview.md).

A recipe (heated_cavity.py, cavity.py, taylor_green_3d.py) is a pvbatch or
pvpython script that takes a run folder, opens its VTK series
(RUN_DIR/vtk/<run.name>.pvd) at the last time step, builds the picture of
the docs, saves it as a PNG, and saves the same pipeline and camera as a
ParaView state file (.pvsm) that the ParaView window opens with
File > Load State. scripts/paraview/render runs them with the right Python
path, offscreen.

    RECIPE.py RUN_DIR [--png FILE] [--state FILE] [--size W H] [--time T]
                      [--state-data-path PATH]

--state-data-path writes PATH instead of the .pvd's absolute path into the
state file (the gallery's state files in this folder say vtk/<name>.pvd:
relative to ParaView's working folder, or found with Load State's "Search
files under specified directory").
"""
import argparse
import csv
import glob
import os
import sys
import tomllib
import xml.etree.ElementTree as ET

import paraview.simple as pv

BLACK = [0.0, 0.0, 0.0]
WHITE = [1.0, 1.0, 1.0]
# Margins and fonts are laid out for 1000 x 900 pixels and scaled with the
# picture (render_view sets this).
SCALE = 1.0


def fail(message):
    print(f"{os.path.basename(sys.argv[0])}: FAIL: {message}", file=sys.stderr, flush=True)
    sys.exit(1)


def parse_args(name, doc, size):
    p = argparse.ArgumentParser(prog=f"{name}.py", description=doc,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("run_dir", help="a boreas run folder with VTK output (vtk/<name>.pvd)")
    p.add_argument("--png", help=f"picture to write (default RUN_DIR/{name}.png)")
    p.add_argument("--state", help=f"ParaView state file to write (default RUN_DIR/{name}.pvsm)")
    p.add_argument("--size", type=int, nargs=2, default=size, metavar=("W", "H"),
                   help=f"picture size in pixels (default {size[0]} {size[1]})")
    p.add_argument("--time", type=float, help="time to show (default: the last step)")
    p.add_argument("--state-data-path",
                   help="the .pvd path to write into the state file (default: its absolute path)")
    args = p.parse_args()
    if not os.path.isdir(args.run_dir):
        fail(f"{args.run_dir}: not a folder")
    args.png = args.png or os.path.join(args.run_dir, f"{name}.png")
    args.state = args.state or os.path.join(args.run_dir, f"{name}.pvsm")
    return args


class Run:
    """A run folder: its resolved deck, its VTK series, its diagnostics."""

    def __init__(self, run_dir):
        self.dir = os.path.abspath(run_dir)
        path = os.path.join(self.dir, "deck.resolved.toml")
        try:
            with open(path, "rb") as f:
                self.deck = tomllib.load(f)
        except (OSError, tomllib.TOMLDecodeError) as e:
            fail(f"{path}: {e} (is {run_dir} a boreas run folder?)")
        self.name = self.deck.get("run", {}).get("name")
        pvds = sorted(glob.glob(os.path.join(self.dir, "vtk", "*.pvd")))
        named = os.path.join(self.dir, "vtk", f"{self.name}.pvd")
        if named in pvds:
            self.pvd = named
        elif len(pvds) == 1:
            self.pvd = pvds[0]
        else:
            fail(f"no VTK series in {self.dir}/vtk (found {pvds}); run the deck with an "
                 "[output.vtk] schedule, e.g. output.vtk.every_time=...")

    def get(self, dotted, default=None):
        d = self.deck
        for k in dotted.split("."):
            if not isinstance(d, dict) or k not in d:
                return default
            d = d[k]
        return d

    def diagnostics(self):
        """The last row of diagnostics.csv as {column: float} (empty cells left out)."""
        path = os.path.join(self.dir, "diagnostics.csv")
        last = None
        try:
            with open(path) as f:
                for row in csv.DictReader(f):
                    last = row
        except OSError:
            return {}
        return {k: float(v) for k, v in (last or {}).items() if v not in ("", None)}

    def at_end(self):
        """True if the time shown is the run's final state (the time of the
        last row of diagnostics.csv)."""
        end = self.diagnostics().get("time")
        return end is not None and abs(self.time - end) <= 1e-9 * max(1.0, abs(end))

    def steady(self):
        """True if the time shown is the state the run stopped at because it
        was steady (run.stop_when_steady; exit_status says so)."""
        try:
            with open(os.path.join(self.dir, "exit_status")) as f:
                return "steady" in f.read() and self.at_end()
        except OSError:
            return False

    def open(self, time=None):
        """The .pvd in a PVDReader, at `time` (default: the last step)."""
        reader = pv.PVDReader(registrationName=os.path.basename(self.pvd), FileName=self.pvd)
        steps = reader.TimestepValues  # a number when the series has one step
        times = [float(steps)] if isinstance(steps, (int, float)) else (list(steps) or [0.0])
        t = times[-1] if time is None else min(times, key=lambda x: abs(x - time))
        scene = pv.GetAnimationScene()
        scene.UpdateAnimationUsingDataTimeSteps()
        scene.AnimationTime = t
        reader.UpdatePipeline(t)
        self.time = t
        self.times = times
        return reader


def render_view(size, background=WHITE):
    """A render view of `size` pixels in a layout (so the state file shows it)."""
    # The camera is set by the recipe; the first Render must not reset it.
    global SCALE
    SCALE = min(size[0] / 1000.0, size[1] / 900.0)
    pv._DisableFirstRenderCameraReset()
    view = pv.CreateView("RenderView")
    layout = pv.CreateLayout("recipe")
    pv.AssignViewToLayout(view=view, layout=layout, hint=0)
    pv.SetActiveView(view)
    view.ViewSize = list(size)
    view.OrientationAxesVisibility = 0
    try:  # ParaView >= 5.10 takes the background from the palette unless told
        view.UseColorPaletteForBackground = 0
    except AttributeError:
        pass
    view.Background = background
    return view


def camera_2d(view, bounds, left=50, right=190, bottom=40, top=125):
    """Looks down -z at the x-y extent `bounds` (xmin, xmax, ymin, ymax) so
    that it fills the picture but for the margins given in pixels (room for
    a colour bar on the right and a title above)."""
    x0, x1, y0, y1 = bounds[:4]
    vw, vh = view.ViewSize
    left, right, bottom, top = (SCALE * m for m in (left, right, bottom, top))
    ppu = min((vw - left - right) / (x1 - x0), (vh - bottom - top) / (y1 - y0))  # pixels per unit
    # The centre of the picture in data coordinates.
    cx = x0 - left / ppu + 0.5 * vw / ppu
    cy = y0 - bottom / ppu + 0.5 * vh / ppu
    view.InteractionMode = "2D"
    view.CameraPosition = [cx, cy, 10.0 * max(x1 - x0, y1 - y0)]
    view.CameraFocalPoint = [cx, cy, 0.0]
    view.CameraViewUp = [0.0, 1.0, 0.0]
    view.CameraParallelProjection = 1
    view.CameraParallelScale = 0.5 * vh / ppu


def colour_by(display, view, array, preset, title, value_range=None, association="POINTS",
              component=None):
    pv.ColorBy(display, (association, array) if component is None
               else (association, array, component))
    lut = pv.GetColorTransferFunction(array)
    lut.ApplyPreset(preset, True)
    if value_range is None:
        display.RescaleTransferFunctionToDataRange(False, True)
    else:
        lut.RescaleTransferFunction(*value_range)
        pv.GetOpacityTransferFunction(array).RescaleTransferFunction(*value_range)
    lut.AutomaticRescaleRangeMode = "Never"
    display.SetScalarBarVisibility(view, True)
    bar = pv.GetScalarBar(lut, view)
    bar.Title = title
    bar.ComponentTitle = ""
    bar.TitleColor = BLACK
    bar.LabelColor = BLACK
    bar.TitleFontSize = max(6, round(18 * SCALE))
    bar.LabelFontSize = max(6, round(16 * SCALE))
    bar.ScalarBarLength = 0.6
    bar.HorizontalTitle = 1
    bar.RangeLabelFormat = "%-#.3g"
    bar.WindowLocation = "Any Location"
    bar.Orientation = "Vertical"
    bar.Position = [0.86, 0.2]
    return lut


def title(view, text, font_size=20, location="Upper Center"):
    """Text at the top of the picture (no "|": ParaView's text drops it)."""
    t = pv.Text(registrationName="title", Text=text)
    d = pv.Show(t, view)
    d.Color = BLACK
    d.FontSize = max(6, round(font_size * SCALE))
    d.WindowLocation = location
    return t


def solid(display, colour, line_width=None, opacity=None):
    display.ColorArrayName = [None, ""]
    display.AmbientColor = colour
    display.DiffuseColor = colour
    if line_width is not None:
        display.LineWidth = max(1.0, line_width * SCALE)
    if opacity is not None:
        display.Opacity = opacity


def finish(view, run, args, source_proxy=None):
    """Writes the PNG and the state file, and prints what it wrote."""
    pv.Render(view)
    os.makedirs(os.path.dirname(os.path.abspath(args.png)), exist_ok=True)
    pv.SaveScreenshot(args.png, view, ImageResolution=list(args.size), TransparentBackground=0)
    os.makedirs(os.path.dirname(os.path.abspath(args.state)), exist_ok=True)
    pv.SaveState(args.state)
    if args.state_data_path:
        relocate_state(args.state, run.pvd, args.state_data_path)
    if not (os.path.isfile(args.png) and os.path.getsize(args.png) > 0):
        fail(f"no picture written to {args.png}")
    print(f"picture: {args.png} ({os.path.relpath(run.pvd, run.dir)} at t = {run.time:.6g})",
          flush=True)
    print(f"ParaView state: {args.state} (paraview --state={args.state})", flush=True)
    # Release the GL context before pvbatch tears down the X connection.
    pv.Delete(view)


def relocate_state(state, old, new):
    """Rewrites the reader's file name `old` as `new` in a saved state file."""
    tree = ET.parse(state)
    changed = 0
    for el in tree.iter("Element"):
        if el.get("value") == old:
            el.set("value", new)
            changed += 1
    if changed == 0:
        fail(f"{state}: the data file {old} is not in it")
    tree.write(state, encoding="utf-8", xml_declaration=True)
