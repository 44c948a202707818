#pragma once
// The generic time loop of ARCHITECTURE §7, the same for every app.
#include <optional>

#include "apps/driver/outputs.hpp"
#include "apps/driver/run_output.hpp"
#include "core/timers.hpp"
#include "io/deck.hpp"
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
};

// Runs from `start` until t_end or max_steps, writing scheduled outputs.
// When a field turns NaN/inf it writes the last state that passed the check
// as a checkpoint and throws RuntimeError (exit 1) naming step, time, field
// and rank.
LoopResult run_time_loop(const Mesh& mesh, App& app, RunOutput& out, Outputs& outputs,
                         const LoopSettings& settings, LoopState start, Timers& timers);

}  // namespace boreas::driver
