#include "physics/pipeline/init.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "core/error.hpp"
#include "mesh/remap.hpp"

namespace boreas::pipeline {
namespace {

// A state-file error without the file name it starts with (the caller's
// message names the file already).
std::string reason(const std::string& path, const std::string& what) {
  const std::string prefix = path + ": ";
  return what.compare(0, prefix.size(), prefix) == 0 ? what.substr(prefix.size()) : what;
}

}  // namespace

std::vector<NamedVariable> init_variables(const Fields& fields) {
  return fields.variables_with_all(kRestart | kOutput);
}

std::string init_problem(const io::StateHeader& h, const std::string& app_name, const Mesh& mesh,
                         const std::vector<std::string>& variables) {
  if (h.app != app_name) {
    return fmt::format("written by app '{}', but the deck runs app '{}'", h.app, app_name);
  }
  if (h.dim != mesh.dim()) {
    return fmt::format("its mesh is {}D, this run's is {}D", h.dim, mesh.dim());
  }
  const char* axis = "xyz";
  for (int d = 0; d < mesh.dim(); ++d) {
    const double extent = mesh.upper(d) - mesh.lower(d);
    const double tol = kInitDomainTolerance * extent;
    if (!(std::fabs(h.lower[d] - mesh.lower(d)) <= tol) ||
        !(std::fabs(h.upper[d] - mesh.upper(d)) <= tol)) {
      return fmt::format(
          "its domain differs along {}: [{}, {}] in the file, [{}, {}] in this run "
          "(mesh.lower/upper must agree to {:g} of the extent; the cell counts may differ)",
          axis[d], h.lower[d], h.upper[d], mesh.lower(d), mesh.upper(d), kInitDomainTolerance);
    }
  }
  std::vector<std::string> missing;
  for (const auto& v : variables) {
    if (std::find(h.fields.begin(), h.fields.end(), v) == h.fields.end()) missing.push_back(v);
  }
  if (!missing.empty()) {
    return fmt::format(
        "it lacks the variable{} {} (it has: {}; --init needs {})", missing.size() > 1 ? "s" : "",
        fmt::join(missing, ", "),
        h.fields.empty() ? std::string("none") : fmt::format("{}", fmt::join(h.fields, ", ")),
        fmt::join(variables, ", "));
  }
  return "";
}

io::StateHeader check_init_file(const Context& ctx, const std::string& what,
                                const std::string& path, const std::string& app_name,
                                const Mesh& mesh, const std::vector<std::string>& variables) {
  io::StateHeader h;
  try {
    h = io::read_state_header(ctx, path);
  } catch (const io::StateFileError& e) {
    throw InputError(fmt::format("{} {}: refused: {}", what, path, reason(path, e.what())));
  }
  if (const std::string why = init_problem(h, app_name, mesh, variables); !why.empty()) {
    throw InputError(fmt::format("{} {}: refused: {}", what, path, why));
  }
  return h;
}

void load_init(const Context& ctx, const std::string& what, const std::string& path,
               const io::StateHeader& header, const Mesh& mesh, Fields& fields, App& app) {
  const std::vector<NamedVariable> vars = init_variables(fields);
  std::vector<std::string> names;
  for (const auto& v : vars) names.push_back(v.name);
  RemapSource src;
  src.dim = header.dim;
  for (int d = 0; d < header.dim; ++d) src.cells[d] = header.cells[d];
  remap_source_box(mesh, src);
  io::GridBox box;
  box.start = src.start;
  box.count = src.count;
  std::vector<std::vector<double>> values;
  try {
    values = io::read_state_boxes(ctx, path, names, box);
  } catch (const io::StateFileError& e) {
    throw InputError(fmt::format("{} {}: refused: {}", what, path, reason(path, e.what())));
  }
  for (std::size_t v = 0; v < vars.size(); ++v) {
    src.values = std::move(values[v]);
    const std::vector<double> target = remap_interior(mesh, src, vars[v].face);
    interior_from_host(mesh, target.data(), vars[v].view, vars[v].var);
  }
  fields.exchange_all();
  app.initialized_from_file();
}

}  // namespace boreas::pipeline
