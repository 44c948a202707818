"""Shallow-water cases: the dam break on a wet and a dry bed against the
exact Riemann solution (the app's h_exact), the lake at rest over a bump
with dry cells, the balanced vortex after an inertial period, the
equatorial Kelvin wave's phase speed against sqrt(g H), and the geostrophic
adjustment of a height step against linear theory. The analyses are
scripts/shallow_water_figures.py's."""
import math

import numpy as np

import shallow_water_figures as swf

from . import report as md

DAM = "inputs/shallow_water/dam_break.toml"
DAM_RUNS = [  # name, overrides, in the figure
    ("wet", [], True),
    ("dry", ["problem.h_right=0.0"], True),
    ("wet_upwind", ["physics.scheme=upwind"], False),
]
DAM_BOUND = 2e-3  # mean |h - h_exact| / h_left, the project's acceptance bound (PLM + HLL, 800 cells)
LAKE = "inputs/shallow_water/lake_at_rest.toml"
LAKE_RANKS = (1, 2)
SPEED_BOUND = 1e-12
VORTEX = "inputs/shallow_water/balanced_vortex.toml"
VORTEX_BOUND = 1e-3  # growth of max |h - h_exact| over the anomaly in one inertial period
MASS_BOUND = 1e-13
KELVIN = "inputs/shallow_water/kelvin_wave.toml"
KELVIN_BOUND = 0.02
ADJUSTMENT = "inputs/shallow_water/geostrophic_adjustment.toml"
ADJUSTMENT_SNAPSHOT_EVERY = 0.25
PEAKS_EVERY = 2.5  # the jet peaks listed in the text



def mass_change(d):
    return float(np.max(np.abs(d["mass"] - d["mass"][0])) / abs(d["mass"][0]))


# --- dam break ------------------------------------------------------------------

def compute_dam_break(ctx):
    runs = ctx.run_many([(name, DAM, ov + ["output.diagnostics_every=1"]) for name, ov, _ in DAM_RUNS])
    rows, shown = [], []
    for (name, _, show), run in zip(DAM_RUNS, runs):
        r = swf.dam_break_result(run.out)
        d = swf.diagnostics(run.out)
        deck = run.resolved()
        rows.append({"name": name, "scheme": deck["physics"]["scheme"], "flux": deck["physics"]["flux"],
                     "integrator": deck["physics"]["integrator"], "h_left": r["h_left"], "h_right": r["h_right"],
                     "cells": r["cells"], "t": r["time"], "steps": run.steps, "error": r["error"],
                     "h_exact_min": float(r["exact"].min()), "min_h_run": float(np.nanmin(d["h_min"])),
                     "mass_change": mass_change(d)})
        if show:
            shown.append(r)
    fig = "sw-dam-break.png"
    ctx.draw(swf.draw_dam_break, shown, ctx.figure(fig))
    summary = []
    for x in rows:
        bed = "dry bed" if x["h_right"] == 0 else f"wet bed (h_right / h_left = {md.num(x['h_right'] / x['h_left'])})"
        first = x["scheme"] == "upwind"
        summary.append([f"{bed}, {x['scheme']}: mean |h − h_exact| / h_left", md.sci(x["error"]),
                        "first order, for contrast" if first else f"≤ {md.sci(DAM_BOUND, 0)}",
                        None if first else x["error"] <= DAM_BOUND])
    summary.append(["lowest depth over every step of every run", md.sci(min(x["min_h_run"] for x in rows), 1),
                    "≥ 0", min(x["min_h_run"] for x in rows) >= 0])
    return {"rows": rows, "figure": fig, "x_dam": runs[0].resolved()["problem"]["x_dam"], "summary": summary}


def section_dam_break(r):
    rows = [[f"{md.num(x['h_left'])} / {md.num(x['h_right'])}", f"{x['scheme']}, {x['flux']}, {x['integrator']}",
             x["cells"], f"{md.num(x['t'])} ({x['steps']})", md.sci(x["error"], 3), md.sci(x["min_h_run"], 2),
             md.sci(x["mass_change"], 1)] for x in r["rows"]]
    return (f"A dam at x = {md.num(r['x_dam'])} between still water of depth h_left and h_right over a flat "
            "bottom (h_right = 0: "
            "Ritter's dry bed), 1D, outflow ends that no wave reaches. The exact solution is the app's own "
            "`h_exact` (the exact Riemann solver of `physics/shallow_water/exact_riemann.hpp`, cell means), "
            "read from the last snapshot by `scripts/shallow_water_figures.py`. Error: mean over the cells of "
            f"|h − h_exact| relative to h_left; bound {md.sci(DAM_BOUND, 0)} (the project's acceptance bound for a "
            "second-order scheme; the first-order row shows what the bound tells apart). The lowest depth is "
            "the app's `h_min` at every step (`output.diagnostics_every=1`).\n\n"
            + md.table(["h_left / h_right", "scheme", "cells", "t (steps)", "mean error / h_left", "lowest depth",
                        "max |mass change| / mass"], rows)
            + "\n" + md.figure(r["figure"], "Dam break on a wet and a dry bed against the exact solution"))


