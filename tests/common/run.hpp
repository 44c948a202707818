#pragma once
// Test helper: one run of a deck through the framework's own pipeline
// (pipeline::Simulation: the same checks, time loop and NaN guard as
// `boreas run`), without writing files.
#include <memory>
#include <string>
#include <vector>

#include "core/context.hpp"
#include "physics/pipeline/simulation.hpp"

namespace boreas::testing {

struct Run {
  std::unique_ptr<pipeline::Simulation> sim;
  std::vector<double> initial_diagnostics;  // the row at step 0
  std::vector<double> final_diagnostics;    // the row at the end
  double time = 0.0;
  long long steps = 0;

  std::size_t index(const std::string& diagnostic) const {
    return sim->diagnostic_index(diagnostic);
  }
  double initial(const std::string& diagnostic) const {
    return initial_diagnostics.at(index(diagnostic));
  }
  double final(const std::string& diagnostic) const {
    return final_diagnostics.at(index(diagnostic));
  }
  const Mesh& mesh() const { return sim->mesh(); }
  // The app's state variables (snapshot/VTK variables), by name.
  std::vector<NamedVariable> state() const { return sim->fields().variables(kOutput); }
  NamedVariable variable(const std::string& name) const;
};

// Runs the deck (text; `app` must be its run.app) until run.t_end or
// run.max_steps, overrides applied.
std::unique_ptr<Run> run_app(const Context& ctx, const std::string& app,
                             const std::string& deck_text,
                             const std::vector<std::string>& overrides = {});
// run_app for "heat".
std::unique_ptr<Run> run_heat(const Context& ctx, const std::string& deck_text,
                              const std::vector<std::string>& overrides = {});
// The same, the deck being a file of tests/decks/ or inputs/ ("inputs/ns/channel.toml").
std::unique_ptr<Run> run_file(const Context& ctx, const std::string& repo_relative_path,
                              const std::vector<std::string>& overrides = {});
// Index of a diagnostic column by name (throws if absent).
inline std::size_t diagnostic_index(const Run& run, const std::string& name) {
  return run.index(name);
}

}  // namespace boreas::testing
