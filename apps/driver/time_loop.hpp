#pragma once
// The generic time loop of ARCHITECTURE §7, the same for every app.
#include <optional>

#include "apps/driver/outputs.hpp"
#include "apps/driver/run_output.hpp"
#include "core/timers.hpp"
#include "io/deck/deck.hpp"
#include "mesh/mesh.hpp"
#include "physics/app.hpp"

namespace boreas::driver {

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
  // Throws InputError if neither run.t_end nor run.max_steps is set.
  static LoopSettings from_deck(const io::Deck& deck);
  // The step to take at time t: run.dt or cfl x the app's stable step,
  // shortened to land on t_end.
  double next_dt(const App& app, double t) const;
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
  bool stopped_early() const { return stop_signal != 0 || stopped_by_wall_time; }
  std::string stop_reason() const;
};

// Seconds in an "HH:MM:SS" value of `what` (a deck key or option), or
// InputError naming it.
double parse_time_limit(const std::string& what, const std::string& text);

// Runs from `start` until t_end or max_steps, writing scheduled outputs.
// After every step all ranks agree (one reduction) whether a stop signal
// arrived on any rank or the wall-time limit is near; then it returns early
// with stopped_early() set, at the same step on every rank.
// When a field turns NaN/inf it writes the last state that passed the check
// as a checkpoint and throws RuntimeError (exit 1) naming step, time, field
// and rank.
LoopResult run_time_loop(const Mesh& mesh, App& app, RunOutput& out, Outputs& outputs,
                         const LoopSettings& settings, LoopState start, Timers& timers);

}  // namespace boreas::driver