# --- lake at rest -------------------------------------------------------------------

def compute_lake_at_rest(ctx):
    runs = [ctx.run(f"np{n}", LAKE, [], ranks=n) for n in LAKE_RANKS]
    rows = []
    for n, run in zip(LAKE_RANKS, runs):
        d = swf.diagnostics(run.out)
        last = swf.Snapshot(swf.snapshots(run.out)[-1])
        rows.append({"ranks": run.ranks, "steps": run.steps, "t": run.time,
                     "speed_max": float(np.nanmax(d["speed_max"])),
                     "speed_last": d["speed_max"][-1], "h_error_max": float(np.nanmax(d["h_error_max"])),
                     "mass_change": mass_change(d), "dry": int(np.sum(last.fields["h"] <= 0)),
                     "cells": int(last.fields["h"].size)})
    snaps = [swf.Snapshot(swf.snapshots(r.out)[-1]) for r in runs]
    diff = max(float(np.max(np.abs(snaps[0].fields[v] - s.fields[v]))) for s in snaps[1:] for v in ("h", "hu", "hv"))
    fig = "sw-lake-at-rest.png"
    ctx.draw(swf.draw_lake, swf.lake_result(runs[0].out), ctx.figure(fig))
    summary = [[f"{x['ranks']} rank{'s' if x['ranks'] > 1 else ''}: largest speed over {x['steps']} steps",
                md.sci(x["speed_max"]), f"≤ {md.sci(SPEED_BOUND, 0)}", x["speed_max"] <= SPEED_BOUND] for x in rows]
    summary.append(["largest relative mass change", md.sci(max(x["mass_change"] for x in rows)),
                    f"≤ {md.sci(MASS_BOUND, 0)}", max(x["mass_change"] for x in rows) <= MASS_BOUND])
    summary.append([f"h, hu, hv on {LAKE_RANKS[0]} and {LAKE_RANKS[-1]} ranks: largest difference", md.sci(diff, 1),
                    "0 (bitwise)", diff == 0])
    problem = runs[0].resolved()["problem"]
    return {"rows": rows, "rank_difference": diff, "figure": fig, "level": problem["level"],
            "bump_height": problem["bump_height"], "summary": summary}


def section_lake_at_rest(r):
    rows = [[x["ranks"], f"{md.num(x['t'], 5)} ({x['steps']})", f"{x['dry']} of {x['cells']}",
             md.sci(x["speed_max"], 2), md.sci(x["speed_last"], 2), md.sci(x["h_error_max"], 2),
             md.sci(x["mass_change"], 1)] for x in r["rows"]]
    return (f"Still water (level {md.num(r['level'])}) over a cosine bump {md.num(r['bump_height'])} high, so "
            "that its top is dry, in a box "
            "with reflecting walls: the state must stay at rest (well-balanced hydrostatic reconstruction with "
            f"wetting and drying). The deck as committed, on {' and '.join(str(x['ranks']) for x in r['rows'])} "
            f"ranks; bound on the speed {md.sci(SPEED_BOUND, 0)}.\n\n"
            + md.table(["ranks", "t (steps)", "dry cells", "largest speed, all rows", "speed at the end",
                        "max |h − h0| / level", "max |mass change| / mass"], rows)
            + "\nThe final h, hu and hv on the two rank counts differ by at most "
            f"{md.sci(r['rank_difference'], 1)}.\n\n"
            + md.figure(r["figure"], "Lake at rest: surface and departure from rest"))


# --- balanced vortex -------------------------------------------------------------------

