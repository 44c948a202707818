"""Navier-Stokes cases: the lid-driven cavity against Ghia, Ghia & Shin
(1982), the 2D Taylor-Green vortex against its exact decay, the
differentially heated cavity against de Vahl Davis (1983), and
Rayleigh-Benard convection (Nusselt numbers on two grids and the onset
against linear stability theory). The analyses are scripts/ns_figures.py's."""
import math
import os

import numpy as np

import ns_figures

from . import plots
from . import report as md

CAVITY = [  # Re, deck, overrides
    (100, "inputs/ns/cavity_re100.toml", ["mesh.cells=[64,64]", "output.vtk.every_time=0"]),
    (400, "inputs/ns/cavity_re400.toml", ["mesh.cells=[64,64]"]),
]

TAYLOR_GREEN = "inputs/ns/taylor_green.toml"
TG_CELLS = (16, 32, 64)

HEATED = "inputs/ns/heated_cavity_ra1e5.toml"
HEATED_CELLS = (64, 128, 256)
# Crank-Nicolson viscosity and T diffusion (dt then follows advection alone),
# stopped at the steady state; each finer mesh starts from the coarser one's
# final state (--init), which skips the spin-up from rest.
HEATED_OVERRIDES = ["physics.viscous=crank-nicolson", "physics.scalar_diffusion=crank-nicolson",
                    "run.stop_when_steady=1e-2", "output.vtk.every_time=0", "output.diagnostics_every=20"]

# (what, key, digits) of the heated cavity's summary rows: the finest mesh against de Vahl Davis.
HEATED_CHECKS = (("Nu (hot wall)", "nu_hot", 4), ("u_max on x = 0.5", "u_max", 3), ("v_max on y = 0.5", "v_max", 3))

RB = {1e4: "inputs/ns/rayleigh_benard_ra1e4.toml", 1e5: "inputs/ns/rayleigh_benard_ra1e5.toml"}
RB_CELLS = ([32, 16], [64, 32])
# The onset: growth rates of the kinetic energy at Rayleigh numbers around
# the critical one, on three meshes. Crank-Nicolson viscosity and T diffusion
# lift the explicit diffusive limit of dt (measured on 64 x 32: with a
# quarter of that dt the growth rates change by 0.3 % of themselves, the
# onset Ra they give by 0.04).
ONSET_RA = (1600, 1700, 1800)
ONSET_CELLS = ([32, 16], [64, 32], [128, 64])
ONSET_T_END = 60.0
ONSET_OVERRIDES = [f"run.t_end={ONSET_T_END:g}", "output.diagnostics_every=10", "output.vtk.every_time=0",
                   "physics.viscous=crank-nicolson", "physics.scalar_diffusion=crank-nicolson"]
ONSET_FIT = (20.0, 60.0)  # the window of exponential growth or decay of the kinetic energy
# Rigid-rigid Rayleigh-Benard: the minimum of the neutral curve (Reid &
# Harris 1958; Chandrasekhar 1961, Hydrodynamic and Hydromagnetic
# Stability, ch. II), to check the linear-stability solver below.
RA_C_LITERATURE, K_C_LITERATURE = 1707.762, 3.117



def last_checkpoint(run):
    return ns_figures.final_checkpoint(run.out)


# --- lid-driven cavity -------------------------------------------------------

def compute_cavity(ctx):
    runs = ctx.run_many([(f"re{re_}", deck, ov) for re_, deck, ov in CAVITY])
    rows, curves = [], []
    for (re_, _, _), run in zip(CAVITY, runs):
        c = ns_figures.cavity_comparison(run.out)
        if c["re"] != re_:
            raise RuntimeError(f"cavity: run {run.name} has Re {c['re']}, expected {re_}")
        with open(os.path.join(run.out, "exit_status")) as f:
            status = f.read().strip().splitlines()
        curves.append(c)
        rows.append({"re": re_, "n": c["n"], "t": c["t"], "steps": run.steps, "du": c["du"], "dv": c["dv"],
                     "lid": run.resolved()["boundary"]["y_upper_value"],
                     "u_worst": c["u_worst"], "v_worst": c["v_worst"], "left_out": c["left_out"],
                     "stopped": status[1] if len(status) > 1 else status[0]})
    fig = "ns-cavity.png"
    ctx.draw(ns_figures.draw_cavity, curves, ctx.figure(fig))
    summary = []
    for r in rows:
        summary.append([f"Re {r['re']}, {md.cells([r['n']] * 2)}: max |u − Ghia| on x = 0.5", md.fix(r["du"], 4),
                        f"Ghia Table I (at y = {md.fix(r['u_worst'][0], 4)}: {md.fix(r['u_worst'][2], 5)})", None])
        summary.append([f"Re {r['re']}, {md.cells([r['n']] * 2)}: max |v − Ghia| on y = 0.5", md.fix(r["dv"], 4),
                        f"Ghia Table II (at x = {md.fix(r['v_worst'][0], 4)}: {md.fix(r['v_worst'][2], 5)})", None])
    return {"rows": rows, "figure": fig, "summary": summary}


