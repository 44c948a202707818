#!/usr/bin/python3
"""The end of scripts/demo with its matplotlib fallback, on a demo run.

    tests/demo/check_demo_report.py RUN_DIR

Runs scripts/demo_report.py RUN_DIR with BOREAS_DEMO_RENDERER=matplotlib (as
on a machine without ParaView) and checks: exit 0; it says it drew with
matplotlib; RUN_DIR/heated_cavity.png exists and shows data (at least 64
colours, at least 30 % of it not the background); the report names the
picture, the .pvd to open in ParaView, the XDMF index and the times from
perf.json. An unknown BOREAS_DEMO_RENDERER is refused (exit 2).
Exit codes: 0 passed, 1 a check failed, 2 usage, 77 h5py or matplotlib
missing.
"""
import collections
import os
import subprocess
import sys

try:
    import h5py  # noqa: F401
    import matplotlib.image
except ImportError as e:
    print(f"check_demo_report: SKIP: {e} (Debian: python3-h5py python3-matplotlib)")
    sys.exit(77)

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
failures = []


def check(ok, what):
    print(("  ok    " if ok else "  FAIL  ") + what, flush=True)
    if not ok:
        failures.append(what)
    return ok


def report(run_dir, renderer):
    env = dict(os.environ, BOREAS_DEMO_RENDERER=renderer)
    return subprocess.run(["/usr/bin/python3", os.path.join(ROOT, "scripts", "demo_report.py"),
                           run_dir, "--started", "0", "--run-seconds", "1.5"],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env,
                          timeout=100, cwd=os.path.dirname(run_dir))


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    run_dir = os.path.abspath(sys.argv[1])
    png = os.path.join(run_dir, "heated_cavity.png")
    if os.path.exists(png):
        os.remove(png)
    p = report(run_dir, "matplotlib")
    print(p.stdout)
    check(p.returncode == 0, f"demo_report.py exits {p.returncode}")
    check("drawing with matplotlib" in p.stdout, "it draws with matplotlib")
    if check(os.path.isfile(png), f"{png} written"):
        image = matplotlib.image.imread(png)[:, :, :3]
        rgb = (image * 255).round().astype(int).reshape(-1, 3)
        colours = len({tuple(c) for c in rgb.tolist()})
        h, w = image.shape[:2]
        corners = [tuple(rgb[i]) for i in (0, w - 1, (h - 1) * w, h * w - 1)]
        background = collections.Counter(corners).most_common(1)[0][0]
        covered = sum(1 for c in rgb.tolist() if tuple(c) != background) / len(rgb)
        check(colours >= 64, f"the picture has {colours} colours (>= 64)")
        check(covered >= 0.3, f"{covered:.0%} of the picture is not background (>= 30 %)")
    # Run from the run folder's parent, the report names it by its base name.
    rel = os.path.basename(run_dir)
    for text in (f"picture:   {rel}/heated_cavity.png", "drawn by matplotlib",
                 f"paraview {rel}/vtk/heated_cavity.pvd", f"{rel}/snapshots/heated_cavity.xdmf",
                 "== time:", "cell-updates/s", "pressure solve"):
        check(text in p.stdout, f"the report says '{text}'")
    bad = report(run_dir, "bogus")
    check(bad.returncode == 2, f"BOREAS_DEMO_RENDERER=bogus: exit {bad.returncode} (2)")
    if failures:
        print(f"check_demo_report: FAIL: {len(failures)} check(s) failed")
        return 1
    print("check_demo_report: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
