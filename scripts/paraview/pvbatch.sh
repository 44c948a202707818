# Sourced by scripts/paraview/render and tests/vtk/run_pvbatch_check.sh:
# runs a Python script in ParaView's pvbatch, offscreen, with ParaView's
# Python modules on the path.
#
#   boreas_pvbatch SCRIPT.py [ARGS ...]
#
# Returns the script's exit code; 77 (ctest's skip code) only when pvbatch,
# or xvfb-run where there is no display, is not installed; 1 when pvbatch is
# there but ParaView's Python modules are not.
#
# Debian 12's python3-paraview cannot be installed next to libvtk9-dev, so
# `scripts/setup-deps --with-paraview` unpacks it into
# $BOREAS_CACHE/paraview-python (default ~/.cache/boreas); a system-wide one
# is used as is, and BOREAS_PARAVIEW_PYTHONPATH overrides both.
#
# Debian's pvbatch renders through X: with no DISPLAY (or with
# BOREAS_PVBATCH_XVFB=1) it runs under `xvfb-run -a`. Now and then (about one
# run in ten on the CI machines) pvbatch cannot connect to the X server
# xvfb-run has just started ("bad X server connection") and aborts before the
# script runs; that, and only that, is retried (3 attempts).

boreas_pvbatch() {
  local - pvbatch use_xvfb=0 cache log rc attempt
  set -o pipefail  # the exit code of pvbatch, not of tee (local -: for this function only)
  if ! command -v pvbatch >/dev/null; then
    echo "pvbatch: SKIP: pvbatch not found (install with scripts/setup-deps --with-paraview)" >&2
    return 77
  fi
  if [[ -z "${DISPLAY:-}" || "${BOREAS_PVBATCH_XVFB:-0}" == "1" ]]; then
    use_xvfb=1
    if ! command -v xvfb-run >/dev/null; then
      echo "pvbatch: SKIP: no display and xvfb-run not found (scripts/setup-deps --with-paraview)" >&2
      return 77
    fi
  fi
  # pvbatch derives its Python path from where it was started: /bin/pvbatch (a
  # usr-merge alias) would pick up python3-vtk9's modules and crash.
  pvbatch=$(readlink -f "$(command -v pvbatch)")
  local pypath="${BOREAS_PARAVIEW_PYTHONPATH:-}"
  if [[ -z "$pypath" && ! -f /usr/lib/python3/dist-packages/paraview/simple.py ]]; then
    cache="${BOREAS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/boreas}"
    pypath="$cache/paraview-python/root/usr/lib/python3/dist-packages"
    if [[ ! -f "$pypath/paraview/simple.py" ]]; then
      echo "pvbatch: FAIL: pvbatch is installed but ParaView's Python modules are not;" >&2
      echo "  run scripts/setup-deps --with-paraview (it unpacks them into $cache/paraview-python)" >&2
      return 1
    fi
  fi
  local pythonpath="$pypath"
  if [[ -n "${PYTHONPATH:-}" ]]; then pythonpath="${pythonpath:+$pythonpath:}$PYTHONPATH"; fi
  log=$(mktemp)
  for attempt in 1 2 3; do
    rc=0
    if [[ $use_xvfb -eq 1 ]]; then
      PYTHONPATH="$pythonpath" xvfb-run -a "$pvbatch" --force-offscreen-rendering "$@" 2>&1 | tee "$log" || rc=$?
    else
      PYTHONPATH="$pythonpath" "$pvbatch" --force-offscreen-rendering "$@" 2>&1 | tee "$log" || rc=$?
    fi
    if [[ $rc -eq 0 ]] || ! grep -q "bad X server connection" "$log"; then break; fi
    echo "pvbatch: could not connect to the X server (attempt $attempt of 3)" >&2
    sleep 1
  done
  rm -f "$log"
  return "$rc"
}
