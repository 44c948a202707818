#include "physics/pipeline/simulation.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <climits>
#include <cstring>
#include <filesystem>

#include "core/error.hpp"
#include "core/json.hpp"
#include "core/log.hpp"
#include "core/signals.hpp"
#include "core/version.hpp"
#include "io/deck/problems.hpp"
#include "io/deck/schema.hpp"
#include "io/output/state_file.hpp"
#include "mesh/halo.hpp"
#include "mesh/mesh_keys.hpp"
#include "physics/pipeline/deck_loader.hpp"
#include "physics/pipeline/init.hpp"
#include "physics/pipeline/outputs.hpp"
#include "physics/pipeline/restart.hpp"
#include "physics/pipeline/run_output.hpp"
#include "physics/pipeline/runtime_summary.hpp"

namespace boreas::pipeline {

struct Simulation::Loaded {
  LoadedDeck deck;
};

namespace {

// The deck's file name without .toml, made a safe file-name part (as
// run.name must be): other characters become '_', at most 64 of them.
std::string default_run_name(const std::string& deck_path) {
  std::string name = std::filesystem::path(deck_path).stem().string();
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '_' && c != '-') c = '_';
  }
  if (name.size() > io::KeySpec::kMaxFileNameChars) name.resize(io::KeySpec::kMaxFileNameChars);
  if (name.empty() || name[0] == '.' || name[0] == '-') name = "run" + name;
  return name.substr(0, io::KeySpec::kMaxFileNameChars);
}

// The app's derived parameters as TOML comments (not keys: the deck stays
// what the user wrote, resolved).
std::string derived_comments(const std::vector<DerivedParameter>& parameters) {
  if (parameters.empty()) return "";
  std::string out =
      "\n# Derived from the keys above (not deck keys; also in log.txt and in the "
      "checkpoints' /derived attributes):\n";
  for (const auto& p : parameters) {
    out += fmt::format("#   {} = {:.9g}{}  ({})\n", p.name, p.value,
                       p.units.empty() ? "" : " " + p.units, p.origin);
  }
  return out;
}

// The real declaration (fields allocated, the steady-state residual
// declared) and the app's setup: the start of initialize() and of
// load_state_file().
void declare_and_set_up(App& app, const Mesh& mesh, const FaceConditions& faces,
                        const io::Deck& deck, Timers& timers, SteadyMonitor& steady,
                        std::unique_ptr<Fields>& fields) {
  fields = std::make_unique<Fields>(mesh, false);
  fields->attach_timers(&timers);
  io::DeckProblems problems(deck);
  app.declare(mesh, faces, *fields, problems);
  if (SteadyMonitor::applies(*fields)) steady.declare(*fields);
  problems.raise();  // the dry declaration found the same, so nothing new here
  ScopedTimer t(timers, "setup");
  app.setup();
}

std::string gib(double bytes) {
  return fmt::format("{:.3g} GiB", bytes / (1024.0 * 1024.0 * 1024.0));
}

// Keeps the first and the latest row of diagnostics (tests, benchmarks).
class RowRecorder : public LoopObserver {
 public:
  RowRecorder(std::vector<double>& first, std::vector<double>& last) : first_(first), last_(last) {}
  void diagnostics(const LoopState& s, const std::vector<double>& values) override {
    if (s.step == 0) first_ = values;
    last_ = values;
  }

 private:
  std::vector<double>& first_;
  std::vector<double>& last_;
};

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
      .set("peak_rss_bytes_max",
           Json::integer(static_cast<long long>(*std::max_element(rss.begin(), rss.end()))))
      .set("peak_rss_bytes_per_rank", rss_json);
}

}  // namespace

