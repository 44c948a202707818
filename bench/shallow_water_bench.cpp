#include "bench/shallow_water_bench.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <string>

#include "bench/triad.hpp"
#include "core/error.hpp"
#include "core/timers.hpp"
#include "physics/pipeline/simulation.hpp"

namespace boreas::bench {
namespace {

constexpr int kWarmupSteps = 2;
constexpr int kRepeats = 3;  // best of; the first round of steps is the warm-up

const char* kVortexDeck = R"(
[run]
app = "shallow_water"
max_steps = 1000000000
log_every = 1000000000
check_every = 1000000000
cfl = 0.9
[output]
diagnostics_every = 1000000000
[mesh]
cells = [1024, 1024]
lower = [-5.0, -5.0]
upper = [5.0, 5.0]
[boundary]
x_lower = "periodic"
x_upper = "periodic"
y_lower = "periodic"
y_upper = "periodic"
[physics]
g = 1.0
f0 = 1.0
scheme = "plm_mc"
flux = "hll"
integrator = "ssp_rk2"
[problem]
name = "balanced_vortex"
depth = 1.0
amplitude = -0.1
radius = 1.0
)";

void progress(const Context& ctx, const std::string& line) {
  if (!ctx.is_root()) return;
  std::fprintf(stderr, "bench shallow_water: %s\n", line.c_str());
  std::fflush(stderr);
}

struct Measured {
  double cups = 0.0;        // cell-updates/s over all ranks
  double triad_gbps = 0.0;  // the triad on the same ranks at the same time, summed
  double halo = 0.0;        // fraction of step time in halo exchanges (mean over ranks)
};

Measured run_on(const Context& ctx, int n, int steps, Json& out) {
  if (!find_app("shallow_water")) {
    throw RuntimeError("bench shallow_water: this build has no shallow_water app");
  }
  pipeline::RunOptions opt;
  opt.deck = "bench_shallow_water.toml";
  opt.deck_text = kVortexDeck;
  opt.overrides = {fmt::format("mesh.cells=[{0},{0}]", n)};
  opt.write_files = false;
  std::unique_ptr<pipeline::Simulation> made;
  try {
    made = std::make_unique<pipeline::Simulation>(ctx, opt);
  } catch (const InputError& e) {
    throw InputError(
        fmt::format("bench shallow_water --cells {}: refused, a {}^2 mesh cannot run here: {}", n,
                    n, e.what()));
  }
  pipeline::Simulation& sim = *made;
  sim.initialize();
  sim.advance(kWarmupSteps);
  Triad triad(kTriadElements);
  Timers& timers = sim.timers();
  double best_step = 1e300, best_triad = 1e300, halo = 0.0;
  for (int r = 0; r < kRepeats; ++r) {
    // Steps and triad alternate so both see the same machine state; every
    // rank runs the triad at once, as every rank runs the steps.
    ctx.barrier();
    const double step0 = timers.seconds("step"), halo0 = timers.seconds("halo_exchange");
    sim.advance(steps);
    const double own = timers.seconds("step") - step0;
    const double step_s = ctx.max(own);
    const double own_halo = (timers.seconds("halo_exchange") - halo0) / own;
    ctx.barrier();
    const double tt = ctx.max(triad.seconds());
    const double halo_mean = ctx.sum(own_halo) / ctx.size();
    if (step_s < best_step) {
      best_step = step_s;
      halo = halo_mean;
    }
    best_triad = std::min(best_triad, tt);
  }
  Measured m;
  const Mesh& mesh = sim.mesh();
  m.cups = static_cast<double>(mesh.global_cell_count()) * steps / best_step;
  m.triad_gbps = ctx.size() * triad.bytes() / best_triad / 1e9;
  m.halo = halo;
  const double bytes = 8.0 * shallow_water_doubles_per_cell_update(3, true, false);
  const double minimum = 8.0 * shallow_water_doubles_per_cell_update(3, true, true);
  const double mass = sim.diagnostic("mass");
  progress(ctx, fmt::format("{} ranks: {:.3f} s/step, {:.3e} cell-updates/s, triad {:.1f} GB/s, "
                            "{:.0f} % of the bandwidth bound at {:.0f} B/cell-update",
                            ctx.size(), best_step / steps, m.cups, m.triad_gbps,
                            100.0 * m.cups * bytes / (m.triad_gbps * 1e9), bytes));
  Json layout = Json::array();
  for (int d = 0; d < 2; ++d) layout.push(Json::integer(mesh.rank_dims(d)));
  out = Json::object()
            .set("ranks", Json::integer(ctx.size()))
            .set("rank_layout", layout)
            .set("steps", Json::integer(steps))
            .set("step_seconds", Json::number(best_step))
            .set("seconds_per_step", Json::number(best_step / steps))
            .set("cell_updates_per_s", Json::number(m.cups))
            .set("stream_triad_GBps", Json::number(m.triad_gbps))
            .set("fraction_of_bandwidth_bound", Json::number(m.cups * bytes / (m.triad_gbps * 1e9)))
            .set("fraction_of_compulsory_bound",
                 Json::number(m.cups * minimum / (m.triad_gbps * 1e9)))
            .set("halo_exchange_fraction", Json::number(m.halo))
            .set("mass", Json::number(mass));
  return m;
}

}  // namespace

