"""Advection cases: observed orders on the periodic sine wave (WENO5 and
PLM-MC), the Gaussian hump and Zalesak's slotted cylinder after one
solid-body turn, and LeVeque's deformational flow after one period. After
a full turn, period or crossing the exact solution is the initial state,
so each run is compared with its own first snapshot (and the app's
l1_error / l2_error diagnostics)."""

import numpy as np

import ns_figures
import shallow_water_figures as swf

from . import report as md

SINE = "inputs/advection/sine_weno5.toml"
# (scheme, dimensions): the meshes. The deck is 2D; the 1D runs (the setting
# of the acceptance bounds and of tests/advection) come from overrides.
SINE_SERIES = {
    ("weno5", 2): (20, 40, 80),
    ("plm_mc", 2): (40, 80, 160, 320, 640),
    ("weno5", 1): (20, 40, 80),
    ("plm_mc", 1): (80, 160, 320, 640),
}
WENO5_DT = 0.2  # run.dt = 0.2 h^(5/3): SSP-RK3's O(dt^3) error then falls as h^5, below the spatial one
ORDER_BOUNDS = {"weno5": 4.5, "plm_mc": 1.9}
MASS_BOUND = 1e-13
GAUSSIAN = "inputs/advection/gaussian_rotation.toml"
SLOTTED = "inputs/advection/slotted_cylinder.toml"
SLOTTED_SCHEMES = [  # name, overrides, limited (must create no new extrema)
    ("weno5_bounds", [], True),
    ("plm_mc", ["physics.scheme=plm_mc", "physics.bounds=none"], True),
    ("plm_van_leer", ["physics.scheme=plm_van_leer", "physics.bounds=none"], True),
    ("plm_minmod", ["physics.scheme=plm_minmod", "physics.bounds=none"], True),
    ("weno5", ["physics.bounds=none"], False),
]
EXTREMA_BOUND = 1e-12
DEFORMATIONAL = "inputs/advection/deformational.toml"



def first_last(run):
    files = swf.snapshots(run.out)
    return swf.Snapshot(files[0]), swf.Snapshot(files[-1])


def mass_change(d):
    return float(np.max(np.abs(d["mass"] - d["mass"][0])) / abs(d["mass"][0]))


def label(scheme):
    return {"weno5_bounds": "WENO5 + bounds", "weno5": "WENO5, no bounds", "plm_mc": "PLM-MC",
            "plm_van_leer": "PLM-van Leer", "plm_minmod": "PLM-minmod"}.get(scheme, scheme)


# --- sine ---------------------------------------------------------------------------

def sine_overrides(scheme, dim, n):
    ov = [f"mesh.cells=[{','.join([str(n)] * dim)}]"]
    if dim == 1:
        ov += ["physics.u=[1.0]", "problem.waves=[1]"]
    if scheme == "weno5":
        ov.append(f"run.dt={WENO5_DT * (1.0 / n) ** (5 / 3):.6g}")
    else:
        ov.append(f"physics.scheme={scheme}")
    return ov