def section_cavity(r):
    rows = []
    for x in r["rows"]:
        (yu, mu, gu), (xv, mv, gv) = x["u_worst"], x["v_worst"]
        rows.append([x["re"], md.cells([x["n"]] * 2), f"{md.num(x['t'], 5)} ({x['steps']})",
                     md.fix(x["du"], 4), f"y = {md.fix(yu, 4)}: {md.fix(mu, 5)} / {md.fix(gu, 5)}",
                     md.fix(x["dv"], 4), f"x = {md.fix(xv, 4)}: {md.fix(mv, 5)} / {md.fix(gv, 5)}"])
    left = [f"Re {x['re']}, {name} at {md.fix(c, 4)} (published {md.fix(g, 5)})"
            for x in r["rows"] for name, c, g in x["left_out"]]
    text = (f"Unit square, no-slip walls, the lid (y = 1) moving at speed {md.num(r['rows'][0]['lid'])}; "
            "u on the vertical centreline "
            "x = 0.5 and v on the horizontal one y = 0.5 of the final state, linearly interpolated between "
            "the MAC points and the wall values to the points of Ghia, Ghia & Shin (1982), Tables I and II "
            "(J. Comput. Phys. 48, 387–411; `tests/data/ghia_re*.csv`). Re 100 runs its deck's t_end, Re 400 "
            "stops by itself at its steady state (`run.stop_when_steady`). Both at 64² (the decks' 128² is "
            "what the slow tests run).\n\n")
    text += md.table(["Re", "mesh", "t (steps)", "max |u − Ghia|", "where: boreas / Ghia",
                      "max |v − Ghia|", "where: boreas / Ghia"], rows)
    if left:
        text += ("\nLeft out of the deviations (a known misprint of the published table, listed by "
                 "`scripts/compare_ghia.py`; marked x in the figure): " + "; ".join(left) + ".\n")
    text += "\nHow each run ended (`exit_status`): " + "; ".join(
        f"Re {x['re']}: {x['stopped']}" for x in r["rows"]) + ".\n\n"
    return text + md.figure(r["figure"], "Cavity centrelines against Ghia et al.")


# --- Taylor-Green -------------------------------------------------------------

def compute_taylor_green(ctx):
    specs = [(f"n{n}", TAYLOR_GREEN, [f"mesh.cells=[{n},{n}]"]) for n in TG_CELLS[:-1]]
    specs.append((f"n{TG_CELLS[-1]}", TAYLOR_GREEN, [f"mesh.cells=[{TG_CELLS[-1]},{TG_CELLS[-1]}]",
                                                     "output.diagnostics_every=1"]))
    runs = ctx.run_many(specs)
    rows = []
    for n, run in zip(TG_CELLS, runs):
        d = ns_figures.read_diagnostics(run.out)
        rows.append({"n": n, "h": 2 * math.pi / n, "steps": run.steps, "t": d["time"][-1],
                     "velocity_error": d["velocity_error"][-1]})
    errors = [x["velocity_error"] for x in rows]
    observed = md.orders(errors, [x["h"] for x in rows])
    decay = ns_figures.taylor_green_decay(runs[-1].out)
    fig, fig_conv = "ns-taylor-green.png", "ns-taylor-green-convergence.png"
    ctx.draw(ns_figures.draw_decay, decay, ctx.figure(fig))
    ctx.draw(plots.draw_convergence, [("velocity_error at t_end", [x["h"] for x in rows], errors, observed)],
             ctx.figure(fig_conv), "2D Taylor-Green vortex: RMS velocity error", "RMS velocity error")
    ke_err = float(np.max(decay["rel"]))
    return {"rows": rows, "orders": observed, "ke_max_rel_error": ke_err, "nu": decay["nu"],
            "ke0": float(decay["ke"][0]), "ke_end": float(decay["ke"][-1]), "ke_exact_end": float(decay["exact"][-1]),
            "figure": fig, "figure_convergence": fig_conv,
            "summary": [[f"{md.cells([TG_CELLS[-1]] * 2)}: max relative KE error over t ≤ {md.num(rows[-1]['t'])}",
                         md.sci(ke_err), "exact E0 exp(-4 nu t)", None],
                        md.order_check("observed order of the velocity error, finest pair", observed[-1], 2.0)]}


