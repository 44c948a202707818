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
