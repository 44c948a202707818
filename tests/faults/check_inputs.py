#!/usr/bin/env python3
"""Odd inputs end with exit 2 and a reason, promptly, and write nothing:
decks that are not regular files (/dev/zero, a FIFO, a directory), an
oversized or binary deck; and a non-finite initial state is refused before
anything is written from it (exit 1, no checkpoint, no `latest`).
Messages: a huge value or raw bytes are not echoed in full, a key is never
"corrected" to a table name, an out-of-range number is not called a string,
a mesh too large for the node is refused by `check` with its memory need,
and `bench ns --cells 4096` is a clear refusal.

    check_inputs.py BOREAS
"""
import os
import subprocess
import sys
import tempfile

from checks import expect, finish

BOREAS = os.path.abspath(sys.argv[1])


def run(args, cwd, timeout=30):
    try:
        p = subprocess.run([BOREAS] + args, cwd=cwd, capture_output=True, text=True,
                           errors="replace", timeout=timeout)
        return p.returncode, p.stdout + p.stderr
    except subprocess.TimeoutExpired:
        return None, "timed out"


with tempfile.TemporaryDirectory() as tmp:
    fifo = os.path.join(tmp, "fifo.toml")
    os.mkfifo(fifo)
    big = os.path.join(tmp, "big.toml")
    with open(big, "w") as f:
        f.write('[run]\napp = "heat"\nmax_steps = 1\n[mesh]\ncells = [8]\n# ' + "x" * (2 << 20) + "\n")
    binary = os.path.join(tmp, "binary.toml")
    with open(binary, "wb") as f:
        f.write(b'[run]\napp = "heat"\n\x00\x01\x02')
    cases = [
        ("/dev/zero", "it is not a regular file"),
        ("/dev/urandom", "it is not a regular file"),
        (fifo, "it is not a regular file"),
        (tmp, "it is a directory"),
        (big, "decks are limited to"),
        (binary, "NUL bytes"),
        (os.path.join(tmp, "missing.toml"), "No such file or directory"),
    ]
    for deck, reason in cases:
        for cmd in ("check", "run"):
            out_dir = os.path.join(tmp, "out")
            args = [cmd, deck] + (["-o", out_dir] if cmd == "run" else [])
            code, out = run(args, tmp)
            name = os.path.basename(deck) or deck
            expect(code == 2, f"{cmd} {name}: exit 2 (got {code})")
            expect(reason in out, f"{cmd} {name}: says '{reason}'")
            expect("cannot read the deck" in out, f"{cmd} {name}: names the deck")
            expect(len(out) < 4000, f"{cmd} {name}: short message ({len(out)} chars)")
            expect(not os.path.exists(out_dir), f"{cmd} {name}: no output folder")

    # Messages.
    base = '[run]\napp = "heat"\nmax_steps = 1\n[mesh]\ncells = [8, 8]\n'

    def deck_file(name, text):
        path = os.path.join(tmp, name)
        with open(path, "w") as f:
            f.write(text)
        return path

    huge = deck_file("huge.toml", base.replace('max_steps = 1', 'max_steps = 1\nname = "' +
                                               "x" * 100000 + '"'))
    code, out = run(["check", huge], tmp)
    expect(code == 2 and "run.name" in out and "(100000 bytes)" in out and len(out) < 1000,
           f"a 100000-character run.name: exit 2, clipped in the message ({len(out)} chars)")
    code, out = run(["check", deck_file("ok.toml", base), "run.name=" + "y" * 50000], tmp)
    expect(code == 2 and len(out) < 1000,
           f"a 50000-character override: exit 2, clipped ({len(out)} chars)")
    raw = os.path.join(tmp, "raw.toml")
    with open(raw, "wb") as f:
        f.write(base.encode() + b'[physics]\nkappa = "\x01\x02\x1b[31m\xff"\n')
    code, out = run(["check", raw], tmp)
    expect(code == 2 and "\x1b" not in out and "\x01" not in out,
           "a string with control bytes: exit 2, no raw bytes echoed")
    code, out = run(["check", deck_file("top.toml", "physic = 1\n" + base)], tmp)
    expect(code == 2 and "unknown key 'physic'" in out and "did you mean 'physics'" not in out,
           "a top-level key 'physic': not pointed to the table 'physics'")
    code, out = run(["check", deck_file("ok.toml", base), "run.t_end=1e309"], tmp)
    expect(code == 2 and "got string" not in out and "1e309" in out and "not a valid" in out,
           "run.t_end=1e309: exit 2, reported as an invalid number, not as a string")
    code, out = run(["check", deck_file("ok.toml", base), "mesh.cells=[16,16"], tmp)
    expect(code == 2 and "got string" not in out and "not a valid TOML value" in out,
           "mesh.cells=[16,16 (unclosed): exit 2, reported as invalid TOML, not as a string")
    code, out = run(["check", deck_file("ok.toml", base),
                     "mesh.cells=[1000000000,1000000000,1000000000]"], tmp)
    expect(code == 2 and "GiB" in out and "memory" in out,
           "a 1e27-cell mesh: check refuses it with the memory it needs")
    code, out = run(["bench", "ns", "--cells", "4096"], tmp, timeout=120)
    expect(code == 2 and "refused" in out and "internal error" not in out and "GiB" in out,
           f"bench ns --cells 4096: exit 2, a clear refusal (got {code})")
    code, out = run(["run", deck_file("ok.toml", base), "-o", "/proc/version/out"], tmp)
    expect(code == 2 and "is not a folder" in out, "an output folder under a file: exit 2, says why")

    # An initial state that overflows to inf (background + amplitude) is
    # caught before the step-0 outputs: exit 1, nothing to restart from.
    deck = os.path.join(tmp, "inf_start.toml")
    with open(deck, "w") as f:
        f.write('[run]\napp = "heat"\nmax_steps = 3\n[mesh]\ncells = [8, 8]\n'
                '[boundary]\nx_lower = "dirichlet"\nx_upper = "dirichlet"\n'
                'y_lower = "dirichlet"\ny_upper = "dirichlet"\n'
                '[problem]\nname = "sine"\nbackground = 1e308\namplitude = 1e308\n'
                '[output.checkpoint]\nevery_steps = 1\n')
    out_dir = os.path.join(tmp, "inf_out")
    code, out = run(["run", deck, "-o", out_dir], tmp)
    expect(code == 1, f"inf initial state: exit 1 (got {code})")
    expect("non-finite value" in out and "step 0" in out, "inf initial state: names step 0")
    ck = os.path.join(out_dir, "checkpoints")
    files = os.listdir(ck) if os.path.isdir(ck) else []
    expect(not [f for f in files if f.endswith(".h5")], f"inf initial state: no checkpoint ({files})")

finish()