def section_taylor_green(r):
    rows = [[md.cells([x["n"]] * 2), x["steps"], md.sci(x["velocity_error"], 3),
             md.fix(r["orders"][i - 1], 3) if i else ""] for i, x in enumerate(r["rows"])]
    return ("u = sin x cos y, v = -cos x sin y on the periodic square [0, 2 pi]², "
            f"nu = {md.num(r['nu'])}: the exact solution decays as exp(-2 nu t), its kinetic energy as "
            f"exp(-4 nu t). At {md.cells([r['rows'][-1]['n']] * 2)} the kinetic energy goes from "
            f"{md.num(r['ke0'], 6)} to {md.num(r['ke_end'], 7)} at t = {md.num(r['rows'][-1]['t'])} (exact "
            f"{md.num(r['ke_exact_end'], 7)}), at most {md.sci(r['ke_max_rel_error'])} from the exact decay "
            "relative to it at any step. The app's `velocity_error` (RMS difference from the exact velocity "
            "at t_end) on three meshes gives the observed order (reference: the scheme's formal order 2):\n\n"
            + md.table(["mesh", "steps", "velocity_error", "observed order"], rows) + "\n"
            + md.figure(r["figure"], "Taylor-Green kinetic-energy decay") + "\n"
            + md.figure(r["figure_convergence"], "Taylor-Green velocity error against h"))


# --- differentially heated cavity --------------------------------------------

def compute_heated_cavity(ctx):
    runs = []
    for n in HEATED_CELLS:
        run = ctx.run(f"n{n}", HEATED, [f"mesh.cells=[{n},{n}]"] + HEATED_OVERRIDES,
                      init=last_checkpoint(runs[-1]) if runs else None)
        runs.append(run)
    um_ref, yu_ref, vm_ref, xv_ref, nu_ref = ns_figures.DE_VAHL_DAVIS[100000]
    rows, profiles, series = [], [], []
    offset = 0.0  # a finer run continues on the time axis where the coarser one ended
    for n, run in zip(HEATED_CELLS, runs):
        p = ns_figures.heated_cavity_profiles(run.out)
        d = ns_figures.read_diagnostics(run.out)
        (um, yu), (vm, xv) = p["u_max"], p["v_max"]
        rows.append({"n": n, "t": p["t"], "steps": run.steps, "init": bool(run.init),
                     "nu_hot": d["Nu_x_lower"][-1], "nu_cold": d["Nu_x_upper"][-1],
                     "steady_residual": d["steady_residual"][-1],
                     "u_max": um, "y_u_max": yu, "v_max": vm, "x_v_max": xv})
        profiles.append(p)
        label = f"{n}$^2$" + (f" (from the {HEATED_CELLS[HEATED_CELLS.index(n) - 1]}$^2$ state)" if run.init else "")
        series.append((label, d["time"] + offset, d["Nu_x_lower"]))
        offset += d["time"][-1]
    nus = [x["nu_hot"] for x in rows]
    order = math.log(abs((nus[0] - nus[1]) / (nus[1] - nus[2]))) / math.log(2) if len(nus) == 3 else None
    richardson = nus[-1] + (nus[-1] - nus[-2]) / (2 ** order - 1) if order else None
    fig, fig_nu = "ns-heated-cavity.png", "ns-heated-cavity-nu.png"
    ctx.draw(ns_figures.draw_heated_cavity, profiles, ctx.figure(fig))
    ctx.draw(ns_figures.draw_series, series, "Nu_x_lower (hot wall)", ctx.figure(fig_nu), False, (4.0, 5.0),
             [(nu_ref, f"de Vahl Davis {nu_ref}")],
             "Heated cavity: hot-wall Nusselt number (each finer run placed after the coarser)")
    f = rows[-1]
    physics = runs[0].resolved()["physics"]
    ref = {"nu": nu_ref, "nu_hot": nu_ref, "u_max": um_ref, "y_u_max": yu_ref, "v_max": vm_ref, "x_v_max": xv_ref}
    mesh = md.cells([f["n"]] * 2)
    return {"rows": rows, "reference": ref, "order": order, "richardson": richardson, "figure": fig,
            "ra": physics["Ra"], "pr": physics["Pr"],
            "figure_nu": fig_nu,
            "summary": [[f"{mesh}: {what}", md.fix(f[key], digits), f"{ref[key]} ({md.pct(f[key] / ref[key] - 1)})",
                         None] for what, key, digits in HEATED_CHECKS]}


