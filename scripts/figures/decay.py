"""Decay: a sine mode between dirichlet walls at 0 decaying as
exp(-(kappa k^2 + 1/tau) t) (inputs/verification/decay_sine.toml, no user
deck covers it), refined through mesh.cells: the app's l2_error and the
amplitude against the exact decay."""
import math

import numpy as np

import ns_figures

from . import report as md

DECK = "inputs/verification/decay_sine.toml"
CELLS = (16, 32, 64, 128)
FORMAL_ORDER = 2.0



def compute_decay(ctx):
    runs = ctx.run_many([(f"n{n}", DECK, [f"mesh.cells=[{n},{n}]"]) for n in CELLS])
    deck = runs[0].resolved()
    kappa, tau = deck["physics"]["kappa"], deck["physics"]["tau"]
    mode = deck["problem"]["mode"]
    lower, upper = deck["mesh"].get("lower", [0.0, 0.0]), deck["mesh"].get("upper", [1.0, 1.0])
    k2 = sum((math.pi * m / (upper[i] - lower[i])) ** 2 for i, m in enumerate(mode[:2]))
    rate = kappa * k2 + 1.0 / tau
    rows, curves = [], []
    for n, r in zip(CELLS, runs):
        d = ns_figures.read_diagnostics(r.out)
        t, amp = d["time"], d["q_max"] / d["q_max"][0]
        exact = np.exp(-rate * t)
        rows.append({"n": n, "h": 1.0 / n, "steps": r.steps, "t": t[-1], "l2_error": d["l2_error"][-1],
                     "amplitude": amp[-1], "amplitude_exact": exact[-1],
                     "amplitude_rel_error": abs(amp[-1] - exact[-1]) / exact[-1]})
        curves.append((n, t, amp))
    observed = md.orders([x["l2_error"] for x in rows], [x["h"] for x in rows])
    fig = "decay.png"
    ctx.draw(draw, rows, curves, rate, observed, ctx.figure(fig))
    return {"rows": rows, "orders": observed, "figure": fig, "rate": rate, "kappa": kappa, "tau": tau,
            "mode": mode, "formal_order": FORMAL_ORDER,
            "summary": [md.order_check("observed order of l2_error, finest pair", observed[-1], FORMAL_ORDER),
                        [f"amplitude at t = {md.num(rows[-1]['t'])}, {md.cells([CELLS[-1]] * 2)}",
                         md.num(rows[-1]["amplitude"], 6), f"exact {md.num(rows[-1]['amplitude_exact'], 6)}",
                         None]]}


def draw(rows, curves, rate, observed, out):
    plt = ns_figures.pyplot()
    fig, (a, b) = plt.subplots(1, 2, figsize=(10, 4))
    for n, tt, amp in curves:
        exact = np.exp(-rate * tt)
        a.semilogy(tt[1:], np.abs(amp[1:] - exact[1:]) / exact[1:], "o-", ms=3, lw=1, label=f"boreas {n}$^2$")
    a.set_xlabel("t")
    a.set_ylabel("|amplitude / exact - 1|")
    a.set_title("amplitude (q_max / q_max(0)) against exp(-(kappa k^2 + 1/tau) t)", fontsize=9)
    a.legend(fontsize=7)
    a.grid(alpha=0.3)
    h = [x["h"] for x in rows]
    e = [x["l2_error"] for x in rows]
    b.loglog(h, e, "o-", label="l2_error at t_end")
    b.loglog(h, [e[-1] * (x / h[-1]) ** 2 for x in h], "k--", lw=0.8, label="slope 2")
    for i, p in enumerate(observed):
        b.annotate(f"{p:.2f}", ((h[i] * h[i + 1]) ** 0.5, (e[i] * e[i + 1]) ** 0.5), fontsize=8)
    b.set_xlabel("h")
    b.set_ylabel("RMS error")
    b.legend(fontsize=8)
    b.grid(alpha=0.3, which="both")
    fig.suptitle("decay: sine mode between dirichlet walls")
    fig.tight_layout()
    fig.savefig(out, dpi=110)
    plt.close(fig)


def wave(m):
    return "" if m == 1 else f"{m} "


def section_decay(r):
    rows = [[md.cells([x["n"]] * 2), x["steps"], md.num(x["amplitude"], 6), md.num(x["amplitude_exact"], 6),
             md.sci(x["amplitude_rel_error"], 2), md.sci(x["l2_error"], 3),
             md.fix(r["orders"][i - 1], 3) if i else ""] for i, x in enumerate(r["rows"])]
    mx, my = r["mode"][:2]
    return (f"dq/dt = kappa lap q - q/tau with kappa = {md.num(r['kappa'])}, tau = {md.num(r['tau'])} "
            f"(read back from the runs' `deck.resolved.toml`) on the unit square, q = 0 on the walls, from "
            f"q = sin({wave(mx)}pi x) sin({wave(my)}pi y): exactly q0 exp(-(kappa k^2 + 1/tau) t), "
            f"kappa k^2 + 1/tau = {md.num(r['rate'], 6)}. The amplitude is the run's `q_max` over its initial "
            "value (the sampled mode is an eigenvector of the discrete operator, so it keeps its shape); "
            f"`l2_error` is the app's RMS difference from the exact solution. Reference: the exact decay, and the "
            f"formal order {md.fix(r['formal_order'], 0)}.\n\n"
            + md.table(["mesh", "steps", "amplitude at t_end", "exact", "relative deviation", "l2_error",
                        "observed order"], rows)
            + "\n" + md.figure(r["figure"], "Decay: amplitude against the exact decay, and the error against h"))
