#include "solvers/linear/csr_matrix.hpp"

#include <limits>
#include <string>

#include "core/error.hpp"
#include "solvers/linear/elliptic_row.hpp"

namespace boreas::linear {
namespace {

const Mesh& mesh_of(const EllipticProblem& p) {
  if (!p.mesh) throw InputError("CSR matrix: the elliptic problem has no mesh");
  return *p.mesh;
}

Boundaries homogeneous(const Mesh& mesh, const Boundaries& bcs) {
  Boundaries out(1);
  for (int f = 0; f < 2 * mesh.dim(); ++f) {
    BoundaryCondition bc = bcs.get(static_cast<Face>(f), 0);
    bc.value = 0.0;
    out.set(static_cast<Face>(f), 0, bc);
  }
  return out;
}

struct Assembled {
  int rows = 0;
  long long nonzeros = 0;
  CsrMatrix::RowPtr row_ptr;
  CsrMatrix::Columns col;
  CsrMatrix::Values val;
};

// The matrix of p on the device. (A free function: nvcc does not allow
// extended lambdas in constructors.)
Assembled assemble(const Mesh& mesh, const EllipticProblem& p) {
  const EllipticRowBuilder<FieldView> builder = make_row_builder(p, coefficient_with_ghosts(p));
  const Box in = mesh.interior();
  const int ni = in.i1 - in.i0, nj = in.j1 - in.j0;
  const int i0 = in.i0, j0 = in.j0, k0 = in.k0;
  const long long ex = mesh.extent(0), ey = mesh.extent(1);
  if (static_cast<long long>(mesh.extent(2)) * ey * ex > std::numeric_limits<int>::max()) {
    throw RuntimeError("CSR matrix: the local field of " +
                       std::to_string(mesh.extent(2) * ey * ex) +
                       " cells is too large for 32-bit column indices; use more ranks");
  }
  Assembled a;
  a.rows = static_cast<int>(in.size());

  // Pass 1: entries per row; scan into row pointers; pass 2: columns and values.
  Kokkos::View<int*, MemSpace> counts("csr_row_counts", a.rows);
  par_for(
      "csr_count_entries", in, KOKKOS_LAMBDA(const int k, const int j, const int i) {
        RowEntries e;
        builder.row(k, j, i, e);
        counts(((k - k0) * nj + (j - j0)) * ni + (i - i0)) = e.count;
      });
  a.row_ptr = CsrMatrix::RowPtr("csr_row_ptr", a.rows + 1);
  const CsrMatrix::RowPtr row_ptr = a.row_ptr;
  Kokkos::parallel_scan(
      "csr_row_ptr_scan", Kokkos::RangePolicy<ExecSpace>(0, a.rows),
      KOKKOS_LAMBDA(const int r, std::int64_t& partial, const bool final) {
        partial += counts(r);
        if (final) row_ptr(r + 1) = partial;
      });
  std::int64_t nnz = 0;
  Kokkos::deep_copy(nnz, Kokkos::subview(a.row_ptr, a.rows));
  a.nonzeros = nnz;

  a.col = CsrMatrix::Columns(Kokkos::view_alloc("csr_col", Kokkos::WithoutInitializing), nnz);
  a.val = CsrMatrix::Values(Kokkos::view_alloc("csr_val", Kokkos::WithoutInitializing), nnz);
  const CsrMatrix::Columns col = a.col;
  const CsrMatrix::Values val = a.val;
  par_for(
      "csr_fill_entries", in, KOKKOS_LAMBDA(const int k, const int j, const int i) {
        RowEntries e;
        builder.row(k, j, i, e);
        const std::int64_t start = row_ptr(((k - k0) * nj + (j - j0)) * ni + (i - i0));
        for (int n = 0; n < e.count; ++n) {
          col(start + n) =
              static_cast<int>(((k + e.dk[n]) * ey + (j + e.dj[n])) * ex + (i + e.di[n]));
          val(start + n) = e.value[n];
        }
      });
  fence();
  return a;
}

}  // namespace

CsrMatrix::CsrMatrix(const EllipticProblem& p)
    : mesh_(mesh_of(p)), homogeneous_(homogeneous(mesh_of(p), p.bcs)) {
  halo_ = std::make_unique<HaloExchange>(mesh_, 1);
  Assembled a = assemble(mesh_, p);
  rows_ = a.rows;
  nonzeros_ = a.nonzeros;
  row_ptr_ = a.row_ptr;
  col_ = a.col;
  val_ = a.val;
}

void CsrMatrix::check_field(const FieldView& f, const char* what) const {
  if (f.extent(0) >= 1 && static_cast<int>(f.extent(1)) == mesh_.extent(2) &&
      static_cast<int>(f.extent(2)) == mesh_.extent(1) &&
      static_cast<int>(f.extent(3)) == mesh_.extent(0)) {
    return;
  }
  throw RuntimeError(std::string("CSR matrix: ") + what + " field '" + f.label() +
                     "' does not match the mesh (ghost-inclusive extents)");
}

void CsrMatrix::apply(const FieldView& x, const FieldView& y) {
  check_field(x, "input");
  halo_->exchange(x);
  apply_boundaries(mesh_, x, homogeneous_);
  multiply(x, y);
}

void CsrMatrix::multiply(const FieldView& x, const FieldView& y) const {
  check_field(x, "input");
  check_field(y, "output");
  const Box in = mesh_.interior();
  const int ni = in.i1 - in.i0, nj = in.j1 - in.j0;
  const int i0 = in.i0, j0 = in.j0, k0 = in.k0;
  const RowPtr row_ptr = row_ptr_;
  const Columns col = col_;
  const Values val = val_;
  // Columns index variable 0 of the ghost-inclusive field, which LayoutRight
  // stores first and contiguously.
  const double* BOREAS_RESTRICT xp = x.data();
  par_for(
      "csr_spmv", in, KOKKOS_LAMBDA(const int k, const int j, const int i) {
        const int r = ((k - k0) * nj + (j - j0)) * ni + (i - i0);
        double s = 0.0;
        for (std::int64_t e = row_ptr(r); e < row_ptr(r + 1); ++e) s += val(e) * xp[col(e)];
        y(0, k, j, i) = s;
      });
}

void CsrMatrix::diagonal(const FieldView& d) {
  check_field(d, "diagonal");
  const Box in = mesh_.interior();
  const int ni = in.i1 - in.i0, nj = in.j1 - in.j0;
  const int i0 = in.i0, j0 = in.j0, k0 = in.k0;
  const RowPtr row_ptr = row_ptr_;
  const Values val = val_;
  par_for(
      "csr_diagonal", in, KOKKOS_LAMBDA(const int k, const int j, const int i) {
        d(0, k, j, i) = val(row_ptr(((k - k0) * nj + (j - j0)) * ni + (i - i0)));
      });
}

}  // namespace boreas::linear
