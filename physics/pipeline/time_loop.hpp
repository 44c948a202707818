#pragma once
// The one time loop, the same for every app and for the driver, the tests
// and the benchmarks: step, NaN/inf guard, diagnostics, outputs, progress
// lines, signals and the wall-time limit.
#include <optional>
#include <string>
#include <vector>

#include "core/timers.hpp"
#include "io/deck/deck.hpp"
#include "io/deck/problems.hpp"
#include "mesh/mesh.hpp"
#include "physics/app.hpp"
#include "physics/fields.hpp"

namespace boreas::pipeline {

struct LoopSettings {
  std::optional<double> t_end;
  std::optional<long long> max_steps;
  double cfl = 0.9;
  std::optional<double> dt;  // run.dt: fixed step instead of cfl x stable step
  long long log_every = 10;
  long long check_every = 1;
  long long diagnostics_every = 1;
  // run.wall_time_limit / --time-limit in seconds: stop early (exit 3) while
  // one more step and one more checkpoint still fit.
  std::optional<double> wall_time_limit;
  // run.stop_when_steady: end the run (exit 0) at the first diagnostics row
  // whose steady-state residual is below it (physics/pipeline/steady.hpp).
  std::optional<double> stop_when_steady;
  // Progress lines also come at least this often (wall seconds), whatever
  // log_every says.
  double log_seconds = 30.0;
  // false: no progress lines (Simulation::advance, which tests and benchmarks
  // call step by step; `bench --json` keeps stdout for the JSON).
  bool log_progress = true;
  // Neither run.t_end nor run.max_steps, or a malformed wall-time limit,
  // goes to `problems`.
  static LoopSettings from_deck(const io::Deck& deck, io::DeckProblems& problems);
  // The step to take at time t: run.dt or cfl x the app's stable step,
  // shortened to land exactly on t_end and on `event` (the next time an
  // output is due). A step that would leave less than one more step before
  // such a time is halved instead, so no sliver step follows.
  double next_dt(const App& app, double t, double event) const;
};

struct LoopState {
  long long step = 0;
  double time = 0.0;
  double last_dt = 0.0;
};

struct LoopResult {
  LoopState end;
  long long steps_taken = 0;
  double step_seconds = 0.0;  // wall time inside app.step
  // Why the loop stopped before t_end/max_steps: a signal (its number) or
  // the wall-time limit; the caller then writes a checkpoint and exits 3.
  int stop_signal = 0;
  bool stopped_by_wall_time = false;
  // Stopped by run.stop_when_steady (a normal end: exit 0), at this residual.
  bool steady = false;
  double steady_residual = 0.0;
  bool stopped_early() const { return stop_signal != 0 || stopped_by_wall_time; }
  std::string stop_reason() const;
};

// Seconds in an "HH:MM:SS" value of `what` (a deck key or option), or
// InputError naming it.
double parse_time_limit(const std::string& what, const std::string& text);

// What a run does around the steps besides what the loop itself does: its
// files (Outputs + RunOutput), or nothing (tests, benchmarks). Every rank
// calls every method.
class LoopObserver {
 public:
  virtual ~LoopObserver() = default;
  // After every step, and before the first step of a fresh run (step 0).
  virtual void after_step(const LoopState&, Timers&) {}
  // A row of diagnostics.csv (values in Fields::diagnostic_names() order).
  virtual void diagnostics(const LoopState&, const std::vector<double>&) {}
  // The next simulated time (after t) at which an output is due, or +inf:
  // the loop's steps land on it exactly.
  virtual double next_output_time(double) const;
  // A later state failed the NaN/inf check: keep this last good one. Returns
  // where it went ("" when nowhere).
  virtual std::string save_last_good(const LoopState&, const std::vector<NamedVariable>&,
                                     const std::vector<AppScalar>&) {
    return "";
  }
};

// Runs from `start` until t_end, max_steps or a steady state. Diagnostics go to the
// observer at the start of a fresh run (step 0), every
// output.diagnostics_every steps and at the end. After every step all ranks
// agree (one reduction) whether a stop signal arrived on any rank or the
// wall-time limit is near; then it returns early with stopped_early() set,
// at the same step on every rank. When a checked field turns NaN/inf it
// hands the last state that passed the check to the observer and throws
// RuntimeError (exit 1) naming step, time, field and rank.
// `steady` (may be null) measures the steady-state residual for the
// diagnostics rows and run.stop_when_steady.
class SteadyMonitor;
LoopResult run_time_loop(const Mesh& mesh, App& app, Fields& fields, LoopObserver& observer,
                         const LoopSettings& settings, LoopState start, Timers& timers,
                         SteadyMonitor* steady = nullptr);

}  // namespace boreas::pipeline
