#!/usr/bin/env python3
"""Everything a restart reads is verified: a checkpoint with one flipped bit
in the time or step attribute, the embedded deck, the app name, the mesh,
an app scalar (/scalars/*), a field value or a checksum attribute is
refused by --restart with exit 2 and a message naming the file, on 1 and 2
ranks; the untouched copy restarts (exit 0).

    check_metadata.py BOREAS MPIEXEC
"""
import os
import shutil
import struct
import sys
import tempfile

import h5py
import numpy as np

from checks import expect, finish, mpi, run

BOREAS = os.path.abspath(sys.argv[1])
MPIEXEC = sys.argv[2]
DECK = """[run]
app = "ns"
max_steps = 3
[mesh]
cells = [16, 16]
upper = [6.283185307179586, 6.283185307179586]
[boundary]
x_lower = "periodic"
x_upper = "periodic"
y_lower = "periodic"
y_upper = "periodic"
[physics]
nu = 0.01
[problem]
name = "taylor_green"
"""


def flip_double(v):
    (bits,) = struct.unpack("<Q", struct.pack("<d", float(v)))
    return struct.unpack("<d", struct.pack("<Q", bits ^ 1))[0]


def mutations(f):
    """(label, function that damages the open file) for every part."""
    out = [
        ("time attribute", lambda f: f.attrs.__setitem__("time", np.float64(flip_double(f.attrs["time"])))),
        ("step attribute", lambda f: f.attrs.__setitem__("step", np.int64(int(f.attrs["step"]) ^ 2))),
        ("deck attribute", lambda f: f.attrs.__setitem__("deck", f.attrs["deck"].replace("0.01", "0.02", 1))),
        ("app attribute", lambda f: f.attrs.__setitem__("app", "nt")),
        ("/mesh/upper", lambda f: f["mesh/upper"].__setitem__(0, flip_double(f["mesh/upper"][0]))),
        ("header_checksum", lambda f: f.attrs.__setitem__("header_checksum", np.uint64(int(f.attrs["header_checksum"]) ^ 1))),
    ]
    for name in f["scalars"]:
        out.append((f"/scalars/{name}", lambda f, n=name: f["scalars"][n].__setitem__((), flip_double(f["scalars"][n][()]))))
    first = next(iter(f["fields"]))
    out.append((f"/fields/{first} value", lambda f: f["fields"][first].__setitem__((0, 0), flip_double(f["fields"][first][0, 0]))))
    out.append((f"/fields/{first} checksum", lambda f: f["fields"][first].attrs.__setitem__("checksum", np.uint64(int(f["fields"][first].attrs["checksum"]) ^ 1))))
    return out


with tempfile.TemporaryDirectory() as tmp:
    deck = os.path.join(tmp, "meta.toml")
    with open(deck, "w") as f:
        f.write(DECK)
    out = os.path.join(tmp, "out")
    code, text, _ = run([BOREAS, "run", deck, "-o", out])
    expect(code == 0, f"the ns run writes its checkpoint (exit {code})")
    good = os.path.join(out, "checkpoints", "meta.00000003.h5")
    with h5py.File(good, "r") as f:
        expect(len(f["scalars"]) > 0, f"the checkpoint has app scalars ({list(f['scalars'])})")
        cases = mutations(f)
    for np_ in (1, 2):
        code, text, _ = run(mpi(MPIEXEC, np_, BOREAS, "run", deck, "-o", os.path.join(tmp, f"ok{np_}"),
                                "--restart", good, "run.max_steps=4"))
        expect(code == 0, f"{np_} rank(s): the untouched checkpoint restarts (exit {code})")
    for i, (label, damage) in enumerate(cases):
        bad = os.path.join(tmp, f"bad{i}.h5")
        shutil.copy(good, bad)
        with h5py.File(bad, "r+") as f:
            damage(f)
        for np_ in (1, 2):
            code, text, _ = run(mpi(MPIEXEC, np_, BOREAS, "run", deck, "-o", os.path.join(tmp, "r"),
                                    "--restart", bad, "run.max_steps=4"))
            expect(code == 2 and bad in text and ("checksum" in text or "corrupt" in text),
                   f"{np_} rank(s), flipped {label}: refused with exit 2 naming the file (got {code})"
                   + ("" if code == 2 else text[-300:]))

finish()
