"""Loads a recipe's state file onto a run folder and checks the pictures.

    pvbatch tests/demo/pvbatch_state.py STATE RUN_DIR RECIPE_PNG OUT_PNG

STATE names its data file by a relative path (vtk/<name>.pvd); it is loaded
as ParaView's Load State dialog does with "Search files under specified
directory" = RUN_DIR (paraview.simple.LoadState with data_directory and
restrict_to_data_directory). Checks:
  * the reader now reads the .pvd in RUN_DIR;
  * RECIPE_PNG (what the recipe drew) shows data: at least 64 colours, and
    at least 30 % of it differs from the colour of its corners;
  * the state, drawn again at the same size into OUT_PNG, gives the same
    picture (no more than 2 % of the pixels differ by more than 16 levels).
Exit codes: 0 passed, 1 a check failed, 2 usage.
"""
import collections
import os
import sys

import paraview.simple as pv

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "common"))
from pvbatch_checks import check, failures, png_pixels as pixels  # noqa: E402


def shows_data(label, p):
    colours = len({tuple(c) for c in p.reshape(-1, 3).tolist()})
    corners = [tuple(p[0, 0]), tuple(p[0, -1]), tuple(p[-1, 0]), tuple(p[-1, -1])]
    background = collections.Counter(corners).most_common(1)[0][0]
    covered = float((abs(p - background).sum(axis=2) > 0).mean())
    check(colours >= 64, f"{label}: {colours} colours (>= 64)")
    check(covered >= 0.3, f"{label}: {covered:.0%} of the picture is not background (>= 30 %)")


def main():
    if len(sys.argv) != 5:
        print(__doc__, file=sys.stderr)
        return 2
    state, run_dir, recipe_png, out_png = sys.argv[1:]
    run_dir = os.path.abspath(run_dir)
    pv.LoadState(state, data_directory=run_dir, restrict_to_data_directory=True)
    readers = [s for s in pv.GetSources().values() if s.GetXMLName() == "PVDReader"]
    if check(len(readers) == 1, f"{len(readers)} .pvd reader in the state"):
        name = readers[0].FileName
        check(os.path.dirname(os.path.dirname(os.path.abspath(name))) == run_dir,
              f"the state reads {name} (in {run_dir})")
    views = pv.GetViews()
    if not check(len(views) == 1, f"{len(views)} view in the state"):
        return 1
    view = views[0]
    p = pixels(recipe_png)
    ny, nx, _ = p.shape
    pv.SaveScreenshot(out_png, view, ImageResolution=[nx, ny], TransparentBackground=0)
    pv.Delete(view)  # release the GL context before pvbatch tears down X
    shows_data("the recipe's picture", p)
    q = pixels(out_png)
    if check(q.shape == p.shape, f"the state's picture is {q.shape[1]} x {q.shape[0]}"):
        differ = float((abs(p - q).max(axis=2) > 16).mean())
        check(differ <= 0.02, f"the state draws the same picture ({differ:.2%} of the pixels differ)")
    if failures:
        print(f"pvbatch_state: FAIL: {len(failures)} check(s) failed", flush=True)
        return 1
    print("pvbatch_state: ok", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