def compute_advection_sine(ctx):
    keys = [(scheme, dim, n) for (scheme, dim), cells in SINE_SERIES.items() for n in cells]
    runs = ctx.run_many([(f"{scheme}_{dim}d_n{n}", SINE, sine_overrides(scheme, dim, n)) for scheme, dim, n in keys])
    series = {f"{scheme}_{dim}d": [] for scheme, dim in SINE_SERIES}
    coarsest = {}
    for (scheme, dim, n), run in zip(keys, runs):
        d = ns_figures.read_diagnostics(run.out)
        series[f"{scheme}_{dim}d"].append(
            {"scheme": scheme, "dim": dim, "n": n, "h": 1.0 / n, "steps": run.steps, "l1_error": d["l1_error"][-1],
             "l2_error": d["l2_error"][-1], "mass_change": mass_change(d)})
        if dim == 2 and n == SINE_SERIES[(scheme, dim)][0]:
            coarsest[scheme] = run
    orders = {k: md.orders([x["l1_error"] for x in v], [x["h"] for x in v]) for k, v in series.items()}
    fig = "advection-sine.png"
    ctx.draw(draw_sine, series, orders, coarsest, ctx.figure(fig))
    worst = max((x for v in series.values() for x in v), key=lambda x: x["mass_change"])
    summary = [[f"{label(v[0]['scheme'])}, {v[0]['dim']}D: observed order of l1_error, "
                f"{md.cells([v[-2]['n']] * v[0]['dim'])} → {md.cells([v[-1]['n']] * v[0]['dim'])}",
                md.fix(orders[k][-1], 3), f"≥ {ORDER_BOUNDS[v[0]['scheme']]}",
                orders[k][-1] >= ORDER_BOUNDS[v[0]["scheme"]]] for k, v in series.items()]
    summary.append(["largest relative mass change (periodic), all runs",
                    f"{md.sci(worst['mass_change'])} ({worst['steps']} steps)", f"≤ {md.sci(MASS_BOUND, 0)}",
                    worst["mass_change"] <= MASS_BOUND])
    return {"series": series, "orders": orders, "figure": fig, "summary": summary}


def draw_sine(series, orders, coarsest, out):
    plt = ns_figures.pyplot()
    fig, (a, b) = plt.subplots(1, 2, figsize=(11, 4.2))
    for k, v in series.items():
        hs, es = [x["h"] for x in v], [x["l1_error"] for x in v]
        (line,) = a.loglog(hs, es, "o-" if v[0]["dim"] == 2 else "s:", label=f"{label(v[0]['scheme'])}, {v[0]['dim']}D")
        for i, p in enumerate(orders[k]):
            a.annotate(f"{p:.2f}", ((hs[i] * hs[i + 1]) ** 0.5, (es[i] * es[i + 1]) ** 0.5), fontsize=7,
                       color=line.get_color(), xytext=(4, 4), textcoords="offset points")
    for scheme, slope in (("weno5", 5), ("plm_mc", 2)):
        v = series[f"{scheme}_2d"]
        hs = [x["h"] for x in v]
        a.loglog(hs, [v[-1]["l1_error"] * (h / hs[-1]) ** slope for h in hs], "k--", lw=0.6, alpha=0.7)
        a.annotate(f"slope {slope}", (hs[0], v[-1]["l1_error"] * (hs[0] / hs[-1]) ** slope), fontsize=7)
    for scheme, run in coarsest.items():
        # The coarsest 2D run of each scheme along the row nearest y = 1/4, against the exact state.
        files = swf.snapshots(run.out)
        first, last = swf.Snapshot(files[0]), swf.Snapshot(files[-1])
        j = first.fields["q"].shape[0] // 4
        b.plot(first.centres(0), last.fields["q"][j] - first.fields["q"][j], "-",
               label=f"{label(scheme)} {first.fields['q'].shape[1]}$^2$")
    a.set_xlabel("h")
    a.set_ylabel("relative L1 error at t = 1")
    a.set_title("sine wave, one period: observed orders", fontsize=10)
    a.grid(alpha=0.3, which="both")
    a.legend(fontsize=8)
    b.set_xlabel("x (row nearest y = 1/4)")
    b.set_ylabel("q - q_exact at t = 1")
    b.set_title("error of the coarsest 2D runs along a row", fontsize=10)
    b.grid(alpha=0.3)
    b.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(out, dpi=110)
    plt.close(fig)