def compute_balanced_vortex(ctx):
    run = ctx.run("vortex", VORTEX, ["output.vtk.every_time=0"])
    res = swf.vortex_result(run.out)
    d = res["diagnostics"]
    deck = run.resolved()
    fig = "sw-balanced-vortex.png"
    ctx.draw(swf.draw_vortex, res, ctx.figure(fig))
    out = {"cells": deck["mesh"]["cells"], "scheme": deck["physics"]["scheme"],
           "integrator": deck["physics"]["integrator"], "f0": deck["physics"]["f0"], "t": d["time"][-1],
           "steps": run.steps, "error0": d["h_error_max"][0], "error": d["h_error_max"][-1],
           "l1_0": d["h_error_l1"][0], "l1": d["h_error_l1"][-1], "mass_change": mass_change(d), "figure": fig}
    out["growth"] = out["error"] - out["error0"]
    out["summary"] = [["growth of max |h − h_exact| / |anomaly| in one inertial period", md.sci(out["growth"]),
                       f"≤ {md.sci(VORTEX_BOUND, 0)}", out["growth"] <= VORTEX_BOUND],
                      ["relative mass change (periodic)", md.sci(out["mass_change"]), f"≤ {md.sci(MASS_BOUND, 0)}",
                       out["mass_change"] <= MASS_BOUND]]
    return out


def section_balanced_vortex(r):
    rows = [[md.cells(r["cells"]), f"{r['scheme']}, {r['integrator']}", f"{md.num(r['t'], 5)} ({r['steps']})",
             md.sci(r["error0"], 2), md.sci(r["error"], 2), md.sci(r["growth"], 2), md.sci(r["l1"], 2),
             md.sci(r["mass_change"], 1)]]
    return ("A Gaussian low in gradient-wind balance on the f-plane, periodic box: an exact steady state "
            f"(`h_exact`). The deck runs one inertial period 2 pi / f0 (f0 = {md.num(r['f0'])}); the error is the "
            "app's `h_error_max`, max |h − h_exact| over the anomaly's amplitude (at t = 0 it is the "
            "difference between the cell means and the sampled exact state). Bound on the growth: "
            f"{md.sci(VORTEX_BOUND, 0)}.\n\n"
            + md.table(["mesh", "scheme", "t (steps)", "error at t = 0", "error at the end", "growth",
                        "mean error at the end", "max |mass change| / mass"], rows)
            + "\n" + md.figure(r["figure"], "Balanced vortex: depth through the centre and error over time"))


# --- Kelvin wave -----------------------------------------------------------------------

def compute_kelvin_wave(ctx):
    run = ctx.run("kelvin", KELVIN, [])
    res = swf.kelvin_result(run.out)
    deck = run.resolved()
    fig = "sw-kelvin-wave.png"
    ctx.draw(swf.draw_kelvin, res, ctx.figure(fig))
    c = res["c"]
    speeds = [{"t": t, "speed": s, "deviation": (s - c) / c} for t, s in res["speeds"]]
    worst = max(abs(x["deviation"]) for x in speeds)
    return {"cells": deck["mesh"]["cells"], "scheme": deck["physics"]["scheme"], "c": c, "steps": run.steps,
            "speeds": speeds, "g": deck["physics"]["g"], "depth": deck["problem"]["depth"],
            "beta": deck["physics"]["beta"], "figure": fig,
            "summary": [[f"phase speed at t = {md.num(speeds[-1]['t'])}", md.num(speeds[-1]["speed"], 5),
                         f"sqrt(g H) = {md.num(c, 5)} ({md.pct(speeds[-1]['deviation'])}; bound ± "
                         f"{md.pct(KELVIN_BOUND, 0)[1:]})", worst <= KELVIN_BOUND]]}


def section_kelvin_wave(r):
    rows = [[md.num(x["t"]), md.num(x["speed"], 5), md.pct(x["deviation"])] for x in r["speeds"]]
    return (f"An equatorial Kelvin wave of small amplitude on the beta-plane (beta = {md.num(r['beta'])}, "
            f"g = {md.num(r['g'])}, H = {md.num(r['depth'])}), one wavelength across the periodic x range, walls "
            f"far from the equator; {md.cells(r['cells'])} cells, {r['scheme']}, {r['steps']} steps. The phase "
            "speed comes from the Fourier phase of the mode of the surface on the equator in each snapshot "
            f"(`scripts/shallow_water_figures.py`); linear theory: sqrt(g H) = {md.num(r['c'], 5)}; bound "
            f"{md.pct(KELVIN_BOUND, 0)[1:]} (the project's acceptance bound).\n\n"
            + md.table(["t", "phase speed", "deviation from sqrt(g H)"], rows)
            + "\n" + md.figure(r["figure"], "Kelvin wave against linear theory"))


# --- geostrophic adjustment -----------------------------------------------------------------

