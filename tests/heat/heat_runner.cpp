#include "tests/heat/heat_runner.hpp"

#include <algorithm>
#include <stdexcept>

#include "apps/driver/run_schema.hpp"
#include "apps/driver/time_loop.hpp"
#include "io/deck/deck.hpp"
#include "physics/common/setup.hpp"

namespace boreas::testing {

std::unique_ptr<HeatRun> run_heat(const Context& ctx, const std::string& deck_text,
                                  const std::vector<std::string>& overrides) {
  return run_app(ctx, "heat", deck_text, overrides);
}

std::unique_ptr<HeatRun> run_app(const Context& ctx, const std::string& app_name,
                                 const std::string& deck_text,
                                 const std::vector<std::string>& overrides) {
  const AppInfo* info = find_app(app_name);
  if (!info) throw std::runtime_error("no app " + app_name);
  io::Deck deck = io::Deck::from_text(deck_text, "test.toml", overrides, driver::deck_schema(info));
  auto settings = driver::LoopSettings::from_deck(deck);
  auto run = std::make_unique<HeatRun>();
  run->app = info->create(deck);
  run->mesh = std::make_unique<Mesh>(ctx, mesh_spec_from_deck(deck, run->app->ghost_width()));
  run->app->setup(*run->mesh, face_conditions_from_deck(deck));
  run->initial_diagnostics = run->app->diagnostics(0.0);
  double t = 0.0;
  long long step = 0;
  while (true) {
    if (settings.t_end && t >= *settings.t_end * (1 - 1e-12)) break;
    if (settings.max_steps && step >= *settings.max_steps) break;
    const double dt = settings.next_dt(*run->app, t);
    run->app->step(t, dt);
    t += dt;
    ++step;
  }
  run->time = t;
  run->steps = step;
  run->final_diagnostics = run->app->diagnostics(t);
  return run;
}

size_t diagnostic_index(const App& app, const std::string& name) {
  const auto names = app.diagnostic_names();
  auto it = std::find(names.begin(), names.end(), name);
  if (it == names.end()) throw std::runtime_error("no diagnostic " + name);
  return static_cast<size_t>(it - names.begin());
}

}  // namespace boreas::testing
