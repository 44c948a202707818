#include "solvers/linear/elliptic_row.hpp"

#include <string>

#include "core/error.hpp"
#include "mesh/halo.hpp"

namespace boreas::linear {
namespace {

void check_problem(const EllipticProblem& p) {
  if (!p.mesh) throw InputError("elliptic problem: no mesh");
  if (!(p.scale > 0.0)) {
    throw InputError("elliptic problem: scale must be > 0 (got " + std::to_string(p.scale) + ")");
  }
  if (p.shift < 0.0) {
    throw InputError("elliptic problem: shift must be >= 0 (got " + std::to_string(p.shift) + ")");
  }
  check_boundaries(*p.mesh, p.bcs);
}

}  // namespace

RowGeometry row_geometry(const EllipticProblem& p) {
  check_problem(p);
  const Mesh& mesh = *p.mesh;
  RowGeometry g;
  g.dim = mesh.dim();
  const Box in = mesh.interior();
  g.lo[0] = in.i0, g.hi[0] = in.i1;
  g.lo[1] = in.j0, g.hi[1] = in.j1;
  g.lo[2] = in.k0, g.hi[2] = in.k1;
  for (int d = 0; d < g.dim; ++d) g.w[d] = p.scale / (mesh.dx(d) * mesh.dx(d));
  for (int f = 0; f < 2 * g.dim; ++f) {
    const Face face = static_cast<Face>(f);
    if (mesh.periodic(face_dir(face))) continue;  // check_boundaries: periodic both ways
    // Checked on every rank, not only where the face is: all ranks agree.
    const BoundaryType t = p.bcs.get(face, 0).type;
    if (t != BoundaryType::dirichlet && t != BoundaryType::neumann) {
      throw InputError("elliptic problem: boundary." + face_name(face) + " is '" +
                       boundary_type_name(t) +
                       "'; the elliptic operator takes dirichlet, neumann or periodic");
    }
    // Rank faces keep their neighbour; physical faces fold into the diagonal.
    if (!mesh.is_physical_boundary(face)) continue;
    g.face[f] = t == BoundaryType::dirichlet ? row_face_dirichlet : row_face_neumann;
  }
  g.shift = p.shift;
  g.k0 = p.k_constant;
  g.variable_k = p.coefficient.data() != nullptr;
  return g;
}

FieldView coefficient_with_ghosts(const EllipticProblem& p) {
  if (p.coefficient.data() == nullptr) return FieldView();
  const Mesh& mesh = *p.mesh;
  const FieldView& k = p.coefficient;
  if (static_cast<int>(k.extent(1)) != mesh.extent(2) ||
      static_cast<int>(k.extent(2)) != mesh.extent(1) ||
      static_cast<int>(k.extent(3)) != mesh.extent(0) || k.extent(0) < 1) {
    throw InputError("elliptic problem: coefficient field '" + k.label() +
                     "' does not match the mesh (ghost-inclusive extents)");
  }
  FieldView copy = mesh.make_field("elliptic_k", 1);
  const Box in = mesh.interior();
  par_for(
      "elliptic_copy_k", in, KOKKOS_LAMBDA(const int kk, const int j, const int i) {
        copy(0, kk, j, i) = k(0, kk, j, i);
      });
  HaloExchange halo(mesh, 1);
  halo.exchange(copy);
  return copy;
}

}  // namespace boreas::linear
