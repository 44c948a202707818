#pragma once
// The kernels of the shallow-water app (docs/shallow_water.md,
// "Discretisation"): the well-balanced hydrostatic reconstruction of
// Audusse, Bouchut, Bristeau, Klein & Perthame (2004) around physics/fv's
// reconstruction, positivity limiter and Riemann solvers, the Coriolis and
// Manning sources, and the reductions behind the time step and the
// diagnostics. Free functions: device lambdas live here, not in the app's
// class.
//
// Per axis, from the face values (lo, hi) of the primitive field
// w = (h, u[, v], eta = h + b):
//   b_L = eta_L - h_L, b_R = eta_R - h_R, b* = max(b_L, b_R),
//   h*_K = max(0, eta_K - b*)   (= h_K on the side of the higher bottom),
//   F = Riemann flux of q*_K = (h*_K, h*_K u_K[, h*_K v_K]),
// the cell left of the face takes F + (0, g/2 (h_L^2 - h*_L^2)) in its
// normal momentum, the cell right of it F + (0, g/2 (h_R^2 - h*_R^2)), and
// each cell adds the centred bed-slope source
//   -g (h_{c-1/2+} + h_{c+1/2-}) / 2 (b_{c+1/2-} - b_{c-1/2+}) / dx.
// With eta constant and u = 0 (a lake at rest, wet or dry cells) the three
// cancel exactly: the scheme is well-balanced; the mass flux uses h* <= h
// only, which keeps the depth non-negative under the Courant condition.
#include "mesh/mesh.hpp"
#include "physics/fv/riemann.hpp"
#include "physics/shallow_water/system.hpp"

namespace boreas::shallow_water {

// f = f0 + beta (y - y0).
struct Coriolis {
  double f0 = 0.0, beta = 0.0, y0 = 0.0;
  bool active() const { return f0 != 0.0 || beta != 0.0; }
};

// w = (h, u[, v], c_1, ..., c_m, h + b) over every cell, ghosts included
// (u's and b's ghosts must be filled); velocities and tracer
// concentrations desingularised below `dry`.
void primitives(const Mesh& mesh, const FieldView& u, const FieldView& b, double dry,
                const FieldView& w);

// flux(v) = the Riemann flux of the hydrostatically reconstructed states
// at every face along `axis` of the interior cells (at the index of the
// cell above the face), press(0) and press(1) = the left and right cells'
// pressure corrections g/2 (h_K^2 - h*_K^2) there. lo, hi: the face values
// of w (fv::reconstruct, bound-limited).
void hydrostatic_fluxes(const Mesh& mesh, int axis, fv::RiemannSolver solver,
                        const ShallowWaterSystem& sys, const FieldView& lo, const FieldView& hi,
                        const FieldView& flux, const FieldView& press);

// dudt(1 + axis) += the pressure corrections and the centred bed-slope
// source of `axis` (after fv::flux_divergence of `flux`).
void hydrostatic_sources(const Mesh& mesh, int axis, double g, const FieldView& lo,
                         const FieldView& hi, const FieldView& press, const FieldView& dudt);

// dudt(hu) += f hv, dudt(hv) -= f hu (2D).
void add_coriolis(const Mesh& mesh, const Coriolis& c, const FieldView& u, const FieldView& dudt);

// Manning friction over dt, semi-implicit and pointwise:
// (hu, hv) <- (hu, hv) / (1 + dt g n^2 |u| / h^(4/3)) (h >= dry; the
// momentum of drier cells is damped as at the dry depth, so it vanishes
// rather than blows up).
void manning_friction(const Mesh& mesh, double g, double n, double dt, double dry,
                      const FieldView& u);

// Sets the cells whose depth rounding left below 0 (at most a few 1e-22 m
// at a WENO5 dry front, 1e-33 m at a shoreline: docs/shallow_water.md,
// "Time step and positivity") to dry: h = 0 and every other variable 0.
void clamp_depth(const Mesh& mesh, const FieldView& u);

// Largest |u_axis| + sqrt(g h) over this rank's interior.
double local_wave_rate(const Mesh& mesh, int axis, double g, double dry, const FieldView& u);
// Largest |velocity| over this rank's interior.
double local_max_speed(const Mesh& mesh, double dry, const FieldView& u);
// Sums over this rank's interior: energy h |u|^2 / 2 + g h (b + h / 2).
double local_energy(const Mesh& mesh, double g, double dry, const FieldView& u, const FieldView& b);
// Sum over this rank's wet interior cells (h >= dry) of (zeta + f)^2 / (2 h),
// zeta = dv/dx - du/dy by centred differences (u's ghosts filled; 2D).
double local_potential_enstrophy(const Mesh& mesh, const Coriolis& c, double dry,
                                 const FieldView& u);
// Sum and largest value of |h - h_exact| over this rank's interior.
void local_depth_errors(const Mesh& mesh, const FieldView& u, const FieldView& exact, double& sum,
                        double& largest);

// Derived output variables over the interior: eta = h + b; vel(d) =
// u(first + d) / h, desingularised (the velocity: first = 1; the tracer
// concentrations: first = 1 + dim).
void fill_surface(const Mesh& mesh, const FieldView& u, const FieldView& b, const FieldView& eta);
void fill_velocity(const Mesh& mesh, double dry, const FieldView& u, const FieldView& vel,
                   int first);

}  // namespace boreas::shallow_water
