"""Heat: the committed 3D convergence deck (a sine mode between dirichlet
walls at 0, decaying as exp(-3 pi^2 kappa t)) refined by mesh.cells
overrides; the app's l2_error (RMS difference from the exact solution at
t_end) gives the observed order."""
import ns_figures

from . import plots
from . import report as md

DECK = "inputs/heat/convergence.toml"
CELLS = (16, 32, 64, 128)
FORMAL_ORDER = 2.0  # second-order Laplacian; dt ~ h^2, so forward Euler's O(dt) is O(h^2) too


def compute_heat(ctx):
    runs = ctx.run_many([(f"n{n}", DECK, [f"mesh.cells=[{n},{n},{n}]"]) for n in CELLS])
    rows = []
    for n, r in zip(CELLS, runs):
        d = ns_figures.read_diagnostics(r.out)
        rows.append({"n": n, "h": 1.0 / n, "l2_error": d["l2_error"][-1], "t": d["time"][-1], "steps": r.steps,
                     "dt": d["dt"][-2] if len(d["dt"]) > 1 else d["dt"][-1]})
    errors = [x["l2_error"] for x in rows]
    observed = md.orders(errors, [x["h"] for x in rows])
    fig = "heat-convergence.png"
    ctx.draw(plots.draw_convergence, [("boreas", [x["h"] for x in rows], errors, observed)],
             ctx.figure(fig), "heat: 3D sine mode, dirichlet walls", "RMS error (l2_error)")
    return {"rows": rows, "orders": observed, "figure": fig, "formal_order": FORMAL_ORDER,
            "kappa": runs[0].resolved()["physics"]["kappa"],
            "summary": [md.order_check("observed order, finest pair", observed[-1], FORMAL_ORDER)]}


def section_heat(r):
    rows = [[md.cells([x["n"]] * 3), md.sci(x["h"], 3), x["steps"], md.sci(x["dt"], 3), md.sci(x["l2_error"], 3),
             md.fix(r["orders"][i - 1], 3) if i else ""] for i, x in enumerate(r["rows"])]
    return (f"dT/dt = kappa lap T, kappa = {md.num(r['kappa'])}, on the unit cube, T = 0 on every wall, from "
            "T = sin(pi x) sin(pi y) sin(pi z): "
            f"the deck's exact solution decays as exp(-3 pi^2 kappa t). The deck is refined through "
            f"`mesh.cells` (its explicit step follows h^2); `l2_error` is the RMS difference from the exact "
            f"solution at t = {md.num(r['rows'][-1]['t'])}. Reference: the formal order "
            f"{md.fix(r['formal_order'], 0)}.\n\n"
            + md.table(["mesh", "h", "steps", "dt", "l2_error", "observed order"], rows) + "\n"
            + md.figure(r["figure"], "Heat: error against h"))
