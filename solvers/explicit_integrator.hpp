#pragma once
// Explicit time integrators in Shu–Osher form, generic over an app's state.
//
// Every scheme here is a sequence of stages
//     out = a * u0 + b * (u + dt * L(u, t_stage))
// where u0 is the state at the start of the step. A "system" provides that
// stage; apps with a fused stencil kernel implement it directly (one pass over
// memory), others wrap a right-hand side with RhsStage below.
//
//   forward_euler : u1 = u0 + dt L(u0)
//   ssp_rk2 (Heun): u1 = u0 + dt L(u0);  u = 1/2 u0 + 1/2 (u1 + dt L(u1))
//   ssp_rk3       : u1 = u0 + dt L(u0);  u2 = 3/4 u0 + 1/4 (u1 + dt L(u1));
//                   u = 1/3 u0 + 2/3 (u2 + dt L(u2))          (Shu & Osher 1988)
//
// A stage with a == 0 must not read u0. Writing `out` over u0 is allowed
// (a stage reads u0 only at the cell it writes); writing over u is not (the
// stencil reads u's neighbours), hence two scratch fields for SSP-RK3.
#include <string>
#include <utility>
#include <vector>

#include "core/exec.hpp"
#include "mesh/field_ops.hpp"
#include "mesh/mesh.hpp"

namespace boreas {

enum class TimeScheme { forward_euler, ssp_rk2, ssp_rk3 };
std::vector<std::string> time_scheme_names();
TimeScheme parse_time_scheme(const std::string& name);  // throws InputError
std::string time_scheme_name(TimeScheme s);
int stage_count(TimeScheme s);

class ExplicitIntegrator {
 public:
  ExplicitIntegrator(TimeScheme scheme, const Mesh& mesh, int nvar);

  // Advances u from t to t + dt. `u` may be swapped with a scratch field
  // (forward Euler), so pass the app's own state member by reference.
  // System::stage(out, u0, u, a, b, dt, t) computes one stage over the interior.
  template <class System>
  void step(System& sys, FieldView& u, double t, double dt) {
    switch (scheme_) {
      case TimeScheme::forward_euler:
        sys.stage(scratch1_, u, u, 0.0, 1.0, dt, t);
        std::swap(u, scratch1_);
        break;
      case TimeScheme::ssp_rk2:
        sys.stage(scratch1_, u, u, 0.0, 1.0, dt, t);
        sys.stage(u, u, scratch1_, 0.5, 0.5, dt, t + dt);
        break;
      case TimeScheme::ssp_rk3: {
        // The weights of each stage sum to exactly 1 in doubles: 1.0 / 3.0
        // + 2.0 / 3.0 is 1 - 5.6e-17, which took that much of a conserved
        // quantity away at every step. 1 - 2/3 is exact (Sterbenz).
        constexpr double b3 = 2.0 / 3.0;
        sys.stage(scratch1_, u, u, 0.0, 1.0, dt, t);
        sys.stage(scratch2_, u, scratch1_, 0.75, 0.25, dt, t + dt);
        sys.stage(u, u, scratch2_, 1.0 - b3, b3, dt, t + 0.5 * dt);
        break;
      }
    }
  }

  TimeScheme scheme() const { return scheme_; }

 private:
  TimeScheme scheme_;
  FieldView scratch1_;
  FieldView scratch2_;
};

// Adapts a right-hand side rhs(u, t, dudt) (dudt over the interior; rhs may
// exchange u's halos) to the stage interface, at the cost of one more pass.
template <class Rhs>
class RhsStage {
 public:
  RhsStage(const Mesh& mesh, int nvar, Rhs rhs)
      : mesh_(mesh), rhs_(std::move(rhs)), dudt_(mesh.make_field("dudt", nvar)) {}

  void stage(const FieldView& out, const FieldView& u0, const FieldView& u, double a, double b,
             double dt, double t) {
    rhs_(u, t, dudt_);
    const FieldView k = dudt_;
    const int nvar = static_cast<int>(out.extent(0));
    if (a == 0.0) {
      par_for(
          "rk_stage", nvar, mesh_.interior(), KOKKOS_LAMBDA(int v, int kk, int j, int i) {
            out(v, kk, j, i) = b * (u(v, kk, j, i) + dt * k(v, kk, j, i));
          });
    } else {
      par_for(
          "rk_stage", nvar, mesh_.interior(), KOKKOS_LAMBDA(int v, int kk, int j, int i) {
            out(v, kk, j, i) = a * u0(v, kk, j, i) + b * (u(v, kk, j, i) + dt * k(v, kk, j, i));
          });
    }
  }

 private:
  const Mesh& mesh_;
  Rhs rhs_;
  FieldView dudt_;
};

}  // namespace boreas
