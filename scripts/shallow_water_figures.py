#!/usr/bin/python3
"""Figures and checks of docs/shallow_water.md from the output folders of
shallow_water runs (`boreas run inputs/shallow_water/<deck>.toml --output DIR`).

  scripts/shallow_water_figures.py dam-break RUN_DIR [RUN_DIR ...] [--out PNG] [--max-error E]
      h and the exact depth h_exact (written by the app from its exact
      Riemann solver, physics/shallow_water/exact_riemann.hpp: the solver
      is not written twice) of each run's last snapshot along x, and the
      mean |h - h_exact| over the cells relative to h_left (the deeper
      side's depth, as the app's h_error_l1). With
      --max-error it is a check: exit 1 when a run's error exceeds E.
  scripts/shallow_water_figures.py lake RUN_DIR --out PNG
      the bottom, the surface and the largest speed over time of a
      lake-at-rest run (diagnostics.csv: speed_max, h_error_max).
  scripts/shallow_water_figures.py adjustment RUN_DIR --out PNG
      the surface and the along-step velocity v on the middle row of the
      last snapshot of a geostrophic-adjustment run against linear
      theory's adjusted state eta = -eta0 sign(x') (1 - exp(-|x'| / Ld)),
      v = (g / f0) d eta / dx, Ld = sqrt(g H) / f0.
  scripts/shallow_water_figures.py vortex RUN_DIR --out PNG
      the depth through the centre of a balanced-vortex run at t = 0 and
      at the last snapshot against h_exact, and h_error_max over time.
  scripts/shallow_water_figures.py kelvin RUN_DIR --out PNG
      the surface anomaly along the equator in each snapshot of a
      Kelvin-wave run against linear theory (h_exact), and the phase speed
      measured from the Fourier phase of the mode against sqrt(g H).

scripts/make-figures uses the *_result and draw_* functions here for the
verification report, docs/verification/. Needs /usr/bin/python3 with h5py,
numpy and matplotlib (Debian: python3-h5py python3-matplotlib).
"""
import argparse
import csv
import glob
import math
import os
import sys

import h5py
import numpy as np

import ns_figures  # scripts/, beside this file


