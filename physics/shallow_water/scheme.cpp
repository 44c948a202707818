#include "physics/shallow_water/scheme.hpp"

#include "core/math.hpp"
#include "physics/fv/reconstruction.hpp"

namespace boreas::shallow_water {
namespace {

// |velocity|^2 of cell (k, j, i), desingularised.
KOKKOS_INLINE_FUNCTION double speed_squared(const FieldView& u, int dim, double dry, int k, int j,
                                            int i) {
  const double h = u(0, k, j, i);
  double s2 = 0.0;
  for (int d = 0; d < dim; ++d) {
    const double vd = velocity(h, u(1 + d, k, j, i), dry);
    s2 += vd * vd;
  }
  return s2;
}

template <class Solver>
void hydrostatic_fluxes_t(const Mesh& mesh, int axis, const ShallowWaterSystem sys,
                          const FieldView& lo, const FieldView& hi, const FieldView& flux,
                          const FieldView& press) {
  Box box = mesh.interior();
  if (axis == 0) box.i1 += 1;
  if (axis == 1) box.j1 += 1;
  const fv::AxisStep s(axis);
  const int di = s.di, dj = s.dj, dk = s.dk;
  const double half_g = 0.5 * sys.g;
  par_for(
      "sw_hydrostatic_fluxes", box, KOKKOS_LAMBDA(int k, int j, int i) {
        const int n = sys.nvar();
        const int e = n;  // eta's index in w
        const double hL = hi(0, k - dk, j - dj, i - di), etaL = hi(e, k - dk, j - dj, i - di);
        const double hR = lo(0, k, j, i), etaR = lo(e, k, j, i);
        const double bL = etaL - hL, bR = etaR - hR;
        // h*_K = max(0, eta_K - max(b_L, b_R)): h_K itself on the higher side
        // (never below 0, even where rounding left a depth of -1e-34).
        double hsL = hL > 0.0 ? hL : 0.0, hsR = hR > 0.0 ? hR : 0.0;
        if (bL >= bR) {
          hsR = etaR - bL > 0.0 ? etaR - bL : 0.0;
        } else {
          hsL = etaL - bR > 0.0 ? etaL - bR : 0.0;
        }
        double qL[ShallowWaterSystem::kMaxVars], qR[ShallowWaterSystem::kMaxVars];
        double F[ShallowWaterSystem::kMaxVars];
        qL[0] = hsL;
        qR[0] = hsR;
        for (int v = 1; v < n; ++v) {
          qL[v] = hsL * hi(v, k - dk, j - dj, i - di);
          qR[v] = hsR * lo(v, k, j, i);
        }
        Solver::flux(sys, axis, qL, qR, F);
        for (int v = 0; v < n; ++v) flux(v, k, j, i) = F[v];
        press(0, k, j, i) = half_g * (hL * hL - hsL * hsL);
        press(1, k, j, i) = half_g * (hR * hR - hsR * hsR);
      });
}

}  // namespace

void primitives(const Mesh& mesh, const FieldView& u, const FieldView& b, double dry,
                const FieldView& w) {
  const int n = static_cast<int>(u.extent(0));
  par_for(
      "sw_primitives", mesh.all(), KOKKOS_LAMBDA(int k, int j, int i) {
        const double h = u(0, k, j, i);
        w(0, k, j, i) = h;
        for (int v = 1; v < n; ++v) w(v, k, j, i) = velocity(h, u(v, k, j, i), dry);
        w(n, k, j, i) = h + b(0, k, j, i);
      });
}

void hydrostatic_fluxes(const Mesh& mesh, int axis, fv::RiemannSolver solver,
                        const ShallowWaterSystem& sys, const FieldView& lo, const FieldView& hi,
                        const FieldView& flux, const FieldView& press) {
  switch (solver) {
    case fv::RiemannSolver::rusanov:
      return hydrostatic_fluxes_t<fv::Rusanov>(mesh, axis, sys, lo, hi, flux, press);
    case fv::RiemannSolver::hllc:
      return hydrostatic_fluxes_t<fv::Hllc>(mesh, axis, sys, lo, hi, flux, press);
    case fv::RiemannSolver::hll:
      return hydrostatic_fluxes_t<fv::Hll>(mesh, axis, sys, lo, hi, flux, press);
  }
}

void hydrostatic_sources(const Mesh& mesh, int axis, double g, const FieldView& lo,
                         const FieldView& hi, const FieldView& press, const FieldView& dudt) {
  const fv::AxisStep s(axis);
  const int di = s.di, dj = s.dj, dk = s.dk;
  const int m = 1 + axis, e = static_cast<int>(lo.extent(0)) - 1;  // eta: w's last
  const double inv_h = 1.0 / mesh.dx(axis);
  par_for(
      "sw_hydrostatic_sources", mesh.interior(), KOKKOS_LAMBDA(int k, int j, int i) {
        const double hlo = lo(0, k, j, i), hhi = hi(0, k, j, i);
        const double blo = lo(e, k, j, i) - hlo, bhi = hi(e, k, j, i) - hhi;
        const double corrections = press(0, k + dk, j + dj, i + di) - press(1, k, j, i);
        dudt(m, k, j, i) -= (corrections + 0.5 * g * (hlo + hhi) * (bhi - blo)) * inv_h;
      });
}

void add_coriolis(const Mesh& mesh, const Coriolis& c, const FieldView& u, const FieldView& dudt) {
  const double y_lo = mesh.lower(1), dy = mesh.dx(1);
  const int off = mesh.offset(1) - mesh.ghost(1);
  const double f0 = c.f0, beta = c.beta, y0 = c.y0;
  par_for(
      "sw_coriolis", mesh.interior(), KOKKOS_LAMBDA(int k, int j, int i) {
        const double y = y_lo + (off + j + 0.5) * dy;
        const double f = f0 + beta * (y - y0);
        const double hu = u(1, k, j, i), hv = u(2, k, j, i);
        dudt(1, k, j, i) += f * hv;
        dudt(2, k, j, i) -= f * hu;
      });
}

void manning_friction(const Mesh& mesh, double g, double n, double dt, double dry,
                      const FieldView& u) {
  const int dim = mesh.dim();
  const double a = dt * g * n * n;
  par_for(
      "sw_manning", mesh.interior(), KOKKOS_LAMBDA(int k, int j, int i) {
        const double h = u(0, k, j, i);
        const double hf = h > dry ? h : dry;
        const double speed = math::sqrt(speed_squared(u, dim, dry, k, j, i));
        const double factor = 1.0 + a * speed / (hf * math::pow(hf, 1.0 / 3.0));
        for (int d = 0; d < dim; ++d) u(1 + d, k, j, i) /= factor;
      });
}

void clamp_depth(const Mesh& mesh, const FieldView& u) {
  const int n = static_cast<int>(u.extent(0));
  par_for(
      "sw_clamp_depth", mesh.interior(), KOKKOS_LAMBDA(int k, int j, int i) {
        if (!(u(0, k, j, i) < 0.0)) return;
        for (int v = 0; v < n; ++v) u(v, k, j, i) = 0.0;
      });
}

double local_wave_rate(const Mesh& mesh, int axis, double g, double dry, const FieldView& u) {
  double m = 0.0;
  par_reduce(
      "sw_wave_rate", mesh.interior(),
      KOKKOS_LAMBDA(int k, int j, int i, double& acc) {
        const double h = u(0, k, j, i);
        const double c = math::sqrt(g * (h > 0.0 ? h : 0.0));
        const double a = math::fabs(velocity(h, u(1 + axis, k, j, i), dry)) + c;
        if (a > acc) acc = a;
      },
      Kokkos::Max<double>(m));
  return m > 0.0 ? m : 0.0;
}

double local_max_speed(const Mesh& mesh, double dry, const FieldView& u) {
  const int dim = mesh.dim();
  double m = 0.0;
  par_reduce(
      "sw_max_speed", mesh.interior(),
      KOKKOS_LAMBDA(int k, int j, int i, double& acc) {
        const double s = math::sqrt(speed_squared(u, dim, dry, k, j, i));
        if (s > acc) acc = s;
      },
      Kokkos::Max<double>(m));
  return m > 0.0 ? m : 0.0;
}

double local_energy(const Mesh& mesh, double g, double dry, const FieldView& u,
                    const FieldView& b) {
  const int dim = mesh.dim();
  double sum = 0.0;
  par_reduce(
      "sw_energy", mesh.interior(),
      KOKKOS_LAMBDA(int k, int j, int i, double& acc) {
        const double h = u(0, k, j, i);
        acc += 0.5 * h * speed_squared(u, dim, dry, k, j, i) + g * h * (b(0, k, j, i) + 0.5 * h);
      },
      Kokkos::Sum<double>(sum));
  return sum;
}

double local_potential_enstrophy(const Mesh& mesh, const Coriolis& c, double dry,
                                 const FieldView& u) {
  const double y_lo = mesh.lower(1), dy = mesh.dx(1), dx = mesh.dx(0);
  const int off = mesh.offset(1) - mesh.ghost(1);
  const double f0 = c.f0, beta = c.beta, y0 = c.y0;
  double sum = 0.0;
  par_reduce(
      "sw_potential_enstrophy", mesh.interior(),
      KOKKOS_LAMBDA(int k, int j, int i, double& acc) {
        const double h = u(0, k, j, i);
        if (h < dry) return;
        const double ve = velocity(u(0, k, j, i + 1), u(2, k, j, i + 1), dry);
        const double vw = velocity(u(0, k, j, i - 1), u(2, k, j, i - 1), dry);
        const double un = velocity(u(0, k, j + 1, i), u(1, k, j + 1, i), dry);
        const double us = velocity(u(0, k, j - 1, i), u(1, k, j - 1, i), dry);
        const double zeta = 0.5 * (ve - vw) / dx - 0.5 * (un - us) / dy;
        const double f = f0 + beta * (y_lo + (off + j + 0.5) * dy - y0);
        acc += (zeta + f) * (zeta + f) / (2.0 * h);
      },
      Kokkos::Sum<double>(sum));
  return sum;
}

void local_depth_errors(const Mesh& mesh, const FieldView& u, const FieldView& exact, double& sum,
                        double& largest) {
  double s = 0.0, m = 0.0;
  par_reduce(
      "sw_depth_error_sum", mesh.interior(),
      KOKKOS_LAMBDA(int k, int j, int i, double& acc) {
        acc += math::fabs(u(0, k, j, i) - exact(0, k, j, i));
      },
      Kokkos::Sum<double>(s));
  par_reduce(
      "sw_depth_error_max", mesh.interior(),
      KOKKOS_LAMBDA(int k, int j, int i, double& acc) {
        const double d = math::fabs(u(0, k, j, i) - exact(0, k, j, i));
        if (d > acc) acc = d;
      },
      Kokkos::Max<double>(m));
  sum = s;
  largest = m > 0.0 ? m : 0.0;
}

void fill_surface(const Mesh& mesh, const FieldView& u, const FieldView& b, const FieldView& eta) {
  par_for(
      "sw_surface", mesh.interior(),
      KOKKOS_LAMBDA(int k, int j, int i) { eta(0, k, j, i) = u(0, k, j, i) + b(0, k, j, i); });
}

void fill_velocity(const Mesh& mesh, double dry, const FieldView& u, const FieldView& vel,
                   int first) {
  const int n = static_cast<int>(vel.extent(0));
  par_for(
      "sw_velocity", n, mesh.interior(), KOKKOS_LAMBDA(int d, int k, int j, int i) {
        vel(d, k, j, i) = velocity(u(0, k, j, i), u(first + d, k, j, i), dry);
      });
}

}  // namespace boreas::shallow_water
