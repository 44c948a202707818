#!/usr/bin/env python3
"""Long and unusable output paths. A run whose output folder path is 300 or
600 characters long writes checkpoints, snapshots and VTK output and
restarts from them, on 1 and 2 ranks (MPI-IO used to abort on a temporary
file path of 245 characters). Paths the system cannot hold, empty folder
names and folders under a file are refused by `check` and `run` with exit 2
before anything is created.

    check_paths.py BOREAS MPIEXEC
"""
import os
import sys
import tempfile

from checks import expect, finish, mpi, run

BOREAS = os.path.abspath(sys.argv[1])
MPIEXEC = sys.argv[2]
DECK = """[run]
app = "heat"
max_steps = 4
[mesh]
cells = [16, 12]
[output.checkpoint]
every_steps = 2
[output.snapshot]
every_steps = 2
[output.vtk]
every_steps = 2
"""

with tempfile.TemporaryDirectory() as tmp:
    deck = os.path.join(tmp, "paths.toml")
    with open(deck, "w") as f:
        f.write(DECK)

    for length in (300, 600):
        parts, total = [], len(tmp)
        while total < length:
            n = min(200, length - total)
            parts.append(chr(ord("a") + len(parts)) * n)
            total += n + 1
        out = os.path.join(tmp, *parts)
        for np in (1, 2):
            folder = os.path.join(out, f"np{np}")
            label = f"{len(folder)}-character output path, {np} rank(s)"
            code, text, _ = run(mpi(MPIEXEC, np, BOREAS, "run", deck, "-o", folder))
            expect(code == 0, f"{label}: run exits 0 (got {code})" + ("" if code == 0 else text[-400:]))
            names = os.listdir(os.path.join(folder, "checkpoints")) if code == 0 else []
            expect("paths.00000004.h5" in names, f"{label}: the checkpoints are there")
            expect(os.path.exists(os.path.join(folder, "snapshots", "paths.xdmf")),
                   f"{label}: the snapshot series is there")
            expect(os.path.exists(os.path.join(folder, "vtk", "paths.pvd")),
                   f"{label}: the VTK series is there")
            code, text, _ = run(mpi(MPIEXEC, np, BOREAS, "run", deck, "-o", folder, "--restart",
                                    "latest", "run.max_steps=6"))
            expect(code == 0, f"{label}: --restart latest exits 0 (got {code})" +
                   ("" if code == 0 else text[-400:]))

    # Refused at input (exit 2, nothing created), by check and by run alike.
    too_long = os.path.join(tmp, *(["d" * 200] * 21))  # over PATH_MAX (4096)
    long_name = os.path.join(tmp, "n" * 300)            # a folder name over NAME_MAX (255)
    a_file = os.path.join(tmp, "a_file")
    with open(a_file, "w") as f:
        f.write("x")
    cases = [
        ("an output path over the system's limit", ["-o", too_long], "exceeds the system's limit"),
        ("a folder name over 255 characters", ["-o", long_name], "over the system's limit"),
        ("an output folder under a file", ["-o", os.path.join(a_file, "out")], "is not a folder"),
        ("an output folder that is a file", ["-o", a_file], "is not a folder"),
        ("--output ''", ["-o", ""], "must not be empty"),
        ("run.output_dir = ''", ["run.output_dir="], "must not be empty"),
        ("run.output_dir = \"\"", ['run.output_dir=""'], "must not be empty"),
        ("a 195-character run.name", ["run.name=" + "r" * 195], "run.name"),
        ("--restart ''", ["--restart", ""], "must not be empty"),
    ]
    for label, args, why in cases:
        for command in ("check", "run"):
            if command == "check" and args[0] in ("-o", "--restart"):
                continue  # options of run only
            before = sorted(os.listdir(tmp))
            code, text, _ = run([BOREAS, command, deck, *args], cwd=tmp)
            expect(code == 2, f"{command} with {label}: exit 2 (got {code})")
            expect(why in text, f"{command} with {label}: says why ('{why}')" +
                   ("" if why in text else text[-300:]))
            expect(sorted(os.listdir(tmp)) == before and not os.path.exists(too_long),
                   f"{command} with {label}: nothing created")

finish()
