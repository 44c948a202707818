#include "physics/pipeline/time_loop.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <thread>

#include "core/error.hpp"
#include "core/log.hpp"
#include "core/signals.hpp"
#include "mesh/field_ops.hpp"
#include "physics/pipeline/state_copy.hpp"
#include "physics/pipeline/steady.hpp"

namespace boreas::pipeline {
namespace {

std::string format_duration(double s) {
  if (!std::isfinite(s) || s < 0) return "--:--:--";
  const long long t = static_cast<long long>(s + 0.5);
  return fmt::format("{}:{:02d}:{:02d}", t / 3600, static_cast<int>(t / 60 % 60),
                     static_cast<int>(t % 60));
}

// A copy of the state that passed the last NaN check, so a blown-up run
// still leaves its last good state behind.
class LastGoodState {
 public:
  void save(const Fields& fields, const LoopState& s) {
    copy_.save(fields.variables(kRestart));
    scalars_ = fields.scalars();
    state_ = s;
  }
  const std::vector<NamedVariable>& vars() const { return copy_.vars(); }
  const std::vector<AppScalar>& scalars() const { return scalars_; }
  const LoopState& state() const { return state_; }

 private:
  StateCopy copy_;
  std::vector<AppScalar> scalars_;
  LoopState state_;
};

// Where the state first went non-finite: "" if every checked field is
// finite on every rank, else "field 'u' on rank 1, first at cell (i, j) =
// (x, y)" for the lowest such rank and its first such variable and cell
// (global cell indices, k/j/i order within the rank). Collective.
std::string find_non_finite(const Mesh& mesh, const Fields& fields) {
  const Context& ctx = mesh.context();
  const auto vars = fields.variables(kChecked);
  int bad = -1;
  std::array<int, 3> kji{0, 0, 0};
  for (size_t v = 0; v < vars.size() && bad < 0; ++v) {
    if (first_non_finite_cell(mesh, vars[v].view, vars[v].var, kji)) bad = static_cast<int>(v);
  }
  const int rank = ctx.first_rank_with(bad >= 0);
  if (rank < 0) return "";
  // The failing rank's variable and cell reach everyone through one sum.
  std::vector<double> where(4, 0.0);
  if (ctx.rank() == rank) where = {double(bad), double(kji[0]), double(kji[1]), double(kji[2])};
  ctx.sum(where);
  const int dim = mesh.dim();
  std::string index, coord;
  // Global index and centre of the cell along each axis (axis d's local
  // index is kji[2 - d]); only the failing rank knows its offsets.
  std::vector<double> geo(2 * 3, 0.0);
  if (ctx.rank() == rank) {
    for (int d = 0; d < dim; ++d) {
      const int local = static_cast<int>(where[static_cast<size_t>(3 - d)]);
      geo[d] = mesh.offset(d) + local - mesh.ghost(d);
      geo[3 + d] = mesh.center(d, local);
    }
  }
  ctx.sum(geo);
  for (int d = 0; d < dim; ++d) {
    index += fmt::format("{}{}", d ? ", " : "", static_cast<long long>(geo[d]));
    coord += fmt::format("{}{:.6g}", d ? ", " : "", geo[3 + d]);
  }
  const char* axes[] = {"i", "i, j", "i, j, k"};
  const char* names[] = {"x", "x, y", "x, y, z"};
  return fmt::format("field '{}' on rank {}, first at cell ({}) = ({}), ({}) = ({})",
                     vars[static_cast<size_t>(where[0])].name, rank, axes[dim - 1], index,
                     names[dim - 1], coord);
}

// Stops the run with a message naming the field, step, time, rank and first
// bad cell if any rank holds a NaN or inf in a checked field.
void check_finite(const Mesh& mesh, const Fields& fields, const LoopState& s) {
  const std::string where = find_non_finite(mesh, fields);
  if (where.empty()) return;
  throw RuntimeError(fmt::format("non-finite value (NaN or inf) at step {}, time {:.6g}: {}",
                                 s.step, s.time, where));
}

// BOREAS_TEST_FAIL_RANK / BOREAS_TEST_FAIL_STEP make one rank throw, so the
// tests can prove a one-rank failure stops every rank cleanly.
void maybe_inject_failure(const Context& ctx, long long step) {
  const char* r = std::getenv("BOREAS_TEST_FAIL_RANK");
  const char* s = std::getenv("BOREAS_TEST_FAIL_STEP");
  if (!r || !s) return;
  if (std::atoi(r) == ctx.rank() && std::atoll(s) == step) {
    throw RuntimeError(
        fmt::format("injected test failure at step {} (BOREAS_TEST_FAIL_RANK)", step));
  }
}

// BOREAS_TEST_STEP_DELAY_MS slows every step down, so the signal and
// wall-time tests can run for seconds without burning the CPU.
void maybe_delay_step() {
  const char* v = std::getenv("BOREAS_TEST_STEP_DELAY_MS");
  const int ms = v ? std::atoi(v) : 0;
  if (ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(ms));
}

// Decides on this rank whether the wall-time limit leaves room for one more
// step and one more checkpoint. Before the first checkpoint of this run its
// cost is unknown; it is then guessed as 1 s + 5 steps.
class WallTimeGuard {
 public:
  explicit WallTimeGuard(std::optional<double> limit) : limit_(limit) {}
  void record_iteration(double seconds) { step_max_ = std::max(step_max_, seconds); }
  void record_checkpoint(double seconds) { checkpoint_max_ = std::max(checkpoint_max_, seconds); }
  bool must_stop() const {
    if (!limit_) return false;
    const double checkpoint = checkpoint_max_ > 0 ? checkpoint_max_ : 1.0 + 5.0 * step_max_;
    // 1.5x and 0.5 s of slack for jitter and for shutting down MPI.
    const double needed = seconds_since_start() + step_max_ + 1.5 * checkpoint + 0.5;
    return needed > *limit_;
  }