def section_heated_cavity(r):
    ref = r["reference"]
    rows = []
    for x in r["rows"]:
        rows.append([md.cells([x["n"]] * 2), "--init" if x["init"] else "rest", f"{md.num(x['t'], 4)} ({x['steps']})",
                     f"{md.fix(x['nu_hot'], 4)} ({md.pct(x['nu_hot'] / ref['nu'] - 1)})",
                     f"{md.fix(x['u_max'], 3)} at {md.fix(x['y_u_max'], 3)} ({md.pct(x['u_max'] / ref['u_max'] - 1)})",
                     f"{md.fix(x['v_max'], 3)} at {md.fix(x['x_v_max'], 4)} ({md.pct(x['v_max'] / ref['v_max'] - 1)})",
                     md.sci(abs(x["nu_hot"] - x["nu_cold"]) / x["nu_hot"], 1)])
    rows.append(["de Vahl Davis (1983)", "", "", f"{ref['nu']}", f"{ref['u_max']} at {ref['y_u_max']}",
                 f"{ref['v_max']} at {ref['x_v_max']}", ""])
    text = ("Unit square, no-slip walls, T = 1 on x = 0 and T = 0 on x = 1, adiabatic top and bottom, "
            f"Ra = {power(r['ra'])}, Pr = {md.num(r['pr'])}, thermal units (velocities in kappa/L). The validation "
            "deck with Crank–Nicolson "
            "viscosity and T diffusion, stopped at the steady state (`run.stop_when_steady`); each finer mesh "
            "starts from the coarser run's last checkpoint (`--init`; its t counts from that start). Nu is the mean "
            "over the hot wall "
            "(`Nu_x_lower`, last row of diagnostics.csv); the maxima of u on x = 0.5 and v on y = 0.5 are "
            "parabolic fits through the largest MAC value and its neighbours. Reference: de Vahl Davis (1983), "
            "Int. J. Numer. Meth. Fluids 3, 249–264; deviations in brackets.\n\n")
    text += md.table(["mesh", "start", "t (steps)", "Nu (hot wall)", "u_max (y)", "v_max (x)",
                      "|Nu hot − Nu cold| / Nu"], rows)
    if r["order"] is not None:
        text += (f"\nThe hot-wall Nu converges at an observed order {md.fix(r['order'], 2)} over the three meshes; "
                 f"Richardson extrapolation with that order gives {md.fix(r['richardson'], 4)} "
                 f"({md.pct(r['richardson'] / ref['nu'] - 1)} from de Vahl Davis, whose own table is "
                 "itself a grid-extrapolated value).\n")
    return text + "\n" + md.figure(r["figure"], "Heated cavity centreline velocities") + "\n" + md.figure(
        r["figure_nu"], "Heated cavity hot-wall Nusselt number")


# --- Rayleigh-Benard ------------------------------------------------------------

def cheb(n):
    """Chebyshev-Gauss-Lobatto points on [-1, 1] and the differentiation matrix."""
    x = np.cos(np.pi * np.arange(n + 1) / n)
    c = np.hstack([2, np.ones(n - 1), 2]) * (-1) ** np.arange(n + 1)
    dx = np.subtract.outer(x, x)
    d = np.outer(c, 1 / c) / (dx + np.eye(n + 1))
    return d - np.diag(d.sum(axis=1)), x


