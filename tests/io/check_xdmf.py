"""Opens a Boreas XDMF index in ParaView's XDMF3 reader and checks it.

usage: pvbatch check_xdmf.py FILE.xdmf      (or pvpython)

For every time step ParaView must see a grid whose bounds are the mesh box
of the HDF5 file (/mesh/lower, /mesh/upper; unused directions flat at 0),
with one cell per dataset element, and every cell array must equal, element
for element in x-fastest order, the /fields dataset the index points at.
Exit 0 with "check_xdmf: ok ...", 1 with a message otherwise, 77 (skip)
when paraview.simple or h5py cannot be imported.
"""
import os
import sys
import xml.etree.ElementTree as ET

try:
    import h5py
    import numpy as np
    from paraview import servermanager, simple
    from vtkmodules.util.numpy_support import vtk_to_numpy
except ImportError as e:
    print(f"check_xdmf: skip: paraview or h5py not importable ({e})")
    sys.exit(77)


class CheckFailed(Exception):
    pass


def require(condition, message):
    if not condition:
        raise CheckFailed(message)


def entries(path):
    """[(time, {variable: (h5 file, dataset)})] in document order."""
    out = []
    root = ET.parse(path).getroot()
    for grid in root.iter("Grid"):
        if grid.get("GridType") != "Uniform":
            continue
        time = float(grid.find("Time").get("Value"))
        refs = {}
        for attribute in grid.findall("Attribute"):
            file, dataset = attribute.find("DataItem").text.strip().rsplit(":", 1)
            refs[attribute.get("Name")] = (os.path.join(os.path.dirname(path), file), dataset)
        out.append((time, refs))
    return out


def expected_bounds(h5file):
    with h5py.File(h5file, "r") as f:
        lower, upper = list(f["mesh/lower"][()]), list(f["mesh/upper"][()])
    bounds = []
    for d in range(3):
        bounds += [lower[d], upper[d]] if d < len(lower) else [0.0, 0.0]
    return bounds


def check(path):
    listed = entries(path)
    require(listed, "no uniform grids in the index")
    reader = simple.Xdmf3ReaderS(FileName=[path])
    times = list(reader.TimestepValues) if len(listed) > 1 else [listed[0][0]]
    require(times == [t for t, _ in listed],
            f"ParaView sees times {times}, the index lists {[t for t, _ in listed]}")
    for time, refs in listed:
        reader.UpdatePipeline(time)
        data = servermanager.Fetch(reader)
        if data.IsA("vtkMultiBlockDataSet"):
            require(data.GetNumberOfBlocks() == 1, f"t={time}: {data.GetNumberOfBlocks()} blocks")
            data = data.GetBlock(0)
        require(data is not None, f"t={time}: no grid")
        for name, (h5file, dataset) in refs.items():
            with h5py.File(h5file, "r") as f:
                want = f[dataset][()].reshape(-1)
            require(data.GetNumberOfCells() == want.size,
                    f"t={time}: {data.GetNumberOfCells()} cells, {dataset} has {want.size} values")
            array = data.GetCellData().GetArray(name)
            require(array is not None, f"t={time}: no cell array '{name}'")
            got = vtk_to_numpy(array).reshape(-1)
            require(np.array_equal(got, want), f"t={time}: array '{name}' differs from {dataset}")
        bounds = expected_bounds(next(iter(refs.values()))[0])
        require(np.allclose(data.GetBounds(), bounds, rtol=0, atol=1e-12),
                f"t={time}: bounds {data.GetBounds()}, expected {tuple(bounds)}")
    return f"{len(listed)} steps, {data.GetNumberOfCells()} cells, bounds {tuple(bounds)}"


def main(argv):
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    path = os.path.abspath(argv[1])  # the reader resolves HDF5 names against its folder
    try:
        summary = check(path)
    except (CheckFailed, OSError, KeyError, ValueError, AttributeError) as e:
        print(f"check_xdmf: FAIL: {path}: {e}")
        return 1
    print(f"check_xdmf: ok {path}: {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
