#!/usr/bin/env python3
"""Signals and launchers.
* `boreas run ... | head -n 1`: the reader goes away, the run goes on to
  the end (exit 0) with its log in log.txt (SIGPIPE used to kill it).
* SIGHUP (lost terminal) stops like SIGTERM: checkpoint, exit 3, restart.
* mpirun forwards SIGTERM and returns 1 while the ranks exit 3: the run's
  exit_status file says 3, and the `boreas submit` script resubmits.
* SIGKILL of one rank of two mid-run: mpirun and the other rank end within
  30 s, and --restart latest finishes the run to the same state bitwise as
  an undisturbed run.

    check_signals.py BOREAS MPIEXEC
"""
import os
import signal
import subprocess
import sys
import tempfile
import time

from checks import expect, fields_of, finish, run

BOREAS = os.path.abspath(sys.argv[1])
MPIEXEC = sys.argv[2]
DECK = """[run]
app = "heat"
max_steps = {steps}
[mesh]
cells = [32, 32]
[output.checkpoint]
every_steps = 5
"""
SLOW = dict(os.environ, BOREAS_TEST_STEP_DELAY_MS="20")


def wait_for(path, timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline and not os.path.exists(path):
        time.sleep(0.05)
    return os.path.exists(path)


def first_line(path):
    try:
        with open(path) as f:
            return f.readline().strip()
    except OSError:
        return None


with tempfile.TemporaryDirectory() as tmp:
    deck = os.path.join(tmp, "sig.toml")
    with open(deck, "w") as f:
        f.write(DECK.format(steps=60))

    # 1. A closed pipe.
    out = os.path.join(tmp, "pipe")
    p = subprocess.Popen([BOREAS, "run", deck, "-o", out, "run.log_every=1"], stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL, env=SLOW)
    p.stdout.readline()
    p.stdout.close()
    code = p.wait(timeout=120)
    expect(code == 0, f"stdout closed early (| head): the run finishes, exit 0 (got {code})")
    with open(os.path.join(out, "log.txt")) as f:
        expect("finished: 60 steps" in f.read(), "stdout closed early: log.txt has the whole log")

    # 2. SIGHUP.
    out = os.path.join(tmp, "hup")
    p = subprocess.Popen([BOREAS, "run", deck, "-o", out, "run.max_steps=100000"],
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=SLOW)
    wait_for(os.path.join(out, "checkpoints", "latest"))
    time.sleep(0.3)
    p.send_signal(signal.SIGHUP)
    text, _ = p.communicate(timeout=60)
    expect(p.returncode == 3, f"SIGHUP: exit 3 with a checkpoint (got {p.returncode})")
    expect("stopped early (SIGHUP)" in text, "SIGHUP: the log says why it stopped")
    expect(first_line(os.path.join(out, "exit_status")) == "3", "SIGHUP: exit_status says 3")
    code, text, _ = run([BOREAS, "run", deck, "-o", out, "--restart", "latest"])
    expect(code == 0, f"SIGHUP: --restart latest finishes (exit {code})")

    # 3. SIGTERM through mpirun, and the submit script's resubmission.
    stubs = os.path.join(tmp, "stubs")
    os.makedirs(stubs)
    with open(os.path.join(stubs, "srun"), "w") as f:
        f.write(f"""#!/bin/bash
while [[ "$1" == --* ]]; do shift; done
exec {MPIEXEC!r} -n 2 --oversubscribe --bind-to none -x BOREAS_TEST_STEP_DELAY_MS "$@"
""")
    with open(os.path.join(stubs, "sbatch"), "w") as f:
        f.write(f"""#!/bin/bash
printf '%s\\n' "$@" > {tmp!r}/sbatch.args
""")
    for s in ("srun", "sbatch"):
        os.chmod(os.path.join(stubs, s), 0o755)
    out = os.path.join(tmp, "job")
    sub = subprocess.run([BOREAS, "submit", deck, "run.max_steps=100000", "--output", out,
                          "--chain", "2", "--dry-run"], capture_output=True, text=True)
    expect(sub.returncode == 0, "submit --dry-run writes a batch script")
    script = os.path.join(tmp, "job.sbatch")
    with open(script, "w") as f:
        f.write(sub.stdout)
    env = dict(SLOW, PATH=stubs + ":" + os.environ["PATH"])
    p = subprocess.Popen(["bash", script], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                         text=True, env=env, cwd=tmp)
    wait_for(os.path.join(out, "checkpoints", "latest"))
    time.sleep(0.5)
    p.send_signal(signal.SIGTERM)
    text, _ = p.communicate(timeout=120)
    expect("the launcher returned 1, the run stopped early (exit_status 3)" in text,
           "mpirun forwarded SIGTERM and returned 1 while the ranks exited 3" +
           ("" if "exit_status 3" in text else text[-500:]))
    expect(p.returncode == 3, f"the batch script exits 3 (got {p.returncode})")
    expect(os.path.exists(os.path.join(tmp, "sbatch.args")), "the batch script resubmitted the job")

    # 4. SIGKILL of one rank.
    deck2 = os.path.join(tmp, "kill.toml")
    with open(deck2, "w") as f:
        f.write(DECK.format(steps=80))
    ref = os.path.join(tmp, "ref")
    code, _, _ = run([MPIEXEC, "-n", "2", "--oversubscribe", "--bind-to", "none", BOREAS, "run",
                      deck2, "-o", ref])
    expect(code == 0, "the undisturbed 2-rank run finishes")
    out = os.path.join(tmp, "kill")
    p = subprocess.Popen([MPIEXEC, "-n", "2", "--oversubscribe", "--bind-to", "none", "-x",
                          "BOREAS_TEST_STEP_DELAY_MS", BOREAS, "run", deck2, "-o", out],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=SLOW)
    wait_for(os.path.join(out, "checkpoints", "kill.00000010.h5"))
    ranks = subprocess.run(["pgrep", "-f", f"boreas run {deck2} -o {out}"], capture_output=True,
                           text=True).stdout.split()
    ranks = [int(r) for r in ranks if int(r) != p.pid]
    expect(len(ranks) == 2, f"found the two ranks ({ranks})")
    t0 = time.time()
    os.kill(max(ranks), signal.SIGKILL)
    try:
        p.wait(timeout=30)
    except subprocess.TimeoutExpired:
        p.kill()
    left = [r for r in ranks if os.path.exists(f"/proc/{r}") and
            open(f"/proc/{r}/stat").read().split()[2] != "Z"]
    expect(time.time() - t0 < 30 and not left,
           f"after SIGKILL of one rank, mpirun and the other rank end within 30 s "
           f"({time.time() - t0:.1f} s, left: {left})")
    for r in left:
        os.kill(r, signal.SIGKILL)
    code, text, _ = run([MPIEXEC, "-n", "2", "--oversubscribe", "--bind-to", "none", BOREAS, "run",
                         deck2, "-o", out, "--restart", "latest"])
    expect(code == 0, f"--restart latest after the SIGKILL finishes (exit {code})")
    final = "checkpoints/kill.00000080.h5"
    expect(os.path.exists(os.path.join(out, final)) and
           fields_of(os.path.join(out, final)) == fields_of(os.path.join(ref, final)),
           "the restarted run ends in the undisturbed run's state, bitwise")

finish()