def neutral_rayleigh(k, n=40):
    """The Rayleigh number at which a mode of horizontal wavenumber k (in
    units of the layer depth) is neutral between rigid isothermal plates:
    (D^2 - k^2)^2 W = k^2 Theta, (D^2 - k^2) Theta = -Ra W, W = DW = Theta = 0
    on z = +-1/2, solved by Chebyshev collocation as A x = Ra B x."""
    d, _ = cheb(n)
    d = 2 * d  # z = x / 2
    eye, zero = np.eye(n + 1), np.zeros((n + 1, n + 1))
    lap = d @ d - k * k * eye
    a = np.block([[lap @ lap, -k * k * eye], [zero, lap]])
    b = np.block([[zero, zero], [-eye, zero]])
    for r, row in ((0, np.hstack([eye[0], zero[0]])), (n, np.hstack([eye[n], zero[0]])),
                   (1, np.hstack([d[0], zero[0]])), (n - 1, np.hstack([d[n], zero[0]])),
                   (n + 1, np.hstack([zero[0], eye[0]])), (2 * n + 1, np.hstack([zero[0], eye[n]]))):
        a[r], b[r] = row, 0.0
    mu = np.linalg.eigvals(np.linalg.solve(a, b))
    mu = mu[np.abs(mu.imag) < 1e-9 * np.abs(mu).max()].real
    return float(1.0 / mu[mu > 0].max())


def growth_rate(run):
    """sigma of KE ~ exp(2 sigma t), fitted over ONSET_FIT."""
    d = ns_figures.read_diagnostics(run.out)
    t, ke = d["time"], d["kinetic_energy"]
    w = (t >= ONSET_FIT[0]) & (t <= ONSET_FIT[1]) & (ke > 0)
    slope = np.polyfit(t[w], np.log(ke[w]), 1)[0]
    return float(slope / 2), t, ke


def onset_zero(ras, sigmas):
    """The Rayleigh number where the quadratic through (Ra, sigma) crosses 0
    (the root inside or nearest the range of the Ra)."""
    c = np.polyfit(ras, sigmas, len(ras) - 1)
    roots = [r.real for r in np.roots(c) if abs(r.imag) < 1e-12]
    mid = 0.5 * (min(ras) + max(ras))
    return float(min(roots, key=lambda r: abs(r - mid)))


