#include "physics/pipeline/outputs.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <limits>

#include "core/error.hpp"
#include "core/files.hpp"
#include "core/log.hpp"
#include "core/version.hpp"

namespace boreas::pipeline {

namespace fs = std::filesystem;

std::string state_file_name(const std::string& name, long long step) {
  return fmt::format("{}.{:08d}.h5", name, step);
}

std::vector<std::string> list_state_files(const std::string& dir, const std::string& name) {
  std::vector<std::pair<long long, std::string>> found;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    const std::string f = e.path().filename().string();
    // name.<8 digits>.h5 exactly; temporary files end in .tmp and are ignored.
    if (f.size() != name.size() + 12 || f.compare(0, name.size() + 1, name + ".") != 0) continue;
    if (f.compare(f.size() - 3, 3, ".h5") != 0) continue;
    const std::string digits = f.substr(name.size() + 1, 8);
    if (!std::all_of(digits.begin(), digits.end(), ::isdigit)) continue;
    found.emplace_back(std::stoll(digits), e.path().string());
  }
  std::sort(found.begin(), found.end(), [](auto& a, auto& b) { return a.first > b.first; });
  std::vector<std::string> out;
  for (auto& f : found) out.push_back(f.second);
  return out;
}

Outputs::Outputs(const Mesh& mesh, Fields& fields, const io::Deck& deck, const RunOutput& folder,
                 RunIdentity id, long long first_step, double first_time, bool restarted)
    : mesh_(mesh), fields_(fields), id_(std::move(id)) {
  checkpoint_dir_ = folder.path("checkpoints");
  snapshot_dir_ = folder.path("snapshots");
  vtk_dir_ = folder.path("vtk");
  checkpoint_every_ = Schedule(deck, "output.checkpoint", true);
  snapshot_every_ = Schedule(deck, "output.snapshot", false);
  vtk_every_ = Schedule(deck, "output.vtk", false);
  // A fresh run writes its initial state (t = first_time) on a time schedule
  // too; a restarted run has it already.
  for (Schedule* s : {&snapshot_every_, &vtk_every_}) s->start_at(first_time, !restarted);
  checkpoint_every_.start_at(first_time);
  keep_ = deck.integer("output.checkpoint.keep");
  at_end_ = deck.boolean("output.checkpoint.at_end");
  snapshot_vars_ = deck.strings("output.snapshot.variables");
  vtk_vars_ = deck.strings("output.vtk.variables");
  // A restart must not rewrite the checkpoint it started from.
  last_checkpoint_step_ = restarted ? first_step : -1;

  const Context& ctx = mesh.context();
  if (snapshot_every_.enabled() && restarted) {
    // A restarted run continues the XDMF index with the snapshots it keeps
    // (a fresh run starts a new index). One that cannot be read is left out.
    for (const auto& f : list_state_files(snapshot_dir_, id_.name)) {
      io::StateHeader h;
      try {
        h = io::read_state_header(ctx, f);
      } catch (const io::StateFileError& e) {
        log::warning("left out of the snapshot index: {}", e.what());
        continue;
      }
      if (h.step > first_step) continue;
      xdmf_.insert(xdmf_.begin(),
                   io::XdmfEntry{h.time, fs::path(f).filename().string(), h.fields, h.vectors});
    }
  }
  if (vtk_every_.enabled()) {
    vtk_ = std::make_unique<io::VtkOutput>(mesh, vtk_dir_, id_.name, first_step);
  }
}

void Outputs::check_deck(const io::Deck& deck, const Fields& fields, io::DeckProblems& problems) {
  std::vector<std::string> have = fields.variable_names(kOutput | kDerived);
  for (const auto& v : fields.vectors()) have.push_back(v.name);
  for (const char* key : {"output.snapshot.variables", "output.vtk.variables"}) {
    std::vector<std::string> seen;
    for (const auto& n : deck.strings(key)) {
      if (std::find(have.begin(), have.end(), n) == have.end()) {
        problems.add({key}, fmt::format("{}: unknown variable '{}' (this app has: {})", key, n,
                                        fmt::join(have, ", ")));
      } else if (std::find(seen.begin(), seen.end(), n) != seen.end()) {
        problems.add({key}, fmt::format("{}: variable '{}' is listed twice", key, n));
      }
      seen.push_back(n);
    }
  }
}

