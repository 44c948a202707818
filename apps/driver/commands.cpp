#include "apps/driver/commands.hpp"

#include <fmt/format.h>

#include <Kokkos_Core.hpp>
#include <cstdio>
#include <filesystem>

#include "apps/driver/deck_loader.hpp"
#include "apps/driver/outputs.hpp"
#include "apps/driver/restart.hpp"
#include "apps/driver/run_output.hpp"
#include "apps/driver/run_schema.hpp"
#include "apps/driver/runtime_summary.hpp"
#include "apps/driver/time_loop.hpp"
#include "core/error.hpp"
#include "core/json.hpp"
#include "core/log.hpp"
#include "core/signals.hpp"
#include "core/timers.hpp"
#include "core/version.hpp"
#include "mesh/halo.hpp"
#include "physics/common/setup.hpp"

namespace boreas::driver {
namespace {

std::string default_run_name(const std::string& deck_path) {
  return std::filesystem::path(deck_path).stem().string();
}

std::string output_dir_for(const io::Deck& deck, const RunOptions& opt) {
  if (!opt.output_dir.empty()) return opt.output_dir;
  if (deck.has("run.output_dir")) return deck.string("run.output_dir");
  const std::string name = deck.has("run.name") ? deck.string("run.name") : default_run_name(opt.deck);
  return "./" + name;
}

Json perf_json(const Context& ctx, const Mesh& mesh, const App& app, const std::string& app_name,
               const LoopResult& r, const Timers& timers, double wall) {
  Json phases = Json::object();
  for (const auto& [name, e] : timers.entries()) {
    // The slowest rank sets the pace, so report the maximum over ranks.
    phases.set(name, Json::object()
                         .set("seconds_max", Json::number(ctx.max(e.seconds)))
                         .set("seconds_rank0", Json::number(e.seconds))
                         .set("calls", Json::integer(e.calls)));
  }
  const double cells = static_cast<double>(mesh.global_cell_count());
  const double step_s = ctx.max(r.step_seconds);
  const double cups = step_s > 0 ? cells * r.steps_taken / step_s : 0.0;
  std::vector<double> rss(static_cast<size_t>(ctx.size()), 0.0);
  rss[static_cast<size_t>(ctx.rank())] = static_cast<double>(peak_rss_bytes());
  ctx.sum(rss);
  Json rss_json = Json::array();
  for (double v : rss) rss_json.push(Json::integer(static_cast<long long>(v)));
  Json cells_json = Json::array();
  for (int d = 0; d < mesh.dim(); ++d) cells_json.push(Json::integer(mesh.global_cells(d)));
  Json ranks_json = Json::array();
  for (int d = 0; d < mesh.dim(); ++d) ranks_json.push(Json::integer(mesh.rank_dims(d)));
  return Json::object()
      .set("app", Json::string(app_name))
      .set("boreas_version", Json::string(BOREAS_VERSION_STRING))
      .set("backend", Json::string(ctx.backend()))
      .set("ranks", Json::integer(ctx.size()))
      .set("rank_layout", ranks_json)
      .set("threads_per_rank", Json::integer(ctx.threads()))
      .set("cells", cells_json)
      .set("global_cells", Json::integer(mesh.global_cell_count()))
      .set("steps", Json::integer(r.steps_taken))
      .set("final_step", Json::integer(r.end.step))
      .set("final_time", Json::number(r.end.time))
      .set("wall_seconds", Json::number(wall))
      .set("step_seconds", Json::number(step_s))
      .set("cell_updates_per_s", Json::number(cups))
      .set("stage_updates_per_s", Json::number(cups * app.updates_per_step()))
      .set("timers", phases)
      .set("peak_rss_bytes_max", Json::integer(static_cast<long long>(
                                     *std::max_element(rss.begin(), rss.end()))))
      .set("peak_rss_bytes_per_rank", rss_json);
}

}  // namespace

int run_command(const Context& ctx, const RunOptions& opt) {
  const double wall0 = wall_seconds();
  Timers timers;
  LoadedDeck loaded = load_deck(ctx, opt.deck, opt.overrides);
  const io::Deck& deck = loaded.deck;
  LoopSettings settings = LoopSettings::from_deck(deck);
  if (!opt.time_limit.empty()) settings.wall_time_limit = parse_time_limit("--time-limit", opt.time_limit);
  const std::string run_name = deck.has("run.name") ? deck.string("run.name") : default_run_name(opt.deck);
  const std::string dir = output_dir_for(deck, opt);
  // Before the app builds its halo exchanges: they take the path chosen here.
  set_gpu_aware_mpi_setting(deck.has("parallel.gpu_aware_mpi")
                                ? std::optional<bool>(deck.boolean("parallel.gpu_aware_mpi"))
                                : std::nullopt);

  // Everything that can be refused is checked before the output folder exists.
  // The mesh outlives the app, which keeps a reference to it.
  std::unique_ptr<Mesh> mesh_owner;
  std::unique_ptr<App> app = loaded.app->create(deck);
  mesh_owner = std::make_unique<Mesh>(ctx, mesh_spec_from_deck(deck, app->ghost_width()));
  const Mesh& mesh = *mesh_owner;
  app->attach_timers(&timers);
  {
    ScopedTimer t(timers, "setup");
    app->setup(mesh, face_conditions_from_deck(deck));
  }
  Outputs::check_deck(deck, *app);
  LoopState start;
  const bool restarted = !opt.restart.empty();
  if (restarted) {
    ScopedTimer t(timers, "io_restart");
    const RestartPoint rp = choose_restart(ctx, opt.restart, dir + "/checkpoints", run_name);
    check_restart_compatible(rp, deck, loaded.app->name, *app);
    load_restart(rp, mesh, *app);
    start.step = rp.header.step;
    start.time = rp.header.time;
  }

  RunOutput out(ctx, dir, restarted);
  out.write_text_file("deck.resolved.toml", deck.resolved_toml());
  log::info("boreas {} | app {} | {} | {} ranks x {} threads ({})", BOREAS_VERSION_STRING,
            loaded.app->name, mesh.describe(), ctx.size(), ctx.threads(), ctx.backend());
  log::info("output: {}", out.dir());
  const RuntimeSummary summary = gather_runtime_summary(ctx);
  for (const auto& line : runtime_summary_lines(ctx, summary)) log::info("{}", line);
  out.begin_diagnostics(app->diagnostic_names(), restarted ? start.step : -1);
  Outputs outputs(mesh, *app, deck, out, RunIdentity{run_name, loaded.app->name, deck.resolved_toml()},
                  start.step, start.time, restarted);
  if (!restarted) outputs.after_step(0, 0.0, timers);

  // From here on SIGUSR1/SIGTERM/SIGINT only ask the loop to checkpoint and stop.
  install_stop_signal_handlers();
  LoopResult r = run_time_loop(mesh, *app, out, outputs, settings, start, timers);
  if (r.stopped_early()) {
    const std::string path = outputs.at_stop(r.end.step, r.end.time, timers);
    const double wall = wall_seconds() - wall0;
    out.write_json("perf.json",
                   perf_json(ctx, mesh, *app, loaded.app->name, r, timers, wall)
                       .set("stopped_early", Json::string(r.stop_reason()))
                       .set("runtime", runtime_summary_json(ctx, summary)
                                           .set("halo_exchanges", halo_exchange_counts_json())));
    log::info("stopped early ({}) at step {}, t = {:.6g}, after {:.2f} s; checkpoint {}; "
              "resume with --restart latest",
              r.stop_reason(), r.end.step, r.end.time, wall, path);
    return static_cast<int>(ExitCode::stopped_early);
  }
  outputs.at_end(r.end.step, r.end.time, timers);
  const double wall = wall_seconds() - wall0;
  out.write_json("perf.json",
                 perf_json(ctx, mesh, *app, loaded.app->name, r, timers, wall)
                     .set("runtime", runtime_summary_json(ctx, summary)
                                         .set("halo_exchanges", halo_exchange_counts_json())));
  log::info("finished: {} steps to t = {:.6g} in {:.2f} s; results in {}", r.steps_taken,
            r.end.time, wall, out.dir());
  return 0;
}

int check_command(const Context& ctx, const std::string& deck_path,
                  const std::vector<std::string>& overrides) {
  LoadedDeck loaded = load_deck(ctx, deck_path, overrides);
  LoopSettings::from_deck(loaded.deck);
  std::unique_ptr<App> app = loaded.app->create(loaded.deck);
  // Building the mesh checks the rank layout against this launch's rank count.
  Mesh mesh(ctx, mesh_spec_from_deck(loaded.deck, app->ghost_width()));
  if (ctx.is_root()) std::fputs(loaded.deck.resolved_toml().c_str(), stdout);
  log::info("# {}: ok ({}, {} ranks)", deck_path, mesh.describe(), ctx.size());
  return 0;
}

int list_command(const Context& ctx, const std::string& app_name, bool markdown) {
  if (!ctx.is_root()) return 0;
  if (markdown) {
    std::fputs(deck_reference_markdown().c_str(), stdout);
    return 0;
  }
  if (app_name.empty()) {
    std::printf("Apps:\n");
    for (const auto& a : app_registry()) std::printf("  %-12s %s\n", a.name.c_str(), a.summary.c_str());
    std::printf("\nKeys shared by every app (`boreas list APP` adds the app's own):\n\n%s",
                deck_schema(nullptr).text().c_str());
    return 0;
  }
  const AppInfo* app = find_app(app_name);
  if (!app) {
    throw InputError(fmt::format("unknown app '{}' (apps: {})", app_name,
                                 fmt::join(app_names(), ", ")));
  }
  std::printf("%s: %s\n\n%s", app->name.c_str(), app->summary.c_str(), deck_schema(app).text().c_str());
  return 0;
}

int info_command(const Context& ctx, bool json) {
  const RuntimeSummary summary = gather_runtime_summary(ctx);
  if (!ctx.is_root()) return 0;
  if (json) {
    std::printf("%s\n", runtime_summary_json(ctx, summary).dump().c_str());
    return 0;
  }
  for (const auto& line : runtime_summary_lines(ctx, summary)) std::printf("%s\n", line.c_str());
  return 0;
}

}  // namespace boreas::driver
