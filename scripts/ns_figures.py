#!/usr/bin/python3
"""Figures of docs/ns.md from the output folders of ns runs.

  scripts/ns_figures.py cavity RUN_DIR [RUN_DIR ...] [--out PNG] [--max-deviation D]
      u on x = 0.5 and v on y = 0.5 of each lid-driven cavity run (the final
      checkpoint; Re = U L / nu with nu from the checkpoint's /derived attributes
      or the embedded deck's physics.nu) against Ghia, Ghia &
      Shin (1982), whose tables are read from tests/data/ghia_re<Re>.csv (the
      numbers the regression tests assert against), plus the largest deviation
      per run (known misprints of the tables left out and marked, as
      scripts/compare_ghia.py lists them).
      With --max-deviation it is also a check: exit 1 when any run deviates
      by D or more at any tabulated point (the Re = 1000 slow test uses it).
  scripts/ns_figures.py decay RUN_DIR --out PNG
      kinetic energy of a Taylor-Green run (diagnostics.csv) against
      E0 exp(-2 nu (a^2 + b^2) t), and its relative error.
  scripts/ns_figures.py heated-cavity RUN_DIR --out PNG
      u on x = 0.5 and v on y = 0.5 of a differentially heated cavity run in
      thermal units (physics.Ra_units = "thermal": velocities in kappa/L)
      with de Vahl Davis's (1983) maxima for its Ra (1e4, 1e5) marked.
  scripts/ns_figures.py series RUN_DIR [RUN_DIR ...] --column NAME --out PNG
      one diagnostics.csv column over time per run (growth or decay of
      convection, approach of a Nusselt number to steady state, ...).

Runs come from `boreas run inputs/ns/<deck>.toml` (see docs/ns.md for the
commands used for each figure). scripts/make-figures uses the functions
here (cavity_comparison, heated_cavity_profiles, taylor_green_decay, the
draw_* functions) for the verification report, docs/verification/. Needs /usr/bin/python3 with h5py, numpy and
matplotlib (Debian: python3-h5py python3-matplotlib).
"""
import argparse
import csv
import glob
import math
import os
import re
import sys

import h5py
import numpy as np

import compare_ghia  # scripts/, beside this file: the known misprints of Ghia's tables

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def pyplot():
    """matplotlib only when a figure is drawn (the checks need h5py and numpy only)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def ghia_tables():
    """{name: (s, value)} from tests/data/ghia_re*.csv, e.g. 'kU100' (y, u) and 'kV100' (x, v)."""
    tables = {}
    for path in sorted(glob.glob(os.path.join(ROOT, "tests", "data", "ghia_re*.csv"))):
        re_ = int(re.search(r"ghia_re(\d+)\.csv$", path).group(1))
        with open(path) as f:
            rows = list(csv.DictReader(line for line in f if not line.startswith("#")))
        col = lambda name: np.array([float(r[name]) for r in rows])
        tables[f"kU{re_}"] = (col("y"), col("u"))
        tables[f"kV{re_}"] = (col("x"), col("v"))
    return tables


def final_checkpoint(run_dir):
    files = sorted(glob.glob(os.path.join(run_dir, "checkpoints", "*.h5")))
    if not files:
        sys.exit(f"ns_figures: no checkpoint in {run_dir}/checkpoints")
    return files[-1]


def deck_value(deck_text, table, key):
    """A scalar key from the embedded (resolved) deck."""
    section = None
    for line in deck_text.splitlines():
        line = line.split("#")[0].strip()
        if line.startswith("["):
            section = line.strip("[]").strip()
        elif "=" in line and section == table:
            k, v = (x.strip() for x in line.split("=", 1))
            if k == key:
                return v
    return None


def viscosity(f, deck):
    """nu of the run: derived (physics.Re, or Ra/Pr: the checkpoint's /derived
    attributes), else the deck's physics.nu, else the default 0.01."""
    if "derived" in f and "nu" in f["derived"].attrs:
        return float(f["derived"].attrs["nu"])
    nu = deck_value(deck, "physics", "nu")
    return float(nu) if nu is not None else 0.01


