#!/usr/bin/env bash
# Runs pvbatch_check.py under `xvfb-run -a pvbatch` with ParaView's Python
# modules on the path (see scripts/setup-deps --with-paraview).
#
#   tests/vtk/run_pvbatch_check.sh [--script NAME.py] RUN_DIR OUT_PNG [ARGS ...]
#
# runs tests/vtk/NAME.py (default pvbatch_check.py: RUN_DIR OUT_PNG
# [--range MIN MAX] [--array NAME]; pvbatch_vectors.py: RUN_DIR OUT_PNG).
#
# Exit codes: those of pvbatch_check.py (0 passed, 1 a check failed, 2 usage),
# 77 (ctest SKIP_RETURN_CODE) only when pvbatch or xvfb-run is not installed.
# Environment: BOREAS_PARAVIEW_PYTHONPATH overrides where ParaView's Python
# modules are; BOREAS_CACHE as in setup-deps.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
script=pvbatch_check.py
if [[ "${1:-}" == "--script" ]]; then
  script=${2:?--script needs a file name}
  shift 2
fi
if [[ $# -lt 2 || ! -f "$here/$script" ]]; then
  sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
for tool in pvbatch xvfb-run; do
  if ! command -v "$tool" >/dev/null; then
    echo "run_pvbatch_check: SKIP: $tool not found (install with scripts/setup-deps --with-paraview)" >&2
    exit 77
  fi
done
# pvbatch derives its Python path from where it was started: /bin/pvbatch (a
# usr-merge alias) would pick up python3-vtk9's modules and crash.
pvbatch=$(readlink -f "$(command -v pvbatch)")

# Debian's python3-paraview cannot be installed next to libvtk9-dev, so
# setup-deps unpacks it into the cache; a system-wide one is used as is.
if [[ -z "${BOREAS_PARAVIEW_PYTHONPATH:-}" && ! -f /usr/lib/python3/dist-packages/paraview/simple.py ]]; then
  cache="${BOREAS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/boreas}"
  BOREAS_PARAVIEW_PYTHONPATH="$cache/paraview-python/root/usr/lib/python3/dist-packages"
  if [[ ! -f "$BOREAS_PARAVIEW_PYTHONPATH/paraview/simple.py" ]]; then
    echo "run_pvbatch_check: FAIL: pvbatch is installed but ParaView's Python modules are not;" >&2
    echo "  run scripts/setup-deps --with-paraview (it unpacks them into $cache/paraview-python)" >&2
    exit 1
  fi
fi
if [[ -n "${BOREAS_PARAVIEW_PYTHONPATH:-}" ]]; then
  export PYTHONPATH="$BOREAS_PARAVIEW_PYTHONPATH${PYTHONPATH:+:$PYTHONPATH}"
fi
# Now and then (about one run in ten here) pvbatch cannot connect to the X
# server xvfb-run has just started ("bad X server connection") and aborts
# before the script runs; that, and only that, is retried.
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for attempt in 1 2 3; do
  rc=0
  xvfb-run -a "$pvbatch" "$here/$script" "$@" 2>&1 | tee "$log" || rc=$?
  if [[ $rc -eq 0 ]] || ! grep -q "bad X server connection" "$log"; then exit "$rc"; fi
  echo "run_pvbatch_check: pvbatch could not connect to Xvfb (attempt $attempt of 3)" >&2
  sleep 1
done
exit "$rc"
