#pragma once
// The elliptic operator of elliptic.hpp assembled into a CSR matrix in
// Kokkos views, with a halo-aware ghost map:
//
//   rows     one per interior cell of this rank, in memory order:
//            row = ((k - k0) * nj + (j - j0)) * ni + (i - i0)
//   columns  flat indices into the ghost-inclusive local field:
//            col = (k * ey + j) * ex + i     (ex, ey, ez = mesh.extent(d))
//
// A neighbour on another rank (or across a periodic face) is a ghost cell of
// the local field, so SpMV is a purely local sweep once a HaloExchange has
// filled the ghosts; no global column numbering is needed. Homogeneous
// dirichlet/neumann conditions are folded into the diagonal (elliptic_row.hpp),
// so no column ever refers to a physical ghost cell. The diagonal is the
// first entry of every row.
#include <cstdint>
#include <memory>

#include "core/exec.hpp"
#include "mesh/boundary.hpp"
#include "mesh/halo.hpp"
#include "solvers/linear/elliptic.hpp"

namespace boreas::linear {

class CsrMatrix final : public Operator {
 public:
  using RowPtr = Kokkos::View<std::int64_t*, MemSpace>;
  using Columns = Kokkos::View<int*, MemSpace>;
  using Values = Kokkos::View<double*, MemSpace>;

  // Assembles on the device. The problem's coefficient field, if any, is
  // copied and halo-exchanged here; later changes to it are not seen.
  explicit CsrMatrix(const EllipticProblem& p);

  const Mesh& mesh() const override { return mesh_; }
  // y = A x over the interior: halo exchange of x, homogeneous boundary
  // ghosts of x, then multiply().
  void apply(const FieldView& x, const FieldView& y) override;
  void diagonal(const FieldView& d) override;
  // y = A x over the interior using x's ghost cells as they are.
  void multiply(const FieldView& x, const FieldView& y) const;

  int rows() const { return rows_; }
  long long nonzeros() const { return nonzeros_; }
  const RowPtr& row_ptr() const { return row_ptr_; }  // rows() + 1 entries
  const Columns& col() const { return col_; }
  const Values& val() const { return val_; }

 private:
  void check_field(const FieldView& f, const char* what) const;

  const Mesh& mesh_;
  Boundaries homogeneous_;  // the problem's conditions with value 0
  std::unique_ptr<HaloExchange> halo_;
  int rows_ = 0;
  long long nonzeros_ = 0;
  RowPtr row_ptr_;
  Columns col_;
  Values val_;
};

}  // namespace boreas::linear
