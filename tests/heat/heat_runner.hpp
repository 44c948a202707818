#pragma once
// Test helper: builds an app (heat, poisson, ...) from deck text and advances it, like the
// driver's time loop but without output files.
#include <memory>
#include <string>
#include <vector>

#include "core/context.hpp"
#include "mesh/mesh.hpp"
#include "physics/app.hpp"

namespace boreas::testing {

struct HeatRun {
  std::unique_ptr<Mesh> mesh;
  std::unique_ptr<App> app;
  std::vector<double> initial_diagnostics;
  std::vector<double> final_diagnostics;
  double time = 0.0;
  long long steps = 0;
  ~HeatRun() { app.reset(); }  // the app refers to the mesh
};

// Runs app `app_name` until run.t_end or run.max_steps of the deck
// (overrides applied).
std::unique_ptr<HeatRun> run_app(const Context& ctx, const std::string& app_name,
                                 const std::string& deck_text,
                                 const std::vector<std::string>& overrides = {});
// run_app for "heat".
std::unique_ptr<HeatRun> run_heat(const Context& ctx, const std::string& deck_text,
                                  const std::vector<std::string>& overrides = {});
// Index of a diagnostic column by name.
size_t diagnostic_index(const App& app, const std::string& name);

}  // namespace boreas::testing