def section_advection_sine(r):
    rows = []
    for k in (f"{scheme}_{dim}d" for scheme, dim in SINE_SERIES):
        v = r["series"][k]
        for i, x in enumerate(v):
            rows.append([f"{label(x['scheme'])}, {x['dim']}D", md.cells([x["n"]] * x["dim"]), x["steps"],
                         md.sci(x["l1_error"], 3), md.sci(x["l2_error"], 3),
                         md.fix(r["orders"][k][i - 1], 3) if i else "", md.sci(x["mass_change"], 1),
                         md.sci(x["mass_change"] / x["steps"], 1)])
    return ("The deck carries q = 1 + sin(2 pi x) sin(2 pi y) with u = (1, 1) across the periodic unit square "
            "for one period (t = 1), when the exact solution is the initial state; the 1D runs are the same deck "
            "with `mesh.cells=[N]`, `physics.u=[1.0]` and `problem.waves=[1]` (q = 1 + sin(2 pi x), the setting "
            "of the acceptance bounds and of `tests/advection`). `l1_error` and `l2_error` are the app's "
            "relative errors against the exact cell means. WENO5 + SSP-RK3 runs with a fixed step `run.dt` = "
            f"{WENO5_DT} h^(5/3) (so that the time error falls as h^5), PLM-MC with the deck's `run.cfl` "
            f"(SSP-RK3). Bounds (the project's acceptance bounds): order ≥ {ORDER_BOUNDS['weno5']} for WENO5 and ≥ "
            f"{ORDER_BOUNDS['plm_mc']} for PLM-MC, mass conserved to {md.sci(MASS_BOUND, 0)} relative. The "
            "last column divides the mass change by the number of steps: a systematic drift of the integrator "
            "would make it the same for every run, and the longest runs (WENO5's small fixed steps) would "
            "come closest to the bound.\n\n"
            + md.table(["scheme", "mesh", "steps", "l1_error", "l2_error", "observed order (L1)",
                        "max |mass change| / mass", "per step"], rows)
            + "\n" + md.figure(r["figure"], "Sine wave: convergence and error profiles"))


# --- Gaussian hump, solid-body rotation ------------------------------------------------

def compute_advection_gaussian(ctx):
    run = ctx.run("gaussian", GAUSSIAN, ["output.vtk.every_time=0", "output.snapshot.every_time=0.5"])
    d = ns_figures.read_diagnostics(run.out)
    first, last = first_last(run)
    deck = run.resolved()
    q0, q1 = first.fields["q"], last.fields["q"]
    fig = "advection-gaussian.png"
    (cx, cy), w = deck["problem"]["center"], 5 * deck["problem"]["width"]
    ctx.draw(draw_rotation, first, last, deck, ctx.figure(fig), "Gaussian hump after one turn",
             ((cx - w, cx + w), (cy - w, cy + w)))
    res = {"cells": deck["mesh"]["cells"], "scheme": deck["physics"]["scheme"],
           "integrator": deck["physics"]["integrator"], "t": last.time, "steps": run.steps,
           "width": deck["problem"]["width"], "center": deck["problem"]["center"][:2],
           "l1_error": d["l1_error"][-1], "l2_error": d["l2_error"][-1], "peak0": float(q0.max()),
           "peak": float(q1.max()), "min": float(np.min(d["q_min"])), "max_abs_error": float(np.abs(q1 - q0).max()),
           "mass_change": mass_change(d), "figure": fig}
    res["summary"] = [[f"{md.cells(res['cells'])}, one turn: relative L1 error", md.sci(res["l1_error"]),
                       "exact: the initial hump", None],
                      ["peak after one turn", md.num(res["peak"], 5),
                       f"initial {md.num(res['peak0'], 5)} ({md.pct(res['peak'] / res['peak0'] - 1)})", None]]
    return res


