#!/usr/bin/python3
"""Stop signals and the wall-time limit of `boreas run` (no Slurm needed).

usage: test_signals.py BOREAS MPIEXEC

* SIGUSR1 to ONE rank of a 2-rank run: both ranks stop at the same step,
  one checkpoint is written, exit 3; `--restart latest` ends bitwise
  identical to an uninterrupted run;
* SIGUSR1 and SIGTERM sent to mpirun (which forwards them) do the same;
* a second and third signal while the stop checkpoint is being written do
  not corrupt it;
* --time-limit / run.wall_time_limit: a run that would take longer stops in
  time with exit 3 and a checkpoint, and resumes bitwise identically;
* the limit counts from BOREAS_JOB_START (the job's start) when it is set:
  a job that started long ago stops early; a malformed or future value
  counts from the process start (malformed: with a warning);
* a malformed run.wall_time_limit exits 2 naming the key.

Steps are slowed down with BOREAS_TEST_STEP_DELAY_MS so the runs last a few
seconds without using the CPU. Prints "N passed, N failed"; exit 77 without h5py.
"""
import os
import re
import signal
import subprocess
import sys
import tempfile
import time

try:
    import h5py
except ImportError as e:
    print(f"test_signals: skip: h5py not importable ({e})")
    sys.exit(77)

BOREAS, MPIEXEC = sys.argv[1], sys.argv[2]
STEPS = 40
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "decks", "cluster", "signals.toml")) as _f:
    DECK = _f.read()
ENV = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1",
           OMP_NUM_THREADS="1", OMPI_MCA_btl_vader_single_copy_mechanism="none")
SLOW = dict(ENV, BOREAS_TEST_STEP_DELAY_MS="100")
results = {"passed": 0, "failed": 0}


def check(ok, what, detail=""):
    results["passed" if ok else "failed"] += 1
    print(("ok: " if ok else "FAIL: ") + what + ("" if ok else f"\n{detail}"))
    return ok


def cmd(args, np_=2):
    return [MPIEXEC, "-n", str(np_), "--oversubscribe", "--bind-to", "none", BOREAS, "run"] + args


def run(args, env=ENV):
    return subprocess.run(cmd(args), env=env, capture_output=True, text=True, timeout=300)


def field(path):
    with h5py.File(path, "r") as f:
        return f["fields/T"][...].tobytes(), float(f.attrs["time"]), int(f.attrs["step"])


def ckpt(out, step):
    return os.path.join(out, "checkpoints", f"sg.{step:08d}.h5")


def latest(out):
    try:
        with open(os.path.join(out, "checkpoints", "latest")) as f:
            return f.read().strip()
    except OSError:
        return ""


def ranks_of(mpirun_pid):
    """The rank processes: mpirun's children (OpenMPI launches them directly)."""
    kids = []
    for task in os.listdir(f"/proc/{mpirun_pid}/task"):
        with open(f"/proc/{mpirun_pid}/task/{task}/children") as f:
            kids += [int(k) for k in f.read().split()]
    return sorted(kids)


def wait_for_step(out, step, proc, timeout=120):
    log = os.path.join(out, "log.txt")
    deadline = time.time() + timeout
    while time.time() < deadline and proc.poll() is None:
        if os.path.exists(log):
            with open(log) as f:
                if re.search(rf"^step +{step} ", f.read(), re.M):
                    return True
        time.sleep(0.05)
    return False


def start(out, extra=(), env=SLOW):
    return subprocess.Popen(cmd([deck, "--output", out] + list(extra)), env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)


def resume_and_compare(out, what):
    p = run([deck, "--output", out, "--restart", "latest"])
    if not check(p.returncode == 0, f"{what}: --restart latest finishes", p.stdout + p.stderr):
        return
    T, t, step = field(ckpt(out, STEPS))
    check(step == STEPS and T == ref[0] and t == ref[1],
          f"{what}: final field bitwise identical to the uninterrupted run", f"step {step} t {t} vs {ref[1]}")


