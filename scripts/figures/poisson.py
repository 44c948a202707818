"""Poisson: the committed manufactured-solution deck (u = prod sin(2 pi x_d
+ 0.3), variable k, dirichlet/neumann/periodic faces) at several
resolutions through mesh.cells overrides; l2_error (RMS difference from the
exact solution) gives the observed order."""
import ns_figures

from . import plots
from . import report as md

DECK = "inputs/poisson/manufactured3d.toml"
CELLS = (16, 32, 64, 128)
FORMAL_ORDER = 2.0


def compute_poisson(ctx):
    runs = ctx.run_many([(f"n{n}", DECK, [f"mesh.cells=[{n},{n},{n}]", "output.vtk.every_steps=0"])
                         for n in CELLS])
    rows = []
    for n, r in zip(CELLS, runs):
        d = ns_figures.read_diagnostics(r.out)
        rows.append({"n": n, "h": 1.0 / n, "l2_error": d["l2_error"][-1], "iterations": int(d["iterations"][-1]),
                     "initial_residual": d["initial_residual"][-1], "final_residual": d["final_residual"][-1]})
    solver = runs[0].resolved()["solver"]
    errors = [x["l2_error"] for x in rows]
    observed = md.orders(errors, [x["h"] for x in rows])
    fig = "poisson-convergence.png"
    ctx.draw(plots.draw_convergence, [("boreas", [x["h"] for x in rows], errors, observed)],
             ctx.figure(fig), "poisson: manufactured solution, variable k", "RMS error (l2_error)")
    return {"rows": rows, "orders": observed, "figure": fig, "formal_order": FORMAL_ORDER,
            "solver": solver["type"], "rtol": solver["rtol"],
            "summary": [md.order_check("observed order, finest pair", observed[-1], FORMAL_ORDER)]}


def section_poisson(r):
    rows = [[md.cells([x["n"]] * 3), md.sci(x["h"], 3), x["iterations"],
             md.sci(x["final_residual"] / x["initial_residual"], 1), md.sci(x["l2_error"], 3),
             md.fix(r["orders"][i - 1], 3) if i else ""] for i, x in enumerate(r["rows"])]
    return ("-div(k grad u) = f on the unit cube with the exact solution u = prod_d sin(2 pi x_d + 0.3) and "
            "k = 1 + 0.25 sum_d cos(2 pi x_d); dirichlet faces in x, neumann in y, periodic in z, "
            f"solved by the deck's solver (`solver.type = \"{r['solver']}\"`: CG with a multigrid preconditioner) to a "
            f"relative residual of {md.num(r['rtol'])} (`solver.rtol`). "
            "`l2_error` is the RMS difference from u at the cell centres. Reference: the formal order "
            f"{md.fix(r['formal_order'], 0)}.\n\n"
            + md.table(["mesh", "h", "CG iterations", "residual reduction", "l2_error", "observed order"], rows)
            + "\n" + md.figure(r["figure"], "Poisson: error against h"))