def cavity_profiles(path):
    """(Re, y, u(x=0.5, y), x, v(x, y=0.5), t) with the wall values at the ends."""
    with h5py.File(path, "r") as f:
        u = f["fields/u"][...]
        v = f["fields/v"][...]
        t = float(f.attrs["time"])
        deck = f.attrs["deck"]
        deck = deck.decode() if isinstance(deck, bytes) else str(deck)
        nu = viscosity(f, deck)
    n = u.shape[1]
    if u.shape != (n, n):
        sys.exit(f"ns_figures: {path}: the cavity figure needs a square 2D mesh, got {u.shape}")
    lid = float(deck_value(deck, "boundary", "y_upper_value") or 1.0)
    re_ = round(lid * 1.0 / nu)  # the unit cavity: Re = U L / nu
    s = np.concatenate([[0.0], (np.arange(n) + 0.5) / n, [1.0]])
    # MAC: u(j, n/2) sits on x = 0.5; v(n/2, i) on y = 0.5.
    fu = np.concatenate([[0.0], u[:, n // 2] / lid, [1.0]])
    fv = np.concatenate([[0.0], v[n // 2, :] / lid, [0.0]])
    return re_, s, fu, fv, t, n


def cavity_comparison(run):
    """The final checkpoint of a cavity run against Ghia's tables: a dict with
    Re, n, t, the centrelines s, fu, fv, the largest deviations du, dv at the
    tabulated points (known misprints of the tables left out, as
    scripts/compare_ghia.py does), the table itself and the points left out."""
    tables = ghia_tables()
    re_, s, fu, fv, t, n = cavity_profiles(final_checkpoint(run))
    if f"kU{re_}" not in tables:
        sys.exit(f"ns_figures: no Ghia table for Re = {re_} in tests/data (ghia_re{re_}.csv)")
    gy, gu = tables[f"kU{re_}"]
    gx, gv = tables[f"kV{re_}"]
    keep_u = np.array([(re_, "u", round(c, 4)) not in compare_ghia.MISPRINTS for c in gy])
    keep_v = np.array([(re_, "v", round(c, 4)) not in compare_ghia.MISPRINTS for c in gx])
    mu, mv = np.interp(gy, s, fu), np.interp(gx, s, fv)
    eu, ev = np.where(keep_u, np.abs(mu - gu), -1.0), np.where(keep_v, np.abs(mv - gv), -1.0)
    iu, iv = int(np.argmax(eu)), int(np.argmax(ev))
    du, dv = float(eu[iu]), float(ev[iv])
    left_out = [("u", float(c), float(g)) for c, g, k in zip(gy, gu, keep_u) if not k]
    left_out += [("v", float(c), float(g)) for c, g, k in zip(gx, gv, keep_v) if not k]
    return {"re": re_, "n": n, "t": t, "s": s, "fu": fu, "fv": fv, "du": du, "dv": dv,
            "ghia": (gy, gu, gx, gv), "left_out": left_out,
            # (coordinate, model, Ghia) where each deviation is largest
            "u_worst": (float(gy[iu]), float(mu[iu]), float(gu[iu])),
            "v_worst": (float(gx[iv]), float(mv[iv]), float(gv[iv]))}


def draw_cavity(curves, out):
    """u on x = 0.5 and v on y = 0.5 of cavity_comparison() results against Ghia."""
    plt = pyplot()
    fig, (au, av) = plt.subplots(1, 2, figsize=(10, 4.5))
    colour = {}
    for c in curves:
        (line,) = au.plot(c["fu"], c["s"], label=f"Boreas Re {c['re']}, {c['n']}$^2$ (max dev {c['du']:.3f})")
        colour.setdefault(c["re"], line.get_color())
        av.plot(c["s"], c["fv"], color=line.get_color(),
                label=f"Boreas Re {c['re']}, {c['n']}$^2$ (max dev {c['dv']:.3f})")
    for re_, c in sorted({c["re"]: c for c in curves}.items()):
        gy, gu, gx, gv = c["ghia"]
        au.plot(gu, gy, "o", mfc="none", color=colour[re_], label=f"Ghia et al. Re {re_}")
        av.plot(gx, gv, "o", mfc="none", color=colour[re_], label=f"Ghia et al. Re {re_}")
        for name, coord, value in c["left_out"]:
            a, xy = (au, (value, coord)) if name == "u" else (av, (coord, value))
            a.plot(*xy, "x", color=colour[re_], ms=8, label=f"Ghia Re {re_}: misprint, left out")
    au.set_xlabel("u on x = 0.5")
    au.set_ylabel("y")
    av.set_xlabel("x")
    av.set_ylabel("v on y = 0.5")
    for a in (au, av):
        a.grid(alpha=0.3)
        a.legend(fontsize=7)
    fig.suptitle("Lid-driven cavity: centreline velocities against Ghia, Ghia & Shin (1982)")
    fig.tight_layout()
    fig.savefig(out, dpi=110)
    plt.close(fig)
    print(f"wrote {out}")


def figure_cavity(args):
    curves = [cavity_comparison(run) for run in args.runs]
    for c in curves:
        print(f"cavity Re {c['re']} {c['n']}^2 t = {c['t']:g}: max |u - Ghia| {c['du']:.4f}, "
              f"max |v - Ghia| {c['dv']:.4f}")
    worst = max(max(c["du"], c["dv"]) for c in curves)
    if args.out:
        draw_cavity(curves, args.out)
    if args.max_deviation is not None:
        ok = worst < args.max_deviation
        print(f"{'ok' if ok else 'FAIL'}: largest deviation {worst:.4f} {'<' if ok else '>='} {args.max_deviation}")
        sys.exit(0 if ok else 1)


# de Vahl Davis (1983): (u_max on x = 0.5, its y; v_max on y = 0.5, its x; mean Nu).
DE_VAHL_DAVIS = {10000: (16.178, 0.823, 19.617, 0.119, 2.243), 100000: (34.73, 0.855, 68.59, 0.066, 4.519)}


def parabolic_max(s, f):
    """(value, position) of the largest sample of f(s) refined by the parabola
    through it and its two neighbours (uniform spacing)."""
    i = int(np.argmax(f))
    if i == 0 or i == len(f) - 1:
        return float(f[i]), float(s[i])
    a, b, c = f[i - 1], f[i], f[i + 1]
    den = a - 2 * b + c
    shift = 0.5 * (a - c) / den if den != 0 else 0.0
    return float(b - 0.25 * (a - c) * shift), float(s[i] + shift * (s[1] - s[0]))


def heated_cavity_profiles(run):
    """The final checkpoint of a differentially heated cavity run in thermal
    units: Ra, n, t, the centrelines (s, u on x = 0.5, v on y = 0.5), their
    maxima (largest MAC value and parabolic fit) and de Vahl Davis's values."""
    path = final_checkpoint(run)
    with h5py.File(path, "r") as f:
        u, v, t = f["fields/u"][...], f["fields/v"][...], float(f.attrs["time"])
        deck = f.attrs["deck"]
        deck = deck.decode() if isinstance(deck, bytes) else str(deck)
    ra = round(float(deck_value(deck, "physics", "Ra") or 0))
    if deck_value(deck, "physics", "Ra_units") not in ('"thermal"', None) or ra not in DE_VAHL_DAVIS:
        sys.exit(f"ns_figures: {path}: needs physics.Ra = 1e4 or 1e5 in thermal units")
    n = u.shape[1]
    s = (np.arange(n) + 0.5) / n
    # MAC: u(j, n/2) on x = 0.5 at y = s; v(n/2, i) on y = 0.5 at x = s.
    fu, fv = u[:, n // 2], v[n // 2, :]
    ju, iv = int(np.argmax(fu)), int(np.argmax(fv))
    return {"ra": ra, "n": n, "t": t, "s": s, "fu": fu, "fv": fv,
            "u_max_sample": (float(fu[ju]), float(s[ju])), "v_max_sample": (float(fv[iv]), float(s[iv])),
            "u_max": parabolic_max(s, fu), "v_max": parabolic_max(s, fv), "reference": DE_VAHL_DAVIS[ra]}


def draw_heated_cavity(runs, out):
    """Centreline velocities of heated_cavity_profiles() results (one Ra)
    with de Vahl Davis's maxima marked."""
    plt = pyplot()
    fig, (au, av) = plt.subplots(1, 2, figsize=(10, 4.2))
    for d in runs:
        au.plot(d["fu"], d["s"], label=f"Boreas {d['n']}$^2$")
        av.plot(d["s"], d["fv"], label=f"Boreas {d['n']}$^2$")
    um, yu, vm, xv, _ = runs[0]["reference"]
    au.plot([um], [yu], "ko", mfc="none", label=f"de Vahl Davis u_max {um}")
    av.plot([xv], [vm], "ko", mfc="none", label=f"de Vahl Davis v_max {vm}")
    au.set_xlabel("u on x = 0.5 (kappa/L)")
    au.set_ylabel("y")
    av.set_xlabel("x")
    av.set_ylabel("v on y = 0.5 (kappa/L)")
    for a in (au, av):
        a.grid(alpha=0.3)
        a.legend(fontsize=8)
    times = ", ".join(f"{d['t']:.3g}" for d in runs)
    fig.suptitle(f"Differentially heated cavity, Ra = {runs[0]['ra']:g}, Pr = 0.71, t = {times}")
    fig.tight_layout()
    fig.savefig(out, dpi=110)
    plt.close(fig)
    print(f"wrote {out}")


def figure_heated_cavity(args):
    d = heated_cavity_profiles(args.runs[0])
    um, yu, vm, xv, _ = d["reference"]
    (fu, su), (fv, sv) = d["u_max_sample"], d["v_max_sample"]
    print(f"heated cavity Ra {d['ra']:g} {d['n']}^2 t = {d['t']:g}: u_max {fu:.3f} at y {su:.3f} "
          f"(ref {um} at {yu}), v_max {fv:.3f} at x {sv:.3f} (ref {vm} at {xv})")
    draw_heated_cavity([d], args.out)


def read_diagnostics(run):
    with open(os.path.join(run, "diagnostics.csv")) as f:
        rows = list(csv.DictReader(f))
    if not rows:
        sys.exit(f"ns_figures: {run}/diagnostics.csv is empty")
    # An empty cell (a value not defined at that row, e.g. steady_residual at
    # step 0) reads as NaN.
    return {k: np.array([float(r[k]) if r[k] != "" else math.nan for r in rows]) for k in rows[0]}


def taylor_green_decay(run):
    """Kinetic energy of a 2D Taylor-Green run (diagnostics.csv) against
    E0 exp(-2 nu (a^2 + b^2) t): a dict with t, ke, exact, rel, nu."""
    d = read_diagnostics(run)
    with h5py.File(final_checkpoint(run), "r") as f:
        deck = f.attrs["deck"]
        deck = deck.decode() if isinstance(deck, bytes) else str(deck)
        lower, upper = f["mesh/lower"][...], f["mesh/upper"][...]
        nu = viscosity(f, deck)
    rate = 2.0 * nu * sum((2 * math.pi / (upper[k] - lower[k])) ** 2 for k in range(2))
    t, ke = d["time"], d["kinetic_energy"]
    exact = ke[0] * np.exp(-rate * t)
    return {"t": t, "ke": ke, "exact": exact, "rel": np.abs(ke - exact) / exact, "nu": nu,
            "diagnostics": d}


def draw_decay(d, out):
    """The kinetic energy of taylor_green_decay() and its relative error."""
    t, ke, exact, rel = d["t"], d["ke"], d["exact"], d["rel"]
    plt = pyplot()
    fig, (a, b) = plt.subplots(1, 2, figsize=(10, 4))
    a.plot(t, ke, label="Boreas")
    a.plot(t, exact, "--", label="E0 exp(-2 nu (a^2 + b^2) t)")
    a.set_xlabel("t")
    a.set_ylabel("kinetic energy")
    a.legend()
    b.semilogy(t[1:], rel[1:])
    b.set_xlabel("t")
    b.set_ylabel("relative error")
    for ax in (a, b):
        ax.grid(alpha=0.3)
    fig.suptitle("2D Taylor-Green vortex: kinetic-energy decay")
    fig.tight_layout()
    fig.savefig(out, dpi=110)
    plt.close(fig)
    print(f"wrote {out}")


def figure_decay(args):
    d = taylor_green_decay(args.runs[0])
    print(f"Taylor-Green: max relative KE error {d['rel'].max():.2e} over t <= {d['t'][-1]:g}")
    draw_decay(d, args.out)


def draw_series(series, column, out, log=False, ylim=None, references=(), title=None):
    """One diagnostics column over time per run: series = [(label, t, values)],
    references = [(value, label)] drawn as horizontal lines."""
    plt = pyplot()
    fig, a = plt.subplots(figsize=(6.5, 4))
    for label, t, values in series:
        (a.semilogy if log else a.plot)(t, values, label=label)
    if ylim:
        a.set_ylim(*ylim)
    for value, label in references:
        a.axhline(value, ls="--", c="k", lw=0.8)
        a.annotate(label, (0.02, value), xycoords=("axes fraction", "data"), fontsize=8, va="bottom")
    a.set_xlabel("t")
    a.set_ylabel(column)
    a.grid(alpha=0.3)
    a.legend(fontsize=8)
    if title:
        a.set_title(title)
    fig.tight_layout()
    fig.savefig(out, dpi=110)
    plt.close(fig)
    print(f"wrote {out}")


def figure_series(args):
    series = []
    for run, label in zip(args.runs, args.labels or args.runs):
        d = read_diagnostics(run)
        if args.column not in d:
            sys.exit(f"ns_figures: {run}/diagnostics.csv has no column '{args.column}' (has: {', '.join(d)})")
        print(f"{label}: {args.column} = {d[args.column][-1]:.6g} at t = {d['time'][-1]:g}")
        series.append((label, d["time"], d[args.column]))
    draw_series(series, args.column, args.out, args.log, args.ylim,
                list(zip(args.reference or [], args.reference_label or [])), args.title)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("figure", choices=["cavity", "decay", "heated-cavity", "series"])
    p.add_argument("runs", nargs="+", help="run output folders")
    p.add_argument("--out", help="PNG to write (required except for a cavity check)")
    p.add_argument("--max-deviation", type=float, help="cavity: fail at this deviation from Ghia")
    p.add_argument("--column", default="kinetic_energy", help="series: diagnostics column")
    p.add_argument("--labels", nargs="*", help="series: one legend label per run")
    p.add_argument("--log", action="store_true", help="series: logarithmic y axis")
    p.add_argument("--reference", type=float, nargs="*", help="series: horizontal reference lines")
    p.add_argument("--reference-label", nargs="*", help="series: their labels")
    p.add_argument("--ylim", type=float, nargs=2, help="series: y range")
    p.add_argument("--title")
    args = p.parse_args()
    if not args.out and not (args.figure == "cavity" and args.max_deviation is not None):
        p.error("--out is required")
    {"cavity": figure_cavity, "decay": figure_decay, "heated-cavity": figure_heated_cavity,
     "series": figure_series}[args.figure](args)


if __name__ == "__main__":
    main()
