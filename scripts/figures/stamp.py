"""What the verification report depends on: the one list of hashed files.

A case's hash is the SHA-256 over the path and SHA-256 of every file of

  * the code every app runs on: physics/pipeline/, physics/common/,
    physics/app.hpp, physics/fields.{hpp,cpp}, solvers/ and mesh/;
  * its app's directory (physics/<app>/), and physics/fv/ for the
    finite-volume apps (advection, shallow_water);
  * the decks it runs and the other files its numbers come from
    (scripts/figures/cases.py lists them: the figure scripts, reference
    tables);
  * the report's scripts: scripts/make-figures, the shared modules of
    scripts/figures/ and the case's own module.

Not hashed, on purpose: core/, io/, apps/ (the command line), build files
(CMakeLists.txt), docs/ and tests/ (except reference tables a case lists).
A change there does not make the report stale; a change to anything above
does, until scripts/make-figures runs again.

scripts/make-figures writes the hashes into docs/verification/stamp.json;
tests/docs/check_verification_current.py recomputes them with this module.
"""
import hashlib
import os

from . import cases as registry

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

SHARED_CODE = ["physics/pipeline", "physics/common", "physics/app.hpp", "physics/fields.hpp",
               "physics/fields.cpp", "solvers", "mesh"]
APP_CODE = {
    "heat": ["physics/heat"],
    "poisson": ["physics/poisson"],
    "decay": ["physics/decay"],
    "ns": ["physics/ns"],
    "advection": ["physics/advection", "physics/fv"],
    "shallow_water": ["physics/shallow_water", "physics/fv"],
}
REPORT_SCRIPTS = ["scripts/make-figures", "scripts/figures/__init__.py", "scripts/figures/cases.py",
                  "scripts/figures/plots.py",
                  "scripts/figures/report.py", "scripts/figures/runner.py", "scripts/figures/stamp.py"]
SKIPPED_NAMES = {"CMakeLists.txt"}


def _expand(path):
    full = os.path.join(ROOT, path)
    if os.path.isfile(full):
        return [path]
    if not os.path.isdir(full):
        raise FileNotFoundError(f"stamp: {path} does not exist")
    out = []
    for d, dirs, files in os.walk(full):
        dirs[:] = sorted(x for x in dirs if not x.startswith(".") and x != "__pycache__")
        for f in files:
            if f.startswith(".") or f in SKIPPED_NAMES or f.endswith((".swp", ".pyc", "~")):
                continue
            out.append(os.path.relpath(os.path.join(d, f), ROOT))
    return out


def case_files(case):
    """The sorted repository paths a case's hash covers."""
    paths = (SHARED_CODE + APP_CODE[case.app] + REPORT_SCRIPTS + [f"scripts/figures/{case.module}.py"]
             + case.decks + case.sources)
    return sorted({f for p in paths for f in _expand(p)})


def file_hash(path):
    with open(os.path.join(ROOT, path), "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def case_hash(case):
    h = hashlib.sha256()
    for path in case_files(case):
        h.update(f"{path}\0{file_hash(path)}\n".encode())
    return h.hexdigest()


def all_hashes():
    return {c.name: case_hash(c) for c in registry.CASES}
