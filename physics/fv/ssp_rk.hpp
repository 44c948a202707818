#pragma once
// Strong-stability-preserving Runge–Kutta steps (Shu & Osher 1988) of a
// finite-volume semi-discretisation du/dt = L(u, t), over a declared state
// field of any number of variables:
//
//   ssp_rk2: u1 = u + dt L(u);   u = 1/2 u + 1/2 (u1 + dt L(u1))
//   ssp_rk3: u1 = u + dt L(u);   u2 = 3/4 u + 1/4 (u1 + dt L(u1));
//            u = 1/3 u + 2/3 (u2 + dt L(u2))
//   (forward_euler: u = u + dt L(u))
//
// Each stage is a convex combination of forward-Euler steps, so a bound or
// a TVD property of one forward-Euler step under a Courant limit holds for
// the whole step under the same limit. Before every evaluation of L the
// integrator calls ghosts(u, t) on the stage's state: the app's halo
// exchange (Fields::exchange) and physical boundary fill. The stage
// arithmetic is solvers/explicit_integrator.hpp's.
#include <utility>

#include "mesh/mesh.hpp"
#include "solvers/explicit_integrator.hpp"

namespace boreas::fv {

// out = a u0 + b (u + dt k) over the interior (u0 not read when a == 0).
void rk_combine(const Mesh& mesh, const FieldView& out, double a, const FieldView& u0, double b,
                const FieldView& u, double dt, const FieldView& k);

class SspRk {
 public:
  SspRk(TimeScheme scheme, const Mesh& mesh, int nvar);

  // Advances u from t to t + dt. ghosts(const FieldView& u, double t) fills
  // u's ghost cells; rhs(const FieldView& u, double t, const FieldView& dudt)
  // writes L(u, t) into dudt's interior. `u` is the app's state member (by
  // reference: forward Euler swaps it with a work field).
  template <class Ghosts, class Rhs>
  void step(FieldView& u, double t, double dt, Ghosts&& ghosts, Rhs&& rhs) {
    Stage<Ghosts, Rhs> stage{*mesh_, dudt_, ghosts, rhs};
    integrator_.step(stage, u, t, dt);
  }

  TimeScheme scheme() const { return integrator_.scheme(); }
  int stages() const { return stage_count(integrator_.scheme()); }
  // Fields of nvar variables a SspRk allocates (for Fields::reserve).
  static int work_fields(TimeScheme scheme);

  // One stage for ExplicitIntegrator (public: it is called from there).
  template <class Ghosts, class Rhs>
  struct Stage {
    const Mesh& mesh;
    const FieldView& dudt;
    Ghosts& ghosts;
    Rhs& rhs;
    void stage(const FieldView& out, const FieldView& u0, const FieldView& u, double a, double b,
               double dt, double t) {
      ghosts(u, t);
      rhs(u, t, dudt);
      rk_combine(mesh, out, a, u0, b, u, dt, dudt);
    }
  };

 private:
  const Mesh* mesh_;
  ExplicitIntegrator integrator_;
  FieldView dudt_;
};

}  // namespace boreas::fv
