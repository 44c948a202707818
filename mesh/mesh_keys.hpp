#pragma once
// The deck keys of the mesh ([mesh]) and of its faces ([boundary]), shared
// by every app, and their translation into a MeshSpec and per-face
// boundary conditions.
#include <array>
#include <string>
#include <vector>

#include "io/deck/deck.hpp"
#include "io/deck/problems.hpp"
#include "io/deck/schema.hpp"
#include "mesh/boundary.hpp"
#include "mesh/mesh.hpp"

namespace boreas {

void declare_mesh_keys(io::Schema& schema);
void declare_boundary_keys(io::Schema& schema);

// Dimension = length of mesh.cells; periodicity from the [boundary] types.
// Inconsistent keys (one face periodic and the other not, lower >= upper,
// arrays shorter than the dimension) go to `problems`; the spec is then
// still complete enough to carry on checking.
MeshSpec mesh_spec_from_deck(const io::Deck& deck, int ghost, io::DeckProblems& problems);
std::array<BoundaryCondition, 6> face_conditions_from_deck(const io::Deck& deck);

// The boundary.<face> key of face f ("boundary.x_lower").
std::string boundary_key(Face f);

// Checks that every face of a `dim`-dimensional mesh has one of the
// `allowed` types; each other face goes to `problems` as
// "<app>: boundary.x_lower = 'wall' is not supported (periodic, ...)".
// Returns false if any face was refused.
bool accept_face_types(const std::string& app, int dim,
                       const std::array<BoundaryCondition, 6>& faces,
                       const std::vector<BoundaryType>& allowed, io::DeckProblems& problems);

}  // namespace boreas
