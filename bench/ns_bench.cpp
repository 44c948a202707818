#include "bench/ns_bench.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "apps/driver/run_schema.hpp"
#include "apps/driver/time_loop.hpp"
#include "core/error.hpp"
#include "core/timers.hpp"
#include "io/deck/deck.hpp"
#include "physics/common/setup.hpp"
#include "physics/ns/ns_phase_timer.hpp"

namespace boreas::bench {
namespace {

// The first steps from rest (impulsive lid) have the hardest pressure
// solves and AB2 starts with an Euler step; time what follows.
constexpr int kWarmupSteps = 3;

const char* kCavityDeck = R"(
[run]
app = "ns"
max_steps = 1000000
[mesh]
cells = [128, 128, 128]
[boundary]
x_lower = "wall"
x_upper = "wall"
y_lower = "wall"
y_upper = "wall"
y_upper_value = 1.0
z_lower = "wall"
z_upper = "wall"
[physics]
nu = 0.01
)";

// Progress goes to stderr, so `--json` output on stdout stays parseable.
void progress(const Context& ctx, const std::string& line) {
  if (!ctx.is_root()) return;
  std::fprintf(stderr, "bench ns: %s\n", line.c_str());
  std::fflush(stderr);
}

double diagnostic(const App& app, const std::string& name) {
  const auto names = app.diagnostic_names();
  const auto values = app.diagnostics(0.0);
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i] == name) return values[i];
  }
  throw RuntimeError("bench ns: the ns app has no diagnostic '" + name + "'");
}

Json run_on(const Context& ctx, int n, int steps, double& cups_out) {
  const AppInfo* info = find_app("ns");
  if (!info) throw RuntimeError("bench ns: this build has no ns app");
  const std::string cells = fmt::format("mesh.cells=[{0},{0},{0}]", n);
  const io::Deck deck =
      io::Deck::from_text(kCavityDeck, "bench_ns.toml", {cells}, driver::deck_schema(info));
  const auto settings = driver::LoopSettings::from_deck(deck);
  std::unique_ptr<App> app = info->create(deck);
  Mesh mesh(ctx, mesh_spec_from_deck(deck, app->ghost_width()));
  app->setup(mesh, face_conditions_from_deck(deck));
  double t = 0.0;
  for (int s = 0; s < kWarmupSteps; ++s) {
    const double dt = settings.next_dt(*app, t);
    app->step(t, dt);
    t += dt;
  }
  Timers timers;
  app->attach_timers(&timers);
  double iterations = 0.0;
  ctx.barrier();
  for (int s = 0; s < steps; ++s) {
    const double dt = settings.next_dt(*app, t);
    {
      ScopedTimer st(timers, "step");
      app->step(t, dt);
    }
    t += dt;
    iterations += diagnostic(*app, "pressure_iterations");
  }
  app->attach_timers(nullptr);
  const double step_s = ctx.max(timers.seconds("step"));
  // Fractions per rank (each rank's phases sum to at most its step time),
  // averaged over ranks.
  const double own_step = timers.seconds("step");
  const double pressure = ctx.sum(timers.seconds(ns::kPressureSolveTimer) / own_step) / ctx.size();
  const double halo = ctx.sum(timers.seconds(ns::kHaloExchangeTimer) / own_step) / ctx.size();
  const double cups = static_cast<double>(mesh.global_cell_count()) * steps / step_s;
  const double max_div = diagnostic(*app, "max_div_scaled_run");
  cups_out = cups;
  progress(ctx,
           fmt::format("{} ranks: {:.3f} s/step, {:.3e} cell-updates/s, pressure solve {:.1f} %, "
                       "halo exchange {:.1f} %, {:.1f} pressure iterations/step",
                       ctx.size(), step_s / steps, cups, 100 * pressure, 100 * halo,
                       iterations / steps));
  Json layout = Json::array();
  for (int d = 0; d < 3; ++d) layout.push(Json::integer(mesh.rank_dims(d)));
  return Json::object()
      .set("ranks", Json::integer(ctx.size()))
      .set("rank_layout", layout)
      .set("steps", Json::integer(steps))
      .set("step_seconds", Json::number(step_s))
      .set("seconds_per_step", Json::number(step_s / steps))
      .set("cell_updates_per_s", Json::number(cups))
      .set("pressure_solve_fraction", Json::number(pressure))
      .set("halo_exchange_fraction", Json::number(halo))
      .set("pressure_iterations_per_step", Json::number(iterations / steps))
      .set("max_div_scaled_run", Json::number(max_div));
}

}  // namespace

Json ns_benchmark(const Context& world, int n, int steps) {
  if (steps < 1) throw InputError("bench ns: --steps must be at least 1");
  Json runs = Json::array();
  double one_rank = 0.0, two_ranks = 0.0;
  for (int ranks : {1, 2}) {
    if (ranks > world.size()) break;
    auto ctx = world.first_ranks(ranks);
    Json r;
    double cups = 0.0;
    if (ctx) r = run_on(*ctx, n, steps, cups);
    (ranks == 1 ? one_rank : two_ranks) = world.max(cups);
    if (world.is_root()) runs.push(r);
    world.barrier();
  }
  Json out =
      Json::object()
          .set("benchmark", Json::string("ns"))
          .set("problem",
               Json::string("3D lid-driven cavity, unit cube, lid u = 1 on y_upper, nu = 0.01 (Re "
                            "= 100), from rest; native CG+MG pressure solve (default [solver])"))
          .set("cells_per_direction", Json::integer(n))
          .set("cells", Json::integer(static_cast<long long>(n) * n * n))
          .set("warmup_steps", Json::integer(kWarmupSteps))
          .set("backend", Json::string(world.backend()))
          .set("threads_per_rank", Json::integer(world.threads()))
          .set("runs", runs)
          // Per process over the whole launch (rank 0 also ran the 1-rank case).
          .set("peak_rss_bytes_max", Json::integer(world.max(peak_rss_bytes())));
  if (two_ranks > 0) out.set("speedup_2_vs_1_ranks", Json::number(two_ranks / one_rank));
  return out;
}

}  // namespace boreas::bench
