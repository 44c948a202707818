#include "mesh/mesh_keys.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/error.hpp"

namespace boreas {
namespace {
const char* kFaceKeys[6] = {"x_lower", "x_upper", "y_lower", "y_upper", "z_lower", "z_upper"};
}

void declare_mesh_keys(io::Schema& s) {
  s.add("mesh.cells", io::KeyType::integer_array)
      .require()
      .length(1, 3)
      .at_least(1)
      .at_most(1e9)
      .fixed()
      .describe("global cells per direction; its length sets the dimension (1D, 2D, 3D)");
  s.add("mesh.lower", io::KeyType::real_array)
      .def("[0.0, 0.0, 0.0]")
      .length(1, 3)
      .units("m")
      .fixed()
      .describe("lower corner of the domain (first `dim` entries are used)");
  s.add("mesh.upper", io::KeyType::real_array)
      .def("[1.0, 1.0, 1.0]")
      .length(1, 3)
      .units("m")
      .fixed()
      .describe("upper corner of the domain (first `dim` entries are used)");
  s.add("mesh.ranks", io::KeyType::integer_array)
      .def("[0, 0, 0]")
      .length(1, 3)
      .at_least(0)
      .at_most(1e6)
      .describe("MPI ranks per direction; 0 lets MPI_Dims_create choose");
}

void declare_boundary_keys(io::Schema& s) {
  for (const char* face : kFaceKeys) {
    s.add(fmt::format("boundary.{}", face), io::KeyType::string)
        .def("\"periodic\"")
        .one_of(boundary_type_names())
        .describe(fmt::format("condition on the {} face", face));
    s.add(fmt::format("boundary.{}_value", face), io::KeyType::real)
        .def("0.0")
        .describe(fmt::format(
            "value of the {} condition: dirichlet/inflow/wall value or neumann outward gradient",
            face));
  }
}

std::string boundary_key(Face f) {
  return std::string("boundary.") + kFaceKeys[f];
}

bool accept_face_types(const std::string& app, int dim,
                       const std::array<BoundaryCondition, 6>& faces,
                       const std::vector<BoundaryType>& allowed, io::DeckProblems& problems) {
  std::string names;
  for (std::size_t a = 0; a < allowed.size(); ++a) {
    names += (a ? ", " : "") + boundary_type_name(allowed[a]);
  }
  bool ok = true;
  for (int i = 0; i < 2 * dim; ++i) {
    const BoundaryType t = faces[static_cast<std::size_t>(i)].type;
    if (std::find(allowed.begin(), allowed.end(), t) != allowed.end()) continue;
    const std::string key = boundary_key(static_cast<Face>(i));
    problems.add({key}, app + ": " + key + " = '" + boundary_type_name(t) + "' is not supported (" +
                            names + ")");
    ok = false;
  }
  return ok;
}

MeshSpec mesh_spec_from_deck(const io::Deck& deck, int ghost, io::DeckProblems& problems) {
  MeshSpec spec;
  const auto cells = deck.integers("mesh.cells");
  const auto lower = deck.reals("mesh.lower");
  const auto upper = deck.reals("mesh.upper");
  const auto ranks = deck.integers("mesh.ranks");
  spec.dim = static_cast<int>(cells.size());
  spec.ghost = ghost;
  bool complete = true;
  for (const char* key : {"mesh.lower", "mesh.upper"}) {
    const std::size_t n = deck.reals(key).size();
    if (n < cells.size()) {
      problems.add(
          {key, "mesh.cells"},
          fmt::format("'{}' has {} entries but mesh.cells makes a {}D mesh", key, n, cells.size()));
      complete = false;
    }
  }
  for (int d = 0; d < spec.dim; ++d) {
    spec.cells[d] = static_cast<int>(cells[d]);
    if (complete) {
      spec.lower[d] = lower[d];
      spec.upper[d] = upper[d];
      if (!(upper[d] > lower[d])) {
        problems.add({"mesh.upper", "mesh.lower"},
                     fmt::format("mesh.upper[{0}] = {1} must exceed mesh.lower[{0}] = {2}", d,
                                 upper[d], lower[d]));
        spec.upper[d] = spec.lower[d] + 1.0;
      }
    }
    spec.ranks[d] = d < static_cast<int>(ranks.size()) ? static_cast<int>(ranks[d]) : 0;
    const std::string lo_key = boundary_key(static_cast<Face>(2 * d));
    const std::string hi_key = boundary_key(static_cast<Face>(2 * d + 1));
    const bool lo = deck.string(lo_key) == "periodic";
    const bool hi = deck.string(hi_key) == "periodic";
    if (lo != hi) {
      problems.add({lo_key, hi_key},
                   fmt::format("{} and {} must both be periodic or both not (got '{}' and '{}')",
                               lo_key, hi_key, deck.string(lo_key), deck.string(hi_key)));
    }
    spec.periodic[d] = lo && hi;
  }
  for (int d = spec.dim; d < 3; ++d) spec.ranks[d] = 1;
  return spec;
}

std::array<BoundaryCondition, 6> face_conditions_from_deck(const io::Deck& deck) {
  std::array<BoundaryCondition, 6> faces;
  for (int f = 0; f < 6; ++f) {
    faces[f].type = parse_boundary_type(deck.string(fmt::format("boundary.{}", kFaceKeys[f])));
    faces[f].value = deck.real(fmt::format("boundary.{}_value", kFaceKeys[f]));
  }
  return faces;
}

}  // namespace boreas