// The run's files: the output folder, diagnostics.csv and the scheduled
// outputs, seen by the time loop as its observer.
class Simulation::Files : public LoopObserver {
 public:
  Files(Simulation& sim)
      : sim_(sim),
        recorder_(sim.first_row_, sim.last_row_),
        folder_(sim.ctx_, sim.output_dir_, sim.restarted_) {}
  RunOutput& folder() { return folder_; }
  Outputs& outputs() { return *outputs_; }
  void open() {
    const io::Deck& deck = sim_.deck();
    folder_.begin_diagnostics(sim_.fields_->diagnostic_names(),
                              sim_.restarted_ ? sim_.state_.step : -1);
    outputs_ = std::make_unique<Outputs>(
        *sim_.mesh_, *sim_.fields_, deck, folder_,
        RunIdentity{sim_.run_name_, sim_.app_info().name, deck.resolved_toml()}, sim_.state_.step,
        sim_.state_.time, sim_.restarted_);
    if (!sim_.samplers_.empty()) {
      samplers_ = std::make_unique<Samplers>(sim_.samplers_, *sim_.mesh_, *sim_.fields_, *sim_.app_,
                                             folder_.dir(), sim_.state_.step, sim_.state_.time,
                                             sim_.restarted_);
    }
  }
  void after_step(const LoopState& s, Timers& timers) override {
    outputs_->after_step(s.step, s.time, timers);
    if (samplers_) samplers_->after_step(s, false, timers);
  }
  double next_output_time(double t) const override {
    const double next = outputs_->next_output_time(t);
    return samplers_ ? std::min(next, samplers_->next_output_time(t)) : next;
  }
  void diagnostics(const LoopState& s, const std::vector<double>& values) override {
    recorder_.diagnostics(s, values);
    folder_.append_diagnostics(s.step, s.time, s.last_dt, values);
    if (samplers_) samplers_->after_step(s, true, sim_.timers_);
  }
  // The final state of a run that finished.
  void at_end(const LoopState& s, Timers& timers) {
    if (samplers_) samplers_->at_end(s, timers);
  }
  std::string save_last_good(const LoopState& s, const std::vector<NamedVariable>& vars,
                             const std::vector<AppScalar>& scalars) override {
    return outputs_->write_checkpoint(s.step, s.time, vars, scalars);
  }

 private:
  Simulation& sim_;
  RowRecorder recorder_;
  RunOutput folder_;
  std::unique_ptr<Outputs> outputs_;
  std::unique_ptr<Samplers> samplers_;
};

namespace {

namespace fs = std::filesystem;

// Why `dir` cannot hold this run's files, or "". Checked before anything is
// written, so `check` refuses what `run` could not use.
std::string output_dir_problem(const std::string& dir, const std::string& run_name) {
  if (dir.empty()) return "the output folder must not be empty";
  std::error_code ec;
  const fs::path abs = fs::absolute(dir, ec);
  // The longest file a run writes: <dir>/checkpoints/<name>.<8 digits>.h5.tmp
  const std::size_t longest = abs.string().size() + 13 + run_name.size() + 16;
  if (longest >= PATH_MAX) {
    return fmt::format(
        "the output folder's path is {} characters long; with the run's file "
        "names that exceeds the system's limit of {}",
        abs.string().size(), PATH_MAX - 1);
  }
  for (const auto& part : abs) {
    if (part.string().size() > NAME_MAX) {
      return fmt::format(
          "a folder name in the output path is {} characters long, over the "
          "system's limit of {}",
          part.string().size(), NAME_MAX);
    }
  }
  // The nearest part of the path that exists must be a folder we may write
  // in (the rest is created).
  for (fs::path p = abs; !p.empty(); p = p.parent_path()) {
    const auto st = fs::status(p, ec);
    if (!fs::exists(st)) {
      if (p == p.parent_path()) break;
      continue;
    }
    if (!fs::is_directory(st)) return "'" + p.string() + "' is not a folder";
    if (::access(p.c_str(), W_OK | X_OK) != 0) {
      return "cannot create files in '" + p.string() + "' (" + std::strerror(errno) + ")";
    }
    break;
  }
  return "";
}

}  // namespace

