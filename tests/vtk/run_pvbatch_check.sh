#!/usr/bin/env bash
# Runs pvbatch_check.py under `xvfb-run -a pvbatch` with ParaView's Python
# modules on the path (see scripts/setup-deps --with-paraview), through
# boreas_pvbatch of scripts/paraview/pvbatch.sh.
#
#   tests/vtk/run_pvbatch_check.sh [--script NAME.py] RUN_DIR OUT_PNG [ARGS ...]
#
# runs tests/vtk/NAME.py (default pvbatch_check.py: RUN_DIR OUT_PNG
# [--range MIN MAX] [--array NAME]; pvbatch_vectors.py: RUN_DIR OUT_PNG).
#
# Exit codes: those of pvbatch_check.py (0 passed, 1 a check failed, 2 usage),
# 77 (ctest SKIP_RETURN_CODE) only when pvbatch or xvfb-run is not installed;
# 1 also when ParaView's Python modules are not.
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
  sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
# pvbatch, offscreen, with ParaView's Python modules on the path, X start-up
# failures retried: the same as scripts/paraview/render.
source "$here/../../scripts/paraview/pvbatch.sh"
rc=0
BOREAS_PVBATCH_XVFB=1 boreas_pvbatch "$here/$script" "$@" || rc=$?
exit "$rc"
