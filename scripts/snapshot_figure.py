#!/usr/bin/python3
"""A picture of a 2D run's last HDF5 snapshot, with matplotlib (no ParaView).

    scripts/snapshot_figure.py RUN_DIR [--png FILE] [--variable NAME] [--size W H]

Draws a cell-centred variable as a colour map (default: T if the snapshot
has it, else speed) and the velocity (the snapshot's /vectors/velocity) as
streamlines, and writes RUN_DIR/<run.name>.png (or --png). This is the
fallback renderer of scripts/demo where ParaView's pvbatch is not
installed; the ParaView recipes (scripts/paraview, docs/paraview.md) draw
the same runs from the VTK output. Needs /usr/bin/python3 with h5py, numpy
and matplotlib (Debian: python3-h5py python3-matplotlib).
Exit codes: 0 drawn, 1 failed (no snapshot, not 2D, ...), 2 usage.
"""
import argparse
import csv
import glob
import os
import sys

import h5py
import numpy as np

# de Vahl Davis (1983): mean Nusselt number on the hot wall of the heated cavity.
NU_REFERENCE = {1e4: 2.243, 1e5: 4.519, 1e6: 8.800}


def fail(message):
    print(f"snapshot_figure: FAIL: {message}", file=sys.stderr)
    sys.exit(1)


def last_snapshot(run_dir):
    files = sorted(glob.glob(os.path.join(run_dir, "snapshots", "*.h5")))
    if not files:
        fail(f"no snapshot in {run_dir}/snapshots (the deck needs an [output.snapshot] schedule)")
    # <name>.<step:08>.h5: the highest step sorts last.
    return files[-1]


def deck_value(deck, dotted):
    import tomllib

    d = tomllib.loads(deck)
    for k in dotted.split("."):
        if not isinstance(d, dict) or k not in d:
            return None
        d = d[k]
    return d


def last_diagnostics(run_dir):
    try:
        with open(os.path.join(run_dir, "diagnostics.csv")) as f:
            rows = list(csv.DictReader(f))
    except OSError:
        return {}
    return {k: float(v) for k, v in (rows[-1] if rows else {}).items() if v not in ("", None)}


def steady(run_dir):
    """True if the run stopped at a steady state (its exit_status says so)."""
    try:
        with open(os.path.join(run_dir, "exit_status")) as f:
            return "steady" in f.read()
    except OSError:
        return False


def sci(x):
    """100000.0 -> 1e5."""
    m, e = f"{x:.2e}".split("e")
    return f"{m.rstrip('0').rstrip('.')}e{int(e)}"


def main():
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("run_dir")
    p.add_argument("--png")
    p.add_argument("--variable", help="colour map variable (default: T, else speed)")
    p.add_argument("--size", type=int, nargs=2, default=(1000, 900), metavar=("W", "H"),
                   help="picture size in pixels (default 1000 900)")
    args = p.parse_args()
    path = last_snapshot(args.run_dir)
    with h5py.File(path, "r") as f:
        cells = [int(c) for c in f["mesh/cells"][...]]
        lower = f["mesh/lower"][...]
        upper = f["mesh/upper"][...]
        if len(cells) != 2:
            fail(f"{path}: a {len(cells)}D snapshot; this draws 2D runs (3D: scripts/paraview)")
        fields = list(f["fields"])
        var = args.variable or ("T" if "T" in fields else "speed")
        if var not in fields:
            fail(f"{path}: no field '{var}' (it has {', '.join(fields)})")
        q = f["fields/" + var][...]
        if f["fields/" + var].attrs.get("centering", b"cell") not in (b"cell", "cell"):
            fail(f"{path}: '{var}' is not cell-centred")
        if "vectors/velocity" not in f:
            fail(f"{path}: no /vectors/velocity (list \"velocity\" in output.snapshot.variables)")
        vel = f["vectors/velocity"][...]
        time = float(f.attrs["time"])
        step = int(f.attrs["step"])
        deck = f.attrs["deck"].decode()

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    nx, ny = cells
    hx = (upper[0] - lower[0]) / nx
    hy = (upper[1] - lower[1]) / ny
    x = lower[0] + (np.arange(nx) + 0.5) * hx
    y = lower[1] + (np.arange(ny) + 0.5) * hy
    u, v = vel[:, :, 0], vel[:, :, 1]

    dpi = 100
    fig, ax = plt.subplots(figsize=(args.size[0] / dpi, args.size[1] / dpi), dpi=dpi,
                           layout="constrained")
    cmap = "coolwarm" if var == "T" else "viridis"
    lo, hi = (0.0, 1.0) if var == "T" and q.min() >= 0 and q.max() <= 1 else (q.min(), q.max())
    im = ax.imshow(q, origin="lower", extent=(lower[0], upper[0], lower[1], upper[1]),
                   cmap=cmap, vmin=lo, vmax=hi, interpolation="bilinear")
    speed = np.hypot(u, v)
    if speed.max() > 0:
        ax.streamplot(x, y, u, v, color="white", density=1.1, linewidth=1.2, arrowsize=1.2)
    ax.set_xlim(lower[0], upper[0])
    ax.set_ylim(lower[1], upper[1])
    ax.set_aspect("equal")
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    fig.colorbar(im, ax=ax, shrink=0.8, label=var)

    name = deck_value(deck, "run.name") or os.path.basename(path).rsplit(".", 2)[0]
    ra = deck_value(deck, "physics.Ra")
    pr = deck_value(deck, "physics.Pr")
    re = deck_value(deck, "physics.Re")
    head = name.replace("_", " ")
    if ra is not None:
        head = f"Differentially heated cavity, Ra = {sci(float(ra))}"
        head += f", Pr = {pr:g}" if pr is not None else ""
    elif re is not None:
        head += f", Re = {re:g}"
    sub = f"{nx} x {ny} cells, t = {time:.3g} (step {step})"
    d = last_diagnostics(args.run_dir)
    if "Nu_x_lower" in d and abs(d.get("time", -1) - time) <= 1e-9 * max(1.0, time):
        sub += f", Nu = {d['Nu_x_lower']:.3f} on the hot wall"
        ref = NU_REFERENCE.get(float(ra)) if ra is not None else None
        if ref is not None and steady(args.run_dir):
            sub += f" (de Vahl Davis: {ref})"
    ax.set_title(f"{head}\n{sub}\n{var} and streamlines (matplotlib, from {os.path.basename(path)})",
                 fontsize=11)
    png = args.png or os.path.join(args.run_dir, f"{name}.png")
    fig.savefig(png, dpi=dpi)
    plt.close(fig)
    print(f"picture: {png} ({var} and streamlines at t = {time:.6g}, from {path})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
