"""Runs of the boreas executable for scripts/make-figures.

Every run is `mpirun -n R --oversubscribe --bind-to none boreas run DECK
key=value ... --output DIR` with OMP_NUM_THREADS=1 and the environment of
scripts/env.sh (OpenMPI's root and shared-memory settings). A Runner hands
out rank slots: runs from several threads wait in the order they asked until
their ranks are free, so at most `slots` ranks run at any time.
"""
import json
import os
import shlex
import shutil
import subprocess
import threading
import time
import tomllib

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


class RunFailed(RuntimeError):
    pass


def env_sh():
    """The variables scripts/env.sh exports, read by sourcing it in bash."""
    out = subprocess.run(["bash", "-c", f"source {shlex.quote(os.path.join(ROOT, 'scripts', 'env.sh'))} && env -0"],
                         check=True, capture_output=True).stdout.decode()
    env = dict(item.split("=", 1) for item in out.split("\0") if "=" in item)
    return {k: v for k, v in env.items() if k.startswith("OMPI_")}


class Run:
    """One finished run: its command as a user types it, folder and timings."""

    def __init__(self, name, deck, overrides, ranks, init, out, work):
        self.name, self.deck, self.overrides = name, deck, list(overrides)
        self.ranks, self.init, self.out = ranks, init, out
        self.seconds = self.steps = self.time = None
        words = ["boreas", "run", deck] + self.overrides
        if init:
            words += ["--init", os.path.relpath(init, work)]
        words += ["--output", os.path.relpath(out, work)]
        prefix = f"mpirun -n {ranks} " if ranks > 1 else ""
        self.command = prefix + " ".join(shlex.quote(w) for w in words)

    def resolved(self):
        """The run's deck as it ran (deck.resolved.toml: the deck, the
        overrides and every default)."""
        with open(os.path.join(self.out, "deck.resolved.toml"), "rb") as f:
            return tomllib.load(f)

    def record(self):
        return {"name": self.name, "command": self.command, "seconds": self.seconds, "steps": self.steps,
                "t": self.time, "ranks": self.ranks}


class Runner:
    def __init__(self, boreas, work, slots=2, mpirun="mpirun", verbose=True):
        self.boreas, self.work, self.slots, self.mpirun = boreas, work, slots, mpirun
        self.verbose = verbose
        self._cv = threading.Condition()
        self._free = slots
        self._queue = []
        self._ticket = 0
        self._env = dict(os.environ, OMP_NUM_THREADS="1", OMP_PROC_BIND="false", **env_sh())

    def _acquire(self, ranks, priority):
        with self._cv:
            ticket = (-priority, self._ticket)
            self._ticket += 1
            self._queue.append(ticket)
            self._cv.wait_for(lambda: min(self._queue) == ticket and self._free >= ranks)
            self._queue.remove(ticket)
            self._free -= ranks
            self._cv.notify_all()

    def _release(self, ranks):
        with self._cv:
            self._free += ranks
            self._cv.notify_all()

    def run(self, folder, name, deck, overrides=(), ranks=1, init=None, priority=0):
        """Runs deck (a path relative to the repository) into WORK/folder/name
        and returns the Run; raises RunFailed with the log's tail on failure."""
        ranks = min(ranks, self.slots)
        out = os.path.join(self.work, folder, name)
        run = Run(name, deck, overrides, ranks, init, out, os.path.join(self.work, folder))
        if os.path.exists(out):
            shutil.rmtree(out)
        os.makedirs(os.path.dirname(out), exist_ok=True)
        cmd = [self.mpirun, "-n", str(ranks), "--oversubscribe", "--bind-to", "none", self.boreas, "run",
               os.path.join(ROOT, deck), *overrides, "--output", out]
        if init:
            cmd += ["--init", init]
        log = out + ".log"
        self._acquire(ranks, priority)
        try:
            start = time.monotonic()
            with open(log, "w") as f:
                code = subprocess.run(cmd, stdout=f, stderr=subprocess.STDOUT, env=self._env).returncode
            run.seconds = time.monotonic() - start
        finally:
            self._release(ranks)
        if code != 0:
            with open(log) as f:
                tail = f.read()[-2000:]
            raise RunFailed(f"{folder}/{name}: exit {code}: {run.command}\n{tail}")
        with open(os.path.join(out, "perf.json")) as f:
            perf = json.load(f)
        run.steps, run.time = int(perf["steps"]), float(perf["final_time"])
        if self.verbose:
            print(f"  {folder}/{name}: {run.steps} steps to t = {run.time:.6g} in {run.seconds:.1f} s "
                  f"({ranks} rank{'s' if ranks > 1 else ''})", flush=True)
        return run

    def run_many(self, folder, specs, priority=0):
        """Runs [(name, deck, overrides[, ranks])] concurrently (as far as the
        slots allow) and returns their Runs in the same order."""
        results = [None] * len(specs)
        errors = []

        def one(i, spec):
            try:
                results[i] = self.run(folder, *spec, priority=priority)
            except Exception as e:  # reported after the others finished
                errors.append(e)

        threads = [threading.Thread(target=one, args=(i, s)) for i, s in enumerate(specs)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        if errors:
            raise errors[0]
        return results
