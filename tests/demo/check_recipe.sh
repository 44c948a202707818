#!/usr/bin/env bash
# One ParaView recipe of scripts/paraview on a run folder, as docs/paraview.md
# uses it: scripts/paraview/render draws RECIPE.png and writes RECIPE.pvsm with
# the data file as a relative path (vtk/<name>.pvd, as in the gallery's state
# files); then pvbatch_state.py loads that state onto the run folder (Load
# State's "Search files under specified directory") and draws it again, and
# checks that both pictures show data and agree.
#
#   tests/demo/check_recipe.sh RECIPE RUN_DIR OUT_DIR
#
# Exit codes: 0 passed, 1 a check failed, 2 usage, 77 pvbatch (or xvfb-run)
# not installed.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
if [[ $# -ne 3 ]]; then
  sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
recipe=$1 run=$2 out=$3
pvds=("$run"/vtk/*.pvd)
if [[ ${#pvds[@]} -ne 1 || ! -f "${pvds[0]}" ]]; then
  echo "check_recipe: FAIL: expected one .pvd in $run/vtk" >&2
  exit 1
fi
mkdir -p "$out"
rm -f "$out/$recipe.png" "$out/$recipe.pvsm" "$out/$recipe.state.png"
# Small pictures: the checks do not need the gallery's size.
rc=0
"$root/scripts/paraview/render" "$recipe" "$run" --png "$out/$recipe.png" --state "$out/$recipe.pvsm" \
  --size 500 450 --state-data-path "vtk/$(basename "${pvds[0]}")" || rc=$?
if [[ $rc -ne 0 ]]; then
  [[ $rc -eq 77 ]] || echo "check_recipe: FAIL: scripts/paraview/render $recipe exited $rc" >&2
  exit $rc
fi
source "$root/scripts/paraview/pvbatch.sh"
rc=0
boreas_pvbatch "$here/pvbatch_state.py" "$out/$recipe.pvsm" "$run" "$out/$recipe.png" \
  "$out/$recipe.state.png" || rc=$?
exit $rc