def compute_rayleigh_benard(ctx):
    specs = []
    for ra, deck in RB.items():
        for c in RB_CELLS:
            specs.append((f"ra{power(ra)}_{c[0]}x{c[1]}", deck,
                          [f"mesh.cells=[{c[0]},{c[1]}]", "output.vtk.every_time=0"]))
    for c in ONSET_CELLS:
        for ra in ONSET_RA:
            specs.append((f"onset_ra{ra}_{c[0]}x{c[1]}", RB[1e4],
                          [f"physics.Ra={ra}", f"mesh.cells=[{c[0]},{c[1]}]"] + ONSET_OVERRIDES))
    runs = ctx.run_many(specs)
    nu_rows, series, onset_runs = [], [], []
    for (name, deck, ov), run in zip(specs, runs):
        if name.startswith("onset"):
            onset_runs.append(run)
            continue
        d = ns_figures.read_diagnostics(run.out)
        deck_ = run.resolved()
        t, nu = d["time"], d["Nu_y_lower"]
        tail = t >= 0.8 * t[-1]
        nu_rows.append({"ra": deck_["physics"]["Ra"], "cells": deck_["mesh"]["cells"], "t": t[-1], "steps": run.steps,
                        "nu": nu[-1], "nu_upper": d["Nu_y_upper"][-1],
                        "tail_change": float(np.max(np.abs(nu[tail] - nu[-1])) / nu[-1])})
        series.append((f"Ra {power(deck_['physics']['Ra'])}, {md.cells(deck_['mesh']['cells'])}", t, nu))
    for ra in RB:
        pair = [x for x in nu_rows if x["ra"] == ra]
        rich = pair[1]["nu"] + (pair[1]["nu"] - pair[0]["nu"]) / 3.0
        for x in pair:
            x["richardson"] = rich
    onset, curves = [], []
    for k, c in enumerate(ONSET_CELLS):
        sigmas = []
        for ra, run in zip(ONSET_RA, onset_runs[k * len(ONSET_RA):(k + 1) * len(ONSET_RA)]):
            sigma, t, ke = growth_rate(run)
            sigmas.append(sigma)
            if k == len(ONSET_CELLS) - 1:
                curves.append({"ra": ra, "sigma": sigma, "t": t, "ke": ke})
        onset.append({"cells": c, "sigmas": sigmas, "ra_c": onset_zero(ONSET_RA, sigmas),
                      "steps": onset_runs[k * len(ONSET_RA)].steps})
    z = [o["ra_c"] for o in onset]
    order = math.log(abs((z[0] - z[1]) / (z[1] - z[2]))) / math.log(2)
    ra_c_rich = z[2] + (z[2] - z[1]) / (2 ** order - 1)
    grid = onset_runs[0].resolved()["mesh"]
    upper, lower = grid["upper"], grid.get("lower", [0.0, 0.0])
    k_box = 2 * math.pi / (upper[0] - lower[0]) * (upper[1] - lower[1])
    ra_theory = neutral_rayleigh(k_box)
    ra_check = neutral_rayleigh(K_C_LITERATURE)
    fig, fig_onset = "ns-rayleigh-benard-nu.png", "ns-rayleigh-benard-onset.png"
    ctx.draw(ns_figures.draw_series, series, "Nu_y_lower", ctx.figure(fig), False, (0.5, 7), (),
             "Rayleigh-Bénard: Nusselt number on the lower plate")
    ctx.draw(draw_onset, curves, onset, ctx.figure(fig_onset))
    fine = [x for x in nu_rows if x["cells"] == RB_CELLS[-1]]
    summary = [[f"Ra {power(x['ra'])}, {md.cells(x['cells'])}: Nu", md.fix(x["nu"], 4),
                f"Richardson {md.fix(x['richardson'], 4)} ({md.pct(x['nu'] / x['richardson'] - 1)})", None]
               for x in fine]
    summary.append([f"onset Ra (zero growth rate), {md.cells(ONSET_CELLS[-1])}", md.num(onset[-1]["ra_c"], 6),
                    f"linear theory {md.num(ra_theory, 6)} ({md.pct(onset[-1]['ra_c'] / ra_theory - 1)})", None])
    summary.append(["onset Ra, Richardson over three meshes", md.num(ra_c_rich, 6),
                    f"linear theory {md.num(ra_theory, 6)} ({md.pct(ra_c_rich / ra_theory - 1)})", None])
    return {"nu_rows": nu_rows, "onset": onset, "pr": runs[0].resolved()["physics"]["Pr"],
            "box": [upper[0] - lower[0], upper[1] - lower[1]], "onset_order": order, "ra_c_richardson": ra_c_rich,
            "ra_theory": ra_theory, "k_box": k_box, "ra_check": ra_check, "figure": fig, "figure_onset": fig_onset,
            "summary": summary}


def power(x):
    """1e4 for 10000.0 (a power of ten times a small integer)."""
    e = int(math.floor(math.log10(abs(x))))
    m = x / 10 ** e
    return f"{m:g}e{e}"


def draw_onset(curves, onset, out):
    plt = ns_figures.pyplot()
    fig, (ax, bx) = plt.subplots(1, 2, figsize=(11, 4))
    for o in curves:
        ax.semilogy(o["t"], o["ke"], label=f"Ra {o['ra']}: sigma = {o['sigma']:.4g}")
        w = (o["t"] >= ONSET_FIT[0]) & (o["t"] <= ONSET_FIT[1])
        t, ke = o["t"][w], o["ke"][w]
        ax.semilogy(t, ke[0] * np.exp(2 * o["sigma"] * (t - t[0])), "k--", lw=0.8)
    ax.axvspan(*ONSET_FIT, color="0.9", zorder=0, label="fit window")
    ax.set_xlabel("t (free-fall units)")
    ax.set_ylabel("kinetic energy")
    ax.set_title(f"growth and decay, {md.cells(ONSET_CELLS[-1])}", fontsize=10)
    ax.legend(fontsize=8)
    for o in onset:
        bx.plot(ONSET_RA, o["sigmas"], "o-", label=f"{md.cells(o['cells'])}: zero at Ra = {o['ra_c']:.1f}")
    bx.axhline(0, color="k", lw=0.8)
    bx.set_xlabel("Ra")
    bx.set_ylabel("growth rate sigma")
    bx.set_title("growth rate against Ra", fontsize=10)
    bx.legend(fontsize=8)
    for a in (ax, bx):
        a.grid(alpha=0.3)
    fig.suptitle("Rayleigh-Bénard onset", fontsize=10)
    fig.tight_layout()
    fig.savefig(out, dpi=110)
    plt.close(fig)