def draw_rotation(first, last, deck, out, title, zoom=None):
    """Initial (exact) and final state as images with the exact (white) and
    computed (red, dashed) contours on the final one, and a cut along x
    through the initial centre; zoom = ((x0, x1), (y0, y1)) for the images."""
    plt = ns_figures.pyplot()
    fig, axes = plt.subplots(1, 3, figsize=(13, 4.2))
    ext = [first.lower[0], first.upper[0], first.lower[1], first.upper[1]]
    q0, q1 = first.fields["q"], last.fields["q"]
    vmin, vmax = float(min(q0.min(), q1.min())), float(max(q0.max(), q1.max()))
    for ax, q, name in ((axes[0], q0, "t = 0 (the exact solution at t = 1)"), (axes[1], q1, f"t = {last.time:g}")):
        im = ax.imshow(q, origin="lower", extent=ext, vmin=vmin, vmax=vmax, cmap="viridis")
        ax.set_title(name, fontsize=9)
        ax.set_xlabel("x")
        ax.set_ylabel("y")
    levels = [0.1 * q0.max(), 0.5 * q0.max(), 0.9 * q0.max()]
    axes[1].contour(first.centres(0), first.centres(1), q0, levels=levels, colors="w", linewidths=0.8)
    axes[1].contour(first.centres(0), first.centres(1), q1, levels=levels, colors="r", linewidths=0.8,
                    linestyles="--")
    if zoom:
        for ax in axes[:2]:
            ax.set_xlim(zoom[0])
            ax.set_ylim(zoom[1])
    fig.colorbar(im, ax=axes[:2], shrink=0.8)
    cy = deck["problem"]["center"][1]
    j = int(np.argmin(np.abs(first.centres(1) - cy)))
    x = first.centres(0)
    axes[2].plot(x, q0[j], "k-", lw=1.2, label="exact (initial)")
    axes[2].plot(x, q1[j], "r.-", ms=3, lw=0.8, label=f"boreas, t = {last.time:g}")
    axes[2].set_xlabel(f"x (row y = {first.centres(1)[j]:.3f})")
    axes[2].set_ylabel("q")
    axes[2].legend(fontsize=8)
    axes[2].grid(alpha=0.3)
    fig.suptitle(f"{title}: {deck['physics']['scheme']}, {md.cells(deck['mesh']['cells'])} "
                 "(contours at 0.1, 0.5, 0.9 of the peak: white exact, red dashed boreas)",
                 fontsize=10)
    fig.savefig(out, dpi=110, bbox_inches="tight")
    plt.close(fig)


def section_advection_gaussian(r):
    rows = [[md.cells(r["cells"]), r["scheme"], r["integrator"], r["steps"], md.sci(r["l1_error"], 3),
             md.sci(r["l2_error"], 3), md.sci(r["max_abs_error"], 2),
             f"{md.num(r['peak'], 5)} / {md.num(r['peak0'], 5)}",
             md.sci(r["min"], 1)]]
    return (f"A Gaussian hump (width {md.num(r['width'])}, centre ({md.num(r['center'][0])}, "
            f"{md.num(r['center'][1])})) in solid-body rotation about the centre of the unit square, one turn per "
            "unit time; after one turn the exact solution is the initial state. "
            "`l1_error`, `l2_error`: the app's relative errors against the rotated exact cell means.\n\n"
            + md.table(["mesh", "scheme", "integrator", "steps", "l1_error", "l2_error", "max |q − q_exact|",
                        "peak / initial peak", "lowest q"], rows)
            + "\n" + md.figure(r["figure"], "Gaussian hump after one turn against the exact solution"))


# --- slotted cylinder ------------------------------------------------------------------

