#!/usr/bin/env bash
# End-to-end checks of the boreas executable: exit codes, error messages,
# output files, failure on one rank, NaN detection.
#   cli_test.sh BOREAS_BINARY SOURCE_DIR MPIEXEC
set -uo pipefail
BOREAS=$1
SRC=$2
MPIEXEC=$3
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
MPI2=("$MPIEXEC" -n 2 --oversubscribe --bind-to none)
passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok: $1"; }
bad() { failed=$((failed + 1)); echo "FAIL: $1"; }
# expect_code WANT DESCRIPTION -- command...
expect_code() {
  local want=$1 what=$2; shift 3
  timeout 120 "$@" >out.txt 2>err.txt
  local got=$?
  if [[ $got -eq $want ]]; then ok "$what (exit $got)"; else bad "$what: exit $got, wanted $want"; cat out.txt err.txt; fi
}
expect_grep() {  # expect_grep PATTERN FILE DESCRIPTION
  if grep -qE -- "$1" "$2"; then ok "$3"; else bad "$3: /$1/ not in $2:"; cat "$2"; fi
}

cp "$SRC/tests/decks/cli/good.toml" good.toml

# --- misspelled key: exact position and suggestion, no output folder -------
sed 's/^kappa = 0.5/kapa = 1.0/' good.toml > deck.toml
line=$(grep -n '^kapa' deck.toml | cut -d: -f1)
expect_code 2 "misspelled key exits 2" -- "$BOREAS" run deck.toml --output misspelled
expect_grep "^deck.toml:$line:1: error: unknown key 'physics.kapa' \(did you mean 'physics.kappa'\?\)" err.txt \
  "misspelled key message names line $line col 1 and suggests physics.kappa"
if [[ -e misspelled ]]; then bad "a bad deck created the output folder"; else ok "no output folder for a bad deck"; fi

# The same deck error on 2 ranks: printed once, exit 2 everywhere.
expect_code 2 "misspelled key on 2 ranks exits 2" -- "${MPI2[@]}" "$BOREAS" run deck.toml --output misspelled2
n=$(grep -c "unknown key 'physics.kapa'" err.txt)
[[ $n -eq 1 ]] && ok "a deck error on 2 ranks is printed once" || bad "deck error printed $n times"

# --- out-of-range override names the key and the allowed range --------------
expect_code 2 "mesh.cells=[-4,8] exits 2" -- "$BOREAS" run good.toml 'mesh.cells=[-4,8]' --output range
expect_grep "command line: error: .*mesh\.cells.*-4.*\[1, 1e\+?0?9\]|command line: error: .*mesh\.cells.*-4.*\[1, 1000000000\]" err.txt \
  "override error names mesh.cells, the value and the range"
[[ -e range ]] && bad "bad override created the output folder" || ok "no output folder for a bad override"

# --- two errors in one deck, both reported ----------------------------------
sed -e 's/^kappa = 0.5/kappa = -1.0/' -e 's/^max_steps = 20/max_step = 20/' good.toml > two.toml
expect_code 2 "deck with two errors exits 2" -- "$BOREAS" check two.toml
expect_grep "two.toml:[0-9]+:[0-9]+: error: .*physics.kappa.*-1" err.txt "first error (kappa range) reported"
expect_grep "two.toml:[0-9]+:[0-9]+: error: unknown key 'run.max_step' \(did you mean 'run.max_steps'\?\)" err.txt \
  "second error (misspelled max_steps) reported"

# --- unknown app, missing stop condition, missing file ----------------------
sed 's/^app = "heat"/app = "haet"/' good.toml > app.toml
expect_code 2 "unknown app exits 2" -- "$BOREAS" check app.toml
expect_grep "haet.*did you mean 'heat'" err.txt "unknown app suggests heat"
grep -v max_steps good.toml > nostop.toml
expect_code 2 "deck without t_end or max_steps exits 2" -- "$BOREAS" check nostop.toml
expect_grep "run.t_end or run.max_steps" err.txt "missing stop condition explained"
expect_code 2 "missing deck file exits 2" -- "$BOREAS" check nowhere.toml
expect_grep "nowhere.toml" err.txt "missing deck file named"
expect_code 2 "unknown subcommand exits 2" -- "$BOREAS" frobnicate

# --- a good run on 2 ranks writes the output folder ---------------------------
expect_code 0 "2-rank run finishes" -- "${MPI2[@]}" "$BOREAS" run good.toml --output good
for f in deck.resolved.toml log.txt diagnostics.csv perf.json; do
  [[ -s good/$f ]] && ok "good/$f written" || bad "good/$f missing"
