#!/usr/bin/python3
"""A restart chain under a real single-node Slurm (started and stopped here).

usage: test_slurm_chain.py BOREAS MPIEXEC SOURCE_DIR

`boreas submit DECK --nodes 1 --ntasks-per-node 2 --time 00:02:00 --chain 3`
on a run that needs more wall time than one job gets (steps slowed down
with BOREAS_TEST_STEP_DELAY_MS): the first job gets Slurm's SIGUSR1, writes a
checkpoint and exits 3; the chain resubmits and resumes it; the final field
is bitwise identical to an uninterrupted run. Exit 77 (skip) when Slurm or
h5py is not available.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

try:
    import h5py
except ImportError as e:
    print(f"test_slurm_chain: skip: h5py not importable ({e})")
    sys.exit(77)

BOREAS, MPIEXEC, SRC = os.path.abspath(sys.argv[1]), sys.argv[2], sys.argv[3]
HERE = os.path.join(SRC, "tests", "cluster")
STEPS = 1000  # x 0.12 s per step: ~2 min of steps, more than the first job has
results = {"passed": 0, "failed": 0}


def check(ok, what, detail=""):
    results["passed" if ok else "failed"] += 1
    print(("ok: " if ok else "FAIL: ") + what + ("" if ok else f"\n{detail}"))
    return ok


def field(path):
    with h5py.File(path, "r") as f:
        return f["fields/T"][...].tobytes(), float(f.attrs["time"]), int(f.attrs["step"])


work = tempfile.mkdtemp(prefix="boreas-slurm-")
slurm = os.path.join(work, "slurm")
p = subprocess.run(["bash", os.path.join(HERE, "slurm_start.sh"), slurm], capture_output=True, text=True)
if p.returncode != 0:
    print(p.stderr.strip() or "test_slurm_chain: skip: Slurm did not start")
    subprocess.run(["bash", os.path.join(HERE, "slurm_stop.sh"), slurm])
    sys.exit(77 if p.returncode == 77 else 1)
env = dict(os.environ, SLURM_CONF=p.stdout.strip(), PATH=os.environ["PATH"] + ":/usr/sbin",
           OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1", OMP_NUM_THREADS="1",
           OMPI_MCA_btl_vader_single_copy_mechanism="none")
try:
    deck = os.path.join(work, "chain.toml")
    shutil.copy(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "decks", "cluster", "chain.toml"), deck)
    ref_out = os.path.join(work, "ref")
    r = subprocess.run([MPIEXEC, "-n", "2", "--oversubscribe", "--bind-to", "none", BOREAS, "run", deck,
                        "--output", ref_out], env=env, capture_output=True, text=True, timeout=300)
    check(r.returncode == 0, "uninterrupted reference run on 2 ranks", r.stderr)
    out = os.path.join(work, "chain")
    t0 = time.time()
    s = subprocess.run([BOREAS, "submit", deck, "--output", out, "--nodes", "1", "--ntasks-per-node", "2",
                        "--time", "00:02:00", "--chain", "3"],
                       env=dict(env, BOREAS_TEST_STEP_DELAY_MS="120"), capture_output=True, text=True, timeout=60)
    check(s.returncode == 0 and "submitted batch job" in s.stdout, "boreas submit ... --chain 3", s.stdout + s.stderr)
    final = os.path.join(out, "checkpoints", f"chain.{STEPS:08d}.h5")
    deadline = time.time() + 480
    while time.time() < deadline:
        q = subprocess.run(["squeue", "-h", "-o", "%i"], env=env, capture_output=True, text=True)
        if os.path.exists(final) and q.stdout.strip() == "":
            break
        time.sleep(2)
    print(f"chain took {time.time() - t0:.0f} s")
    logs = sorted(f for f in os.listdir(out) if f.startswith("slurm-")) if os.path.isdir(out) else []
    text = {f: open(os.path.join(out, f)).read() for f in logs}
    check(len(logs) >= 2, f"the chain ran {len(logs)} jobs", str(logs))
    if logs:
        first = text[logs[0]]
        check(re.search(r"stopping early at step \d+ .*: SIGUSR1", first) is not None
              and "run exited with 3" in first, "the first job got SIGUSR1, checkpointed and exited 3", first[-3000:])
        check(any("restarting from" in text[f] for f in logs[1:]), "a later job resumed with --restart latest",
              "\n".join(text[f][-1500:] for f in logs[1:]))
        check("run exited with 0" in text[logs[-1]], "the last job finished the run (exit 0)", text[logs[-1]][-2000:])
    if check(os.path.exists(final), f"the final checkpoint (step {STEPS}) exists"):
        a, b = field(final), field(os.path.join(ref_out, "checkpoints", f"chain.{STEPS:08d}.h5"))
        check(a == b, "final field and time bitwise identical to the uninterrupted run")
finally:
    subprocess.run(["scancel", "--user", "root"], env=env, capture_output=True)
    subprocess.run(["bash", os.path.join(HERE, "slurm_stop.sh"), slurm])

print(f"{results['passed']} passed, {results['failed']} failed")
sys.exit(1 if results["failed"] else 0)
