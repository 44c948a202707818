#!/usr/bin/env python3
"""Figure for docs/ns.md: dissipation_rate(t) of 3D Taylor-Green runs
(diagnostics.csv of inputs/ns/taylor_green_3d.toml) with the reference peak
of the resolved DNS (~0.0127 near t = 9; Brachet et al. 1983, HiOCFD C3.5).

    plot_taylor_green_3d.py OUT.png LABEL=DIAGNOSTICS_CSV [LABEL=DIAGNOSTICS_CSV ...]
"""
import csv
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt

out = sys.argv[1]
fig, ax = plt.subplots(figsize=(6.4, 4.0))
for arg in sys.argv[2:]:
    label, path = arg.split("=", 1)
    with open(path) as f:
        rows = list(csv.DictReader(f))
    t = [float(r["time"]) for r in rows]
    eps = [float(r["dissipation_rate"]) for r in rows]
    ax.plot(t, eps, label=label)
ax.plot([9.0], [0.0127], "k*", markersize=12, label="DNS peak (≈0.0127, t ≈ 9)")
ax.set_xlabel("t")
ax.set_ylabel("dissipation rate  −dE/dt")
ax.set_title("3D Taylor–Green vortex, Re = 1600")
ax.grid(alpha=0.3)
ax.legend()
fig.tight_layout()
fig.savefig(out, dpi=110)
print(f"wrote {out}")
