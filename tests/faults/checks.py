"""The pass/fail bookkeeping the fault tests share: expect() prints one line
per check, finish() prints the "N passed, M failed" line ctest matches and
exits non-zero on any failure."""
import sys

_counts = {"passed": 0, "failed": 0}


def expect(cond, what):
    print(("ok: " if cond else "FAIL: ") + what)
    _counts["passed" if cond else "failed"] += 1


def finish():
    print(f"{_counts['passed']} passed, {_counts['failed']} failed")
    sys.exit(1 if _counts["failed"] else 0)


def run(cmd, timeout=120, env=None, **kw):
    """Runs cmd; returns (exit code, stdout+stderr, seconds). A run past
    `timeout` is killed and reported as exit code None."""
    import os
    import subprocess
    import time
    t0 = time.time()
    full_env = dict(os.environ, **(env or {}))
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=full_env,
                           errors="replace", **kw)
        return p.returncode, p.stdout + p.stderr, time.time() - t0
    except subprocess.TimeoutExpired as e:
        out = (e.stdout or b"") + (e.stderr or b"")
        if isinstance(out, bytes):
            out = out.decode(errors="replace")
        return None, out, time.time() - t0


def mpi(mpiexec, n, *args):
    """The command line for `n` ranks of args under mpiexec (1: no launcher)."""
    if n == 1:
        return list(args)
    return [mpiexec, "-n", str(n), "--oversubscribe", "--bind-to", "none", *args]


def stray_files(folder, suffixes=(".tmp",)):
    """Files below folder whose name contains one of the temporary suffixes."""
    import os
    out = []
    for root, _, files in os.walk(folder):
        out += [os.path.join(root, f) for f in files if any(s in f for s in suffixes)]
    return out


def fields_of(path):
    """{name: bytes} of /fields and (time, step) of a state file, via h5py."""
    import h5py
    with h5py.File(path, "r") as f:
        return ({k: f["fields"][k][...].tobytes() for k in f["fields"]},
                (float(f.attrs["time"]), int(f.attrs["step"])))
