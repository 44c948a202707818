#!/usr/bin/python3
"""Fails when the committed verification report (docs/verification/) is
older than what it was made from.

scripts/make-figures writes, per case, the SHA-256 of the files the case's
numbers depend on into docs/verification/stamp.json; the set is defined
once, in scripts/figures/stamp.py (shared solver and mesh code, the app's
directory, the decks the case runs, the report's scripts). This test
recomputes every case's hash and compares. It also checks that every case
has its stored result and that every figure index.md shows exists.

    tests/docs/check_verification_current.py [REPO_ROOT]
"""
import json
import os
import re
import subprocess
import sys

ROOT = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else os.path.dirname(
    os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
from figures import cases, stamp  # noqa: E402

REPORT = os.path.join(ROOT, "docs", "verification")


def changed_since(commit, files):
    """The hashed files git reports changed since the commit the stamp names
    (a hint for the message; the hashes decide)."""
    if not commit:
        return []
    try:
        out = subprocess.run(["git", "-C", ROOT, "diff", "--name-only", commit, "--", *files],
                             capture_output=True, text=True, check=True).stdout
        new = subprocess.run(["git", "-C", ROOT, "ls-files", "--others", "--exclude-standard", "--", *files],
                             capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return []
    return sorted(set(out.split()) | set(new.split()))


def main():
    problems = []
    path = os.path.join(REPORT, "stamp.json")
    if not os.path.exists(path):
        sys.exit(f"check_verification_current: {os.path.relpath(path, ROOT)} is missing: run scripts/make-figures")
    with open(path) as f:
        recorded = json.load(f).get("cases", {})
    stale = []
    for case in cases.CASES:
        entry = recorded.get(case.name)
        if entry is None:
            problems.append(f"case {case.name} has never been generated")
            stale.append(case.name)
            continue
        if stamp.case_hash(case) != entry["sha256"]:
            files = changed_since(entry.get("commit"), stamp.case_files(case))
            hint = f" (changed since {entry['commit'][:10]}: {', '.join(files[:8])}" + (
                ", ..." if len(files) > 8 else "") + ")" if files else ""
            problems.append(f"case {case.name}: its sources, decks or scripts changed after {entry['generated']}{hint}")
            stale.append(case.name)
        if not os.path.exists(os.path.join(REPORT, f"{case.name}.json")):
            problems.append(f"case {case.name}: docs/verification/{case.name}.json is missing")
            stale.append(case.name)
    index = os.path.join(REPORT, "index.md")
    if not os.path.exists(index):
        problems.append("docs/verification/index.md is missing")
    else:
        with open(index) as f:
            for image in re.findall(r"!\[[^\]]*\]\(([^)]+)\)", f.read()):
                if not os.path.exists(os.path.join(REPORT, image)):
                    problems.append(f"index.md shows {image}, which is missing")
    if problems:
        names = ",".join(dict.fromkeys(stale))
        print("docs/verification is older than the code, decks or scripts it was made from:\n  "
              + "\n  ".join(problems)
              + "\nRun scripts/make-figures (all cases; docs/verification/index.md says how long it takes)"
              + (f" or scripts/make-figures --only {names}" if names else "")
              + ", then commit docs/verification/.", file=sys.stderr)
        return 1
    print(f"check_verification_current: ok ({len(cases.CASES)} cases current)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