def compute_geostrophic_adjustment(ctx):
    run = ctx.run("adjustment", ADJUSTMENT, [f"output.snapshot.every_time={ADJUSTMENT_SNAPSHOT_EVERY}"])
    n = len(swf.snapshots(run.out))
    snaps = [swf.adjustment_result(run.out, i) for i in range(n)]
    last = snaps[-1]
    period = 2 * math.pi / last["f0"]
    window = [s for s in snaps if s["time"] >= last["time"] - period - 1e-9]
    v_mean = np.mean([s["v"] for s in window], axis=0)
    eta_mean = np.mean([s["eta"] for s in window], axis=0)
    x, ld = last["x"], last["ld"]
    dx = x[1] - x[0]
    near = np.abs(x - last["x_step"]) < 5 * ld
    inner = np.abs(x - last["x_step"]) < 2 * ld
    mean = {"jet_peak": float(v_mean.min()), "transport": float(np.sum(v_mean[near]) * dx),
            "eta_rms_2ld": float(np.sqrt(np.mean((eta_mean - last["eta_lin"])[inner] ** 2)))}
    linear = {"jet_peak": last["jet_peak_linear"], "transport": float(np.sum(last["v_lin"][near]) * dx)}
    final = {"jet_peak": last["jet_peak"], "transport": float(np.sum(last["v"][near]) * dx),
             "eta_rms_2ld": last["eta_rms_2ld"]}
    fig = "sw-geostrophic-adjustment.png"
    label = f"boreas, mean over t = {window[0]['time']:.3g} to {last['time']:.3g} (the last inertial period)"
    ctx.draw(swf.draw_adjustment, dict(last, v=v_mean, eta=eta_mean, label=label), ctx.figure(fig))
    peaks = [{"t": s["time"], "jet_peak": s["jet_peak"]} for s in snaps
             if s["time"] > 0 and abs(s["time"] / PEAKS_EVERY - round(s["time"] / PEAKS_EVERY)) < 1e-9]
    res = {"t": last["time"], "steps": run.steps, "ld": ld, "eta0": last["eta0"], "f0": last["f0"],
           "window": [window[0]["time"], last["time"]], "snapshots_in_window": len(window), "mean": mean,
           "linear": linear, "final": final, "peaks": peaks, "figure": fig}
    res["summary"] = [["jet transport ∫v dx within 5 Ld, mean over the last inertial period",
                       md.num(mean["transport"], 4),
                       f"linear {md.num(linear['transport'], 4)} "
                       f"({md.pct(mean['transport'] / linear['transport'] - 1)})",
                       None],
                      ["RMS of eta − eta_linear within 2 Ld, over eta0", md.sci(mean["eta_rms_2ld"] / last["eta0"]),
                       "linear adjusted state", None]]
    return res


def section_geostrophic_adjustment(r):
    m, lin, f = r["mean"], r["linear"], r["final"]
    rows = [["jet peak (min v)", md.num(f["jet_peak"], 4), md.num(m["jet_peak"], 4), md.num(lin["jet_peak"], 4),
             md.pct(m["jet_peak"] / lin["jet_peak"] - 1)],
            ["transport ∫v dx, |x| < 5 Ld", md.num(f["transport"], 4), md.num(m["transport"], 4),
             md.num(lin["transport"], 4), md.pct(m["transport"] / lin["transport"] - 1)],
            ["RMS(eta − eta_linear) / eta0, |x| < 2 Ld", md.sci(f["eta_rms_2ld"] / r["eta0"], 2),
             md.sci(m["eta_rms_2ld"] / r["eta0"], 2), "0", ""]]
    peaks = ", ".join(f"{md.num(p['jet_peak'], 3)} (t = {md.num(p['t'])})" for p in r["peaks"])
    return ("A step of ±eta0 in the surface, uniform in y, on the f-plane: gravity waves leave through the "
            f"outflow ends and a geostrophic jet v = (g / f0) d eta / dx remains along the step (Ld = "
            f"{md.num(r['ld'])}). Linear theory's adjusted state is eta = -eta0 sign(x) (1 − exp(-|x| / Ld)). "
            f"The run still carries inertial oscillations at its end (the jet peak every {PEAKS_EVERY}: "
            f"{peaks}), so the comparison uses the mean over the last inertial period 2 pi / f0 "
            f"(t = {md.num(r['window'][0], 4)} to {md.num(r['window'][1], 4)}, {r['snapshots_in_window']} snapshots "
            f"every {ADJUSTMENT_SNAPSHOT_EVERY}); the linear jet's cusp at x = 0 makes its peak the most "
            "resolution-sensitive number, the transport the least.\n\n"
            + md.table(["quantity", "at the end", "mean, last inertial period", "linear theory",
                        "deviation of the mean"], rows)
            + "\n" + md.figure(r["figure"], "Geostrophic adjustment against linear theory "
                                            "(mean over the last inertial period)"))
