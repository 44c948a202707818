#!/usr/bin/python3
"""`boreas submit` without Slurm: the generated batch script is safe and right.

usage: test_submit.py BOREAS MPIEXEC

* --dry-run with hostile values (quotes, $(), backticks, newlines) in the job
  name, the deck path and an override: `bash -n` accepts the script; run with
  stub `srun`/`sbatch` on PATH it runs nothing but Boreas (with the exact
  deck path and override), and no `pwned` file appears;
* binding: srun --cpu-bind=cores, OMP_PLACES/OMP_PROC_BIND/OMP_NUM_THREADS,
  the USR1 signal directive, GPU binding only when GPUs are requested;
* chain: an early stop (exit 3) resubmits the saved script with one
  resubmission less; a run that finishes or has no resubmissions left does not;
  a second job restarts from `latest`;
* without --dry-run: a stub sbatch's job id is printed; no sbatch on PATH
  exits 1 with a clear message; bad --time / --partition exit 2.
"""
import os
import stat
import subprocess
import sys
import tempfile
import time

BOREAS, MPIEXEC = os.path.abspath(sys.argv[1]), sys.argv[2]
ENV = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1",
           OMP_NUM_THREADS="1", OMPI_MCA_btl_vader_single_copy_mechanism="none")
results = {"passed": 0, "failed": 0}


def check(ok, what, detail=""):
    results["passed" if ok else "failed"] += 1
    print(("ok: " if ok else "FAIL: ") + what + ("" if ok else f"\n{detail}"))
    return ok


def boreas(args, path=None, cwd=None):
    """boreas as an MPI singleton; `path` replaces PATH (the singleton's
    launcher agent is pointed at /bin/false so it needs nothing on PATH)."""
    env = dict(ENV, PATH=path, OMPI_MCA_plm_rsh_agent="/bin/false") if path is not None else ENV
    return subprocess.run([BOREAS] + args, env=env,
                          capture_output=True, text=True, timeout=120, cwd=cwd)


work = tempfile.mkdtemp(prefix="boreas-submit-")
hostile = "$(touch pwned) `touch pwned` \"q\" 'q' $HOME ;touch pwned\nnext line"
deck_dir = os.path.join(work, "decks $(touch pwned) `touch pwned` 'q\" \nx")
os.makedirs(deck_dir)
deck = os.path.join(deck_dir, "heat.toml")
with open(deck, "w") as f:
    f.write('[run]\napp = "heat"\nname = "sub"\nmax_steps = 4\nlog_every = 1\n\n[mesh]\ncells = [16, 16]\n')
out = os.path.join(work, "out $(touch pwned) 'q'")
override = 'run.name="sub"'  # harmless value, hostile quoting
stubs = os.path.join(work, "bin")
os.makedirs(stubs)
log = os.path.join(work, "calls")
os.makedirs(log)
# srun stub: records its arguments (NUL-separated), then runs the command
# after the srun options under mpiexec -n 1, or exits FAKE_RC if set.
with open(os.path.join(stubs, "srun"), "w") as f:
    f.write(f"""#!/bin/bash
printf '%s\\0' "$@" > {log!r}/srun.$$
echo "${{BOREAS_JOB_START:-unset}}" > {log!r}/jobstart
if [ -n "${{FAKE_RC:-}}" ]; then exit "$FAKE_RC"; fi
while [[ "$1" == --* ]]; do shift; done
exec {MPIEXEC!r} -n 1 --bind-to none "$@"
""")
with open(os.path.join(stubs, "sbatch"), "w") as f:
    f.write(f"""#!/bin/bash
printf '%s\\0' "$@" > {log!r}/sbatch.$$
env | grep '^BOREAS_CHAIN_LEFT=' >> {log!r}/sbatch.$$.env
echo "4242;cluster"
""")
for s in ("srun", "sbatch"):
    os.chmod(os.path.join(stubs, s), 0o755)


def calls(kind):
    found = []
    for name in sorted(os.listdir(log)):
        if name.startswith(kind + ".") and not name.endswith(".env"):
            with open(os.path.join(log, name)) as f:
                found.append(f.read().split("\0")[:-1])
            os.remove(os.path.join(log, name))
    return found


def job_start():
    with open(os.path.join(log, "jobstart")) as f:
        v = f.read().strip()
    os.remove(os.path.join(log, "jobstart"))
    return v


def pwned():
    hits = []
    for root, _, files in os.walk(work):
        hits += [os.path.join(root, f) for f in files if f == "pwned"]
    return hits


p = boreas(["submit", deck, override, "--output", out, "--job-name", hostile, "--time", "00:02:00",
            "--nodes", "1", "--ntasks-per-node", "2", "--cpus-per-task", "2", "--chain", "3", "--dry-run"])
check(p.returncode == 0, "submit --dry-run with hostile job name, deck path and output folder", p.stderr)
script = p.stdout
path = os.path.join(work, "job.sbatch")
with open(path, "w") as f:
    f.write(script)
b = subprocess.run(["bash", "-n", path], capture_output=True, text=True)
check(b.returncode == 0, "bash -n accepts the script", b.stderr)
lines = script.splitlines()
directives = [line for line in lines if line.startswith("#SBATCH")]
check(all(line.count("=") >= 1 and "$" not in line and "`" not in line for line in directives)
      and "#SBATCH --job-name=" in script, "#SBATCH lines carry no shell metacharacters", "\n".join(directives))
