#include "bench/ns_bench.hpp"

#include <fmt/format.h>

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/timers.hpp"
#include "physics/pipeline/simulation.hpp"

namespace boreas::bench {
namespace {

// The first steps from rest (impulsive lid) have the hardest pressure
// solves and AB2 starts with an Euler step; time what follows.
constexpr int kWarmupSteps = 3;

const char* kCavityDeck = R"(
[run]
app = "ns"
max_steps = 1000000000
log_every = 1000000000
check_every = 1000000000
[output]
diagnostics_every = 1000000000
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

Json run_on(const Context& ctx, int n, int steps, double& cups_out) {
  if (!find_app("ns")) throw RuntimeError("bench ns: this build has no ns app");
  pipeline::RunOptions opt;
  opt.deck = "bench_ns.toml";
  opt.deck_text = kCavityDeck;
  opt.overrides = {fmt::format("mesh.cells=[{0},{0},{0}]", n)};
  opt.write_files = false;
  std::unique_ptr<pipeline::Simulation> made;
  try {
    made = std::make_unique<pipeline::Simulation>(ctx, opt);
  } catch (const InputError& e) {
    // The deck is ours; only --cells can make it unusable (memory, layout).
    throw InputError(fmt::format("bench ns --cells {}: refused, a {}^3 mesh cannot run here: {}", n,
                                 n, e.what()));
  }
  pipeline::Simulation& sim = *made;
  sim.initialize();
  sim.advance(kWarmupSteps);
  // Phases of the timed steps only: differences of the run's timers.
  Timers& timers = sim.timers();
  const double step0 = timers.seconds("step"), solve0 = timers.seconds("pressure_solve");
  const double halo0 = timers.seconds("halo_exchange");
  double iterations = 0.0;
  ctx.barrier();
  for (int s = 0; s < steps; ++s) {
    sim.advance(1);
    iterations += sim.diagnostic("pressure_iterations");
  }
  const double own_step = timers.seconds("step") - step0;
  const double step_s = ctx.max(own_step);
  // Fractions per rank (each rank's phases sum to at most its step time),
  // averaged over ranks.
  const double pressure =
      ctx.sum((timers.seconds("pressure_solve") - solve0) / own_step) / ctx.size();
  const double halo = ctx.sum((timers.seconds("halo_exchange") - halo0) / own_step) / ctx.size();
  const Mesh& mesh = sim.mesh();
  const double cups = static_cast<double>(mesh.global_cell_count()) * steps / step_s;
  const double max_div = sim.diagnostic("max_div_scaled_run");
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