Outputs::Selection Outputs::select(const std::vector<std::string>& names, long long step) {
  const auto all = fields_.variables(kOutput | kDerived);
  Selection out;
  if (names.empty()) {
    out.vars = all;
  } else {
    // check_deck has made sure every name exists.
    for (const auto& n : fields_.expand_vectors(names)) {
      for (const auto& v : all) {
        if (v.name == n) out.vars.push_back(v);
      }
    }
  }
  std::vector<std::string> chosen;
  for (const auto& v : out.vars) chosen.push_back(v.name);
  for (const auto& vec : fields_.vectors()) {
    const bool complete = std::all_of(vec.components.begin(), vec.components.end(), [&](auto& c) {
      return std::find(chosen.begin(), chosen.end(), c) != chosen.end();
    });
    if (complete) out.vectors.push_back(vec);
  }
  // Derived variables are computed only for the outputs that write them,
  // once per step.
  const bool done =
      step == derived_step_ && std::all_of(chosen.begin(), chosen.end(), [&](auto& n) {
        return std::find(derived_names_.begin(), derived_names_.end(), n) != derived_names_.end();
      });
  if (!done && fields_.needs_derived(chosen)) {
    fields_.update_derived(chosen);
    derived_step_ = step;
    derived_names_ = chosen;
  }
  return out;
}

io::StateHeader Outputs::header(long long step, double t,
                                const std::vector<AppScalar>& scalars) const {
  io::StateHeader h;
  h.time = t;
  h.step = step;
  h.deck = id_.deck;
  h.app = id_.app;
  h.boreas_version = BOREAS_VERSION_STRING;
  h.dim = mesh_.dim();
  for (int d = 0; d < mesh_.dim(); ++d) {
    h.cells[d] = mesh_.global_cells(d);
    h.lower[d] = mesh_.lower(d);
    h.upper[d] = mesh_.upper(d);
  }
  for (const auto& s : scalars) h.scalars.emplace_back(s.name, s.value);
  for (const auto& p : fields_.parameters()) h.derived.emplace_back(p.name, p.value);
  h.title = fmt::format("{}: Boreas {} run, step {}, t = {:.9g} s", id_.name, id_.app, step, t);
  h.info = fields_.descriptions();
  return h;
}

std::string Outputs::write_checkpoint(long long step, double t,
                                      const std::vector<NamedVariable>& vars,
                                      const std::vector<AppScalar>& scalars, ExitCode stuck_code) {
  const Context& ctx = mesh_.context();
  make_directories(ctx, checkpoint_dir_, "checkpoint");
  const std::string final_path = checkpoint_dir_ + "/" + state_file_name(id_.name, step);
  const std::string tmp = final_path + ".tmp";
  io::write_state_file(mesh_, tmp, header(step, t, scalars), vars, stuck_code);
  io::commit_file(ctx, tmp, final_path);
  // `latest` moves only after the checkpoint is complete and durable.
  std::string error;
  if (ctx.is_root()) {
    try {
      replace_file(checkpoint_dir_ + "/latest", state_file_name(id_.name, step) + "\n");
    } catch (const Error& e) {
      error = e.what();
    }
  }
  error = ctx.broadcast(error);
  if (!error.empty()) {
    throw RuntimeError("checkpoint " + final_path + " is complete, but 'latest' still names the " +
                       "previous one: " + error);
  }
  last_checkpoint_step_ = step;
  prune_checkpoints();
  log::info("checkpoint {} (step {}, t = {:.6g})", final_path, step, t);
  return final_path;
}

void Outputs::prune_checkpoints() {
  const Context& ctx = mesh_.context();
  if (ctx.is_root()) {
    const auto files = list_state_files(checkpoint_dir_, id_.name);
    for (size_t i = static_cast<size_t>(keep_); i < files.size(); ++i) {
      std::error_code ec;
      fs::remove(files[i], ec);
    }
  }
  ctx.barrier();
}