Simulation::Simulation(const Context& ctx, RunOptions options)
    : ctx_(ctx), options_(std::move(options)), loaded_(std::make_unique<Loaded>()) {
  LoadedDeck& l = loaded_->deck;
  l = options_.deck_text.empty()
          ? load_deck(ctx_, options_.deck, options_.overrides)
          : load_deck_text(options_.deck_text, options_.deck, options_.overrides);
  const io::Deck& deck = l.deck;
  io::DeckProblems problems(deck);

  settings_ = LoopSettings::from_deck(deck, problems);
  if (!options_.time_limit.empty()) {
    try {
      settings_.wall_time_limit = parse_time_limit("--time-limit", options_.time_limit);
    } catch (const InputError& e) {
      problems.add(e.what());
    }
  }
  run_name_ = deck.has("run.name") ? deck.string("run.name") : default_run_name(options_.deck);
  output_dir_ = !options_.output_dir.empty() ? options_.output_dir
                : deck.has("run.output_dir") ? deck.string("run.output_dir")
                                             : "./" + run_name_;
  if (const std::string why = output_dir_problem(output_dir_, run_name_); !why.empty()) {
    if (options_.output_dir.empty() && deck.has("run.output_dir")) {
      problems.add({"run.output_dir"}, why);
    } else {
      problems.add((options_.output_dir.empty() ? "output folder: " : "--output: ") + why);
    }
  }
  // Before any HaloExchange is built: they take the path chosen here.
  set_gpu_aware_mpi_setting(deck.has("parallel.gpu_aware_mpi")
                                ? std::optional<bool>(deck.boolean("parallel.gpu_aware_mpi"))
                                : std::nullopt);

  app_ = l.app->create(deck, problems);
  // The mesh is built (and the app's fields declared on it) whenever the
  // mesh keys themselves are sound, so app errors come with the others.
  const std::size_t before_mesh = problems.size();
  std::vector<std::string> init_names;  // what --init would read
  const MeshSpec spec = mesh_spec_from_deck(deck, app_ ? app_->ghost_width() : 1, problems);
  faces_ = face_conditions_from_deck(deck);
  if (problems.size() == before_mesh) {
    try {
      // Building the mesh checks the rank layout against this launch.
      mesh_ = std::make_unique<Mesh>(ctx_, spec);
    } catch (const InputError& e) {
      problems.add({"mesh.cells", "mesh.ranks"}, e.what());
    }
  }
  if (mesh_ && app_) {
    Fields dry(*mesh_, true);
    app_->declare(*mesh_, faces_, dry, problems);
    derived_ = dry.parameters();
    if (SteadyMonitor::applies(dry)) {
      steady_.declare(dry);
    } else if (settings_.stop_when_steady) {
      problems.add({"run.stop_when_steady"},
                   "run.stop_when_steady: the " + l.app->name +
                       " app advances nothing in time (it has no steady-state residual)");
    }
    Outputs::check_deck(deck, dry, problems);
    samplers_ = sampler_specs(deck, *mesh_, dry, problems);
    for (const auto& v : init_variables(dry)) init_names.push_back(v.name);
    memory_bytes_ = dry.bytes();
    const double node = static_cast<double>(total_memory_bytes());
    const double need = ctx_.max(memory_bytes_) * ctx_.ranks_on_node();
    if (node > 0 && need > node) {
      problems.add(
          {"mesh.cells"},
          fmt::format("the fields alone need {} per rank, {} on this node with {} ranks, "
                      "but the node has {} of memory; use more nodes or fewer cells",
                      gib(ctx_.max(memory_bytes_)), gib(need), ctx_.ranks_on_node(), gib(node)));
    }
  }
  // --init FILE or run.init: a fresh start from another run's file. Its
  // header is checked here (so `check` refuses what `run` would); the data
  // are read in initialize().
  if (!options_.init.empty() && !options_.restart.empty()) {
    problems.add(fmt::format(
        "--init {} and --restart {} exclude each other: --restart continues this run from its "
        "own checkpoint (same mesh, bit for bit), --init starts a new run from another run's file",
        options_.init, options_.restart));
  } else if (options_.restart.empty() && (!options_.init.empty() || deck.has("run.init"))) {
    init_path_ = !options_.init.empty() ? options_.init : deck.string("run.init");
    init_what_ = !options_.init.empty() ? "--init" : "run.init:";
    if (mesh_ && app_) {
      try {
        init_header_ = std::make_unique<io::StateHeader>(
            check_init_file(ctx_, init_what_, init_path_, l.app->name, *mesh_, init_names));
      } catch (const InputError& e) {
        if (options_.init.empty()) {
          problems.add({"run.init"}, e.what());
        } else {
          problems.add(e.what());
        }
      }
    }
  }
  problems.raise();
}

Simulation::~Simulation() {
  // The app refers to the fields and the mesh.
  app_.reset();
  fields_.reset();
}