double shallow_water_doubles_per_cell_update(int nvar, bool coriolis, bool compulsory) {
  const int dim = 2;
  const int w = nvar + 1;  // primitives: h, velocities and tracers, eta = h + b
  const int stages = 2;
  if (compulsory) {
    // Per stage: read u and b, write u; the second also reads u0.
    return stages * (nvar + 1 + nvar) + nvar;
  }
  double per_stage = 0.0;
  per_stage += nvar + 1 + w;  // primitives: read u, b; write w
  for (int axis = 0; axis < dim; ++axis) {
    per_stage += 3 * w;             // reconstruct: read w; write lo, hi
    per_stage += 3;                 // positivity: read h of w, lo, hi (writes only where limited)
    per_stage += 2 * w + nvar + 2;  // fluxes: read lo, hi; write flux and 2 pressure corrections
    per_stage += axis == 0 ? 2 * nvar : 3 * nvar;  // divergence: read flux; write (add to) dudt
    per_stage += 2 + 2 + 2 + 2;  // sources: h, eta of lo, hi; 2 corrections; add to dudt
  }
  if (coriolis) per_stage += 2 + 4;  // read hu, hv; add to their dudt
  double step = stages * per_stage;
  step += 3 * nvar + 4 * nvar;  // the stages' combinations (the first reads no u0)
  step += 2 * dim;              // the time step: h and the axis' momentum per axis
  step += 1;                    // the depth clamp: read h (writes only where h < 0)
  return step;
}

Json shallow_water_benchmark(const Context& world, int n, int steps) {
  if (steps < 1) throw InputError("bench shallow_water: --steps must be at least 1");
  Json runs = Json::array();
  double cups[2] = {0.0, 0.0};
  for (int ranks : {1, 2}) {
    if (ranks > world.size()) break;
    auto ctx = world.first_ranks(ranks);
    Json r;
    Measured m;
    if (ctx) m = run_on(*ctx, n, steps, r);
    cups[ranks - 1] = world.max(m.cups);
    if (world.is_root()) runs.push(r);
    world.barrier();
  }
  const double bytes = 8.0 * shallow_water_doubles_per_cell_update(3, true, false);
  const double minimum = 8.0 * shallow_water_doubles_per_cell_update(3, true, true);
  Json out =
      Json::object()
          .set("benchmark", Json::string("shallow_water"))
          .set("problem", Json::string("2D balanced Gaussian vortex on the f-plane, periodic "
                                       "10 x 10 box, all wet; PLM (MC limiter) + positivity "
                                       "limiter, hydrostatic reconstruction, HLL, SSP-RK2, "
                                       "Coriolis, run.cfl = 0.9"))
          .set("cells_per_direction", Json::integer(n))
          .set("cells", Json::integer(static_cast<long long>(n) * n))
          .set("warmup_steps", Json::integer(kWarmupSteps))
          .set("repeats", Json::integer(kRepeats))
          .set("backend", Json::string(world.backend()))
          .set("threads_per_rank", Json::integer(world.threads()))
          .set("bytes_per_cell_update", Json::number(bytes))
          .set("bytes_per_cell_update_counted_as",
               Json::string("every array each kernel of one SSP-RK2 step reads or writes, once "
                            "(STREAM's convention: no write-allocate, halos not counted)"))
          .set("compulsory_bytes_per_cell_update", Json::number(minimum))
          .set("runs", runs)
          .set("peak_rss_bytes_max", Json::integer(world.max(peak_rss_bytes())));
  if (cups[1] > 0) out.set("speedup_2_vs_1_ranks", Json::number(cups[1] / cups[0]));
  return out;
}

}  // namespace boreas::bench