for want in ["srun --cpu-bind=cores", "export OMP_PLACES=cores", "export OMP_PROC_BIND=close",
             "export OMP_NUM_THREADS=2", "#SBATCH --signal=B:USR1@", "#SBATCH --ntasks-per-node=2",
             "#SBATCH --time=00:02:00", "trap 'kill -USR1"]:
    check(want in script, f"script contains {want!r}")
check("--gpus" not in script, "no GPU options without --gpus-per-node")

env = dict(ENV, PATH=stubs + ":" + os.environ["PATH"])
env.pop("SLURM_JOB_START_TIME", None)
t0 = int(time.time())
r = subprocess.run(["bash", path], env=env, capture_output=True, text=True, timeout=120, cwd=work)
t1 = int(time.time())
check(r.returncode == 0, "the script runs the deck through (stub) srun", r.stdout + r.stderr)
s = calls("srun")
cmd = s[0] if s else []
rest = [a for a in cmd if not a.startswith("--cpu-bind")]
check(len(s) == 1 and rest[:3] == [BOREAS, "run", deck] and override in rest and out in rest
      and "--restart" not in rest,
      "srun ran exactly boreas run DECK with the hostile paths passed through verbatim", repr(cmd))
check(calls("sbatch") == [], "a finished run is not resubmitted")
v = job_start()
check(v.isdigit() and t0 <= int(v) <= t1,
      f"without SLURM_JOB_START_TIME the ranks get BOREAS_JOB_START = the script's start ({v})")
check(pwned() == [], "no command in the hostile values ran (no 'pwned' file)", str(pwned()))
check(os.path.exists(os.path.join(out, "checkpoints", "latest")), "the run wrote its output where asked")

# Second job of a chain: it restarts from latest; an early stop resubmits.
r = subprocess.run(["bash", path], env=dict(env, FAKE_RC="3", BOREAS_CHAIN_LEFT="2", BOREAS_JOB_START="5",
                                           SLURM_JOB_START_TIME="1700000000"),
                   capture_output=True, text=True, timeout=120, cwd=work)
s = calls("srun")
v = job_start()
check(v == "1700000000", f"Slurm's SLURM_JOB_START_TIME becomes BOREAS_JOB_START, replacing an inherited one ({v})")
check(r.returncode == 3 and s and s[0][-2:] == ["--restart", "latest"],
      "with a checkpoint present the run gets --restart latest, and exit 3 is passed on",
      r.stdout + r.stderr + repr(s))
sb = calls("sbatch")
with open(os.path.join(log, sorted(n for n in os.listdir(log) if n.endswith(".env"))[0])) as f:
    chain_env = f.read()
for n in os.listdir(log):
    os.remove(os.path.join(log, n))
check(len(sb) == 1 and sb[0][-1] == os.path.join(out, "submit.sbatch") and f"--chdir={out}" in sb[0]
      and "BOREAS_CHAIN_LEFT=1" in " ".join(sb[0]), "exit 3 resubmits the saved script with one resubmission less",
      repr(sb) + chain_env)
r = subprocess.run(["bash", path], env=dict(env, FAKE_RC="3", BOREAS_CHAIN_LEFT="0"), capture_output=True,
                   text=True, timeout=120, cwd=work)
calls("srun")
check(r.returncode == 3 and calls("sbatch") == [], "no resubmission when the chain is used up")
check(pwned() == [], "still no 'pwned' file")

# GPUs
p = boreas(["submit", deck, "--gpus-per-node", "4", "--ntasks-per-node", "4", "--dry-run"], cwd=work)
check(p.returncode == 0 and "#SBATCH --gpus-per-node=4" in p.stdout and "--gpu-bind=closest" in p.stdout,
      "--gpus-per-node adds the GPU request and one GPU per rank, closest to its cores", p.stdout + p.stderr)

# Real submission through a stub sbatch; and no sbatch at all.
p = boreas(["submit", deck, "--output", out, "--time", "00:02:00"], path=stubs + ":" + os.environ["PATH"], cwd=work)
sb = calls("sbatch")
check(p.returncode == 0 and "submitted batch job 4242" in p.stdout and len(sb) == 1
      and sb[0][-1] == os.path.join(out, "submit.sbatch") and os.path.exists(sb[0][-1]),
      "without --dry-run the script is saved and sbatch'ed; the job id is printed", p.stdout + p.stderr + repr(sb))
empty = os.path.join(work, "empty")
os.makedirs(empty)
p = boreas(["submit", deck, "--output", out], path=empty, cwd=work)
check(p.returncode == 1 and "sbatch" in p.stderr and "not found" in p.stderr,
      "no sbatch on PATH: exit 1 with a clear message", p.stderr)
for args, what in [(["--time", "2h"], "--time"), (["--partition", "a b"], "--partition")]:
    p = boreas(["submit", deck, "--dry-run"] + args, cwd=work)
    check(p.returncode == 2 and what in p.stderr, f"bad {what} exits 2 naming the option", p.stderr)
check(pwned() == [], "no 'pwned' file anywhere at the end")

print(f"{results['passed']} passed, {results['failed']} failed")
sys.exit(1 if results["failed"] else 0)
