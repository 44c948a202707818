#!/usr/bin/python3
"""`boreas check` refuses every deck that `boreas run` refuses before its first step.

usage: check_equals_run.py BOREAS DECK_DIR

Every deck in DECK_DIR (tests/decks/invalid/) is wrong in one or more ways,
which its header lists as `# expect: REGEX` lines. For each deck both
`boreas check deck.toml` and `boreas run deck.toml --output DIR` must exit
with 2, both must report every expected error (all at once, so a deck with
several problems lists them all), and `run` must not create DIR.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

BOREAS, DECK_DIR = sys.argv[1], sys.argv[2]
ENV = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1",
           OMP_NUM_THREADS="1")
results = {"passed": 0, "failed": 0}


def check(ok, what, detail=""):
    results["passed" if ok else "failed"] += 1
    print(("ok: " if ok else "FAIL: ") + what + ("" if ok else f"\n{detail}"))
    return ok


decks = sorted(f for f in os.listdir(DECK_DIR) if f.endswith(".toml"))
check(len(decks) >= 10, f"{len(decks)} invalid decks found in {DECK_DIR}")
with tempfile.TemporaryDirectory() as work:
    for name in decks:
        with open(os.path.join(DECK_DIR, name)) as f:
            text = f.read()
        expect = re.findall(r"^# expect: (.*)$", text, re.M)
        if not check(expect, f"{name}: lists what it expects"):
            continue
        # Always called deck.toml, so the expected positions can name it.
        deck = os.path.join(work, "deck.toml")
        shutil.copy(os.path.join(DECK_DIR, name), deck)
        out = os.path.join(work, "out_" + name)
        for cmd in (["check", deck], ["run", deck, "--output", out]):
            p = subprocess.run([BOREAS] + cmd, cwd=work, env=ENV, capture_output=True, text=True,
                               timeout=120)
            what = f"{name}: boreas {cmd[0]}"
            check(p.returncode == 2, f"{what} exits 2", f"exit {p.returncode}\n{p.stderr}")
            for e in expect:
                check(re.search(e, p.stderr) is not None, f"{what} reports /{e}/", p.stderr)
        check(not os.path.exists(out), f"{name}: boreas run created no output folder")

print(f"{results['passed']} passed, {results['failed']} failed")
sys.exit(1 if results["failed"] else 0)