void Outputs::write_snapshot(long long step, double t) {
  const Context& ctx = mesh_.context();
  make_directories(ctx, snapshot_dir_, "snapshot");
  const Selection sel = select(snapshot_vars_, step);
  const std::string file = state_file_name(id_.name, step);
  const std::string final_path = snapshot_dir_ + "/" + file;
  io::write_state_file(mesh_, final_path + ".tmp", header(step, t, fields_.scalars()), sel.vars,
                       ExitCode::runtime_failure, sel.vectors);
  io::commit_file(ctx, final_path + ".tmp", final_path);
  std::vector<std::string> names, vectors;
  for (const auto& v : sel.vars) names.push_back(v.name);
  for (const auto& v : sel.vectors) vectors.push_back(v.name);
  xdmf_.push_back(io::XdmfEntry{t, file, names, vectors});
  io::write_xdmf(mesh_, snapshot_dir_ + "/" + id_.name + ".xdmf", xdmf_);
  last_snapshot_step_ = step;
}

void Outputs::write_vtk(long long step, double t) {
  const Selection sel = select(vtk_vars_, step);
  vtk_->write(step, t, sel.vars, sel.vectors);
  last_vtk_step_ = step;
}

void Outputs::after_step(long long step, double t, Timers& timers) {
  const Context& ctx = mesh_.context();
  if (snapshot_every_.enabled() && snapshot_every_.due(ctx, step, t)) {
    ScopedTimer tm(timers, "io_snapshot");
    write_snapshot(step, t);
    snapshot_every_.mark(t);
  }
  if (vtk_ && vtk_every_.due(ctx, step, t)) {
    ScopedTimer tm(timers, "io_vtk");
    write_vtk(step, t);
    vtk_every_.mark(t);
  }
  if (checkpoint_every_.enabled() && step != last_checkpoint_step_ &&
      checkpoint_every_.due(ctx, step, t)) {
    ScopedTimer tm(timers, "io_checkpoint");
    write_checkpoint(step, t, fields_.variables(kRestart), fields_.scalars());
    checkpoint_every_.mark(t);
  }
}

double Outputs::next_output_time(double t) const {
  double next = std::numeric_limits<double>::infinity();
  for (const Schedule* s : {&checkpoint_every_, &snapshot_every_, &vtk_every_}) {
    next = std::min(next, s->next_time(t));
  }
  return next;
}

void Outputs::at_end(long long step, double t, Timers& timers, bool steady) {
  if ((at_end_ || steady) && step != last_checkpoint_step_) {
    ScopedTimer tm(timers, "io_checkpoint");
    write_checkpoint(step, t, fields_.variables(kRestart), fields_.scalars());
  }
  if (!steady) return;
  if (snapshot_every_.enabled() && step != last_snapshot_step_) {
    ScopedTimer tm(timers, "io_snapshot");
    write_snapshot(step, t);
  }
  if (vtk_ && step != last_vtk_step_) {
    ScopedTimer tm(timers, "io_vtk");
    write_vtk(step, t);
  }
}

std::string Outputs::at_stop(long long step, double t, Timers& timers) {
  if (step == last_checkpoint_step_) return checkpoint_dir_ + "/" + state_file_name(id_.name, step);
  ScopedTimer tm(timers, "io_checkpoint");
  try {
    return write_checkpoint(step, t, fields_.variables(kRestart), fields_.scalars(),
                            ExitCode::stopped_early);
  } catch (const Error& e) {
    // Still exit 3: the job is meant to end here and be resumed, only from
    // the checkpoint before.
    const std::string before =
        last_checkpoint_step_ >= 0
            ? fmt::format(
                  "the last complete checkpoint is step {} ({}); resume with --restart latest",
                  last_checkpoint_step_,
                  checkpoint_dir_ + "/" + state_file_name(id_.name, last_checkpoint_step_))
            : std::string("there is no earlier checkpoint of this run");
    throw Error(
        ExitCode::stopped_early,
        fmt::format("the stop checkpoint at step {} failed: {}; {}", step, e.what(), before));
  }
}

}  // namespace boreas::pipeline
