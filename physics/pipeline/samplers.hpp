#pragma once
// The in-run samplers of a deck's [[output.probe]] and [[output.line]]
// sections (docs/io.md, "Probes and lines"): named points and lines whose
// variables are interpolated on a schedule (mesh/sample.hpp, the engine of
// `boreas sample` too) and appended to probes/<name>.csv and
// lines/<name>.csv in the run folder, one row per point and time, in the
// format of `boreas sample`. The values are the same bits on any rank count.
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "core/timers.hpp"
#include "io/deck/deck.hpp"
#include "io/deck/problems.hpp"
#include "mesh/mesh.hpp"
#include "mesh/sample.hpp"
#include "physics/app.hpp"
#include "physics/fields.hpp"
#include "physics/pipeline/schedule.hpp"
#include "physics/pipeline/time_loop.hpp"

namespace boreas::pipeline {

struct SamplerSpec {
  std::string kind;  // "probe" or "line"
  std::string name;
  std::vector<Point> points;
  std::vector<std::string> variables;  // resolved (vectors expanded): never empty
  Schedule schedule;
  bool with_diagnostics = false;  // a probe without its own schedule
  bool at_end = true;
  std::string file() const { return kind + "s/" + name + ".csv"; }
};

// The samplers of the deck, checked against the mesh and the app's output
// variables (`fields` may be dry); every problem goes to `problems`,
// located at its key.
std::vector<SamplerSpec> sampler_specs(const io::Deck& deck, const Mesh& mesh, const Fields& fields,
                                       io::DeckProblems& problems);

// Makes what the samplers read current: the halos, the app's boundary
// ghosts (App::refresh_ghosts) and the derived fields among `names`
// (vectors expanded). Collective.
void prepare_for_sampling(Fields& fields, App& app, const std::vector<std::string>& names);
// The state or derived variables `names` (vectors expanded), in order;
// InputError naming `app` and what it has for an unknown one.
std::vector<NamedVariable> sampled_variables(const Fields& fields, const std::string& app,
                                             const std::vector<std::string>& names);

class Samplers {
 public:
  // Opens the CSV files (rank 0). A restarted run keeps the rows up to
  // `first_step` and drops later ones, which it writes again; a fresh run
  // starts new files.
  Samplers(std::vector<SamplerSpec> specs, const Mesh& mesh, Fields& fields, App& app,
           const std::string& run_dir, long long first_step, double first_time, bool restarted);
  ~Samplers();
  bool empty() const { return specs_.empty(); }

  // After every step (and at step 0 of a fresh run): the samplers due on
  // their schedule. `diagnostics_row`: this step has a row of
  // diagnostics.csv (probes without a schedule follow those rows).
  // Collective.
  void after_step(const LoopState& s, bool diagnostics_row, Timers& timers);
  // The final state of a run that finished: every sampler with at_end that
  // has not sampled this step yet. Collective.
  void at_end(const LoopState& s, Timers& timers);
  // The next time a time schedule is due after t (+inf if none).
  double next_output_time(double t) const;

 private:
  void write(const std::vector<std::size_t>& due, const LoopState& s, Timers& timers);

  std::vector<SamplerSpec> specs_;
  const Mesh& mesh_;
  Fields& fields_;
  App& app_;
  std::vector<long long> last_step_;
  std::vector<std::unique_ptr<std::ofstream>> files_;  // rank 0
  std::vector<std::string> paths_;
};

}  // namespace boreas::pipeline
