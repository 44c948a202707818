#!/usr/bin/python3
"""Whole runs on both halo paths (parallel.gpu_aware_mpi), 2 ranks.

usage: test_halo_paths.py BOREAS MPIEXEC

For a 3D heat run and a 2D Navier-Stokes run (velocity, pressure solve):
* parallel.gpu_aware_mpi = true, = false and unset end with bitwise
  identical fields;
* perf.json says which path the halos took, and its exchange counts show
  that every exchange took it (false: host-staged only; true and, on this
  host-only build, unset: device-direct only);
* the log names the path and why;
* a value that is not a boolean exits 2 naming the key.
Prints "N passed, N failed"; exit 77 without h5py.
"""
import json
import os
import subprocess
import sys
import tempfile

try:
    import h5py
except ImportError as e:
    print(f"test_halo_paths: skip: h5py not importable ({e})")
    sys.exit(77)

BOREAS, MPIEXEC = sys.argv[1], sys.argv[2]
ENV = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1",
           OMP_NUM_THREADS="1", OMPI_MCA_btl_vader_single_copy_mechanism="none")
DECK_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "decks", "cluster")
DECKS = {}
for _name in ("heat3d", "taylor_green"):
    with open(os.path.join(DECK_DIR, _name + ".toml")) as _f:
        DECKS[_name] = _f.read()
results = {"passed": 0, "failed": 0}


def check(ok, what, detail=""):
    results["passed" if ok else "failed"] += 1
    print(("ok: " if ok else "FAIL: ") + what + ("" if ok else f"\n{detail}"))
    return ok


def run(deck, out, extra):
    cmd = [MPIEXEC, "-n", "2", "--oversubscribe", "--bind-to", "none", BOREAS, "run", deck, "--output", out]
    return subprocess.run(cmd + extra, env=ENV, capture_output=True, text=True, timeout=300)


def final_fields(out):
    with open(os.path.join(out, "checkpoints", "latest")) as f:
        name = f.read().strip()
    with h5py.File(os.path.join(out, "checkpoints", name), "r") as f:
        return {k: f["fields"][k][...].tobytes() for k in f["fields"]}, int(f.attrs["step"])


work = tempfile.mkdtemp(prefix="boreas-halo-paths-")
for app, text in DECKS.items():
    deck = os.path.join(work, app + ".toml")
    with open(deck, "w") as f:
        f.write(text)
    fields = {}
    for setting, want_path in [("true", "device-direct"), ("false", "host-staged"), (None, "device-direct")]:
        label = f"{app}, parallel.gpu_aware_mpi = {setting or 'unset'}"
        out = os.path.join(work, f"{app}_{setting}")
        p = run(deck, out, [f"parallel.gpu_aware_mpi={setting}"] if setting else [])
        if not check(p.returncode == 0, f"{label}: runs on 2 ranks", p.stdout + p.stderr):
            continue
        fields[setting] = final_fields(out)
        with open(os.path.join(out, "perf.json")) as f:
            rt = json.load(f)["runtime"]
        counts = rt.get("halo_exchanges", {})
        other = "host-staged" if want_path == "device-direct" else "device-direct"
        check(rt.get("halo_path") == want_path and counts.get(want_path, 0) > 0 and counts.get(other) == 0,
              f"{label}: perf.json: halo path {want_path}, {counts.get(want_path)} exchanges on it, none on {other}",
              json.dumps(rt))
        check(rt.get("gpu_aware_mpi_setting") == (setting or "auto"),
              f"{label}: perf.json records the setting", json.dumps(rt))
        with open(os.path.join(out, "log.txt")) as f:
            log = f.read()
        why = f"parallel.gpu_aware_mpi = {setting}" if setting else "detected"
        check(f"halo path: {want_path} ({why}" in log, f"{label}: the log names the path and why", log[:2000])
    if len(fields) == 3:
        ref, step = fields["true"]
        check(step > 0 and all(fields[s] == (ref, step) for s in fields) and len(ref) >= 1,
              f"{app}: final fields ({', '.join(sorted(ref))}) at step {step} bitwise identical on both paths")

p = run(os.path.join(work, "heat3d.toml"), os.path.join(work, "bad"), ['parallel.gpu_aware_mpi="yes"'])
check(p.returncode == 2 and "parallel.gpu_aware_mpi" in p.stderr,
      'parallel.gpu_aware_mpi = "yes" exits 2 naming the key', p.stderr)

print(f"{results['passed']} passed, {results['failed']} failed")
sys.exit(1 if results["failed"] else 0)
