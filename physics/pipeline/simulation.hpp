#pragma once
// One simulation built from a deck: the app and its problem, the mesh, the
// declared fields, the outputs and the restart point, stepped by the one
// time loop. `boreas run`, `boreas check`, the tests and the benchmarks all
// go through this class:
//
//   Simulation sim(ctx, options);   // every input check (what `check` does); DeckError
//   sim.initialize();               // fields, initial state, restart
//   int code = sim.run();           // 0 finished, 3 stopped early
//
// The constructor raises every input problem at once, each at the position
// of its keys, and writes nothing; the output folder appears only in run().
#include <memory>
#include <string>
#include <vector>

#include "core/context.hpp"
#include "core/timers.hpp"
#include "io/deck/deck.hpp"
#include "io/output/state_file.hpp"
#include "mesh/mesh.hpp"
#include "mesh/sample.hpp"
#include "physics/app.hpp"
#include "physics/fields.hpp"
#include "physics/pipeline/samplers.hpp"
#include "physics/pipeline/steady.hpp"
#include "physics/pipeline/time_loop.hpp"

namespace boreas::pipeline {

struct RunOptions {
  std::string deck;       // path of the deck file (or the name messages use for deck_text)
  std::string deck_text;  // non-empty: the deck itself instead of reading `deck`
  std::vector<std::string> overrides;
  std::string output_dir;   // --output; empty: run.output_dir or ./<run.name>
  std::string restart;      // --restart latest|FILE; empty: fresh start
  std::string init;         // --init FILE (wins over run.init); empty: run.init or the problem
  std::string time_limit;   // --time-limit HH:MM:SS; empty: run.wall_time_limit
  bool write_files = true;  // false: no output folder at all (tests, benchmarks)
};

class Simulation {
 public:
  Simulation(const Context& ctx, RunOptions options);
  ~Simulation();
  Simulation(const Simulation&) = delete;
  Simulation& operator=(const Simulation&) = delete;

  // Allocates the fields, sets the app up (initial state) and, with
  // --restart, loads the checkpoint, or with --init / run.init (and no
  // --restart) interpolates the state from another run's file. Collective.
  void initialize();
  // Instead of initialize(): the state of a checkpoint or snapshot of this
  // run's app and mesh (every output and restart variable the file holds,
  // and its scalars), for `boreas sample`. Collective.
  void load_state_file(const std::string& path);
  // The variables `names` (output or derived variables, or vectors: their
  // components) at `points` (sample(): interpolated from its own grid, the
  // same on any rank count), after refreshing the ghosts of the fields that
  // have a halo and computing the derived ones asked for. Collective.
  std::vector<double> sample_output(const std::vector<std::string>& names,
                                    const std::vector<Point>& points);
  // Runs to the end (or an early stop) with the run's files; writes
  // perf.json and the final checkpoint. Returns 0, or 3 when stopped early.
  int run();
  // Steps at most `steps` more times (tests and benchmarks; no end-of-run
  // outputs).
  LoopResult advance(long long steps);

  const Context& context() const { return ctx_; }
  const io::Deck& deck() const;
  const AppInfo& app_info() const;
  const ProblemInfo* problem() const;
  const Mesh& mesh() const { return *mesh_; }
  App& app() { return *app_; }
  const Fields& fields() const { return *fields_; }
  Fields& fields() { return *fields_; }
  const LoopSettings& settings() const { return settings_; }
  const LoopState& state() const { return state_; }
  Timers& timers() { return timers_; }
  const std::string& run_name() const { return run_name_; }
  const std::string& output_dir() const { return output_dir_; }
  // Bytes of this rank's declared fields (the estimate `check` prints).
  double memory_bytes() const { return memory_bytes_; }

  // The current value of a diagnostic (collective), and the values of the
  // first and the latest row the loop produced (tests).
  double diagnostic(const std::string& name) const;
  // The resolved deck with the app's derived parameters as comments (what
  // `check` prints and `run` writes as deck.resolved.toml).
  std::string resolved_deck_text() const;
  const std::vector<DerivedParameter>& derived_parameters() const { return derived_; }
  const std::vector<double>& first_diagnostics() const { return first_row_; }
  const std::vector<double>& last_diagnostics() const { return last_row_; }
  std::size_t diagnostic_index(const std::string& name) const;

 private:
  class Files;
  friend class RowRecorder;

  const Context& ctx_;
  RunOptions options_;
  struct Loaded;
  std::unique_ptr<Loaded> loaded_;
  std::unique_ptr<App> app_;
  std::unique_ptr<Mesh> mesh_;
  SteadyMonitor steady_;  // before fields_: its diagnostic reads it
  std::unique_ptr<Fields> fields_;
  FaceConditions faces_{};
  LoopSettings settings_;
  LoopState state_;
  Timers timers_;
  std::string run_name_, output_dir_;
  double memory_bytes_ = 0.0;
  bool restarted_ = false;
  // --init / run.init on a fresh start: the file, the option or key that
  // named it (for messages), its header, and the log line of run().
  std::string init_path_, init_what_, init_summary_;
  std::unique_ptr<io::StateHeader> init_header_;
  std::vector<double> first_row_, last_row_;
  std::vector<DerivedParameter> derived_;  // from the dry declaration
  std::vector<SamplerSpec> samplers_;      // [[output.probe]], [[output.line]]
};

}  // namespace boreas::pipeline