work = tempfile.mkdtemp(prefix="boreas-signals-")
deck = os.path.join(work, "sg.toml")
with open(deck, "w") as f:
    f.write(DECK)

p = run([deck, "--output", os.path.join(work, "full")])
if not check(p.returncode == 0, f"uninterrupted {STEPS} steps on 2 ranks", p.stderr):
    sys.exit(1)
ref = field(ckpt(os.path.join(work, "full"), STEPS))

# --- one signal to one rank, or to mpirun ------------------------------------------
for name, sig, to_rank in [("SIGUSR1 to rank 1", signal.SIGUSR1, True),
                           ("SIGUSR1 to mpirun", signal.SIGUSR1, False),
                           ("SIGTERM to rank 0", signal.SIGTERM, True)]:
    out = os.path.join(work, name.replace(" ", "_"))
    proc = start(out)
    if not check(wait_for_step(out, 5, proc), f"{name}: run reached step 5"):
        proc.kill()
        continue
    ranks = ranks_of(proc.pid)
    target = (ranks[1] if "rank 1" in name else ranks[0]) if to_rank else proc.pid
    os.kill(target, sig)
    stdout, stderr = proc.communicate(timeout=120)
    check(proc.returncode == 3, f"{name}: exit code 3", f"rc {proc.returncode}\n{stdout}\n{stderr}")
    m = re.search(r"stopping early at step (\d+) \(t = [^)]*\): (\S+)", stdout)
    stop = int(m.group(1)) if m else -1
    check(m is not None and m.group(2) == signal.Signals(sig).name and 5 <= stop < STEPS,
          f"{name}: all ranks agreed to stop at step {stop} naming {signal.Signals(sig).name}", stdout)
    check(latest(out) == f"sg.{stop:08d}.h5" and os.path.exists(ckpt(out, stop)),
          f"{name}: the stop checkpoint is step {stop} and `latest` names it", latest(out))
    if os.path.exists(ckpt(out, stop)):
        check(field(ckpt(out, stop))[2] == stop, f"{name}: the checkpoint holds step {stop}")
    resume_and_compare(out, name)

# --- more signals while the stop checkpoint is written --------------------------------
out = os.path.join(work, "second_signal")
proc = start(out, env=dict(SLOW, BOREAS_TEST_CHECKPOINT_PAUSE="2"))
if check(wait_for_step(out, 5, proc), "second signal: run reached step 5"):
    ranks = ranks_of(proc.pid)
    os.kill(ranks[0], signal.SIGUSR1)
    deadline = time.time() + 60
    tmp = []
    while time.time() < deadline and not tmp and proc.poll() is None:
        d = os.path.join(out, "checkpoints")
        tmp = [f for f in os.listdir(d) if f.endswith(".h5.tmp")] if os.path.isdir(d) else []
        time.sleep(0.02)
    check(bool(tmp), "second signal: the stop checkpoint is being written", str(tmp))
    for r in ranks:
        os.kill(r, signal.SIGUSR1)
    os.kill(ranks[1], signal.SIGTERM)
    stdout, stderr = proc.communicate(timeout=120)
    check(proc.returncode == 3, "second signal: still exit 3 with a complete checkpoint",
          f"rc {proc.returncode}\n{stdout}\n{stderr}")
    check(latest(out) != "" and not any(f.endswith(".tmp") for f in os.listdir(os.path.join(out, "checkpoints"))),
          "second signal: `latest` is written and no temporary file is left", latest(out))
    resume_and_compare(out, "second signal")
else:
    proc.kill()

