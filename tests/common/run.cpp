#include "tests/common/run.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "tests/common/decks.hpp"

namespace boreas::testing {

NamedVariable Run::variable(const std::string& name) const {
  for (const auto& v : state()) {
    if (v.name == name) return v;
  }
  throw std::runtime_error("no state variable " + name);
}

namespace {

std::unique_ptr<Run> run_options(const Context& ctx, pipeline::RunOptions opt,
                                 const std::string& app) {
  opt.write_files = false;
  auto run = std::make_unique<Run>();
  run->sim = std::make_unique<pipeline::Simulation>(ctx, opt);
  if (!app.empty() && run->sim->app_info().name != app) {
    throw std::runtime_error("deck runs app " + run->sim->app_info().name + ", not " + app);
  }
  run->sim->initialize();
  run->sim->run();
  run->initial_diagnostics = run->sim->first_diagnostics();
  run->final_diagnostics = run->sim->last_diagnostics();
  run->time = run->sim->state().time;
  run->steps = run->sim->state().step;
  return run;
}

}  // namespace

std::unique_ptr<Run> run_app(const Context& ctx, const std::string& app,
                             const std::string& deck_text,
                             const std::vector<std::string>& overrides) {
  pipeline::RunOptions opt;
  opt.deck = "test.toml";
  opt.deck_text = deck_text;
  opt.overrides = overrides;
  return run_options(ctx, opt, app);
}

std::unique_ptr<Run> run_heat(const Context& ctx, const std::string& deck_text,
                              const std::vector<std::string>& overrides) {
  return run_app(ctx, "heat", deck_text, overrides);
}

std::unique_ptr<Run> run_file(const Context& ctx, const std::string& repo_relative_path,
                              const std::vector<std::string>& overrides) {
  pipeline::RunOptions opt;
  opt.deck = source_path(repo_relative_path);
  opt.overrides = overrides;
  return run_options(ctx, opt, "");
}

}  // namespace boreas::testing
