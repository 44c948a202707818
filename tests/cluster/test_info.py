#!/usr/bin/python3
"""`boreas info` binding report, and the same summary in a run's log and perf.json.

usage: test_info.py BOREAS MPIEXEC

* 2 ranks under `mpirun --bind-to core`: disjoint core sets, bound, no warnings;
* 2 ranks under `--bind-to none` with 2 unpinned threads each: warnings for
  shared cores, oversubscription and unbound threads;
* build facts: Kokkos version and backends, MPI library, GPU-aware MPI and
  the halo path, HDF5 version and parallel (this machine uses
  libhdf5-openmpi: parallel), PETSc; a GPU id per rank ("none" here);
* a run's log.txt starts with the summary and perf.json carries it.
"""
import json
import os
import re
import subprocess
import sys
import tempfile

BOREAS, MPIEXEC = sys.argv[1], sys.argv[2]
ENV = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1",
           OMPI_MCA_btl_vader_single_copy_mechanism="none")
results = {"passed": 0, "failed": 0}


def check(ok, what, detail=""):
    results["passed" if ok else "failed"] += 1
    print(("ok: " if ok else "FAIL: ") + what + ("" if ok else f"\n{detail}"))
    return ok


def info(bind, threads, proc_bind, args=("--json",)):
    env = dict(ENV, OMP_NUM_THREADS=str(threads), OMP_PROC_BIND=proc_bind, OMP_PLACES="cores")
    cmd = [MPIEXEC, "-n", "2", "--oversubscribe", "--bind-to", bind, "-x", "OMP_NUM_THREADS", "-x",
           "OMP_PROC_BIND", "-x", "OMP_PLACES", BOREAS, "info"] + list(args)
    return subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120)


def cores(cpuset):
    out = set()
    for part in cpuset.split(","):
        if "-" in part:
            a, b = part.split("-")
            out |= set(range(int(a), int(b) + 1))
        elif part:
            out.add(int(part))
    return out


p = info("core", 1, "close")
if check(p.returncode == 0, "boreas info --json on 2 ranks --bind-to core", p.stderr):
    j = json.loads(p.stdout)
    b = j["bindings"]
    sets = [cores(x["cpuset"]) for x in b]
    check(len(b) == 2 and all(sets) and not (sets[0] & sets[1]) and all(x["bound"] for x in b),
          f"bound ranks have disjoint core sets ({b[0]['cpuset']} / {b[1]['cpuset']})", json.dumps(b))
    check(j["warnings"] == [], "no binding warnings when bound", str(j["warnings"]))
    check(all(j.get(k) for k in ["kokkos_version", "kokkos_backends", "mpi_library", "petsc_version"])
          and j["gpu_aware_mpi"] in (True, False),
          "build facts: Kokkos version/backends, MPI library, GPU-aware MPI, PETSc", p.stdout)
    check(j.get("hdf5_parallel") is True and re.fullmatch(r"1\.\d+\.\d+", j.get("hdf5_version", "")),
          f"HDF5 {j.get('hdf5_version')}, parallel: {j.get('hdf5_parallel')}", p.stdout)
    # Host-only Kokkos build: no device, MPI gets the pack buffers directly.
    check(j.get("gpu_aware_mpi_setting") == "auto" and j.get("halo_path") == "device-direct"
          and "detected" in j.get("halo_path_reason", ""),
          f"halo path {j.get('halo_path')} ({j.get('halo_path_reason')})", p.stdout)
    check([x.get("gpu") for x in b] == ["none", "none"], "GPU id per rank: none on a host-only build",
          json.dumps(b))

p = info("none", 2, "false")
if check(p.returncode == 0, "boreas info --json on 2 ranks --bind-to none, 2 unpinned threads each", p.stderr):
    w = json.loads(p.stdout)["warnings"]
    text = "\n".join(w)
    check(any("share cores" in x for x in w), "warns that the ranks share cores", text)
    check(any("oversubscribed" in x or "threads on" in x for x in w), "warns about more threads than cores", text)
    check(any("not bound" in x for x in w), "warns that the threads are not bound", text)
p = info("none", 2, "false", args=())
check(p.returncode == 0 and "warning: ranks 0 and 1" in p.stdout and "cores" in p.stdout,
      "the text report prints the table and the warnings", p.stdout + p.stderr)
check(re.search(r"^HDF5 1\.\d+\.\d+, parallel: yes$", p.stdout, re.M) is not None
      and re.search(r"GPU-aware MPI detected: (yes|no)$", p.stdout, re.M) is not None
      and re.search(r"^halo path: device-direct \(detected", p.stdout, re.M) is not None
      and len(re.findall(r"^[01] +\S+ .* none$", p.stdout, re.M)) == 2,
      "the text report has HDF5 parallel, GPU-aware MPI, the halo path and a gpu column", p.stdout)

work = tempfile.mkdtemp(prefix="boreas-info-")
deck = os.path.join(work, "i.toml")
with open(deck, "w") as f:
    f.write('[run]\napp = "heat"\nmax_steps = 2\n\n[mesh]\ncells = [16, 16]\n')
out = os.path.join(work, "out")
p = subprocess.run([MPIEXEC, "-n", "2", "--bind-to", "core", BOREAS, "run", deck, "--output", out],
                   env=dict(ENV, OMP_NUM_THREADS="1"), capture_output=True, text=True, timeout=120)
if check(p.returncode == 0, "a 2-rank run", p.stderr):
    with open(os.path.join(out, "log.txt")) as f:
        head = f.read().splitlines()[:12]
    check(any(line.startswith("rank ") and "cores" in line for line in head) and
          any("Kokkos" in line for line in head), "log.txt starts with the runtime summary", "\n".join(head))
    with open(os.path.join(out, "perf.json")) as f:
        perf = json.load(f)
    check(len(perf.get("runtime", {}).get("bindings", [])) == 2, "perf.json carries the binding of both ranks",
          json.dumps(perf.get("runtime")))
    rt = perf.get("runtime", {})
    check(rt.get("hdf5_parallel") is True and rt.get("halo_exchanges", {}).get("device-direct", 0) > 0,
          "perf.json: HDF5 parallel and the halo exchanges per path", json.dumps(rt))

print(f"{results['passed']} passed, {results['failed']} failed")
sys.exit(1 if results["failed"] else 0)
