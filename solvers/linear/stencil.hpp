#pragma once
// Device-side coefficients of the cell-centred elliptic stencil
//
//     (A u)_c = diag_c u_c - sum_f w_f u_{nb(f)}
//
// and the small helpers every stencil kernel (apply, residual, smoothers,
// fused residual + restriction) shares. The homogeneous physical boundary
// conditions are folded into the coefficients once at setup: a physical
// face has neighbour weight 0, and adds 2 w (dirichlet, ghost = -u1) or 0
// (neumann, ghost = +u1) to the diagonal. So no kernel ever fills or reads
// a physical ghost cell; only rank and periodic neighbours need a halo
// exchange. The ghost values there are multiplied by 0 and must merely be
// finite (fields are zero-initialized and never get non-finite ghosts).
//
// Face (c - 1/2) along d is stored at index c, so a cell reads its lower
// face at its own index and its upper face at index + 1.
#include "core/exec.hpp"
#include "solvers/linear/row_reduce.hpp"

namespace boreas::linear {

using Line = Kokkos::View<double*, MemSpace>;

// Row view of the coefficients: what a kernel needs along one i-row.
struct ConstRow {
  const double* wx;   // x-face weights, index = cell index of the face's upper cell
  const double* dgx;  // x part of the diagonal
  double dyz;         // shift + y and z parts of the diagonal for this row
  double ws, wn, wb, wt;
  KOKKOS_FORCEINLINE_FUNCTION double diag(int i) const { return dyz + dgx[i]; }
  KOKKOS_FORCEINLINE_FUNCTION double west(int i) const { return wx[i]; }
  KOKKOS_FORCEINLINE_FUNCTION double east(int i) const { return wx[i + 1]; }
  KOKKOS_FORCEINLINE_FUNCTION double south(int) const { return ws; }
  KOKKOS_FORCEINLINE_FUNCTION double north(int) const { return wn; }
  KOKKOS_FORCEINLINE_FUNCTION double bottom(int) const { return wb; }
  KOKKOS_FORCEINLINE_FUNCTION double top(int) const { return wt; }
};

struct VarRow {
  const double* d;
  const double* wx;
  const double* ws;
  const double* wn;
  const double* wb;
  const double* wt;
  KOKKOS_FORCEINLINE_FUNCTION double diag(int i) const { return d[i]; }
  KOKKOS_FORCEINLINE_FUNCTION double west(int i) const { return wx[i]; }
  KOKKOS_FORCEINLINE_FUNCTION double east(int i) const { return wx[i + 1]; }
  KOKKOS_FORCEINLINE_FUNCTION double south(int i) const { return ws[i]; }
  KOKKOS_FORCEINLINE_FUNCTION double north(int i) const { return wn[i]; }
  KOKKOS_FORCEINLINE_FUNCTION double bottom(int i) const { return wb[i]; }
  KOKKOS_FORCEINLINE_FUNCTION double top(int i) const { return wt[i]; }
};

// Constant k on a uniform mesh: the stencil is separable, so three short
// lines per direction replace full coefficient fields (no extra streams).
struct ConstCoefs {
  Line w[3];   // w[d](c): weight of the face between cells c-1 and c (0 on physical faces)
  Line dg[3];  // dg[d](c): contribution of cell c's two d-faces to the diagonal
  double shift = 0.0;
  template <int Dim>
  KOKKOS_FORCEINLINE_FUNCTION ConstRow row(int k, int j) const {
    ConstRow r;
    r.wx = w[0].data();
    r.dgx = dg[0].data();
    r.dyz = shift;
    r.ws = r.wn = r.wb = r.wt = 0.0;
    if constexpr (Dim >= 2) {
      r.dyz += dg[1](j);
      r.ws = w[1](j);
      r.wn = w[1](j + 1);
    }
    if constexpr (Dim >= 3) {
      r.dyz += dg[2](k);
      r.wb = w[2](k);
      r.wt = w[2](k + 1);
    }
    return r;
  }
};

// Cell coefficient k: full fields of face weights (var d = direction) and
// of the diagonal.
struct VarCoefs {
  FieldView diag;  // (0, k, j, i)
  FieldView w;     // (d, k, j, i): weight of the lower d-face of cell (k, j, i)
  template <int Dim>
  KOKKOS_FORCEINLINE_FUNCTION VarRow row(int k, int j) const {
    VarRow r;
    r.d = &diag(0, k, j, 0);
    r.wx = &w(0, k, j, 0);
    r.ws = r.wn = r.wb = r.wt = nullptr;
    if constexpr (Dim >= 2) {
      r.ws = &w(1, k, j, 0);
      r.wn = &w(1, k, j + 1, 0);
    }
    if constexpr (Dim >= 3) {
      r.wb = &w(2, k, j, 0);
      r.wt = &w(2, k + 1, j, 0);
    }
    return r;
  }
};

// Pointers to the five (3D) rows around row (k, j) of one variable-0 field.
struct Rows {
  const double* c;
  const double* s;
  const double* n;
  const double* b;
  const double* t;
};

template <int Dim>
KOKKOS_FORCEINLINE_FUNCTION Rows rows_of(const FieldView& u, int k, int j) {
  Rows r;
  r.c = &u(0, k, j, 0);
  r.s = r.n = r.b = r.t = r.c;
  if constexpr (Dim >= 2) {
    r.s = &u(0, k, j - 1, 0);
    r.n = &u(0, k, j + 1, 0);
  }
  if constexpr (Dim >= 3) {
    r.b = &u(0, k - 1, j, 0);
    r.t = &u(0, k + 1, j, 0);
  }
  return r;
}

// sum_f w_f u_nb(f) at cell i of the row.
template <int Dim, class Row>
KOKKOS_FORCEINLINE_FUNCTION double neighbour_sum(const Row& c, const Rows& u, int i) {
  double s = c.west(i) * u.c[i - 1] + c.east(i) * u.c[i + 1];
  if constexpr (Dim >= 2) s += c.south(i) * u.s[i] + c.north(i) * u.n[i];
  if constexpr (Dim >= 3) s += c.bottom(i) * u.b[i] + c.top(i) * u.t[i];
  return s;
}

// (A u)_i
template <int Dim, class Row>
KOKKOS_FORCEINLINE_FUNCTION double apply_at(const Row& c, const Rows& u, int i) {
  return c.diag(i) * u.c[i] - neighbour_sum<Dim>(c, u, i);
}

}  // namespace boreas::linear
