// The ns-only boundary keys (boundary.<face>_profile,
// boundary.<face>_tangential_value) and the checks of the velocity
// boundaries against what the app supports.
#include <string>
#include <vector>

#include "mesh/mesh_keys.hpp"
#include "physics/ns/ns_boundaries.hpp"

namespace boreas::ns {
namespace {

const char* kProfileHint = "inflow profiles: boundary.<face>_profile = \"uniform\" | \"parabolic\"";

}  // namespace

void open_boundary_keys(io::Keys<OpenBoundaryInput> k) {
  per_face_keys(k, [](io::Keys<OpenFace> kf, const std::string& face) {
    kf.choice("boundary." + face + "_profile", &OpenFace::profile,
              {{"uniform", InflowProfile::uniform}, {"parabolic", InflowProfile::parabolic}})
        .def("\"uniform\"")
        .describe(
            "ns inflow profile of the normal velocity: uniform boundary.<face>_value, or parabolic "
            "(Poiseuille, zero at the domain edges) with mean boundary.<face>_value (inward "
            "speed)");
    kf.real("boundary." + face + "_tangential_value", &OpenFace::tangential)
        .def("0.0")
        .units("m/s")
        .describe("ns inflow tangential velocity along x (y/z faces) or y (x faces)");
  });
}

void check_velocity_boundaries(const Mesh& mesh, const VelocityBoundaries& faces,
                               io::DeckProblems& problems) {
  bool inflow = false, outflow = false;
  for (int f = 0; f < 2 * mesh.dim(); ++f) {
    const std::string key = boundary_key(static_cast<Face>(f));
    const VelocityBoundary& b = faces[f];
    switch (b.type) {
      case BoundaryType::periodic:
      case BoundaryType::wall:
      case BoundaryType::reflecting:
        break;
      case BoundaryType::inflow:
        inflow = true;
        break;
      case BoundaryType::outflow:
        outflow = true;
        break;
      default:
        problems.add({key},
                     "ns: " + key + " = '" + boundary_type_name(b.type) +
                         "' is not supported (wall, reflecting = free slip, inflow, outflow, "
                         "periodic)");
    }
    if (b.type != BoundaryType::inflow && b.profile != InflowProfile::uniform) {
      problems.add({key + "_profile", key}, "ns: " + key + "_profile = \"parabolic\" needs " + key +
                                                " = \"inflow\" (it is '" +
                                                boundary_type_name(b.type) + "'); " + kProfileHint);
    }
    if (b.type != BoundaryType::inflow && b.tangential != 0.0) {
      problems.add({key + "_tangential_value", key},
                   "ns: " + key + "_tangential_value is only used by inflow faces (" + key +
                       " = '" + boundary_type_name(b.type) + "')");
    }
  }
  if (inflow && !outflow) {
    std::vector<std::string> keys;
    for (int f = 0; f < 2 * mesh.dim(); ++f) {
      if (faces[f].type == BoundaryType::inflow) keys.push_back(boundary_key(static_cast<Face>(f)));
    }
    problems.add(
        keys,
        "ns: an inflow face needs an outflow face to carry the mass out (set boundary.<face> = "
        "\"outflow\" on one face)");
  }
}

}  // namespace boreas::ns