# --- wall-time limit ----------------------------------------------------------------
# 40 steps x 0.15 s and start-up need ~7 s; the limit allows 6.
for how, extra in [("--time-limit", ["--time-limit", "00:00:06"]),
                   ("run.wall_time_limit", ['run.wall_time_limit="00:00:06"'])]:
    out = os.path.join(work, "wall" + how.replace("-", "").replace(".", "_"))
    t0 = time.time()
    p = subprocess.run(cmd([deck, "--output", out] + extra), env=dict(ENV, BOREAS_TEST_STEP_DELAY_MS="150"),
                       capture_output=True, text=True, timeout=120)
    elapsed = time.time() - t0
    m = re.search(r"stopping early at step (\d+) .*: wall-time limit", p.stdout)
    check(p.returncode == 3 and m is not None, f"{how}: the run stops early with exit 3 (wall-time limit)",
          f"rc {p.returncode}\n{p.stdout}\n{p.stderr}")
    check(elapsed < 6.5, f"{how}: ... within the limit (6 s, whole mpirun {elapsed:.1f} s)")
    if m:
        stop = int(m.group(1))
        # The step depends on the machine's speed (start-up under a sanitizer
        # takes seconds): only that the checkpoint is the stop step matters.
        check(0 <= stop < STEPS and latest(out) == f"sg.{stop:08d}.h5",
              f"{how}: checkpoint at step {stop} named by `latest`", latest(out))
        resume_and_compare(out, how)

# --- the limit counts from the job's start ---------------------------------------------
# A 10-minute limit of a job that started 594 s ago (BOREAS_JOB_START, as the
# `boreas submit` script exports it) leaves ~6 s: the same ~7 s run that a
# limit counted from the process start would let finish must stop early.
out = os.path.join(work, "job_start")
env = dict(ENV, BOREAS_TEST_STEP_DELAY_MS="150", BOREAS_JOB_START=str(int(time.time()) - 594))
p = subprocess.run(cmd([deck, "--output", out, "--time-limit", "00:10:00"]), env=env, capture_output=True,
                   text=True, timeout=120)
m = re.search(r"stopping early at step (\d+) .*: wall-time limit", p.stdout)
check(p.returncode == 3 and m is not None and 1 <= int(m.group(1)) < STEPS,
      "BOREAS_JOB_START 594 s ago, --time-limit 00:10:00: stops early (exit 3) at step "
      f"{m.group(1) if m else '?'} of {STEPS}", f"rc {p.returncode}\n{p.stdout}\n{p.stderr}")
check(re.search(r"wall-time limit 0:10:00 counted from the job start \(BOREAS_JOB_START, 59\d\.\d s before",
                p.stdout) is not None, "the log says the limit counts from the job start", p.stdout[:3000])
if m:
    resume_and_compare(out, "BOREAS_JOB_START")
for value, origin in [("yesterday", "the process start"), (str(int(time.time()) + 3600), "the process start")]:
    p = run([deck, "--output", os.path.join(work, "job_start_" + value), "--time-limit", "00:10:00",
             "run.max_steps=3"], env=dict(ENV, BOREAS_JOB_START=value))
    warned = "ignoring BOREAS_JOB_START='yesterday'" in p.stderr
    check(p.returncode == 0 and f"counted from {origin}" in p.stdout and warned == (value == "yesterday"),
          f"BOREAS_JOB_START={value}: counted from {origin}" + (" with a warning" if warned else ""),
          p.stdout + p.stderr)

# --- bad values ---------------------------------------------------------------------
for bad in ['"90"', '"1:30"', '"00:61:00"', '"ab:cd:ef"']:
    p = run([deck, f"run.wall_time_limit={bad}", "--output", os.path.join(work, "bad")])
    check(p.returncode == 2 and "run.wall_time_limit" in p.stderr and "HH:MM:SS" in p.stderr,
          f"run.wall_time_limit = {bad} exits 2 naming the key and the format", p.stderr)
p = run([deck, "--time-limit", "soon", "--output", os.path.join(work, "bad")])
check(p.returncode == 2 and "--time-limit" in p.stderr, "--time-limit soon exits 2 naming the option", p.stderr)

print(f"{results['passed']} passed, {results['failed']} failed")
sys.exit(1 if results["failed"] else 0)
