#pragma once
// Interface fluxes of a hyperbolic system of m conserved variables, generic
// over the system (docs/advection.md, "Discretisation").
//
// A system is a small copyable struct, built for one face inside a kernel
// (it may hold the face's own data: a face-normal velocity, gravity, ...):
//
//   struct System {
//     static constexpr int kMaxVars = M;          // bound for local arrays
//     KOKKOS_INLINE_FUNCTION int nvar() const;    // variables used, <= kMaxVars
//     // physical flux f(q) normal to `axis` (0, 1, 2 = x, y, z)
//     KOKKOS_INLINE_FUNCTION void flux(int axis, const double* q, double* f) const;
//     // estimates of the slowest and fastest signal speeds of the Riemann
//     // problem (qL, qR) along `axis`: sL <= sR
//     KOKKOS_INLINE_FUNCTION void wave_speeds(int axis, const double* qL, const double* qR,
//                                             double& sL, double& sR) const;
//     // HLLC only (systems with a contact or shear wave):
//     KOKKOS_INLINE_FUNCTION double contact_speed(int axis, const double* qL, const double* qR,
//                                                 double sL, double sR) const;
//     // the star state on the side of q: the state between the outer wave of
//     // speed s and the contact of speed s_star
//     KOKKOS_INLINE_FUNCTION void star_state(int axis, const double* q, double s, double s_star,
//                                            double* q_star) const;
//   };
//
// Solvers (each a struct with a static `flux(sys, axis, qL, qR, F)`):
//   Rusanov  F = (fL + fR)/2 - smax (qR - qL)/2,  smax = max(|sL|, |sR|)
//   Hll      F = fL if sL >= 0; fR if sR <= 0;
//              else (sR fL - sL fR + sL sR (qR - qL)) / (sR - sL)
//   Hllc     F = fL if sL >= 0; fR if sR <= 0; else with the contact speed s*:
//              fL + sL (qL* - qL) if s* >= 0, fR + sR (qR* - qR) otherwise
// Each is consistent: F(q, q) = f(q). For linear advection (sL = sR = u)
// Hll is the exact upwind flux.
#include <type_traits>

#include "core/exec.hpp"
#include "mesh/mesh.hpp"
#include "physics/fv/reconstruction.hpp"

namespace boreas::fv {

struct Rusanov {
  template <class S>
  KOKKOS_INLINE_FUNCTION static void flux(const S& sys, int axis, const double* qL,
                                          const double* qR, double* F) {
    double fL[S::kMaxVars], fR[S::kMaxVars];
    sys.flux(axis, qL, fL);
    sys.flux(axis, qR, fR);
    double sL = 0.0, sR = 0.0;
    sys.wave_speeds(axis, qL, qR, sL, sR);
    const double a = math::fabs(sL) > math::fabs(sR) ? math::fabs(sL) : math::fabs(sR);
    for (int v = 0; v < sys.nvar(); ++v) F[v] = 0.5 * (fL[v] + fR[v]) - 0.5 * a * (qR[v] - qL[v]);
  }
};

struct Hll {
  template <class S>
  KOKKOS_INLINE_FUNCTION static void flux(const S& sys, int axis, const double* qL,
                                          const double* qR, double* F) {
    double sL = 0.0, sR = 0.0;
    sys.wave_speeds(axis, qL, qR, sL, sR);
    if (sL >= 0.0) return sys.flux(axis, qL, F);
    if (sR <= 0.0) return sys.flux(axis, qR, F);
    double fL[S::kMaxVars], fR[S::kMaxVars];
    sys.flux(axis, qL, fL);
    sys.flux(axis, qR, fR);
    const double inv = 1.0 / (sR - sL);
    for (int v = 0; v < sys.nvar(); ++v) {
      F[v] = (sR * fL[v] - sL * fR[v] + sL * sR * (qR[v] - qL[v])) * inv;
    }
  }
};

struct Hllc {
  template <class S>
  KOKKOS_INLINE_FUNCTION static void flux(const S& sys, int axis, const double* qL,
                                          const double* qR, double* F) {
    double sL = 0.0, sR = 0.0;
    sys.wave_speeds(axis, qL, qR, sL, sR);
    if (sL >= 0.0) return sys.flux(axis, qL, F);
    if (sR <= 0.0) return sys.flux(axis, qR, F);
    const double s_star = sys.contact_speed(axis, qL, qR, sL, sR);
    const double* q = s_star >= 0.0 ? qL : qR;
    const double s = s_star >= 0.0 ? sL : sR;
    double star[S::kMaxVars];
    sys.star_state(axis, q, s, s_star, star);
    sys.flux(axis, q, F);
    for (int v = 0; v < sys.nvar(); ++v) F[v] += s * (star[v] - q[v]);
  }
};

enum class RiemannSolver { rusanov, hll, hllc };

// flux(v, k, j, i) = Solver::flux of the face between cell (k, j, i) and its
// lower neighbour along `axis`, from hi of the neighbour (left state) and lo
// of the cell (right state), for every face of the interior cells (n + 1
// along the axis). `systems(k, j, i)` returns the System of that face (a
// copyable functor: it may read face data from views it holds).
template <class Solver, class SystemAt>
void interface_fluxes(const Mesh& mesh, int axis, const SystemAt& systems, const FieldView& lo,
                      const FieldView& hi, const FieldView& flux) {
  Box box = mesh.interior();
  if (axis == 0) box.i1 += 1;
  if (axis == 1) box.j1 += 1;
  if (axis == 2) box.k1 += 1;
  const AxisStep s(axis);
  const int di = s.di, dj = s.dj, dk = s.dk;
  par_for(
      "fv_interface_fluxes", box, KOKKOS_LAMBDA(int k, int j, int i) {
        const auto sys = systems(k, j, i);
        using System = std::remove_cv_t<decltype(sys)>;
        constexpr int M = System::kMaxVars;
        double qL[M], qR[M], F[M];
        const int n = sys.nvar();
        for (int v = 0; v < n; ++v) {
          qL[v] = hi(v, k - dk, j - dj, i - di);
          qR[v] = lo(v, k, j, i);
        }
        Solver::flux(sys, axis, qL, qR, F);
        for (int v = 0; v < n; ++v) flux(v, k, j, i) = F[v];
      });
}

// dudt(v) = -(flux(v, c + 1) - flux(v, c)) / h_axis over the interior for
// the first nvar variables (all of dudt's when nvar < 0), or added to dudt
// when `accumulate`.
void flux_divergence(const Mesh& mesh, int axis, const FieldView& flux, const FieldView& dudt,
                     bool accumulate, int nvar = -1);

}  // namespace boreas::fv
