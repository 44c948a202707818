#!/usr/bin/env python3
"""Two runs into one output folder: the second one exits 2 naming the first
(host and pid) and touches nothing of it; after the first is killed with
SIGKILL its stale lock does not block `--restart latest`.

    check_lock.py BOREAS
"""
import hashlib
import os
import signal
import subprocess
import sys
import tempfile
import time

from checks import expect, finish

BOREAS = os.path.abspath(sys.argv[1])


def snapshot(folder):
    """Name -> content hash of every file below `folder`."""
    out = {}
    for root, _, files in os.walk(folder):
        for f in files:
            p = os.path.join(root, f)
            with open(p, "rb") as fh:
                out[os.path.relpath(p, folder)] = hashlib.sha256(fh.read()).hexdigest()
    return out


with tempfile.TemporaryDirectory() as tmp:
    deck = os.path.join(tmp, "lock.toml")
    with open(deck, "w") as f:
        f.write('[run]\napp = "heat"\nmax_steps = 100000\n[mesh]\ncells = [8, 8]\n'
                '[output.checkpoint]\nevery_steps = 5\n')
    out = os.path.join(tmp, "out")
    env = dict(os.environ, BOREAS_TEST_STEP_DELAY_MS="20")
    first = subprocess.Popen([BOREAS, "run", deck, "-o", out], env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        # Wait for the first run's second checkpoint: it is well under way.
        deadline = time.time() + 60
        while time.time() < deadline:
            ck = os.path.join(out, "checkpoints")
            if os.path.isdir(ck) and len([f for f in os.listdir(ck) if f.endswith(".h5")]) >= 2:
                break
            time.sleep(0.1)
        # Stop the first run's writes while the second one tries (SIGSTOP):
        # the files must then be exactly the same before and after.
        os.kill(first.pid, signal.SIGSTOP)
        before = snapshot(out)
        second = subprocess.run([BOREAS, "run", deck, "-o", out], capture_output=True, text=True,
                                timeout=60)
        after = snapshot(out)
        msg = second.stdout + second.stderr
        expect(second.returncode == 2, f"second run: exit 2 (got {second.returncode})")
        expect("is in use by another run" in msg, "second run: says the folder is in use")
        expect(f"pid {first.pid}" in msg and "host " in msg,
               f"second run: names the first run's host and pid {first.pid}")
        expect(before == after, "second run: not one file of the first run changed")
        restart = subprocess.run([BOREAS, "run", deck, "-o", out, "--restart", "latest"],
                                 capture_output=True, text=True, timeout=60)
        expect(restart.returncode == 2, "a restart into the busy folder is refused too")
        os.kill(first.pid, signal.SIGCONT)
        # SIGKILL: no handler runs, the lock file stays behind.
        first.kill()
        first.wait(timeout=30)
    finally:
        if first.poll() is None:
            first.kill()
    expect(os.path.exists(os.path.join(out, ".boreas.lock")), "the killed run left its lock file")
    resumed = subprocess.run([BOREAS, "run", deck, "-o", out, "--restart", "latest",
                              "run.max_steps=40"], capture_output=True, text=True, timeout=120)
    expect(resumed.returncode == 0,
           f"restart after SIGKILL: exit 0 (got {resumed.returncode}) {resumed.stderr[-300:]}")
    with open(os.path.join(out, ".boreas.lock")) as f:
        holder = f.read()
    expect("pid " in holder, f"the lock file names the last holder ({holder.strip()})")

finish()