std::string Simulation::resolved_deck_text() const {
  return deck().resolved_toml() + derived_comments(derived_);
}

const io::Deck& Simulation::deck() const {
  return loaded_->deck.deck;
}
const AppInfo& Simulation::app_info() const {
  return *loaded_->deck.app;
}
const ProblemInfo* Simulation::problem() const {
  return loaded_->deck.problem;
}

void Simulation::initialize() {
  declare_and_set_up(*app_, *mesh_, faces_, deck(), timers_, steady_, fields_);
  restarted_ = !options_.restart.empty();
  if (restarted_) {
    ScopedTimer t(timers_, "io_restart");
    const RestartPoint rp =
        choose_restart(ctx_, options_.restart, output_dir_ + "/checkpoints", run_name_);
    check_restart_compatible(rp, deck(), app_info().name, *fields_);
    load_restart(rp, *mesh_, *fields_, *app_);
    state_.step = rp.header.step;
    state_.time = rp.header.time;
    if (deck().has("run.init") && options_.init.empty()) {
      log::info("run.init ({}) is not read on a restart", deck().string("run.init"));
    }
  } else if (init_header_) {
    ScopedTimer t(timers_, "io_init");
    load_init(ctx_, init_what_, init_path_, *init_header_, *mesh_, *fields_, *app_);
    const io::StateHeader& h = *init_header_;
    std::vector<std::string> cells, cons_names, face_names;
    for (int d = 0; d < h.dim; ++d) cells.push_back(std::to_string(h.cells[d]));
    for (const auto& v : init_variables(*fields_))
      (v.face < 0 ? cons_names : face_names).push_back(v.name);
    init_summary_ = fmt::format(
        "initialised from {} ({}, source mesh {}, time {:.9g}, step {}): conservative remap "
        "(limited linear, second order) for {}{}; t = 0, step 0",
        init_path_, h.app, fmt::join(cells, "x"), h.time, h.step,
        cons_names.empty() ? std::string("none") : fmt::format("{}", fmt::join(cons_names, ", ")),
        face_names.empty() ? std::string()
                           : fmt::format(", consistent (multilinear) for the face velocities {}",
                                         fmt::join(face_names, ", ")));
  }
}

void Simulation::load_state_file(const std::string& path) {
  declare_and_set_up(*app_, *mesh_, faces_, deck(), timers_, steady_, fields_);
  const io::StateHeader h = io::read_state_header(ctx_, path);
  if (h.app != app_info().name) {
    throw InputError(
        fmt::format("{}: written by app '{}', not '{}'", path, h.app, app_info().name));
  }
  std::vector<NamedVariable> present;
  for (const auto& v : fields_->variables(kOutput | kRestart)) {
    if (std::find(h.fields.begin(), h.fields.end(), v.name) != h.fields.end()) present.push_back(v);
  }
  io::read_state_fields(*mesh_, path, present);
  std::vector<AppScalar> scalars;
  for (const auto& [name, value] : h.scalars) scalars.push_back({name, value});
  fields_->restore(scalars);
  app_->restored();
  state_.step = h.step;
  state_.time = h.time;
}

std::vector<double> Simulation::sample_output(const std::vector<std::string>& names,
                                              const std::vector<Point>& points) {
  const std::vector<NamedVariable> vars = sampled_variables(*fields_, app_info().name, names);
  prepare_for_sampling(*fields_, *app_, names);
  return sample(*mesh_, vars, points);
}

