#include "physics/pipeline/sampling.hpp"

#include <fmt/format.h>

#include <cmath>
#include <cstdlib>

#include "core/error.hpp"

namespace boreas::pipeline {
namespace {

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t p = s.find(sep, start);
    out.push_back(s.substr(start, p == std::string::npos ? std::string::npos : p - start));
    if (p == std::string::npos) return out;
    start = p + 1;
  }
}

bool to_double(const std::string& text, double& out) {
  if (text.empty()) return false;
  char* end = nullptr;
  out = std::strtod(text.c_str(), &end);
  return end == text.c_str() + text.size() && std::isfinite(out);
}

[[noreturn]] void bad(const std::string& what, const std::string& spec, const std::string& why) {
  throw InputError(fmt::format("{} \"{}\": {}", what, spec, why));
}

Point coordinates(const Mesh& mesh, const std::string& what, const std::string& spec,
                  const std::string& text) {
  const auto parts = split(text, ',');
  if (static_cast<int>(parts.size()) != mesh.dim()) {
    bad(what, spec,
        fmt::format("'{}' has {} coordinates; the mesh is {}D", text, parts.size(), mesh.dim()));
  }
  Point p{0.0, 0.0, 0.0};
  for (int d = 0; d < mesh.dim(); ++d) {
    if (!to_double(parts[d], p[d])) bad(what, spec, "'" + parts[d] + "' is not a finite number");
  }
  if (const std::string why = sample_point_problem(mesh, p); !why.empty()) bad(what, spec, why);
  return p;
}

}  // namespace

std::vector<Point> parse_point_spec(const Mesh& mesh, const std::string& what,
                                    const std::string& spec) {
  return {coordinates(mesh, what, spec, spec)};
}

std::vector<Point> parse_line_spec(const Mesh& mesh, const std::string& what,
                                   const std::string& spec) {
  const int dim = mesh.dim();
  if (spec.find('=') != std::string::npos) {
    // A grid line: dim - 1 fixed coordinates.
    Point fixed{0.0, 0.0, 0.0};
    bool given[3] = {false, false, false};
    for (const auto& part : split(spec, ',')) {
      const auto kv = split(part, '=');
      const std::string axes = "xyz";
      const std::size_t d = kv.size() == 2 && kv[0].size() == 1 ? axes.find(kv[0][0]) : 3;
      if (d >= static_cast<std::size_t>(dim)) {
        bad(what, spec,
            fmt::format("'{}' is not AXIS=VALUE with an axis of the {}D mesh", part, dim));
      }
      if (given[d]) bad(what, spec, "axis " + kv[0] + " is given twice");
      if (!to_double(kv[1], fixed[d])) bad(what, spec, "'" + kv[1] + "' is not a finite number");
      given[d] = true;
    }
    int free_axis = -1, fixed_count = 0;
    for (int d = 0; d < dim; ++d) {
      if (given[d]) {
        ++fixed_count;
      } else {
        free_axis = d;
      }
    }
    if (fixed_count != dim - 1) {
      bad(what, spec,
          fmt::format("a grid line of a {}D mesh fixes {} coordinate{} (e.g. {})", dim, dim - 1,
                      dim == 2 ? "" : "s", dim == 2 ? "x=0.5" : "x=0.5,z=0.5"));
    }
    std::vector<Point> out;
    const int n = mesh.global_cells(free_axis);
    for (int i = -1; i <= n; ++i) {
      Point p = fixed;
      p[free_axis] = i < 0    ? mesh.lower(free_axis)
                     : i == n ? mesh.upper(free_axis)
                              : mesh.lower(free_axis) + (i + 0.5) * mesh.dx(free_axis);
      out.push_back(p);
    }
    if (const std::string why = sample_point_problem(mesh, out.front()); !why.empty())
      bad(what, spec, why);
    return out;
  }
  const auto parts = split(spec, ':');
  if (parts.size() != 3) bad(what, spec, "expected START:END:N or AXIS=VALUE[,AXIS=VALUE]");
  const Point a = coordinates(mesh, what, spec, parts[0]);
  const Point b = coordinates(mesh, what, spec, parts[1]);
  double n = 0.0;
  if (!to_double(parts[2], n) || n != std::floor(n) || n < 2 || n > 1e6) {
    bad(what, spec, "the number of points '" + parts[2] + "' is not an integer in [2, 1000000]");
  }
  return line_points(a, b, static_cast<int>(n));
}

std::string sample_csv_header(int dim, const std::vector<std::string>& variables) {
  std::string h = "time,step";
  const char* axes[] = {"x", "y", "z"};
  for (int d = 0; d < dim; ++d) h += std::string(",") + axes[d];
  for (const auto& v : variables) h += "," + v;
  return h + "\n";
}

std::string sample_csv_rows(int dim, double time, long long step, const std::vector<Point>& points,
                            const std::vector<double>& values, std::size_t variables) {
  std::string out;
  for (std::size_t i = 0; i < points.size(); ++i) {
    out += fmt::format("{:.17g},{}", time, step);
    for (int d = 0; d < dim; ++d) out += fmt::format(",{:.17g}", points[i][d]);
    for (std::size_t v = 0; v < variables; ++v)
      out += fmt::format(",{:.17g}", values[i * variables + v]);
    out += "\n";
  }
  return out;
}

}  // namespace boreas::pipeline
