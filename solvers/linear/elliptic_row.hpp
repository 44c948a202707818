#pragma once
// One row of the assembled elliptic operator of elliptic.hpp,
//
//     A u = shift * u - scale * div(k grad u),
//
// as (column offset, value) pairs, for every assembled form of it: the
// Kokkos CSR matrix (on device) and the PETSc Mat (on host) share this, so
// the two cannot drift apart. Face k is the harmonic mean of the two cells
// (k_constant when the problem has no coefficient field); a physical face
// uses the touching cell's k, as add_boundary_terms does. Homogeneous
// conditions are folded into the diagonal:
//   dirichlet  ghost = -u1  ->  diag += 2 scale k / h^2, no column
//   neumann    ghost = +u1  ->  no flux, no column
// Rank faces and periodic faces keep the neighbour as a column; for the CSR
// that neighbour is a ghost cell filled by the halo exchange.
#include "core/exec.hpp"
#include "solvers/linear/elliptic.hpp"
#include "solvers/linear/row_entries.hpp"

namespace boreas::linear {

enum RowFace : int { row_face_open = 0, row_face_dirichlet = 1, row_face_neumann = 2 };

// Everything about a row but the coefficient values.
struct RowGeometry {
  int dim = 3;
  int lo[3] = {0, 0, 0};  // interior index range per direction (ghost-inclusive)
  int hi[3] = {1, 1, 1};
  int face[6] = {0, 0, 0, 0, 0, 0};  // RowFace of this rank's faces
  double w[3] = {0.0, 0.0, 0.0};     // scale / h^2
  double shift = 0.0;
  double k0 = 1.0;
  bool variable_k = false;
};

// Throws InputError for conditions the elliptic operator does not know
// (anything but dirichlet, neumann, periodic) or that disagree with the
// mesh's periodicity.
RowGeometry row_geometry(const EllipticProblem& p);

template <class KView>
struct EllipticRowBuilder {
  RowGeometry g;
  KView kc;  // cell k with ghosts across rank and periodic faces filled (variable k only)

  KOKKOS_INLINE_FUNCTION double cell_k(int k, int j, int i) const {
    return g.variable_k ? kc(0, k, j, i) : g.k0;
  }

  // (k, j, i) is an interior cell in ghost-inclusive local indices.
  KOKKOS_INLINE_FUNCTION void row(int k, int j, int i, RowEntries& e) const {
    const int c[3] = {i, j, k};
    const double k_here = cell_k(k, j, i);
    double diag = g.shift;
    e.count = 1;
    for (int d = 0; d < g.dim; ++d) {
      for (int side = 0; side < 2; ++side) {
        const bool at_rank_face = side == 0 ? c[d] == g.lo[d] : c[d] == g.hi[d] - 1;
        const int kind = at_rank_face ? g.face[2 * d + side] : row_face_open;
        if (kind == row_face_neumann) continue;
        if (kind == row_face_dirichlet) {
          diag += 2.0 * g.w[d] * k_here;
          continue;
        }
        const int s = side == 0 ? -1 : 1;
        const int oi = d == 0 ? s : 0, oj = d == 1 ? s : 0, ok = d == 2 ? s : 0;
        double kf = g.k0;
        if (g.variable_k) {
          const double k_there = kc(0, k + ok, j + oj, i + oi);
          kf = 2.0 * k_here * k_there / (k_here + k_there);
        }
        diag += g.w[d] * kf;
        const int n = e.count++;
        e.di[n] = oi;
        e.dj[n] = oj;
        e.dk[n] = ok;
        e.value[n] = -g.w[d] * kf;
      }
    }
    e.di[0] = e.dj[0] = e.dk[0] = 0;
    e.value[0] = diag;
  }
};

// kc: the coefficient with ghosts (coefficient_with_ghosts, or a host
// mirror of it); ignored when k is constant.
template <class KView>
EllipticRowBuilder<KView> make_row_builder(const EllipticProblem& p, const KView& kc) {
  EllipticRowBuilder<KView> b;
  b.g = row_geometry(p);
  b.kc = kc;
  return b;
}

// A copy of p.coefficient with its ghosts filled across rank and periodic
// faces (the caller's field is left alone); an empty view when k is constant.
FieldView coefficient_with_ghosts(const EllipticProblem& p);

}  // namespace boreas::linear