 private:
  std::optional<double> limit_;
  double step_max_ = 0.0;
  double checkpoint_max_ = 0.0;
};

}  // namespace

double LoopObserver::next_output_time(double) const {
  return std::numeric_limits<double>::infinity();
}

std::string LoopResult::stop_reason() const {
  if (stop_signal != 0) return signal_name(stop_signal);
  if (stopped_by_wall_time) return "wall-time limit";
  return "";
}

double parse_time_limit(const std::string& what, const std::string& text) {
  const auto s = parse_hms(text);
  if (!s || *s <= 0) {
    throw InputError(fmt::format(
        "{}: expected a wall time \"HH:MM:SS\" (e.g. \"01:30:00\"), got \"{}\"", what, text));
  }
  return *s;
}

LoopSettings LoopSettings::from_deck(const io::Deck& deck, io::DeckProblems& problems) {
  LoopSettings s;
  if (deck.has("run.t_end")) s.t_end = deck.real("run.t_end");
  if (deck.has("run.max_steps")) s.max_steps = deck.integer("run.max_steps");
  if (!s.t_end && !s.max_steps) problems.add("set run.t_end or run.max_steps (or both)");
  s.cfl = deck.real("run.cfl");
  if (deck.has("run.dt")) s.dt = deck.real("run.dt");
  s.log_every = deck.integer("run.log_every");
  s.check_every = deck.integer("run.check_every");
  s.diagnostics_every = deck.integer("output.diagnostics_every");
  if (deck.has("run.stop_when_steady")) s.stop_when_steady = deck.real("run.stop_when_steady");
  // Test hook: the tests cannot wait 30 s for a progress line.
  if (const char* v = std::getenv("BOREAS_TEST_LOG_SECONDS")) s.log_seconds = std::atof(v);
  if (deck.has("run.wall_time_limit")) {
    try {
      s.wall_time_limit =
          parse_time_limit("run.wall_time_limit", deck.string("run.wall_time_limit"));
    } catch (const InputError& e) {
      problems.add({"run.wall_time_limit"}, e.what());
    }
  }
  return s;
}

double LoopSettings::next_dt(const App& app, double t, double event) const {
  double step = dt ? *dt : cfl * app.max_stable_dt();
  const double target = t_end ? std::min(*t_end, event) : event;
  if (!std::isfinite(target) || target <= t) return step;
  const double gap = target - t;
  // A step that ends within rounding of the target (t accumulates dt: the
  // slack of done() and Schedule::due, relative to the target) lands on it.
  if (step >= gap - 1e-12 * std::fabs(target)) return gap;
  if (2.0 * step > gap) return 0.5 * gap;  // two equal steps, no sliver
  return step;
}

LoopResult run_time_loop(const Mesh& mesh, App& app, Fields& fields, LoopObserver& observer,
                         const LoopSettings& settings, LoopState start, Timers& timers,
                         SteadyMonitor* steady) {
  const Context& ctx = mesh.context();
  LoopResult result;
  LoopState s = start;
  const double cells = static_cast<double>(mesh.global_cell_count());
  auto done = [&] {
    // Relative tolerance: t accumulates dt, so t_end may be missed by rounding.
    if (settings.t_end && s.time >= *settings.t_end * (1.0 - 1e-12)) return true;
    if (settings.max_steps && s.step >= *settings.max_steps) return true;
    return false;
  };
  auto write_diagnostics = [&] {
    ScopedTimer t(timers, "diagnostics");
    observer.diagnostics(s, fields.diagnostics(s.time));
  };
  // Fraction of the run completed at a state (the nearer of the two limits).
  auto progress_at = [&](const LoopState& st) {
    double p = 0.0;
    if (settings.t_end) p = std::max(p, st.time / *settings.t_end);
    if (settings.max_steps && *settings.max_steps > 0) {
      p = std::max(p, static_cast<double>(st.step) / static_cast<double>(*settings.max_steps));
    }
    return std::min(p, 1.0);
  };
  {
    // The state the loop starts from is checked before anything is written
    // from it: a non-finite initial state (an overflowing problem, say) must not
    // become a "last good state" or a checkpoint.
    ScopedTimer t(timers, "nan_check");
    check_finite(mesh, fields, s);
  }
  if (s.step == 0) write_diagnostics();
  LastGoodState last_good;
  last_good.save(fields, s);
  // On NaN: leave the last good state behind, then fail.
  auto checked = [&] {
    try {
      check_finite(mesh, fields, s);
    } catch (const RuntimeError&) {
      const auto& g = last_good.state();
      const std::string path = observer.save_last_good(g, last_good.vars(), last_good.scalars());
      if (!path.empty()) log::info("wrote the last good state (step {}) to {}", g.step, path);
      throw;
    }
    last_good.save(fields, s);
  };

  const double wall0 = wall_seconds();
  double last_log = wall0;
  long long last_diag_step = s.step;
  WallTimeGuard guard(settings.wall_time_limit);
  if (settings.wall_time_limit) {
    if (const std::string w = clock_origin_warning(); !w.empty()) log::warning("{}", w);
    log::info("wall-time limit {} counted from {}", format_duration(*settings.wall_time_limit),
              clock_origin_description());
  }
  if (s.step == 0) observer.after_step(s, timers);  // the initial state of a fresh run
  while (!done()) {
    const double iteration0 = wall_seconds();
    const double dt = settings.next_dt(app, s.time, observer.next_output_time(s.time));
    // The residual is measured over the steps that end on a diagnostics row
    // (and over the last one, when it is known to be the last).
    const bool diag_step = (s.step + 1) % settings.diagnostics_every == 0;
    const bool last_step = (settings.max_steps && s.step + 1 >= *settings.max_steps) ||
                           (settings.t_end && s.time + dt >= *settings.t_end * (1.0 - 1e-12));
    if (steady) {
      steady->clear();
      if (diag_step || last_step) steady->arm(fields);
    }
    maybe_inject_failure(ctx, s.step);
    maybe_delay_step();
    try {
      ScopedTimer t(timers, "step");
      app.step(s.time, dt);
    } catch (const CollectiveFailure& e) {
      // A solver gave up (every rank knows): say where the state went bad,
      // if it did, and leave the last good state behind, as a NaN does.
      const std::string where = find_non_finite(mesh, fields);
      const auto& g = last_good.state();
      const std::string path = observer.save_last_good(g, last_good.vars(), last_good.scalars());
      if (!path.empty()) log::info("wrote the last good state (step {}) to {}", g.step, path);
      throw RuntimeError(fmt::format(
          "step {} (from t = {:.6g}, dt = {:.6g}) failed: {}{}", s.step + 1, s.time, dt, e.what(),
          where.empty() ? std::string()
                        : "; non-finite value (NaN or inf) in the state: " + where));
    }
    s.time += dt;
    s.step += 1;
    s.last_dt = dt;
    result.steps_taken += 1;
    if (steady) steady->measure(mesh, fields, dt);
    if (s.step % settings.check_every == 0) {
      ScopedTimer t(timers, "nan_check");
      checked();
    }
    const double checkpoint0 = timers.seconds("io_checkpoint");
    observer.after_step(s, timers);
    const double checkpoint_s = timers.seconds("io_checkpoint") - checkpoint0;
    if (checkpoint_s > 0) guard.record_checkpoint(checkpoint_s);
    if (s.step % settings.diagnostics_every == 0) {
      write_diagnostics();
      last_diag_step = s.step;
      if (steady && settings.stop_when_steady && steady->residual() < *settings.stop_when_steady) {
        result.steady = true;
        result.steady_residual = steady->residual();
      }
    }
    const bool log_due = s.step % settings.log_every == 0 || done() || result.steady ||
                         wall_seconds() - last_log >= settings.log_seconds;
    if (settings.log_progress && log_due) {
      last_log = wall_seconds();
      const double elapsed = wall_seconds() - wall0;
      const double rate = cells * result.steps_taken / std::max(timers.seconds("step"), 1e-30);
      const double eta =
          elapsed * (1.0 - progress_at(s)) / std::max(progress_at(s) - progress_at(start), 1e-300);
      log::info("step {:>8}  t = {:<12.6e} dt = {:<10.4e} {:.3e} cell-updates/s  ETA {}", s.step,
                s.time, dt, rate, format_duration(eta));
    }
    guard.record_iteration(wall_seconds() - iteration0 - checkpoint_s);
    if (done()) break;
    if (result.steady) {
      log::info(
          "steady state at step {}, t = {:.6g}: steady_residual {:.3e} < run.stop_when_steady "
          "= {:.3e}",
          s.step, s.time, result.steady_residual, *settings.stop_when_steady);
      break;
    }
    // One reduction per step: twice the highest signal number seen on any
    // rank, plus 1 if some rank's wall-time estimate says stop now.
    const long long local = 2LL * pending_stop_signal() + (guard.must_stop() ? 1 : 0);
    const long long agreed = ctx.max(local);
    if (agreed != 0) {
      result.stop_signal = static_cast<int>(agreed / 2);
      result.stopped_by_wall_time = agreed % 2 == 1;
      log::info("stopping early at step {} (t = {:.6g}): {}", s.step, s.time, result.stop_reason());
      break;
    }
  }
  if (last_diag_step != s.step) write_diagnostics();
  checked();
  result.end = s;
  result.step_seconds = timers.seconds("step");
  return result;
}

}  // namespace boreas::pipeline