def compute_advection_slotted_cylinder(ctx):
    runs = ctx.run_many([(name, SLOTTED, ov + ["output.diagnostics_every=1"]) for name, ov, _ in SLOTTED_SCHEMES])
    rows, finals = [], {}
    for (name, _, limited), run in zip(SLOTTED_SCHEMES, runs):
        d = ns_figures.read_diagnostics(run.out)
        first, last = first_last(run)
        finals[name] = (first, last)
        under = float(np.min(d["q_min"]) - d["q_min"][0])
        over = float(np.max(d["q_max"]) - d["q_max"][0])
        rows.append({"scheme": name, "limited": limited, "steps": run.steps, "q_min0": d["q_min"][0],
                     "q_max0": d["q_max"][0], "under": under, "over": over, "l1_error": d["l1_error"][-1],
                     "new_extrema": bool(under < -EXTREMA_BOUND or over > EXTREMA_BOUND)})
    deck = runs[0].resolved()
    fig = "advection-slotted-cylinder.png"
    ctx.draw(draw_slotted, finals, deck, ctx.figure(fig))
    summary = [[f"{label(x['scheme'])}: new extrema over all steps (min, max beyond the initial)",
                f"{md.sci(x['under'], 1)}, {md.sci(x['over'], 1)}",
                f"none beyond {md.sci(EXTREMA_BOUND, 0)}" if x["limited"] else "unlimited: for contrast",
                (not x["new_extrema"]) if x["limited"] else None] for x in rows]
    return {"rows": rows, "cells": deck["mesh"]["cells"], "figure": fig, "summary": summary}


def draw_slotted(finals, deck, out):
    plt = ns_figures.pyplot()
    fig = plt.figure(figsize=(13, 7.5))
    shown = ["weno5_bounds", "plm_mc", "weno5"]
    first = finals[shown[0]][0]
    ext = [first.lower[0], first.upper[0], first.lower[1], first.upper[1]]
    panels = [("exact (t = 0)", first.fields["q"])] + [(label(k), finals[k][1].fields["q"]) for k in shown]
    for i, (name, q) in enumerate(panels):
        ax = fig.add_subplot(2, 4, i + 1)
        ax.imshow(q, origin="lower", extent=ext, vmin=-0.1, vmax=1.1, cmap="viridis")
        ax.set_title(name, fontsize=9)
        ax.set_xlim(0.25, 0.75)
        ax.set_ylim(0.5, 1.0)
        ax.set_xticks([0.3, 0.5, 0.7])
    p = deck["problem"]
    cy = p["center"][1] - p["radius"] + 0.5 * p["slot_length"]  # through the slot
    j = int(np.argmin(np.abs(first.centres(1) - cy)))
    x = first.centres(0)
    ax = fig.add_subplot(2, 1, 2)
    ax.plot(x, first.fields["q"][j], "k-", lw=1.5, label="exact")
    for k in finals:
        ax.plot(x, finals[k][1].fields["q"][j], "-", lw=0.9, label=label(k))
    ax.set_xlim(0.25, 0.75)
    ax.set_xlabel(f"x (row y = {first.centres(1)[j]:.3f}, through the slot)")
    ax.set_ylabel("q after one turn")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8, ncol=3)
    fig.suptitle(f"Zalesak's slotted cylinder after one turn, {md.cells(deck['mesh']['cells'])}", fontsize=10)
    fig.tight_layout()
    fig.savefig(out, dpi=110)
    plt.close(fig)


def section_advection_slotted_cylinder(r):
    rows = [[label(x["scheme"]), x["steps"], md.sci(x["under"], 2), md.sci(x["over"], 2), md.fix(x["l1_error"], 4),
             ("no" if not x["new_extrema"] else "yes") + ("" if x["limited"] else " (unlimited)")] for x in r["rows"]]
    return (f"Zalesak's slotted disk (q = 1 inside, 0 outside) on {md.cells(r['cells'])}, one solid-body turn; "
            "the deck's WENO5 with the Zhang–Shu limiter (`physics.bounds = \"initial\"`) and, through "
            "overrides, the PLM limiters alone and plain WENO5 for contrast. q_min and q_max are recorded at "
            "every step (`output.diagnostics_every=1`); the columns give the lowest q_min and highest q_max of "
            "the run relative to the initial 0 and 1 (negative: below the initial minimum). A limited scheme "
            f"must create no new extrema beyond {md.sci(EXTREMA_BOUND, 0)}. `l1_error` is relative to the "
            "exact (initial) state after the turn.\n\n"
            + md.table(["scheme", "steps", "min q − initial min", "max q − initial max", "l1_error",
                        "new extrema"], rows)
            + "\n" + md.figure(r["figure"], "Slotted cylinder after one turn against the exact solution"))


