#!/usr/bin/env python3
"""inputs/ns/cavity_re400.toml as a user runs it (optionally on a coarser
mesh): the run stops by itself at a steady state (exit 0, `exit_status` and
the log say so, before t_end), and its in-run centreline samples agree with
Ghia, Ghia & Shin (1982) within the given deviation (scripts/compare_ghia.py).

    check_cavity_re400.py BOREAS MPIEXEC RANKS MAX_DEVIATION [key=value ...]
"""
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "faults"))
from checks import expect, finish, mpi, run  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BOREAS, MPIEXEC, RANKS, MAXDEV = os.path.abspath(sys.argv[1]), sys.argv[2], int(sys.argv[3]), sys.argv[4]
OVERRIDES = sys.argv[5:]

with tempfile.TemporaryDirectory() as tmp:
    out = os.path.join(tmp, "re400")
    deck = os.path.join(ROOT, "inputs", "ns", "cavity_re400.toml")
    code, text, secs = run(mpi(MPIEXEC, RANKS, BOREAS, "run", deck, "-o", out, *OVERRIDES), timeout=3600)
    expect(code == 0, f"the run exits 0 ({code}, {secs:.0f} s)" + ("" if code == 0 else text[-800:]))
    status = open(os.path.join(out, "exit_status")).read() if os.path.exists(os.path.join(out, "exit_status")) else ""
    expect(status.startswith("0\n") and "steady state" in status, f"exit_status names the steady state ({status.strip()!r})")
    m = re.search(r"steady state at step (\d+), t = ([0-9.e+-]+): steady_residual ([0-9.e+-]+)", text)
    expect(m is not None, "the log names the step, time and residual of the steady state")
    if m:
        print(f"steady at step {m.group(1)}, t = {m.group(2)}, residual {m.group(3)}")
        expect(float(m.group(2)) < 200.0, "it stopped before t_end")
    cmp = subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "compare_ghia.py"), out,
                          "--max-deviation", MAXDEV], capture_output=True, text=True)
    print(cmp.stdout[-1500:] + cmp.stderr[-500:])
    expect(cmp.returncode == 0, f"the centrelines agree with Ghia within {MAXDEV}")
finish()