def pyplot():
    """matplotlib only when a figure is drawn (the checks need h5py and numpy only)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def snapshots(run_dir):
    files = sorted(glob.glob(os.path.join(run_dir, "snapshots", "*.h5")))
    if not files:
        sys.exit(f"shallow_water_figures: no snapshot in {run_dir}/snapshots")
    return files


def deck_value(deck_text, table, key, default=None):
    """A scalar key from a file's embedded (resolved) deck (ns_figures.py's reader)."""
    value = ns_figures.deck_value(deck_text, table, key)
    return default if value is None else value.strip('"')


class Snapshot:
    def __init__(self, path):
        with h5py.File(path, "r") as f:
            self.time = float(f.attrs["time"])
            deck = f.attrs["deck"]
            self.deck = deck.decode() if isinstance(deck, bytes) else str(deck)
            self.fields = {name: np.array(f["fields"][name]) for name in f["fields"]}
            self.lower = np.array(f["mesh/lower"])
            self.upper = np.array(f["mesh/upper"])
            self.cells = np.array(f["mesh/cells"])

    def centres(self, d):
        h = (self.upper[d] - self.lower[d]) / self.cells[d]
        return self.lower[d] + (np.arange(self.cells[d]) + 0.5) * h

    def real(self, table, key, default):
        return float(deck_value(self.deck, table, key, default))


def diagnostics(run_dir):
    with open(os.path.join(run_dir, "diagnostics.csv")) as f:
        rows = list(csv.DictReader(f))
    return {k: np.array([float(r[k]) if r[k] != "" else math.nan for r in rows]) for k in rows[0]}


def row(a):
    """The middle row of a 2D field (a 1D field as it is)."""
    return a[a.shape[0] // 2] if a.ndim > 1 else a


def dam_break_result(run):
    """The last snapshot of a dam-break run against h_exact: time, cells,
    the mean |h - h_exact| over the cells relative to the deeper side's depth
    (h_left in the usual setup, as the app's h_error_l1), the lowest depth,
    and the profiles along x."""
    s = Snapshot(snapshots(run)[-1])
    h, exact = row(s.fields["h"]), row(s.fields["h_exact"])
    h_left = max(s.real("problem", "h_left", 1.0), s.real("problem", "h_right", 0.1))
    return {"run": run, "time": s.time, "cells": h.size, "h_left": h_left,
            "h_right": s.real("problem", "h_right", 0.1), "error": float(np.mean(np.abs(h - exact))) / h_left,
            "min_h": float(h.min()), "x": s.centres(0), "h": h, "exact": exact}


def draw_dam_break(results, out):
    plt = pyplot()
    fig, (ax, ax_err) = plt.subplots(2, 1, figsize=(7, 6), sharex=True, gridspec_kw={"height_ratios": [3, 1]})
    for r in results:
        label = f"h_right = {r['h_right']:g} ({r['error']:.1e})"
        line, = ax.plot(r["x"], r["h"], ".", ms=2.5, label=f"boreas, {label}")
        ax.plot(r["x"], r["exact"], "-", lw=1, color=line.get_color(), alpha=0.7)
        ax_err.plot(r["x"], (r["h"] - r["exact"]) / r["h_left"], lw=0.8, color=line.get_color())
    ax.set_ylabel("h")
    ax.set_title(f"dam break: boreas (dots) against the exact solution (lines), t = {results[-1]['time']:g}")
    ax.legend(fontsize=8)
    ax_err.set_xlabel("x")
    ax_err.set_ylabel("(h - h_exact) / h_left")
    fig.tight_layout()
    fig.savefig(out, dpi=130)
    plt.close(fig)


def dam_break(args):
    failed = False
    results = [dam_break_result(run) for run in args.runs]
    for r in results:
        print(f"{r['run']}: t = {r['time']:g}, {r['cells']} cells, mean |h - h_exact| / h_left = {r['error']:.3e}, "
              f"min h = {r['min_h']:.3e}")
        if args.max_error is not None and r["error"] > args.max_error:
            print(f"{r['run']}: error above {args.max_error:g}", file=sys.stderr)
            failed = True
    if args.out:
        draw_dam_break(results, args.out)
    return 1 if failed else 0


def lake_result(run):
    """First and last snapshot and the diagnostics of a lake-at-rest run."""
    files = snapshots(run)
    return {"first": Snapshot(files[0]), "last": Snapshot(files[-1]), "diagnostics": diagnostics(run)}


def draw_lake(r, out):
    plt = pyplot()
    first, last, d = r["first"], r["last"], r["diagnostics"]
    fig, (ax, ax_s) = plt.subplots(1, 2, figsize=(11, 4))
    x = first.centres(0)
    b = row(first.fields["b"])
    ax.fill_between(x, b.min() - 0.05, b, color="0.6", label="bottom b")
    wet = row(last.fields["h"]) > 0
    surface = lambda snap: np.where(row(snap.fields["h"]) > 0, row(snap.fields["eta"]), np.nan)
    ax.plot(x, surface(first), "b-", lw=1.5, label="surface at t = 0 (wet cells)")
    ax.plot(x, surface(last), "r--", lw=1.2, label=f"surface at t = {last.time:.3g}")
    ax.set_ylim(b.min() - 0.05, max(b.max(), 1.0) * 1.1)
    ax.set_xlabel("x (middle row)")
    ax.legend(fontsize=8)
    ax.set_title(f"lake at rest, {int(np.sum(~wet))} dry cells on this row")
    ax_s.semilogy(d["step"], np.maximum(d["speed_max"], 1e-18), label="largest speed")
    ax_s.semilogy(d["step"], np.maximum(d["h_error_max"], 1e-18), label="max |h - h0| / level")
    ax_s.axhline(1e-12, color="k", lw=0.8, ls=":", label="test bound 1e-12")
    ax_s.set_xlabel("step")
    ax_s.legend(fontsize=8)
    ax_s.set_title("departure from rest")
    fig.tight_layout()
    fig.savefig(out, dpi=130)
    plt.close(fig)


def lake(args):
    r = lake_result(args.runs[0])
    draw_lake(r, args.out)
    d = r["diagnostics"]
    print(f"speed_max after {int(d['step'][-1])} steps: {d['speed_max'][-1]:.3e}")
    return 0


def adjustment_result(run, index=-1):
    """The middle row of the last snapshot (or snapshot `index`) of a
    geostrophic-adjustment run and linear theory's adjusted state: eta =
    -eta0 sign(x') (1 - exp(-|x'| / Ld)), v = (g / f0) d eta / dx, Ld =
    sqrt(g H) / f0; the jet's peak and the RMS surface difference within 2 Ld
    of the step."""
    s = Snapshot(snapshots(run)[index])
    g = s.real("physics", "g", 9.81)
    f0 = s.real("physics", "f0", 0.0)
    H = s.real("problem", "depth", 1.0)
    eta0 = s.real("problem", "eta0", 0.1)
    x_step = deck_value(s.deck, "problem", "x_step")
    x0 = float(x_step) if x_step is not None else 0.5 * (s.lower[0] + s.upper[0])
    x = s.centres(0)
    j = s.fields["h"].shape[0] // 2
    eta = s.fields["h"][j] - H
    v = s.fields["v"][j]
    ld = math.sqrt(g * H) / f0
    xp = x - x0
    eta_lin = -eta0 * np.sign(xp) * (1.0 - np.exp(-np.abs(xp) / ld))
    v_lin = -(g / f0) * eta0 / ld * np.exp(-np.abs(xp) / ld)
    inner = np.abs(xp) < 2 * ld
    return {"time": s.time, "f0": f0, "g": g, "ld": ld, "eta0": eta0, "x": x, "x_step": x0, "eta": eta, "v": v,
            "eta_lin": eta_lin, "v_lin": v_lin, "jet_peak": float(v.min()), "jet_peak_linear": float(v_lin.min()),
            "eta_rms_2ld": float(np.sqrt(np.mean((eta - eta_lin)[inner] ** 2)))}


def draw_adjustment(r, out):
    plt = pyplot()
    fig, (ax, ax_v) = plt.subplots(2, 1, figsize=(7, 6), sharex=True)
    label = r.get("label", f"boreas, t = {r['time']:.3g} (f0 t = {r['f0'] * r['time']:.3g})")
    ax.plot(r["x"], r["eta"], "b-", label=label)
    ax.plot(r["x"], r["eta_lin"], "k--", label="linear adjusted state")
    ax.set_ylabel("h - H")
    ax.legend(fontsize=8)
    ax.set_title(f"geostrophic adjustment, Ld = {r['ld']:g}")
    ax_v.plot(r["x"], r["v"], "b-", label="boreas")
    ax_v.plot(r["x"], r["v_lin"], "k--", label="linear geostrophic jet")
    ax_v.set_xlabel("x")
    ax_v.set_ylabel("v")
    ax_v.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(out, dpi=130)
    plt.close(fig)


def adjustment(args):
    r = adjustment_result(args.runs[0])
    draw_adjustment(r, args.out)
    print(f"adjustment: jet peak {r['jet_peak']:.4f} (linear {r['jet_peak_linear']:.4f}), "
          f"rms eta difference within 2 Ld {r['eta_rms_2ld']:.3e}")
    return 0


def vortex_result(run):
    """First and last snapshot and the diagnostics of a balanced-vortex run."""
    files = snapshots(run)
    return {"first": Snapshot(files[0]), "last": Snapshot(files[-1]), "diagnostics": diagnostics(run)}


def draw_vortex(r, out):
    plt = pyplot()
    first, last, d = r["first"], r["last"], r["diagnostics"]
    j = first.fields["h"].shape[0] // 2
    x = first.centres(0)
    fig, (ax, ax_e) = plt.subplots(1, 2, figsize=(11, 4))
    ax.plot(x, first.fields["h_exact"][j], "k-", lw=1, label="exact (steady)")
    ax.plot(x, first.fields["h"][j], "b.", ms=3, label="t = 0")
    ax.plot(x, last.fields["h"][j], "r+", ms=4, label=f"t = {last.time:.3g}")
    ax.set_xlabel("x (row through the centre)")
    ax.set_ylabel("h")
    ax.legend(fontsize=8)
    ax.set_title("gradient-wind vortex on the f-plane")
    ax_e.plot(d["time"], d["h_error_max"], label="max |h - h_exact| / |anomaly|")
    ax_e.plot(d["time"], d["h_error_l1"], label="mean |h - h_exact| / |anomaly|")
    ax_e.axhline(1e-3, color="k", lw=0.8, ls=":", label="test bound 1e-3")
    ax_e.set_xlabel("t")
    ax_e.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(out, dpi=130)
    plt.close(fig)


def vortex(args):
    r = vortex_result(args.runs[0])
    draw_vortex(r, args.out)
    d = r["diagnostics"]
    print(f"vortex: h_error_max at t = {d['time'][-1]:.4f}: {d['h_error_max'][-1]:.3e}")
    return 0


def kelvin_result(run):
    """The surface anomaly on the equator (the two rows either side of it) in
    each snapshot of a Kelvin-wave run against linear theory (h_exact), and
    the phase speed from the Fourier phase of the mode against sqrt(g H):
    speeds = [(t, speed)]."""
    files = snapshots(run)
    first = Snapshot(files[0])
    H = first.real("problem", "depth", 1.0)
    g = first.real("physics", "g", 9.81)
    waves = first.real("problem", "waves", 1)
    x = first.centres(0)
    k = 2 * math.pi * waves / (first.upper[0] - first.lower[0])
    ny = first.fields["h"].shape[0]
    rows = slice(ny // 2 - 1, ny // 2 + 1)
    c = math.sqrt(g * H)
    profiles, speeds = [], []
    for path in files:
        s = Snapshot(path)
        eta = s.fields["h"][rows].mean(axis=0) - H
        exact = s.fields["h_exact"][rows].mean(axis=0) - H
        profiles.append((s.time, eta, exact))
        if s.time > 0:
            phase = np.angle(np.sum(eta * np.exp(-1j * k * x)))
            turns = math.floor(k * c * s.time / (2 * math.pi) + 0.5)
            travelled = -phase + 2 * math.pi * turns
            if travelled - k * c * s.time > math.pi:
                travelled -= 2 * math.pi
            speeds.append((s.time, travelled / (k * s.time)))
    return {"x": x, "c": c, "profiles": profiles, "speeds": speeds}


def draw_kelvin(r, out):
    plt = pyplot()
    fig, ax = plt.subplots(figsize=(8, 4))
    for t, eta, exact in r["profiles"]:
        line, = ax.plot(r["x"], eta, "-", lw=1.5, label=f"t = {t:g}")
        ax.plot(r["x"], exact, "--", lw=0.8, color=line.get_color())
    ax.set_xlabel("x")
    ax.set_ylabel("h - H on the equator")
    last = r["speeds"][-1] if r["speeds"] else (0, math.nan)
    ax.set_title(f"Kelvin wave: boreas (solid) against linear theory (dashed); "
                 f"phase speed {last[1]:.4f}, sqrt(gH) = {r['c']:.4f}", fontsize=9)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(out, dpi=130)
    plt.close(fig)


def kelvin(args):
    r = kelvin_result(args.runs[0])
    draw_kelvin(r, args.out)
    for t, sp in r["speeds"]:
        print(f"kelvin: t = {t:g}: phase speed {sp:.5f} ({100 * (sp - r['c']) / r['c']:+.2f}% of sqrt(g H))")
    return 0


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("what", choices=["dam-break", "lake", "adjustment", "vortex", "kelvin"])
    p.add_argument("runs", nargs="+", help="output folders of boreas runs")
    p.add_argument("--out", help="PNG to write")
    p.add_argument("--max-error", type=float, help="dam-break: fail above this mean error / h_left")
    args = p.parse_args()
    if args.what != "dam-break" and not args.out:
        p.error("--out is required")
    return {"dam-break": dam_break, "lake": lake, "adjustment": adjustment, "vortex": vortex,
            "kelvin": kelvin}[args.what](args)


if __name__ == "__main__":
    sys.exit(main())