# --- deformational flow -----------------------------------------------------------------

def compute_advection_deformational(ctx):
    run = ctx.run("deformational", DEFORMATIONAL, [])
    d = ns_figures.read_diagnostics(run.out)
    files = swf.snapshots(run.out)
    snaps = [swf.Snapshot(f) for f in files]
    deck = run.resolved()
    period = deck["physics"]["period"]
    half = min(snaps, key=lambda s: abs(s.time - period / 2))
    fig = "advection-deformational.png"
    ctx.draw(draw_deformational, snaps[0], half, snaps[-1], ctx.figure(fig))
    q0, q1 = snaps[0].fields["q"], snaps[-1].fields["q"]
    res = {"cells": deck["mesh"]["cells"], "scheme": deck["physics"]["scheme"], "bounds": deck["physics"]["bounds"],
           "period": period, "t": snaps[-1].time, "steps": run.steps, "l1_error": d["l1_error"][-1],
           "l2_error": d["l2_error"][-1], "min": float(np.min(d["q_min"])), "peak0": float(q0.max()),
           "peak": float(q1.max()), "mass_change": mass_change(d), "figure": fig}
    res["summary"] = [[f"{md.cells(res['cells'])}, t = T: relative L1 error", md.sci(res["l1_error"]),
                       "exact: the initial hump", None],
                      ["lowest q over the run (`bounds = positive`)", md.sci(res["min"], 1), "≥ 0", res["min"] >= 0]]
    return res


def draw_deformational(first, half, last, out):
    plt = ns_figures.pyplot()
    fig, axes = plt.subplots(1, 3, figsize=(13, 4.3))
    ext = [first.lower[0], first.upper[0], first.lower[1], first.upper[1]]
    for ax, s in zip(axes, (first, half, last)):
        im = ax.imshow(s.fields["q"], origin="lower", extent=ext, vmin=0, vmax=1, cmap="viridis")
        ax.set_title(f"t = {s.time:g}", fontsize=9)
        ax.set_xlabel("x")
    axes[2].contour(first.centres(0), first.centres(1), first.fields["q"], levels=[0.1, 0.5, 0.9], colors="w",
                    linewidths=0.8)
    axes[2].contour(first.centres(0), first.centres(1), last.fields["q"], levels=[0.1, 0.5, 0.9], colors="r",
                    linewidths=0.8, linestyles="--")
    axes[2].set_title(f"t = {last.time:g} = T; q = 0.1, 0.5, 0.9: white exact, red dashed boreas", fontsize=9)
    fig.colorbar(im, ax=axes, shrink=0.8)
    fig.suptitle("LeVeque's deformational flow: stretched until T/2, back at T", fontsize=10)
    fig.savefig(out, dpi=110, bbox_inches="tight")
    plt.close(fig)


def section_advection_deformational(r):
    rows = [[md.cells(r["cells"]), f"{r['scheme']}, bounds {r['bounds']}", r["steps"], md.sci(r["l1_error"], 3),
             md.sci(r["l2_error"], 3), f"{md.num(r['peak'], 5)} / {md.num(r['peak0'], 5)}", md.sci(r["min"], 1),
             md.sci(r["mass_change"], 1)]]
    return (f"A Gaussian hump stretched into a spiral by LeVeque's swirling flow until T/2 and brought back at "
            f"T = {md.num(r['period'])}, when the exact solution is the initial state. The deck as committed.\n\n"
            + md.table(["mesh", "scheme", "steps", "l1_error at T", "l2_error at T", "peak / initial peak",
                        "lowest q", "max |mass change| / mass"], rows)
            + "\n" + md.figure(r["figure"], "Deformational flow at t = 0, T/2 and T"))