done
expect_grep "step +20 " good/log.txt "log.txt holds the step lines"
expect_grep "cell-updates/s" out.txt "step lines report cell-updates/s"
steps=$(tail -n +2 good/diagnostics.csv | cut -d, -f1 | tr '\n' ' ')
[[ "$steps" == "0 10 20 " ]] && ok "diagnostics.csv has rows for steps 0, 10, 20 (every 10)" || bad "diagnostics.csv steps: $steps"
if python3 - good/perf.json <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))
need = ["ranks", "threads_per_rank", "backend", "cell_updates_per_s", "timers", "peak_rss_bytes_max"]
missing = [k for k in need if k not in p]
assert not missing, missing
assert p["ranks"] == 2 and p["steps"] == 20 and p["cell_updates_per_s"] > 0
assert "step" in p["timers"]
PY
then ok "perf.json has ranks, threads, backend, timers, rates, RSS"; else bad "perf.json content"; fi
# The resolved deck is a valid deck that resolves to itself.
expect_code 0 "resolved deck checks" -- "$BOREAS" check good/deck.resolved.toml
grep -v '^#' out.txt > resolved2.toml
if diff <(grep -v '^#' good/deck.resolved.toml) resolved2.toml >/dev/null; then ok "resolved deck is a fixed point"; else bad "resolved deck changes when resolved again"; diff <(grep -v '^#' good/deck.resolved.toml) resolved2.toml; fi

# --- a failure on one rank stops every rank with exit 1, naming the rank ----
BOREAS_TEST_FAIL_RANK=1 BOREAS_TEST_FAIL_STEP=3 expect_code 1 "failure on rank 1 of 2 exits 1 everywhere" -- \
  "${MPI2[@]}" "$BOREAS" run good.toml --output fail
expect_grep "error on rank 1 of 2: injected test failure at step 3" err.txt "failure message names rank 1"
if grep -q "MPI_ABORT" err.txt; then bad "MPI_Abort banner printed"; else ok "no MPI_Abort banner"; fi

# --- NaN stops the run with exit 1 naming field, step, rank -----------------
expect_code 2 "a nan key value is an input error" -- "$BOREAS" check good.toml problem.amplitude=nan
expect_grep "'problem.amplitude' must be a finite number, got nan" err.txt "the nan key is named"
# An unstable step from a huge amplitude overflows to inf in step 1.
expect_code 1 "overflow to inf exits 1" -- "${MPI2[@]}" "$BOREAS" run good.toml problem.amplitude=1e300 run.dt=1.0 run.check_every=1 --output nan
expect_grep "non-finite value \(NaN or inf\) at step [0-9]+, time [0-9.e+-]+: field 'T' on rank 0, first at cell \(i, j\) = " err.txt \
  "NaN message names field, step, time and rank"

# --- a checkpoint of another app is refused -----------------------------------
cp "$SRC/tests/decks/cli/poisson.toml" poisson.toml
expect_code 0 "poisson run" -- "${MPI2[@]}" "$BOREAS" run poisson.toml --output pois
ck=$(ls pois/checkpoints/*.h5 | head -n1)
expect_code 2 "restart a heat deck from a poisson checkpoint file exits 2" -- \
  "$BOREAS" run good.toml --restart "$ck" --output pois2
expect_grep "written by app 'poisson', but the deck runs app 'heat'" err.txt "the app mismatch is named"
# --- solver failures: exit 1 naming solver, iterations, residuals -----------
expect_code 1 "poisson with max_iterations 1 exits 1" -- \
  "${MPI2[@]}" "$BOREAS" run poisson.toml solver.max_iterations=1 solver.rtol=1e-12 --output nocvg
expect_grep "cg-mg did not converge.*iterations.*initial residual.*final residual" err.txt \
  "non-convergence names solver, iterations and residuals"
expect_code 2 "an unknown solver type exits 2" -- "$BOREAS" check poisson.toml solver.type=gmres
expect_grep "solver.type" err.txt "the bad solver type names the key"

# --- docs/deck-reference.md is what the code generates ----------------------
"$BOREAS" list --markdown > reference.md
if diff -u "$SRC/docs/deck-reference.md" reference.md > ref.diff; then ok "docs/deck-reference.md is current"; else
  bad "docs/deck-reference.md is stale; regenerate with: boreas list --markdown > docs/deck-reference.md"; head -40 ref.diff; fi

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
