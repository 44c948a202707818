// linear::Solver backed by the host-only PETSc bridge (petsc_ksp.hpp): the
// device side copies fields to and from host arrays and evaluates the
// operator's rows on a host mirror of the coefficient.
#include "solvers/petsc/petsc_solver.hpp"

#include <vector>

#include "core/error.hpp"
#include "mesh/field_ops.hpp"
#include "solvers/linear/elliptic_row.hpp"
#include "solvers/petsc/petsc_ksp.hpp"
#include "solvers/petsc/petsc_mesh.hpp"

namespace boreas::petsc {

Grid grid_of(const Mesh& mesh) {
  Grid g;
  g.ctx = &mesh.context();
  g.dim = mesh.dim();
  for (int d = 0; d < 3; ++d) {
    g.global[d] = mesh.global_cells(d);
    g.offset[d] = mesh.offset(d);
    g.local[d] = mesh.local_cells(d);
    g.rank_dims[d] = mesh.rank_dims(d);
    g.rank_coord[d] = mesh.rank_coord(d);
    g.periodic[d] = mesh.periodic(d);
  }
  return g;
}

}  // namespace boreas::petsc

namespace boreas::linear {
namespace {

using HostK = decltype(Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), FieldView()));

// The operator's rows from the shared row builder, on a host copy of k.
class ProblemRows final : public petsc::RowSource {
 public:
  explicit ProblemRows(const EllipticProblem& p)
      : mesh_(*p.mesh),
        k_host_(
            Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), coefficient_with_ghosts(p))),
        rows_(make_row_builder(p, k_host_)) {}
  void row(int k, int j, int i, RowEntries& e) const override {
    rows_.row(k + mesh_.ghost(2), j + mesh_.ghost(1), i + mesh_.ghost(0), e);
  }

 private:
  const Mesh& mesh_;
  HostK k_host_;
  EllipticRowBuilder<HostK> rows_;
};

const Mesh& mesh_of(const EllipticProblem& p) {
  if (!p.mesh) throw InputError("PETSc solver: the elliptic problem has no mesh");
  return *p.mesh;
}

class PetscSolver final : public Solver {
 public:
  PetscSolver(const EllipticProblem& p, const SolverSettings& s)
      : mesh_(mesh_of(p)),
        ksp_(petsc::grid_of(mesh_), ProblemRows(p), s, p.singular()),
        b_(static_cast<size_t>(mesh_.local_cell_count())),
        x_(static_cast<size_t>(mesh_.local_cell_count())) {}

  SolveStats solve(const FieldView& b, const FieldView& x) override {
    interior_to_host(mesh_, b, 0, b_.data());
    interior_to_host(mesh_, x, 0, x_.data());
    const SolveStats st = ksp_.solve(b_.data(), x_.data());
    interior_from_host(mesh_, x_.data(), x, 0);
    return st;
  }
  std::string name() const override { return ksp_.name(); }

 private:
  const Mesh& mesh_;
  petsc::KspSolver ksp_;
  std::vector<double> b_, x_;  // this rank's interior, host side
};

}  // namespace

std::unique_ptr<Solver> make_petsc_solver(const EllipticProblem& p, const SolverSettings& s) {
  return std::make_unique<PetscSolver>(p, s);
}

}  // namespace boreas::linear