def section_rayleigh_benard(r):
    rows = [[power(x["ra"]), md.cells(x["cells"]), f"{md.num(x['t'])} ({x['steps']})", md.fix(x["nu"], 5),
             md.sci(abs(x["nu"] - x["nu_upper"]) / x["nu"], 1), md.sci(x["tail_change"], 1),
             md.fix(x["richardson"], 4), md.pct(x["nu"] / x["richardson"] - 1)] for x in r["nu_rows"]]
    onset = [[md.cells(o["cells"]), o["steps"]] + [md.sci(s, 4) for s in o["sigmas"]]
             + [md.num(o["ra_c"], 6), md.pct(o["ra_c"] / r["ra_theory"] - 1)] for o in r["onset"]]
    onset.append(["Richardson", "", *[""] * len(ONSET_RA), md.num(r["ra_c_richardson"], 6),
                  md.pct(r["ra_c_richardson"] / r["ra_theory"] - 1)])
    onset.append(["linear theory", "", *[""] * len(ONSET_RA), md.num(r["ra_theory"], 6), ""])
    return ("Rigid isothermal plates (T = 1 below, T = 0 above), periodic in x, box "
            f"{md.num(r['box'][0])} × {md.num(r['box'][1])} (one pair of rolls), Pr = {md.num(r['pr'])}, free-fall "
            "units, from the conduction profile plus a small perturbation.\n\n"
            "**Nusselt number.** Both decks to their t_end on two meshes; Nu is the lower plate's "
            "(`Nu_y_lower`, last row). No published Nusselt number for exactly this configuration is used here, "
            "so the reference is the Richardson extrapolation of the two meshes (second order assumed) and the "
            "deviation is from it; \"settled\" is the largest change of Nu over the last fifth of the run, "
            "relative.\n\n"
            + md.table(["Ra", "mesh", "t (steps)", "Nu", "|Nu lower − Nu upper| / Nu", "settled",
                        "Richardson", "deviation"], rows)
            + f"\n**Onset.** The Ra = 1e4 deck at Ra = {', '.join(str(x) for x in ONSET_RA)} (`physics.Ra` "
            f"overrides) on three meshes to t = {md.num(ONSET_T_END)}, with Crank–Nicolson viscosity and T "
            "diffusion: the kinetic "
            f"energy grows or decays as exp(2 sigma t), sigma fitted over {md.num(ONSET_FIT[0])} ≤ t ≤ "
            f"{md.num(ONSET_FIT[1])}; the onset is the zero of the quadratic through the three (Ra, sigma). "
            f"It converges at an observed order {md.fix(r['onset_order'], 2)}. Reference: linear stability theory "
            f"for the box's wavenumber k = 2 pi / {md.num(r['box'][0])} = {md.num(r['k_box'], 6)} (in units of the "
            "layer depth), a "
            "Chebyshev-collocation solve of the rigid-plate marginal-stability problem in "
            f"`scripts/figures/ns.py`, which gives {md.num(r['ra_check'], 7)} at k = {K_C_LITERATURE} against "
            f"the classical critical value {RA_C_LITERATURE} (Reid & Harris 1958; Chandrasekhar 1961).\n\n"
            + md.table(["mesh", "steps"] + [f"sigma at Ra {x}" for x in ONSET_RA] + ["onset Ra", "deviation"], onset)
            + "\n" + md.figure(r["figure"], "Rayleigh-Bénard Nusselt number") + "\n"
            + md.figure(r["figure_onset"], "Rayleigh-Bénard onset"))
