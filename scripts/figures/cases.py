"""The cases of the verification report, in report order: the app, the
module that runs and analyses it (scripts/figures/<module>.py, which
defines compute_<name>(ctx) and section_<name>(result)), and the decks and
other files its numbers depend on. Only the standard library here: the
staleness test reads this file without numpy or h5py.

A case may run only the decks listed here (make-figures refuses any other),
so these lists are also what scripts/figures/stamp.py hashes.
"""
from dataclasses import dataclass, field

# Apps in the order of `boreas list`, with their report headings.
APPS = [
    ("heat", "Heat equation (`heat`)"),
    ("poisson", "Poisson equation (`poisson`)"),
    ("decay", "Diffusion with decay (`decay`)"),
    ("ns", "Incompressible Navier–Stokes (`ns`)"),
    ("advection", "Tracer advection (`advection`)"),
    ("shallow_water", "Rotating shallow water (`shallow_water`)"),
]

NS_SCRIPTS = ["scripts/ns_figures.py", "scripts/compare_ghia.py"]
SW_SCRIPTS = ["scripts/shallow_water_figures.py", "scripts/ns_figures.py", "scripts/compare_ghia.py"]


@dataclass
class Case:
    name: str
    app: str
    module: str
    title: str
    decks: list
    sources: list = field(default_factory=list)


CASES = [
    Case("heat", "heat", "heat", "Convergence to the decaying sine mode", ["inputs/heat/convergence.toml"]),
    Case("poisson", "poisson", "poisson", "Manufactured solution, variable coefficient",
         ["inputs/poisson/manufactured3d.toml"]),
    Case("decay", "decay", "decay", "Decaying sine mode", ["inputs/verification/decay_sine.toml"]),
    Case("cavity", "ns", "ns", "Lid-driven cavity against Ghia, Ghia & Shin (1982)",
         ["inputs/ns/cavity_re100.toml", "inputs/ns/cavity_re400.toml"],
         NS_SCRIPTS + ["tests/data/ghia_re100.csv", "tests/data/ghia_re400.csv"]),
    Case("taylor_green", "ns", "ns", "2D Taylor–Green vortex", ["inputs/ns/taylor_green.toml"], NS_SCRIPTS),
    Case("heated_cavity", "ns", "ns", "Differentially heated cavity against de Vahl Davis (1983)",
         ["inputs/ns/heated_cavity_ra1e5.toml"], NS_SCRIPTS),
    Case("rayleigh_benard", "ns", "ns", "Rayleigh–Bénard convection",
         ["inputs/ns/rayleigh_benard_ra1e4.toml", "inputs/ns/rayleigh_benard_ra1e5.toml"], NS_SCRIPTS),
    Case("advection_sine", "advection", "advection", "Sine wave: observed orders",
         ["inputs/advection/sine_weno5.toml"], SW_SCRIPTS),
    Case("advection_gaussian", "advection", "advection", "Gaussian hump in solid-body rotation",
         ["inputs/advection/gaussian_rotation.toml"], SW_SCRIPTS),
    Case("advection_slotted_cylinder", "advection", "advection", "Zalesak's slotted cylinder",
         ["inputs/advection/slotted_cylinder.toml"], SW_SCRIPTS),
    Case("advection_deformational", "advection", "advection", "LeVeque's deformational flow",
         ["inputs/advection/deformational.toml"], SW_SCRIPTS),
    Case("dam_break", "shallow_water", "shallow_water", "Dam break on a wet and a dry bed",
         ["inputs/shallow_water/dam_break.toml"], SW_SCRIPTS),
    Case("lake_at_rest", "shallow_water", "shallow_water", "Lake at rest over a bump with dry cells",
         ["inputs/shallow_water/lake_at_rest.toml"], SW_SCRIPTS),
    Case("balanced_vortex", "shallow_water", "shallow_water", "Balanced vortex on the f-plane",
         ["inputs/shallow_water/balanced_vortex.toml"], SW_SCRIPTS),
    Case("kelvin_wave", "shallow_water", "shallow_water", "Equatorial Kelvin wave",
         ["inputs/shallow_water/kelvin_wave.toml"], SW_SCRIPTS),
    Case("geostrophic_adjustment", "shallow_water", "shallow_water", "Geostrophic adjustment of a height step",
         ["inputs/shallow_water/geostrophic_adjustment.toml"], SW_SCRIPTS),
]

BY_NAME = {c.name: c for c in CASES}


def select(only):
    """Cases named by a comma-separated list of case or app names (all if empty)."""
    if not only:
        return list(CASES)
    chosen, unknown = [], []
    for word in (w.strip() for w in only.split(",") if w.strip()):
        hits = [c for c in CASES if word in (c.name, c.app)]
        if not hits:
            unknown.append(word)
        chosen += [c for c in hits if c not in chosen]
    if unknown:
        raise SystemExit(f"make-figures: no case or app {', '.join(unknown)}; cases: "
                         + ", ".join(c.name for c in CASES))
    return [c for c in CASES if c in chosen]
