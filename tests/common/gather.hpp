#pragma once
// Test helper: the global interior of one variable, assembled on rank 0 of
// the mesh's communicator in (k, j, i) order with i fastest. Other ranks get
// an empty vector.
#include <vector>

#include "mesh/mesh.hpp"

namespace boreas::testing {

std::vector<double> gather_global(const Mesh& mesh, const FieldView& f, int var);

}  // namespace boreas::testing
