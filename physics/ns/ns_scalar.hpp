#pragma once
// A cell-centred scalar c of the ns app, advected by the MAC face velocities
// in conservative form and diffused with its own diffusivity D:
//     dc/dt + div(u c) = D lap c,
// stepped with the momentum's AB2 weights. The advective flux at a face is
// u_face times the two-cell average of c (blended with the donor-cell value
// by `upwind`), so the sum of c over a closed or periodic domain changes
// only through the wall fluxes. The temperature of the Boussinesq model
// (ns_thermal.hpp) and the passive scalars (ns_transport.hpp) are both one
// of these.
#include <array>
#include <memory>
#include <string>

#include "mesh/boundary.hpp"
#include "mesh/mesh.hpp"
#include "physics/fields.hpp"
#include "solvers/linear/elliptic.hpp"
#include "solvers/linear/settings.hpp"

namespace boreas::ns {

// Condition on a non-periodic face: zero (diffusive) flux, or c = value
// (second-order ghost 2 value - c_inside).
enum class ScalarWall : int { zero_flux = 0, fixed = 1 };

// Initial state, in coordinates s_d = (x_d - lower_d) / L_d in [0, 1]:
//     c = base(s) + amplitude * shape(s)
// with base = `value` (uniform) or linear along `axis` from lo to hi, and
// shape = cos(2 pi s_x) sin(pi s_y) (a convection cell) or
// prod_d cos(pi mode_d s_d) (an eigenmode of the diffusion operator with
// zero-flux walls, or with periodic faces when mode_d is even).
struct ScalarInit {
  enum class Base : int { uniform = 0, linear = 1 };
  enum class Shape : int { convection_cell = 0, cosine_mode = 1 };
  Base base = Base::uniform;
  double value = 0.0;
  int axis = 1;
  double lo = 0.0, hi = 0.0;
  Shape shape = Shape::cosine_mode;
  double amplitude = 0.0;
  int mode[3] = {0, 0, 0};
};

// How the diffusion term is stepped (physics.scalar_diffusion; the same for
// T and every passive scalar). `solver`: the [solver] settings with rtol =
// physics.scalar_diffusion_rtol.
struct ScalarDiffusion {
  bool crank_nicolson = false;
  linear::SolverSettings solver;
};

struct ScalarParams {
  std::string name = "c";
  double diffusivity = 0.0;  // m^2/s
  double upwind = 0.0;       // donor-cell weight of the advective flux
  std::array<ScalarWall, 6> wall{};
  std::array<double, 6> value{};  // fixed-value faces
  ScalarInit init;
  ScalarDiffusion diffusion;
};

class AdvectedScalar {
 public:
  explicit AdvectedScalar(ScalarParams p);
  // Declares c (named p.name; halo, state), its right-hand side and its AB2
  // history (checkpointed as ns_history_<name>), and sets its boundary
  // conditions from the mesh's periodicity and p.wall.
  void declare(const Mesh& mesh, Fields& f);
  // Checks the conditions against the mesh; c = the initial profile.
  void setup();
  // H = D lap c - div(u c) with u = vel (ghosts filled); c's ghosts are
  // refreshed first. With Crank–Nicolson diffusion H = -div(u c) only.
  void rhs(const FieldView& vel);
  // Explicit: c += dt (wa H + wb H_old). Crank–Nicolson: the increment
  // solve above (c's ghosts still those rhs() filled). Then the history
  // moves on.
  void advance(double dt, double wa, double wb);
  // Whether the diffusion is implicit (and then no explicit dt limit).
  bool implicit() const { return p_.diffusion.crank_nicolson; }
  // Iterations of the last Crank–Nicolson solve (0 when explicit).
  int iterations() const { return iterations_; }
  // Mean over face f of the diffusive flux -D dc/dx_d along +x_d (d = the
  // face's direction), from the same one-sided difference the boundary
  // ghost gives the scheme: (c_wall - c_inside) / (h/2). Global (collective);
  // 0 on zero-flux faces.
  double mean_wall_flux(Face f) const;

  const FieldView& field() const { return c_; }
  // The previous right-hand side AB2 uses next (checkpointed for restarts).
  const FieldView& history() const { return Hold_; }
  const ScalarParams& params() const { return p_; }
  // Halo exchange and boundary values of the scalar.
  void fill_ghosts();

 private:
  void implicit_increment(double dt, double wa, double wb);
  const Mesh* mesh_ = nullptr;
  Fields* fields_ = nullptr;
  ScalarParams p_;
  Boundaries bcs_{1};
  FieldView c_, H_, Hold_;
  // Crank–Nicolson: the increment's right-hand side and solution, and the
  // solver of (I - a lap_0), rebuilt when a = D dt / 2 changes.
  FieldView b_, x_;
  linear::EllipticProblem helmholtz_;
  std::unique_ptr<linear::Solver> solver_;
  double solver_a_ = -1.0;
  int iterations_ = 0;
};

}  // namespace boreas::ns
