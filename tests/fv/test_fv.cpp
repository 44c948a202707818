// The finite-volume blocks of physics/fv on their own: reconstructions exact
// on the polynomials they should be, WENO5 fifth order on smooth data, the
// PLM limiters' face values between the neighbours and total variation not
// increasing, every Riemann solver consistent (F(q, q) = f(q)) for a scalar
// and a shallow-water system with a tracer, the bound-preserving limiter,
// and the SSP-RK orders.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include "core/math.hpp"
#include "mesh/field_ops.hpp"
#include "mesh/halo.hpp"
#include "mesh/mesh.hpp"
#include "physics/fv/bounds.hpp"
#include "physics/fv/linear_advection.hpp"
#include "physics/fv/reconstruction.hpp"
#include "physics/fv/riemann.hpp"
#include "physics/fv/ssp_rk.hpp"
#include "tests/test_context.hpp"

namespace boreas {
namespace {

using testing::context;

// A one-rank mesh of `dim` dimensions, n cells per direction on [0, 1]^dim.
MeshSpec spec_of(int dim, int n, int ghost, bool periodic = false) {
  MeshSpec s;
  s.dim = dim;
  for (int d = 0; d < dim; ++d) {
    s.cells[d] = n;
    s.periodic[d] = periodic;
  }
  s.ranks = {1, 1, 1};
  s.ghost = ghost;
  return s;
}

// Every cell (ghosts too) of variable v set to f(x, y, z) at its centre.
template <class F>
void fill_host(const Mesh& mesh, const FieldView& q, int v, F f) {
  auto h = Kokkos::create_mirror_view(q);
  Kokkos::deep_copy(h, q);
  const Box b = mesh.all();
  for (int k = b.k0; k < b.k1; ++k) {
    for (int j = b.j0; j < b.j1; ++j) {
      for (int i = b.i0; i < b.i1; ++i) {
        const double x = mesh.center(0, i);
        const double y = mesh.dim() >= 2 ? mesh.center(1, j) : 0.0;
        const double z = mesh.dim() >= 3 ? mesh.center(2, k) : 0.0;
        h(v, k, j, i) = f(x, y, z);
      }
    }
  }
  Kokkos::deep_copy(q, h);
}

HostFieldView to_host(const FieldView& q) {
  auto h = Kokkos::create_mirror_view(q);
  Kokkos::deep_copy(h, q);
  return h;
}

const fv::Reconstruction kPlm[] = {fv::Reconstruction::plm_minmod, fv::Reconstruction::plm_mc,
                                   fv::Reconstruction::plm_van_leer};

// PLM (every limiter) and WENO5 reproduce a linear field exactly at the
// faces, along each of x, y and z, for two variables at once; first order
// gives the cell means.
TEST(FvReconstruction, ExactForLinearDataAlongEveryAxis) {
  Mesh mesh(context(), spec_of(3, 6, 3));
  FieldView q = mesh.make_field("q", 2), lo = mesh.make_field("lo", 2),
            hi = mesh.make_field("hi", 2);
  const double a[3] = {0.7, -1.3, 2.1};
  fill_host(mesh, q, 0,
            [&](double x, double y, double z) { return 1.0 + a[0] * x + a[1] * y + a[2] * z; });
  fill_host(mesh, q, 1, [&](double x, double y, double z) { return -2.0 * x + y - 0.5 * z; });
  const double b1[3] = {-2.0, 1.0, -0.5};
  const std::vector<fv::Reconstruction> schemes = {
      fv::Reconstruction::plm_minmod, fv::Reconstruction::plm_mc, fv::Reconstruction::plm_van_leer,
      fv::Reconstruction::weno5};
  for (fv::Reconstruction r : schemes) {
    for (int axis = 0; axis < 3; ++axis) {
      fv::reconstruct(mesh, q, axis, r, lo, hi);
      auto hq = to_host(q), hl = to_host(lo), hh = to_host(hi);
      const double h = mesh.dx(axis);
      const Box b = fv::grown_along(mesh, axis, 1);
      double worst = 0.0;
      for (int k = b.k0; k < b.k1; ++k) {
        for (int j = b.j0; j < b.j1; ++j) {
          for (int i = b.i0; i < b.i1; ++i) {
            const double slope[2] = {a[axis], b1[axis]};
            for (int v = 0; v < 2; ++v) {
              worst = std::max(worst,
                               std::fabs(hl(v, k, j, i) - (hq(v, k, j, i) - 0.5 * h * slope[v])));
              worst = std::max(worst,
                               std::fabs(hh(v, k, j, i) - (hq(v, k, j, i) + 0.5 * h * slope[v])));
            }
          }
        }
      }
      EXPECT_LT(worst, 1e-12) << fv::reconstruction_name(r) << " axis " << axis;
    }
  }
  fv::reconstruct(mesh, q, 1, fv::Reconstruction::first_order, lo, hi);
  auto hq = to_host(q), hl = to_host(lo);
  EXPECT_EQ(hl(0, 3, 3, 3), hq(0, 3, 3, 3));
}

// WENO5 on the cell means of exp(x) (no critical point): the face values
// converge at fifth order.
TEST(FvReconstruction, Weno5IsFifthOrderOnSmoothData) {
  std::vector<double> errors;
  for (int n : {10, 20, 40, 80}) {
    Mesh mesh(context(), spec_of(1, n, 3));
    FieldView q = mesh.make_field("q", 1), lo = mesh.make_field("lo", 1),
              hi = mesh.make_field("hi", 1);
    const double h = mesh.dx(0);
    fill_host(mesh, q, 0, [&](double x, double, double) {
      return (std::exp(x + 0.5 * h) - std::exp(x - 0.5 * h)) / h;  // the exact mean
    });
    fv::reconstruct(mesh, q, 0, fv::Reconstruction::weno5, lo, hi);
    auto hl = to_host(lo), hh = to_host(hi);
    double worst = 0.0;
    const Box b = mesh.interior();
    for (int i = b.i0; i < b.i1; ++i) {
      const double x = mesh.center(0, i);
      worst = std::max(worst, std::fabs(hh(0, 0, 0, i) - std::exp(x + 0.5 * h)));
      worst = std::max(worst, std::fabs(hl(0, 0, 0, i) - std::exp(x - 0.5 * h)));
    }
    errors.push_back(worst);
  }
  for (std::size_t i = 1; i < errors.size(); ++i) {
    const double order = std::log2(errors[i - 1] / errors[i]);
    std::printf("weno5 face error %.3e -> %.3e: order %.2f\n", errors[i - 1], errors[i], order);
    EXPECT_GE(order, 4.7) << errors[i - 1] << " -> " << errors[i];
  }
}

// Random periodic data: every PLM limiter puts its face values between the
// neighbouring means, and upwind advection with PLM at Courant 1/2 (forward
// Euler) never increases the total variation; with the limiter switched off
// (the unlimited central slope, MC without its 2|a|, 2|b| caps) it does.
// The face systems of upwind_plm_step: u = 1 everywhere.
struct UnitVelocity {
  KOKKOS_INLINE_FUNCTION fv::LinearAdvection<1> operator()(int, int, int) const {
    fv::LinearAdvection<1> s;
    s.un = 1.0;
    return s;
  }
};

void upwind_plm_step(const Mesh& mesh, fv::Reconstruction r, const FieldView& q,
                     const FieldView& lo, const FieldView& hi, const FieldView& flux,
                     const FieldView& dudt, double courant, HaloExchange& halo) {
  halo.exchange(q);
  fv::reconstruct(mesh, q, 0, r, lo, hi);
  fv::interface_fluxes<fv::Hll>(mesh, 0, UnitVelocity{}, lo, hi, flux);
  fv::flux_divergence(mesh, 0, flux, dudt, false);
  fv::rk_combine(mesh, q, 0.0, q, 1.0, q, courant * mesh.dx(0), dudt);
}

double total_variation(const Mesh& mesh, const FieldView& q) {
  auto h = to_host(q);
  const Box b = mesh.interior();
  double tv = 0.0;
  for (int i = b.i0; i < b.i1; ++i) {
    const int next = i + 1 < b.i1 ? i + 1 : b.i0;
    tv += std::fabs(h(0, 0, 0, next) - h(0, 0, 0, i));
  }
  return tv;
}

TEST(FvLimiters, FaceValuesBetweenNeighboursAndTotalVariationDiminishing) {
  Mesh mesh(context(), spec_of(1, 64, 2, true));
  HaloExchange halo(mesh, 1);
  FieldView q = mesh.make_field("q", 1), lo = mesh.make_field("lo", 1),
            hi = mesh.make_field("hi", 1), flux = mesh.make_field("flux", 1),
            dudt = mesh.make_field("dudt", 1);
  std::mt19937 gen(7);
  std::uniform_real_distribution<double> dist(-1.0, 1.0);
  for (fv::Reconstruction r : kPlm) {
    fill_host(mesh, q, 0, [&](double x, double, double) {
      return x < 0.3 ? dist(gen) : (x < 0.6 ? 1.0 : std::sin(6.0 * x));
    });
    halo.exchange(q);
    fv::reconstruct(mesh, q, 0, r, lo, hi);
    auto hq = to_host(q), hl = to_host(lo), hh = to_host(hi);
    const Box b = mesh.interior();
    int outside = 0;
    for (int i = b.i0; i < b.i1; ++i) {
      const double mn = std::min({hq(0, 0, 0, i - 1), hq(0, 0, 0, i), hq(0, 0, 0, i + 1)});
      const double mx = std::max({hq(0, 0, 0, i - 1), hq(0, 0, 0, i), hq(0, 0, 0, i + 1)});
      for (double f : {hl(0, 0, 0, i), hh(0, 0, 0, i)}) {
        if (f < mn - 1e-15 || f > mx + 1e-15) ++outside;
      }
    }
    EXPECT_EQ(outside, 0) << fv::reconstruction_name(r);
    double tv = total_variation(mesh, q);
    const double tv0 = tv;
    for (int n = 0; n < 100; ++n) {
      upwind_plm_step(mesh, r, q, lo, hi, flux, dudt, 0.5, halo);
      const double next = total_variation(mesh, q);
      EXPECT_LE(next, tv * (1.0 + 1e-14)) << fv::reconstruction_name(r) << " step " << n;
      tv = next;
    }
    EXPECT_LT(tv, tv0) << "the limited scheme dissipates random data";
  }
}

// Minmod is the most dissipative of the three, MC the least on a smooth
// profile: the limiters differ as they should.
TEST(FvLimiters, LimiterFunctions) {
  EXPECT_EQ(fv::minmod(1.0, 3.0), 1.0);
  EXPECT_EQ(fv::minmod(-1.0, -3.0), -1.0);
  EXPECT_EQ(fv::minmod(1.0, -3.0), 0.0);
  EXPECT_EQ(fv::monotonized_central(1.0, 3.0), 2.0);   // min(2, 6, 2)
  EXPECT_EQ(fv::monotonized_central(1.0, 1.5), 1.25);  // the central slope
  EXPECT_EQ(fv::monotonized_central(-1.0, 2.0), 0.0);
  EXPECT_DOUBLE_EQ(fv::van_leer(1.0, 3.0), 1.5);  // harmonic: 2 * 3 / 4
  EXPECT_EQ(fv::van_leer(0.0, 3.0), 0.0);
  EXPECT_EQ(fv::van_leer(2.0, 2.0), 2.0);
}

// A shallow-water system with one passive tracer (h, hu, hv, hc), for the
// solvers' tests: Davis wave speeds, Toro's HLLC star state.
struct ShallowWater {
  static constexpr int kMaxVars = 4;
  double g = 9.81;
  KOKKOS_INLINE_FUNCTION int nvar() const { return 4; }
  KOKKOS_INLINE_FUNCTION void flux(int axis, const double* q, double* f) const {
    const double h = q[0], un = q[1 + axis] / h;
    f[0] = h * un;
    f[1] = q[1] * un;
    f[2] = q[2] * un;
    f[1 + axis] += 0.5 * g * h * h;
    f[3] = q[3] * un;
  }
  KOKKOS_INLINE_FUNCTION void wave_speeds(int axis, const double* qL, const double* qR, double& sL,
                                          double& sR) const {
    const double uL = qL[1 + axis] / qL[0], uR = qR[1 + axis] / qR[0];
    const double cL = math::sqrt(g * qL[0]), cR = math::sqrt(g * qR[0]);
    sL = uL - cL < uR - cR ? uL - cL : uR - cR;
    sR = uL + cL > uR + cR ? uL + cL : uR + cR;
  }
  KOKKOS_INLINE_FUNCTION double contact_speed(int axis, const double* qL, const double* qR,
                                              double sL, double sR) const {
    const double uL = qL[1 + axis] / qL[0], uR = qR[1 + axis] / qR[0];
    return (sL * qR[0] * (uR - sR) - sR * qL[0] * (uL - sL)) /
           (qR[0] * (uR - sR) - qL[0] * (uL - sL));
  }
  KOKKOS_INLINE_FUNCTION void star_state(int axis, const double* q, double s, double s_star,
                                         double* star) const {
    const double un = q[1 + axis] / q[0];
    const double hs = q[0] * (s - un) / (s - s_star);
    star[0] = hs;
    star[1] = hs * q[1] / q[0];
    star[2] = hs * q[2] / q[0];
    star[1 + axis] = hs * s_star;
    star[3] = hs * q[3] / q[0];
  }
};

template <class Solver, class S>
double consistency_error(const S& sys, int axis, const double* q) {
  double F[S::kMaxVars], f[S::kMaxVars];
  Solver::flux(sys, axis, q, q, F);
  sys.flux(axis, q, f);
  double worst = 0.0;
  for (int v = 0; v < sys.nvar(); ++v) {
    worst = std::max(worst, std::fabs(F[v] - f[v]) / (1.0 + std::fabs(f[v])));
  }
  return worst;
}

TEST(FvRiemann, ConsistentForAdvectionAndShallowWater) {
  for (double un : {-2.5, -1e-3, 0.0, 0.7, 3.0}) {
    fv::LinearAdvection<1> adv;
    adv.un = un;
    for (double q : {-1.0, 0.0, 0.25, 7.0}) {
      EXPECT_EQ(consistency_error<fv::Hll>(adv, 0, &q), 0.0) << un << " " << q;
      EXPECT_LT(consistency_error<fv::Rusanov>(adv, 1, &q), 1e-15) << un << " " << q;
    }
  }
  ShallowWater sw;
  const double states[][4] = {
      {1.0, 0.0, 0.0, 0.5}, {2.0, 1.5, -0.3, 1.0}, {0.5, -4.0, 0.2, 0.1}, {1.2, 9.0, 7.0, 0.0}};
  for (const auto& q : states) {
    for (int axis = 0; axis < 2; ++axis) {
      EXPECT_LT(consistency_error<fv::Rusanov>(sw, axis, q), 1e-14);
      EXPECT_LT(consistency_error<fv::Hll>(sw, axis, q), 1e-14);
      EXPECT_LT(consistency_error<fv::Hllc>(sw, axis, q), 1e-14);
    }
  }
}

// HLL is the exact upwind flux of linear advection; HLLC keeps a tracer's
// jump across a contact (zero mass flux, jump in hc) where HLL smears it.
TEST(FvRiemann, UpwindingAndContactResolution) {
  fv::LinearAdvection<1> adv;
  const double qL = 2.0, qR = -3.0;
  double F = 0.0;
  adv.un = 1.5;
  fv::Hll::flux(adv, 0, &qL, &qR, &F);
  EXPECT_EQ(F, 3.0);
  adv.un = -0.5;
  fv::Hll::flux(adv, 0, &qL, &qR, &F);
  EXPECT_EQ(F, 1.5);
  fv::Rusanov::flux(adv, 0, &qL, &qR, &F);
  EXPECT_DOUBLE_EQ(F, 1.5);

  ShallowWater sw;
  // At rest, equal depth, different tracer: a stationary contact.
  const double L[4] = {1.0, 0.0, 0.0, 1.0}, R[4] = {1.0, 0.0, 0.0, 0.0};
  double hllc[4], hll[4];
  fv::Hllc::flux(sw, 0, L, R, hllc);
  fv::Hll::flux(sw, 0, L, R, hll);
  EXPECT_NEAR(hllc[3], 0.0, 1e-15) << "no tracer flux through a stationary contact";
  EXPECT_GT(std::fabs(hll[3]), 0.1) << "HLL diffuses the contact";
  EXPECT_NEAR(hllc[1], 0.5 * sw.g, 1e-14) << "the pressure flux of depth 1";
}

// The Zhang-Shu limiter: after it, lo, hi and the implied interior value lie
// within the bounds, the mean is unchanged, and data already within the
// bounds is left alone.
TEST(FvBounds, ScalingKeepsTheMeanAndTheBounds) {
  std::mt19937 gen(11);
  std::uniform_real_distribution<double> dist(-0.5, 1.5);
  std::uniform_real_distribution<double> mean_dist(0.0, 1.0);
  for (double w : {0.5, 1.0 / 12.0}) {
    for (int n = 0; n < 1000; ++n) {
      const double mean = mean_dist(gen), lo = dist(gen), hi = dist(gen);
      const double theta = fv::bounds_theta(mean, lo, hi, w, 0.0, 1.0);
      ASSERT_GE(theta, 0.0);
      ASSERT_LE(theta, 1.0);
      const double l = mean + theta * (lo - mean), h = mean + theta * (hi - mean);
      EXPECT_GE(l, -1e-15);
      EXPECT_LE(h, 1.0 + 1e-15);
      EXPECT_LE(l, 1.0 + 1e-15);
      EXPECT_GE(h, -1e-15);
      if (w < 0.5) {
        const double mid = (mean - w * (l + h)) / (1.0 - 2.0 * w);
        EXPECT_GE(mid, -1e-14);
        EXPECT_LE(mid, 1.0 + 1e-14);
        EXPECT_NEAR(w * l + w * h + (1.0 - 2.0 * w) * mid, mean, 1e-15);
      }
    }
  }
  EXPECT_EQ(fv::bounds_theta(0.5, 0.4, 0.6, 1.0 / 12.0, 0.0, 1.0), 1.0);
  EXPECT_EQ(fv::bounds_theta(0.5, 0.4, 0.6, 0.5, 0.0, fv::kNoBound), 1.0);
  EXPECT_EQ(fv::bounds_theta(0.5, -0.5, 1.5, 0.5, 0.0, fv::kNoBound), 0.5);
}

TEST(FvBounds, LimiterOnAFieldScalesEveryVariableWhenAsked) {
  Mesh mesh(context(), spec_of(1, 8, 3, true));
  FieldView q = mesh.make_field("q", 2), lo = mesh.make_field("lo", 2),
            hi = mesh.make_field("hi", 2);
  fill_host(mesh, q, 0, [](double x, double, double) { return x < 0.5 ? 0.0 : 1.0; });
  fill_host(mesh, q, 1, [](double x, double, double) { return x < 0.5 ? 5.0 : -5.0; });
  fv::reconstruct(mesh, q, 0, fv::Reconstruction::weno5, lo, hi);
  fv::BoundsLimit b;
  b.lower = 0.0;
  b.weight = fv::bounds_weight(fv::Reconstruction::weno5);
  b.all_vars = true;
  fv::limit_to_bounds(mesh, q, 0, b, lo, hi);
  auto hq = to_host(q), hl = to_host(lo), hh = to_host(hi);
  const Box box = mesh.interior();
  for (int i = box.i0; i < box.i1; ++i) {
    EXPECT_GE(hl(0, 0, 0, i), 0.0) << i;
    EXPECT_GE(hh(0, 0, 0, i), 0.0) << i;
    // A dry cell (mean 0) is flat in every variable.
    if (hq(0, 0, 0, i) == 0.0) {
      EXPECT_EQ(hl(1, 0, 0, i), hq(1, 0, 0, i));
      EXPECT_EQ(hh(1, 0, 0, i), hq(1, 0, 0, i));
    }
  }
}

// du/dt = -u from u = 1 to t = 1: the SSP-RK errors fall at second and
// third order, and the ghosts are filled before every stage.
TEST(FvSspRk, OrdersTwoAndThree) {
  Mesh mesh(context(), spec_of(1, 4, 1));
  for (TimeScheme scheme : {TimeScheme::ssp_rk2, TimeScheme::ssp_rk3}) {
    std::vector<double> errors;
    for (int steps : {10, 20, 40}) {
      fv::SspRk rk(scheme, mesh, 1);
      FieldView u = mesh.make_field("u", 1);
      Kokkos::deep_copy(u, 1.0);
      int fills = 0;
      auto ghosts = [&fills](const FieldView&, double) { ++fills; };
      auto rhs = [&mesh](const FieldView& v, double, const FieldView& dudt) {
        axpby(mesh, dudt, -1.0, v, 0.0, v);
      };
      const double dt = 1.0 / steps;
      for (int n = 0; n < steps; ++n) rk.step(u, n * dt, dt, ghosts, rhs);
      EXPECT_EQ(fills, steps * rk.stages());
      auto h = to_host(u);
      errors.push_back(std::fabs(h(0, 0, 0, 2) - std::exp(-1.0)));
    }
    const double expected = scheme == TimeScheme::ssp_rk2 ? 2.0 : 3.0;
    for (std::size_t i = 1; i < errors.size(); ++i) {
      const double order = std::log2(errors[i - 1] / errors[i]);
      EXPECT_NEAR(order, expected, 0.1) << errors[i - 1] << " -> " << errors[i];
    }
  }
}

}  // namespace
}  // namespace boreas
