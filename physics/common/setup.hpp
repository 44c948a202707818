#pragma once
// Deck keys shared by every app ([mesh], [boundary]) and their translation
// into a MeshSpec and per-face boundary conditions.
#include <array>

#include "io/deck/deck.hpp"
#include "io/deck/schema.hpp"
#include "mesh/boundary.hpp"
#include "mesh/mesh.hpp"

namespace boreas {

void declare_mesh_schema(io::Schema& schema);
void declare_boundary_schema(io::Schema& schema);

// Dimension = length of mesh.cells; periodicity from the [boundary] types.
// Throws InputError for inconsistent keys (one face periodic and the other not,
// lower >= upper, arrays shorter than the dimension).
MeshSpec mesh_spec_from_deck(const io::Deck& deck, int ghost);
std::array<BoundaryCondition, 6> face_conditions_from_deck(const io::Deck& deck);

}  // namespace boreas
