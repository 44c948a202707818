#include "apps/driver/commands.hpp"

#include <fmt/format.h>

#include <cstdio>

#include "core/error.hpp"
#include "core/files.hpp"
#include "core/log.hpp"
#include "io/output/state_file.hpp"
#include "physics/app.hpp"
#include "physics/pipeline/run_keys.hpp"
#include "physics/pipeline/runtime_summary.hpp"
#include "physics/pipeline/sampling.hpp"
#include "physics/pipeline/simulation.hpp"

namespace boreas::driver {
namespace {

pipeline::RunOptions pipeline_options(const RunOptions& opt) {
  pipeline::RunOptions p;
  p.deck = opt.deck;
  p.overrides = opt.overrides;
  p.output_dir = opt.output_dir;
  p.restart = opt.restart;
  p.init = opt.init;
  p.time_limit = opt.time_limit;
  return p;
}

}  // namespace

int run_command(const Context& ctx, const RunOptions& opt) {
  // Every input error is raised here, before the output folder exists.
  pipeline::Simulation sim(ctx, pipeline_options(opt));
  sim.initialize();
  return sim.run();
}

int sample_command(const Context& ctx, const SampleOptions& opt) {
  // stdout may be the CSV: the run's own lines go to stderr.
  log::info_to_stderr(opt.output.empty());
  if (opt.points.empty() && opt.lines.empty()) {
    throw InputError("boreas sample: give at least one --point or --line");
  }
  io::StateHeader h;
  try {
    h = io::read_state_header(ctx, opt.file);
  } catch (const io::StateFileError& e) {
    throw InputError(e.what());
  }
  // The run the file belongs to, rebuilt from its embedded deck: the same
  // app, mesh, boundary values and ghost cells as the run that wrote it.
  pipeline::RunOptions ro;
  ro.deck = opt.file + " (embedded deck)";
  ro.deck_text = h.deck;
  ro.write_files = false;
  pipeline::Simulation sim(ctx, ro);
  sim.load_state_file(opt.file);
  std::vector<Point> points;
  for (const auto& p : opt.points) {
    for (const auto& q : pipeline::parse_point_spec(sim.mesh(), "--point", p)) points.push_back(q);
  }
  for (const auto& l : opt.lines) {
    for (const auto& q : pipeline::parse_line_spec(sim.mesh(), "--line", l)) points.push_back(q);
  }
  std::vector<std::string> names = opt.variables;
  if (names.empty()) names = sim.fields().variable_names(kOutput);
  names = sim.fields().expand_vectors(names);  // a vector: its components
  const std::vector<double> values = sim.sample_output(names, points);
  const std::string csv = pipeline::sample_csv_header(sim.mesh().dim(), names) +
                          pipeline::sample_csv_rows(sim.mesh().dim(), sim.state().time,
                                                    sim.state().step, points, values, names.size());
  if (opt.output.empty()) {
    if (ctx.is_root()) std::fputs(csv.c_str(), stdout);
    return 0;
  }
  std::string error;
  if (ctx.is_root()) {
    try {
      replace_file(opt.output, csv);
    } catch (const Error& e) {
      error = e.what();
    }
  }
  error = ctx.broadcast(error);
  if (!error.empty()) throw RuntimeError(error);
  log::info("{} points x {} variables of {} (t = {:.9g}, step {}) -> {}", points.size(),
            names.size(), opt.file, sim.state().time, sim.state().step, opt.output);
  return 0;
}

int check_command(const Context& ctx, const std::string& deck_path,
                  const std::vector<std::string>& overrides) {
  RunOptions opt;
  opt.deck = deck_path;
  opt.overrides = overrides;
  const pipeline::Simulation sim(ctx, pipeline_options(opt));
  if (ctx.is_root()) std::fputs(sim.resolved_deck_text().c_str(), stdout);
  const double gib = ctx.max(sim.memory_bytes()) / (1024.0 * 1024.0 * 1024.0);
  log::info("# {}: ok ({}, {} ranks; fields {:.3g} GiB per rank)", deck_path, sim.mesh().describe(),
            ctx.size(), gib);
  return 0;
}

int list_command(const Context& ctx, const std::string& app_name, bool markdown) {
  if (!ctx.is_root()) return 0;
  if (markdown) {
    std::fputs(pipeline::deck_reference_markdown().c_str(), stdout);
    return 0;
  }
  if (app_name.empty()) {
    std::printf("Apps:\n");
    for (const auto& a : app_registry())
      std::printf("  %-12s %s\n", a.name.c_str(), a.summary.c_str());
    std::printf(
        "\nKeys shared by every app (`boreas list APP` adds the app's own and its problems):\n\n%s",
        pipeline::deck_schema(nullptr, nullptr).text().c_str());
    return 0;
  }
  const AppInfo* app = find_app(app_name);
  if (!app) {
    throw InputError(
        fmt::format("unknown app '{}' (apps: {})", app_name, fmt::join(app_names(), ", ")));
  }
  std::fputs(pipeline::app_reference_text(*app).c_str(), stdout);
  return 0;
}

int info_command(const Context& ctx, bool json) {
  const pipeline::RuntimeSummary summary = pipeline::gather_runtime_summary(ctx);
  if (!ctx.is_root()) return 0;
  if (json) {
    std::printf("%s\n", pipeline::runtime_summary_json(ctx, summary).dump().c_str());
    return 0;
  }
  for (const auto& line : pipeline::runtime_summary_lines(ctx, summary))
    std::printf("%s\n", line.c_str());
  return 0;
}

}  // namespace boreas::driver
