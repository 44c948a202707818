#!/usr/bin/python3
"""The end of scripts/demo: draws the run and says where everything is.

    scripts/demo_report.py RUN_DIR [--recipe NAME] [--started EPOCH] [--run-seconds S]

Draws RUN_DIR with the ParaView recipe NAME (scripts/paraview/NAME.py,
default heated_cavity) in pvbatch where ParaView is installed, else with
matplotlib from the last HDF5 snapshot (scripts/snapshot_figure.py), then
prints where the results are, how to open them in ParaView, the result
(steady state, Nusselt number against de Vahl Davis) and the times
(perf.json: wall time, cell-updates/s, the largest phases).

BOREAS_DEMO_RENDERER=paraview|matplotlib|auto (default auto: ParaView if
pvbatch is installed, matplotlib if that is not or fails).
--started: when the demo started (seconds since the epoch), for its total
time; --run-seconds: the wall time of the mpirun that ran the deck.
Exit codes: 0 done, 1 no picture could be drawn or the run folder is
incomplete, 2 usage.
"""
import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
NU_REFERENCE = {1e4: 2.243, 1e5: 4.519, 1e6: 8.800}  # de Vahl Davis (1983), hot wall


def read_deck(run_dir):
    import tomllib

    with open(os.path.join(run_dir, "deck.resolved.toml"), "rb") as f:
        return tomllib.load(f)


def get(deck, dotted, default=None):
    d = deck
    for k in dotted.split("."):
        if not isinstance(d, dict) or k not in d:
            return default
        d = d[k]
    return d


def last_row(run_dir):
    with open(os.path.join(run_dir, "diagnostics.csv")) as f:
        rows = list(csv.DictReader(f))
    return {k: float(v) for k, v in (rows[-1] if rows else {}).items() if v not in ("", None)}


def duration(s):
    s = float(s)
    if s < 60:
        return f"{s:.1f} s"
    return f"{int(s // 60)} min {s - 60 * (s // 60):04.1f} s"


def draw(run_dir, recipe, renderer):
    """Returns (png, state or None, how) or exits 1."""
    name_png = None
    if renderer in ("auto", "paraview"):
        have_pv = shutil.which("pvbatch") is not None
        if not have_pv and renderer == "paraview":
            print("demo: BOREAS_DEMO_RENDERER=paraview but pvbatch is not installed "
                  "(scripts/setup-deps --with-paraview)", file=sys.stderr)
            sys.exit(1)
        if have_pv:
            png = os.path.join(run_dir, f"{recipe}.png")
            state = os.path.join(run_dir, f"{recipe}.pvsm")
            print(f"== drawing with ParaView (pvbatch scripts/paraview/{recipe}.py)", flush=True)
            p = subprocess.run([os.path.join(HERE, "paraview", "render"), recipe, run_dir],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               errors="replace")
            if p.returncode == 0 and os.path.isfile(png):
                return png, state, f"ParaView, scripts/paraview/{recipe}.py"
            tail = "\n".join(p.stdout.strip().splitlines()[-12:])
            print(f"demo: ParaView could not draw the run (exit {p.returncode}):\n{tail}",
                  file=sys.stderr)
            if renderer == "paraview":
                sys.exit(1)
            print("demo: drawing with matplotlib instead", file=sys.stderr)
        else:
            print("== drawing with matplotlib (ParaView's pvbatch is not installed: "
                  "scripts/setup-deps --with-paraview adds it)", flush=True)
    else:
        print("== drawing with matplotlib (BOREAS_DEMO_RENDERER=matplotlib)", flush=True)
    name_png = os.path.join(run_dir, f"{recipe}.png")
    p = subprocess.run([sys.executable, os.path.join(HERE, "snapshot_figure.py"), run_dir,
                        "--png", name_png], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       text=True, errors="replace")
    if p.returncode != 0 or not os.path.isfile(name_png):
        print(f"demo: matplotlib could not draw the run either:\n{p.stdout}", file=sys.stderr)
        sys.exit(1)
    return name_png, None, "matplotlib, scripts/snapshot_figure.py"


