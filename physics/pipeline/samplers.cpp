#include "physics/pipeline/samplers.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <set>

#include "core/error.hpp"
#include "core/files.hpp"
#include "core/log.hpp"
#include "physics/pipeline/sampling.hpp"

namespace boreas::pipeline {

namespace {

// The output variables a sampler names (empty: all), or problems.
std::vector<std::string> sampler_variables(const io::Deck& e, const std::string& what,
                                           const Fields& fields, io::DeckProblems& problems) {
  const auto names = e.strings("variables");
  if (names.empty()) return fields.variable_names(kOutput);
  // State and derived variables, and vectors (which stand for their components).
  std::vector<std::string> have = fields.variable_names(kOutput | kDerived);
  for (const auto& v : fields.vectors()) have.push_back(v.name);
  std::vector<std::string> seen;
  for (const auto& n : names) {
    if (std::find(have.begin(), have.end(), n) == have.end()) {
      problems.add_at(e.where("variables"),
                      fmt::format("{}: unknown variable '{}' (this app has: {})", what, n,
                                  fmt::join(have, ", ")));
    } else if (std::find(seen.begin(), seen.end(), n) != seen.end()) {
      problems.add_at(e.where("variables"),
                      fmt::format("{}: variable '{}' is listed twice", what, n));
    }
    seen.push_back(n);
  }
  return fields.expand_vectors(names);
}

// The point of a real-array key, checked against the mesh.
Point deck_point(const io::Deck& e, const std::string& key, const Mesh& mesh,
                 const std::string& what) {
  const auto x = e.reals(key);
  if (static_cast<int>(x.size()) != mesh.dim()) {
    throw InputError(fmt::format("{}: {} has {} coordinate{}; the mesh is {}D", what, key, x.size(),
                                 x.size() == 1 ? "" : "s", mesh.dim()));
  }
  Point p{0.0, 0.0, 0.0};
  std::copy(x.begin(), x.end(), p.begin());
  if (const std::string why = sample_point_problem(mesh, p); !why.empty()) {
    throw InputError(fmt::format("{}: {}: the {}", what, key, why));
  }
  return p;
}

std::vector<Point> line_from_deck(const io::Deck& e, const Mesh& mesh, const std::string& what,
                                  std::string& key) {
  const bool grid = e.has("grid_line");
  const bool any = e.has("start") || e.has("end") || e.has("points");
  if (grid && any) {
    key = "grid_line";
    throw InputError(what + ": give either grid_line or start, end and points, not both");
  }
  if (grid) {
    key = "grid_line";
    std::string spec = e.string("grid_line");
    spec.erase(std::remove(spec.begin(), spec.end(), ' '), spec.end());
    if (spec.find('=') == std::string::npos) {
      throw InputError(fmt::format("{}: grid_line \"{}\" is not AXIS = VALUE (e.g. \"x = 0.5\")",
                                   what, e.string("grid_line")));
    }
    return parse_line_spec(mesh, what + ": grid_line", spec);
  }
  for (const char* k : {"start", "end", "points"}) {
    if (!e.has(k)) {
      key = "name";
      throw InputError(
          fmt::format("{}: needs start, end and points (or grid_line); '{}' is missing", what, k));
    }
  }
  key = "start";
  const Point a = deck_point(e, "start", mesh, what);
  key = "end";
  const Point b = deck_point(e, "end", mesh, what);
  return line_points(a, b, static_cast<int>(e.integer("points")));
}

// Rows of a sample CSV up to `step` (the second column), header included.
std::string rows_up_to(const std::string& path, long long step) {
  std::ifstream in(path);
  std::string kept, line;
  bool header = true;
  while (std::getline(in, line)) {
    const auto comma = line.find(',');
    if (header || (comma != std::string::npos && std::atoll(line.c_str() + comma + 1) <= step)) {
      kept += line + "\n";
    }
    header = false;
  }
  return kept;
}

}  // namespace

void prepare_for_sampling(Fields& fields, App& app, const std::vector<std::string>& names) {
  // The ghosts as the next step would set them: the interpolation reads them
  // near rank boundaries and walls.
  fields.exchange_all();
  app.refresh_ghosts();
  const std::vector<std::string> wanted = fields.expand_vectors(names);
  if (fields.needs_derived(wanted)) fields.update_derived(wanted);
}

std::vector<NamedVariable> sampled_variables(const Fields& fields, const std::string& app,
                                             const std::vector<std::string>& names) {
  const auto all = fields.variables(kOutput | kDerived);
  std::vector<NamedVariable> vars;
  for (const auto& n : fields.expand_vectors(names)) {
    const auto it =
        std::find_if(all.begin(), all.end(), [&](const auto& v) { return v.name == n; });
    if (it == all.end()) {
      std::vector<std::string> have;
      for (const auto& v : all) have.push_back(v.name);
      throw InputError(
          fmt::format("unknown variable '{}' (the {} app has: {})", n, app, fmt::join(have, ", ")));
    }
    vars.push_back(*it);
  }
  return vars;
}

std::vector<SamplerSpec> sampler_specs(const io::Deck& deck, const Mesh& mesh, const Fields& fields,
                                       io::DeckProblems& problems) {
  std::vector<SamplerSpec> out;
  for (const std::string kind : {"probe", "line"}) {
    const std::string key = "output." + kind;
    if (!deck.has(key)) continue;
    std::set<std::string> names;
    for (const io::Deck& e : deck.tables(key)) {
      SamplerSpec s;
      s.kind = kind;
      s.name = e.string("name");
      const std::string what = fmt::format("[[{}]] '{}'", key, s.name);
      if (!names.insert(s.name).second) {
        problems.add_at(e.where("name"),
                        fmt::format("two [[{}]] sections are named '{}'", key, s.name));
      }
      s.variables = sampler_variables(e, what, fields, problems);
      std::string at = kind == "probe" ? "point" : "name";
      try {
        s.points = kind == "probe" ? std::vector<Point>{deck_point(e, "point", mesh, what)}
                                   : line_from_deck(e, mesh, what, at);
      } catch (const InputError& err) {
        problems.add_at(e.where(at), err.what());
      }
      s.schedule = Schedule(e, "", false);
      s.at_end = e.boolean("at_end");
      s.with_diagnostics = kind == "probe" && !s.schedule.enabled();
      if (!s.schedule.enabled() && !s.with_diagnostics && !s.at_end) {
        problems.add_at(e.where("at_end"),
                        what + ": samples nothing (set every_steps, every_time or at_end = true)");
      }
      out.push_back(std::move(s));
    }
  }
  return out;
}

Samplers::Samplers(std::vector<SamplerSpec> specs, const Mesh& mesh, Fields& fields, App& app,
                   const std::string& run_dir, long long first_step, double first_time,
                   bool restarted)
    : specs_(std::move(specs)), mesh_(mesh), fields_(fields), app_(app) {
  const Context& ctx = mesh.context();
  last_step_.assign(specs_.size(), -1);
  for (auto& s : specs_) s.schedule.start_at(first_time, !restarted);
  // A restart must not sample its first state again: it is in the files.
  if (restarted) last_step_.assign(specs_.size(), first_step);
  for (const char* dir : {"probes", "lines"}) {
    const bool used = std::any_of(specs_.begin(), specs_.end(),
                                  [&](const auto& s) { return s.kind + "s" == dir; });
    if (used) make_directories(ctx, run_dir + "/" + dir, dir);
  }
  std::string error;
  for (const auto& s : specs_) {
    paths_.push_back(run_dir + "/" + s.file());
    if (!ctx.is_root()) continue;
    const std::string header = sample_csv_header(mesh.dim(), s.variables);
    std::string kept = restarted ? rows_up_to(paths_.back(), first_step) : std::string();
    if (!kept.empty() && kept.compare(0, header.size(), header) != 0) {
      // The restarted deck samples other variables: the old rows keep their
      // own file rather than a header that does not fit them.
      const std::string old = paths_.back() + ".before-restart";
      std::error_code ec;
      std::filesystem::rename(paths_.back(), old, ec);
      log::warning("{}: other variables than before the restart; the earlier rows are in {}",
                   paths_.back(), old);
      kept.clear();
    }
    auto f = std::make_unique<std::ofstream>(paths_.back(), std::ios::trunc);
    *f << (kept.empty() ? header : kept) << std::flush;
    if (!*f && error.empty()) {
      error = fmt::format("cannot write '{}' ({})", paths_.back(), std::strerror(errno));
    }
    files_.push_back(std::move(f));
  }
  error = ctx.broadcast(error);
  if (!error.empty()) throw RuntimeError(error);
}

Samplers::~Samplers() = default;

void Samplers::after_step(const LoopState& s, bool diagnostics_row, Timers& timers) {
  std::vector<std::size_t> due;
  for (std::size_t i = 0; i < specs_.size(); ++i) {
    if (last_step_[i] == s.step) continue;
    SamplerSpec& sp = specs_[i];
    const bool scheduled = !diagnostics_row && sp.schedule.enabled() &&
                           sp.schedule.due(mesh_.context(), s.step, s.time);
    if (scheduled) sp.schedule.mark(s.time);
    if (scheduled || (diagnostics_row && sp.with_diagnostics)) due.push_back(i);
  }
  write(due, s, timers);
}

void Samplers::at_end(const LoopState& s, Timers& timers) {
  std::vector<std::size_t> due;
  for (std::size_t i = 0; i < specs_.size(); ++i) {
    if (specs_[i].at_end && last_step_[i] != s.step) due.push_back(i);
  }
  write(due, s, timers);
}

double Samplers::next_output_time(double t) const {
  double next = std::numeric_limits<double>::infinity();
  for (const auto& s : specs_) next = std::min(next, s.schedule.next_time(t));
  return next;
}

void Samplers::write(const std::vector<std::size_t>& due, const LoopState& s, Timers& timers) {
  if (due.empty()) return;
  ScopedTimer tm(timers, "io_samples");
  std::vector<std::string> wanted;
  for (std::size_t i : due)
    wanted.insert(wanted.end(), specs_[i].variables.begin(), specs_[i].variables.end());
  prepare_for_sampling(fields_, app_, wanted);
  std::string error;
  for (std::size_t i : due) {
    const SamplerSpec& sp = specs_[i];
    // sampler_specs checked the names.
    const std::vector<NamedVariable> vars = sampled_variables(fields_, "", sp.variables);
    const std::vector<double> values = sample(mesh_, vars, sp.points);
    last_step_[i] = s.step;
    if (!mesh_.context().is_root()) continue;
    std::ofstream& f = *files_[i];
    f << sample_csv_rows(mesh_.dim(), s.time, s.step, sp.points, values, vars.size()) << std::flush;
    if (!f && error.empty()) {
      error = fmt::format("cannot append to '{}' ({})", paths_[i], std::strerror(errno));
    }
  }
  error = mesh_.context().broadcast(error);
  if (!error.empty()) throw RuntimeError(error);
}

}  // namespace boreas::pipeline
