"""What the pvbatch test scripts share: named checks that print ok/FAIL and
collect the failures, and a PNG read back as an (ny, nx, 3) integer array.
Import it after putting tests/common on sys.path."""
from vtkmodules.util.numpy_support import vtk_to_numpy
from vtkmodules.vtkIOImage import vtkPNGReader

failures = []


def check(ok, what):
    print(("  ok    " if ok else "  FAIL  ") + what, flush=True)
    if not ok:
        failures.append(what)
    return ok


def png_pixels(png):
    """The RGB values of a PNG, rows from the bottom (VTK's order)."""
    r = vtkPNGReader()
    r.SetFileName(png)
    r.Update()
    image = r.GetOutput()
    nx, ny, _ = image.GetDimensions()
    sc = image.GetPointData().GetScalars()
    return vtk_to_numpy(sc).reshape(ny, nx, sc.GetNumberOfComponents())[:, :, :3].astype(int)
