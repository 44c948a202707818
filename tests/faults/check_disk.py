#!/usr/bin/env python3
"""A full disk and a file-size limit while writing checkpoints, on 1 and 2
ranks: every rank ends within 60 s with exit 1 (exit 3 and a message for the
stop checkpoint of SIGTERM), the previous checkpoint and `latest` are
untouched and restart to the same state bitwise as an undisturbed run, and
no temporary file is left. Covers the reserved-space path and, with
BOREAS_TEST_NO_RESERVE=1, failures inside HDF5 (abandoned file, watchdog).

    check_disk.py BOREAS MPIEXEC        (needs root: mounts a small tmpfs)
"""
import os
import signal
import subprocess
import sys
import tempfile
import time

from checks import expect, fields_of, finish, mpi, run, stray_files

BOREAS = os.path.abspath(sys.argv[1])
MPIEXEC = sys.argv[2]
DECK = """[run]
app = "heat"
max_steps = {steps}
[mesh]
cells = [256, 256]
[output.checkpoint]
every_steps = {every}
keep = 2
"""
CHECKPOINT_BYTES = 256 * 256 * 8  # plus ~10 KiB of metadata


def write_deck(folder, name, steps, every):
    path = os.path.join(folder, name + ".toml")
    with open(path, "w") as f:
        f.write(DECK.format(steps=steps, every=every))
    return path


class Tmpfs:
    def __init__(self, where, kib):
        self.where = where
        os.makedirs(where, exist_ok=True)
        subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={kib}k", "tmpfs", where], check=True)

    def __enter__(self):
        return self.where

    def __exit__(self, *exc):
        subprocess.run(["umount", "-l", self.where])


def latest_of(out):
    with open(os.path.join(out, "checkpoints", "latest")) as f:
        return os.path.join(out, "checkpoints", f.read().strip())


def check_intact(label, out, reference_dir, np):
    """latest names a complete checkpoint, equal bitwise to the reference
    run's file of that step, and a 0-step restart from it succeeds."""
    expect(not stray_files(out, (".tmp",)), f"{label}: no temporary file left "
           f"{stray_files(out, ('.tmp',))}")
    path = latest_of(out)
    expect(os.path.exists(path), f"{label}: latest names an existing checkpoint ({path})")
    if not os.path.exists(path):
        return
    ref = os.path.join(reference_dir, "checkpoints", os.path.basename(path))
    got, when = fields_of(path)
    want, want_when = fields_of(ref)
    expect(got == want and when == want_when,
           f"{label}: latest checkpoint (step {when[1]}) equals the undisturbed run's bitwise")
    code, text, _ = run(mpi(MPIEXEC, np, BOREAS, "run", os.path.join(out, "deck.resolved.toml"),
                            "-o", out, "--restart", "latest", f"run.max_steps={when[1]}"))
    expect(code == 0, f"{label}: --restart latest from it works (exit {code})" +
           ("" if code == 0 else text[-300:]))


if os.geteuid() != 0:
    print("check_disk: needs root to mount a tmpfs")
    sys.exit(1)

with tempfile.TemporaryDirectory() as tmp:
    deck = write_deck(tmp, "full", 40, 10)
    # The undisturbed reference run: every checkpoint the others may keep.
    ref = os.path.join(tmp, "ref")
    code, text, _ = run([BOREAS, "run", deck, "-o", ref, "output.checkpoint.keep=10"])
    expect(code == 0, f"reference run: exit 0 ({code}) {text[-200:]}")

    # Room for two checkpoints and the small files, not for a third.
    kib = (2 * CHECKPOINT_BYTES) // 1024 + 220
    for np in (1, 2):
        for reserve in (True, False):
            label = f"full disk, {np} rank(s), {'reserved' if reserve else 'inside HDF5'}"
            env = {} if reserve else {"BOREAS_TEST_NO_RESERVE": "1"}
            cmd = mpi(MPIEXEC, np, BOREAS, "run", deck, "-o", os.path.join(tmp, "mnt", "out"))
            if np > 1 and not reserve:
                cmd[1:1] = ["-x", "BOREAS_TEST_NO_RESERVE"]
            with Tmpfs(os.path.join(tmp, "mnt"), kib) as mnt:
                code, text, seconds = run(cmd, timeout=120, env=env)
                expect(code == 1, f"{label}: exit 1 (got {code}) after {seconds:.1f} s")
                expect(seconds < 60, f"{label}: every rank ended within 60 s ({seconds:.1f} s)")
                expect("No space left on device" in text or "write failed" in text,
                       f"{label}: the message gives the reason")
                expect("Segmentation" not in text and "signal" not in text.lower(),
                       f"{label}: no crash")
                check_intact(label, os.path.join(mnt, "out"), ref, np)

    # The stop checkpoint (SIGTERM) into a full disk: exit 3, the message
    # says the stop checkpoint failed and names the last complete one.
    stop = write_deck(tmp, "full", 100000, 100000)
    kib = CHECKPOINT_BYTES // 1024 + 220
    with Tmpfs(os.path.join(tmp, "mnt"), kib) as mnt:
        out = os.path.join(mnt, "out")
        p = subprocess.Popen([BOREAS, "run", stop, "-o", out], stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True,
                             env=dict(os.environ, BOREAS_TEST_STEP_DELAY_MS="20"))
        deadline = time.time() + 60
        while time.time() < deadline and not os.path.exists(os.path.join(out, "checkpoints",
                                                                          "latest")):
            time.sleep(0.1)
        time.sleep(0.5)
        p.send_signal(signal.SIGTERM)
        try:
            text, _ = p.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            p.kill()
            text, _ = p.communicate()
        expect(p.returncode == 3, f"stop checkpoint into a full disk: exit 3 (got {p.returncode})")
        expect("the stop checkpoint at step" in text and "failed" in text and
               "last complete checkpoint is step 0" in text,
               "stop checkpoint into a full disk: says so and names the last complete one")
        expect(not stray_files(out), "stop checkpoint into a full disk: no temporary file left")
        expect(latest_of(out).endswith("full.00000000.h5"), "stop checkpoint: latest unchanged")

    # A file-size limit (ulimit -f, on the ranks only): EFBIG instead of a
    # SIGXFSZ kill, on 1 and 2 ranks. Open MPI itself needs 4 MiB files
    # (shared-memory segments), so the limit is 8 MiB and the checkpoint 16.
    limit_kib = 8192
    with open(deck, "w") as f:
        f.write(DECK.format(steps=2, every=1).replace("[256, 256]", "[1024, 2048]"))
    for np in (1, 2):
        out = os.path.join(tmp, f"fsize{np}")
        code, text, seconds = run([MPIEXEC, "-n", str(np), "--oversubscribe", "--bind-to", "none",
                                   "sh", "-c", f'ulimit -f {limit_kib}; exec "$0" "$@"', BOREAS,
                                   "run", deck, "-o", out])
        expect(code == 1, f"file-size limit, {np} rank(s): exit 1 (got {code})")
        expect("File too large" in text,
               f"file-size limit, {np} rank(s): the message gives the OS reason")
        expect(not stray_files(out), f"file-size limit, {np} rank(s): no temporary file left")

finish()
