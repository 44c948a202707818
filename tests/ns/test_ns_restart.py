#!/usr/bin/python3
"""ns restart: 2N steps uninterrupted vs N steps + `--restart latest` + N
steps, on the same rank count, must give bitwise identical fields. The AB2
history (previous right-hand sides of momentum and temperature) and the
previous step size travel in the checkpoint (and an upper outflow face's
normal velocity, which lives in a ghost slot); without them the first step
after a restart would differ. Cases: cavity, convection, inflow/outflow
channel with Crank-Nicolson viscosity, convection with a passive scalar and
Crank-Nicolson diffusion of T and the scalar (physics.scalar_diffusion) and
of momentum; a restart that changes physics.scalar_diffusion is refused.

usage: test_ns_restart.py BOREAS MPIEXEC
Prints "N passed, N failed"; exit 77 if h5py is missing.
"""
import os
import subprocess
import sys
import tempfile

try:
    import h5py
    import numpy as np
except ImportError as e:
    print(f"test_ns_restart: skip: h5py/numpy not importable ({e})")
    sys.exit(77)

BOREAS, MPIEXEC = sys.argv[1], sys.argv[2]
N = 10
CAVITY = """
[run]
app = "ns"
name = "nsr"
max_steps = 20
[mesh]
cells = [24, 20]
[boundary]
x_lower = "wall"
x_upper = "wall"
y_lower = "wall"
y_upper = "wall"
y_upper_value = 1.0
[physics]
nu = 0.01
"""
CONVECTION = """
[run]
app = "ns"
name = "nsr"
max_steps = 20
[mesh]
cells = [32, 16]
upper = [2.0, 1.0]
[boundary]
x_lower = "periodic"
x_upper = "periodic"
y_lower = "wall"
y_upper = "wall"
[physics]
nu = 0.01
kappa = 0.01
boussinesq = true
beta_g = 50.0
T0 = 0.5
[physics.thermal]
y_lower = "isothermal"
y_lower_value = 1.0
y_upper = "isothermal"
y_upper_value = 0.0
[problem]
T_init = "conduction"
T_perturbation = 0.05
"""
CHANNEL = """
[run]
app = "ns"
name = "nsr"
max_steps = 20
[mesh]
cells = [32, 8]
upper = [4.0, 1.0]
[boundary]
x_lower = "inflow"
x_lower_value = 1.0
x_lower_profile = "parabolic"
x_upper = "outflow"
y_lower = "wall"
y_upper = "wall"
[physics]
nu = 0.1
viscous = "crank-nicolson"
"""
CONVECTION_CN = CONVECTION.replace("""boussinesq = true""", """boussinesq = true
viscous = "crank-nicolson"
scalar_diffusion = "crank-nicolson"
scalars = ["dye"]
scalar_diffusivity = [0.02]
scalar_init = ["linear"]
scalar_bc.y_lower = ["fixed"]
scalar_bc.y_lower_value = [2.0]
scalar_bc.y_upper = ["fixed"]
scalar_bc.y_upper_value = [0.0]""")
assert CONVECTION_CN != CONVECTION
ENV = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1",
           OMP_NUM_THREADS="1", OMPI_MCA_btl_vader_single_copy_mechanism="none")
results = {"passed": 0, "failed": 0}


def check(ok, what, detail=""):
    results["passed" if ok else "failed"] += 1
    print(("ok: " if ok else "FAIL: ") + what + ("" if ok else f"\n{detail}"))
    return ok


def run(np_, args):
    cmd = [MPIEXEC, "-n", str(np_), "--oversubscribe", "--bind-to", "none", BOREAS, "run"] + args
    return subprocess.run(cmd, env=ENV, capture_output=True, text=True, timeout=300)


def fields(path):
    with h5py.File(path, "r") as f:
        return {k: f["fields"][k][...] for k in f["fields"]}, float(f.attrs["time"])


work = tempfile.mkdtemp(prefix="boreas-ns-restart-")
for label, text, names in [("cavity", CAVITY, ["u", "v", "p"]),
                           ("convection", CONVECTION, ["u", "v", "p", "T"]),
                           ("channel", CHANNEL, ["u", "v", "p"]),
                           ("convection_cn", CONVECTION_CN, ["u", "v", "p", "T", "dye"])]:
    deck = os.path.join(work, f"{label}.toml")
    with open(deck, "w") as f:
        f.write(text)
    for np_ in (1, 2):
        full = os.path.join(work, f"{label}_full{np_}")
        split = os.path.join(work, f"{label}_split{np_}")
        p0 = run(np_, [deck, "--output", full])
        p1 = run(np_, [deck, f"run.max_steps={N}", "--output", split])
        p2 = run(np_, [deck, "--output", split, "--restart", "latest"])
        if not check(p0.returncode == 0 and p1.returncode == 0 and p2.returncode == 0,
                     f"{label} on {np_} ranks: uninterrupted and split runs finish",
                     p0.stderr + p1.stderr + p2.stderr):
            continue
        ref, t_ref = fields(os.path.join(full, "checkpoints", f"nsr.{2 * N:08d}.h5"))
        got, t_got = fields(os.path.join(split, "checkpoints", f"nsr.{2 * N:08d}.h5"))
        check(all(n in ref for n in names), f"{label}: checkpoint holds {names}", str(list(ref)))
        check("ns_history_u" in ref, f"{label}: checkpoint holds the AB2 history", str(list(ref)))
        # Something happened: the flow is not at rest (otherwise any restart is exact).
        check(np.max(np.abs(ref["u"])) > 1e-3, f"{label}: the flow moves", str(np.max(np.abs(ref["u"]))))
        diff = {n: float(np.max(np.abs(got[n] - ref[n]))) for n in ref if n in got}
        same = set(got) == set(ref) and all(got[n].tobytes() == ref[n].tobytes() for n in ref) \
            and t_got == t_ref
        check(same, f"{label} on {np_} ranks: {N} + restart + {N} steps bitwise identical to {2 * N}",
              f"max |diff| per field {diff}; t {t_got} vs {t_ref}")

# The AB2 history means something else under each scalar_diffusion scheme
# (with or without the diffusion term): a restart may not switch.
deck = os.path.join(work, "convection_cn.toml")
p = run(1, [deck, "physics.scalar_diffusion=\"explicit\"", "--output",
            os.path.join(work, "convection_cn_split1"), "--restart", "latest"])
check(p.returncode == 2 and "physics.scalar_diffusion" in p.stderr + p.stdout,
      "a restart changing physics.scalar_diffusion is refused (exit 2, naming the key)",
      f"exit {p.returncode}\n{p.stdout}{p.stderr}")

print(f"{results['passed']} passed, {results['failed']} failed")
sys.exit(1 if results["failed"] else 0)