def perf_lines(perf):
    """Wall time, rate and the largest phases of perf.json."""
    timers = perf.get("timers", {})
    step = timers.get("step", {}).get("seconds_max", 0.0)
    wall = perf.get("wall_seconds", 0.0)
    lines = [f"{duration(wall)} wall in boreas ({perf.get('steps', 0)} steps, "
             f"{perf.get('cell_updates_per_s', 0.0):.3g} cell-updates/s, "
             f"{perf.get('ranks', '?')} ranks x {perf.get('threads_per_rank', '?')} thread"
             f"{'s' if perf.get('threads_per_rank', 1) != 1 else ''}, "
             f"{perf.get('backend', '?')})"]
    names = {
        "pressure_solve": "pressure solve",
        "scalar_diffusion_solve": "T diffusion (CN)",
        "viscous_solve": "viscous (CN)",
        "halo_exchange": "halo exchange",
    }
    shares = []
    for key, label in names.items():
        if key in timers and step > 0:
            shares.append(f"{label} {100 * timers[key]['seconds_max'] / step:.0f} %")
    io = sum(timers.get(k, {}).get("seconds_max", 0.0)
             for k in ("io_vtk", "io_snapshot", "io_checkpoint", "io_samples"))
    if shares:
        lines.append("of the step time: " + ", ".join(shares) +
                     (f"; output {duration(io)}" if io > 0 else "") + " (perf.json \"timers\")")
    return lines


def main():
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("run_dir")
    p.add_argument("--recipe", default="heated_cavity")
    p.add_argument("--started", type=float, help="when the demo started (epoch seconds)")
    p.add_argument("--run-seconds", type=float, help="wall time of the run (mpirun)")
    args = p.parse_args()
    renderer = os.environ.get("BOREAS_DEMO_RENDERER", "auto")
    if renderer not in ("auto", "paraview", "matplotlib"):
        print(f"demo: BOREAS_DEMO_RENDERER={renderer}: use paraview, matplotlib or auto",
              file=sys.stderr)
        return 2
    run_dir = os.path.abspath(args.run_dir)
    try:
        deck = read_deck(run_dir)
        row = last_row(run_dir)
        with open(os.path.join(run_dir, "perf.json")) as f:
            perf = json.load(f)
    except (OSError, ValueError) as e:
        print(f"demo: {run_dir} is not a finished run folder: {e}", file=sys.stderr)
        return 1
    name = get(deck, "run.name", "run")

    t0 = time.time()
    png, state, how = draw(run_dir, args.recipe, os.environ.get("BOREAS_DEMO_RENDERER", "auto"))
    draw_seconds = time.time() - t0

    rel = os.path.relpath(run_dir)
    show = rel if not rel.startswith("..") else run_dir
    pvd = os.path.join(show, "vtk", f"{name}.pvd")
    xdmf = os.path.join(show, "snapshots", f"{name}.xdmf")
    print()
    print(f"== results in {show}/")
    print(f"   picture:   {os.path.join(show, os.path.basename(png))}  (drawn by {how})")
    print(f"   ParaView:  paraview {pvd}")
    print("              (File > Open that .pvd, Apply, colour by T; the time controls step")
    print("              through the flow as it develops; filters: docs/paraview.md)")
    if state and os.path.isfile(state):
        print(f"              paraview --state={os.path.join(show, os.path.basename(state))}"
              "   (this picture's view, ready to turn)")
    if os.path.isfile(os.path.join(run_dir, "snapshots", f"{name}.xdmf")):
        print(f"              or {xdmf} (HDF5 snapshots; reader Xdmf3ReaderS)")
    status = ""
    try:
        with open(os.path.join(run_dir, "exit_status")) as f:
            status = f.read()
    except OSError:
        pass
    result = []
    if "steady" in status:
        result.append(f"steady state at t = {row.get('time', float('nan')):.4g} "
                      f"after {int(row.get('step', 0))} steps")
    else:
        result.append(f"t = {row.get('time', float('nan')):.4g} after {int(row.get('step', 0))} steps")
    if "Nu_x_lower" in row:
        nu = row["Nu_x_lower"]
        ra = get(deck, "physics.Ra")
        ref = NU_REFERENCE.get(float(ra)) if ra is not None else None
        text = f"Nusselt number on the hot wall {nu:.4f}"
        if ref is not None and "steady" in status:
            text += f" (de Vahl Davis 1983: {ref}, {100 * (nu - ref) / ref:+.1f} % at this mesh)"
        result.append(text)
    print(f"   result:    {'; '.join(result)}")
    print("   also:      log.txt, diagnostics.csv (Nu_x_lower, kinetic_energy, steady_residual, ...),")
    print("              lines/ (u on x = 0.5, v on y = 0.5), checkpoints/ (--restart, --init)")
    print()
    lines = perf_lines(perf)
    total = f"demo {duration(time.time() - args.started)}: " if args.started else ""
    run_s = f"run {duration(args.run_seconds)} (mpirun), " if args.run_seconds else ""
    print(f"== time: {total}{run_s}picture {duration(draw_seconds)}")
    for line in lines:
        print(f"   {line}")
    load = os.getloadavg()[0]
    cores = os.cpu_count() or 1
    # The run's own ranks count for up to 2.
    if load > cores + 2:
        print(f"   note: the load average is {load:.1f} on {cores} cores: other jobs share this "
              "machine, so these times are longer than on idle cores")
    return 0


if __name__ == "__main__":
    sys.exit(main())
