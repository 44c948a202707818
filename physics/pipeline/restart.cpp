#include "physics/pipeline/restart.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/error.hpp"
#include "core/log.hpp"
#include "physics/pipeline/outputs.hpp"

namespace boreas::pipeline {

namespace fs = std::filesystem;

namespace {

std::string read_latest(const Context& ctx, const std::string& dir) {
  std::string name;
  if (ctx.is_root()) {
    std::ifstream in(dir + "/latest");
    std::getline(in, name);
  }
  return ctx.broadcast(name);
}

// Value of a key as comparable text, whatever its type.
std::string value_text(const io::Deck& deck, const io::KeySpec& k) {
  if (!deck.has(k.path)) return "(unset)";
  std::ostringstream s;
  s.precision(17);
  switch (k.type) {
    case io::KeyType::boolean:
      s << deck.boolean(k.path);
      break;
    case io::KeyType::integer:
      s << deck.integer(k.path);
      break;
    case io::KeyType::real:
      s << deck.real(k.path);
      break;
    case io::KeyType::string:
      s << '"' << deck.string(k.path) << '"';
      break;
    case io::KeyType::integer_array:
      for (auto v : deck.integers(k.path)) s << v << ' ';
      break;
    case io::KeyType::real_array:
      for (auto v : deck.reals(k.path)) s << v << ' ';
      break;
    case io::KeyType::string_array:
      for (auto& v : deck.strings(k.path)) s << '"' << v << "\" ";
      break;
    case io::KeyType::table_array:
      s << deck.tables(k.path).size() << " tables";
      break;
  }
  return s.str();
}

}  // namespace

RestartPoint choose_restart(const Context& ctx, const std::string& spec,
                            const std::string& checkpoint_dir, const std::string& name) {
  std::vector<std::string> candidates;
  if (spec == "latest") {
    const std::string latest = read_latest(ctx, checkpoint_dir);
    if (!latest.empty()) candidates.push_back(checkpoint_dir + "/" + latest);
    std::vector<std::string> files;
    if (ctx.is_root()) files = list_state_files(checkpoint_dir, name);
    // Everyone must walk the same list.
    std::string joined;
    for (const auto& f : files) joined += f + "\n";
    std::istringstream in(ctx.broadcast(joined));
    for (std::string f; std::getline(in, f);) {
      if (std::find(candidates.begin(), candidates.end(), f) == candidates.end())
        candidates.push_back(f);
    }
    if (candidates.empty()) {
      throw InputError(
          fmt::format("--restart latest: no checkpoint of run '{}' in {}", name, checkpoint_dir));
    }
  } else {
    candidates.push_back(spec);
  }
  for (const auto& path : candidates) {
    const std::string why = io::verify_state_file(ctx, path);
    if (why.empty()) {
      RestartPoint rp{path, io::read_state_header(ctx, path)};
      log::info("restarting from {} (step {}, t = {:.6g})", path, rp.header.step, rp.header.time);
      return rp;
    }
    if (spec != "latest") throw InputError(fmt::format("--restart {}: refused: {}", path, why));
    log::warning("skipping checkpoint {}: {}", path, why);
  }
  throw InputError(fmt::format("--restart latest: no usable checkpoint in {} (all {} refused)",
                               checkpoint_dir, candidates.size()));
}

void check_restart_compatible(const RestartPoint& rp, const io::Deck& deck,
                              const std::string& app_name, const Fields& fields) {
  const auto& h = rp.header;
  if (h.app != app_name) {
    throw InputError(fmt::format("{}: written by app '{}', but the deck runs app '{}'", rp.path,
                                 h.app, app_name));
  }
  const auto cells = deck.integers("mesh.cells");
  const auto lower = deck.reals("mesh.lower");
  const auto upper = deck.reals("mesh.upper");
  if (static_cast<int>(cells.size()) != h.dim) {
    throw InputError(fmt::format("{}: the checkpoint is {}D, mesh.cells makes a {}D mesh", rp.path,
                                 h.dim, cells.size()));
  }
  for (int d = 0; d < h.dim; ++d) {
    if (cells[d] != h.cells[d] || lower[d] != h.lower[d] || upper[d] != h.upper[d]) {
      throw InputError(fmt::format(
          "{}: mesh differs from the deck in direction {}: checkpoint has {} cells on [{}, {}], "
          "deck has {} cells on [{}, {}] (mesh.cells/lower/upper may not change on restart)",
          rp.path, d, h.cells[d], h.lower[d], h.upper[d], cells[d], lower[d], upper[d]));
    }
  }
  for (const auto& v : fields.variables(kRestart)) {
    if (std::find(h.fields.begin(), h.fields.end(), v.name) == h.fields.end()) {
      throw InputError(fmt::format("{}: field '{}' is missing (file has: {})", rp.path, v.name,
                                   fmt::join(h.fields, ", ")));
    }
  }
  // Keys the schema marks fixed must equal the checkpoint's deck.
  io::Deck old;
  try {
    old = io::Deck::from_text(h.deck, rp.path + " (embedded deck)", {}, deck.schema());
  } catch (const io::DeckError& e) {
    throw InputError(fmt::format("{}: its embedded deck does not fit this build's schema:\n{}",
                                 rp.path, e.what()));
  }
  for (const auto& k : deck.schema().keys()) {
    if (!k.fixed_on_restart) continue;
    const std::string a = value_text(old, k), b = value_text(deck, k);
    if (a != b) {
      throw InputError(fmt::format("{}: '{}' may not change on restart (checkpoint: {}, deck: {})",
                                   rp.path, k.path, a, b));
    }
  }
}

void load_restart(const RestartPoint& rp, const Mesh& mesh, Fields& fields, App& app) {
  io::read_state_fields(mesh, rp.path, fields.variables(kRestart));
  std::vector<AppScalar> scalars;
  for (const auto& [name, value] : rp.header.scalars) scalars.push_back({name, value});
  fields.restore(scalars);
  app.restored();
}

}  // namespace boreas::pipeline