int Simulation::run() {
  const double wall0 = wall_seconds();
  std::unique_ptr<Files> files;
  if (options_.write_files) {
    files = std::make_unique<Files>(*this);
    files->folder().write_text_file("deck.resolved.toml", resolved_deck_text());
  }
  log::info("boreas {} | app {} | {} | {} ranks x {} threads ({})", BOREAS_VERSION_STRING,
            app_info().name, mesh_->describe(), ctx_.size(), ctx_.threads(), ctx_.backend());
  for (const auto& p : fields_->parameters()) {
    log::info("derived: {} = {:.9g}{} ({})", p.name, p.value, p.units.empty() ? "" : " " + p.units,
              p.origin);
  }
  if (!init_summary_.empty()) log::info("{}", init_summary_);
  const RuntimeSummary summary = gather_runtime_summary(ctx_);
  if (files) {
    log::info("output: {}", files->folder().dir());
    for (const auto& line : runtime_summary_lines(ctx_, summary)) log::info("{}", line);
    files->open();
  }
  // From here on SIGUSR1/SIGTERM/SIGINT only ask the loop to checkpoint and stop.
  install_stop_signal_handlers();
  RowRecorder recorder(first_row_, last_row_);
  LoopObserver& observer = files ? static_cast<LoopObserver&>(*files) : recorder;
  SteadyMonitor* steady = SteadyMonitor::applies(*fields_) ? &steady_ : nullptr;
  const LoopResult r =
      run_time_loop(*mesh_, *app_, *fields_, observer, settings_, state_, timers_, steady);
  state_ = r.end;
  if (!files) return r.stopped_early() ? static_cast<int>(ExitCode::stopped_early) : 0;

  std::string checkpoint;
  if (r.stopped_early()) {
    try {
      checkpoint = files->outputs().at_stop(r.end.step, r.end.time, timers_);
    } catch (const Error& e) {
      if (e.code() == ExitCode::stopped_early) {
        files->folder().write_text_file("exit_status",
                                        "3\nstopped early; the stop checkpoint failed\n");
      }
      throw;
    }
  } else {
    files->at_end(r.end, timers_);
    // A run stopped at a steady state always leaves its final checkpoint,
    // and its final snapshot and VTK output where those are scheduled.
    files->outputs().at_end(r.end.step, r.end.time, timers_, r.steady);
  }
  const double wall = wall_seconds() - wall0;
  Json perf = perf_json(ctx_, *mesh_, *app_, app_info().name, r, timers_, wall);
  if (r.stopped_early()) perf.set("stopped_early", Json::string(r.stop_reason()));
  perf.set("runtime",
           runtime_summary_json(ctx_, summary).set("halo_exchanges", halo_exchange_counts_json()));
  files->folder().write_json("perf.json", perf);
  if (r.stopped_early()) {
    log::info(
        "stopped early ({}) at step {}, t = {:.6g}, after {:.2f} s; checkpoint {}; "
        "resume with --restart latest",
        r.stop_reason(), r.end.step, r.end.time, wall, checkpoint);
    // The exit code as a file: launchers do not all pass it on (Open MPI's
    // mpirun returns 1 when it forwarded SIGTERM, whatever the ranks return).
    files->folder().write_text_file("exit_status",
                                    fmt::format("3\nstopped early ({}) at step {}; checkpoint {}\n",
                                                r.stop_reason(), r.end.step, checkpoint));
    return static_cast<int>(ExitCode::stopped_early);
  }
  if (r.steady) perf.set("steady_residual", Json::number(r.steady_residual));
  files->folder().write_text_file(
      "exit_status", fmt::format("0\nfinished at step {}{}\n", r.end.step,
                                 r.steady ? " (steady state: run.stop_when_steady)" : ""));
  log::info("finished{}: {} steps to t = {:.6g} in {:.2f} s; results in {}",
            r.steady ? fmt::format(" at a steady state (steady_residual {:.3e})", r.steady_residual)
                     : std::string(),
            r.steps_taken, r.end.time, wall, files->folder().dir());
  return 0;
}

LoopResult Simulation::advance(long long steps) {
  LoopSettings s = settings_;
  s.max_steps = state_.step + steps;
  s.log_progress = false;
  RowRecorder recorder(first_row_, last_row_);
  SteadyMonitor* steady = SteadyMonitor::applies(*fields_) ? &steady_ : nullptr;
  const LoopResult r = run_time_loop(*mesh_, *app_, *fields_, recorder, s, state_, timers_, steady);
  state_ = r.end;
  return r;
}

std::size_t Simulation::diagnostic_index(const std::string& name) const {
  const auto names = fields_->diagnostic_names();
  const auto it = std::find(names.begin(), names.end(), name);
  if (it == names.end()) {
    throw RuntimeError(fmt::format("app {} has no diagnostic '{}' (it has: {})", app_info().name,
                                   name, fmt::join(names, ", ")));
  }
  return static_cast<std::size_t>(it - names.begin());
}

double Simulation::diagnostic(const std::string& name) const {
  return fields_->diagnostic(diagnostic_index(name), state_.time);
}

}  // namespace boreas::pipeline
