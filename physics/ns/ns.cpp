#include "physics/ns/ns.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "core/timers.hpp"
#include "io/deck/keys.hpp"
#include "mesh/field_ops.hpp"
#include "physics/common/solver_keys.hpp"
#include "physics/ns/ns_boundaries.hpp"
#include "physics/ns/ns_kernels.hpp"
#include "physics/ns/ns_output.hpp"
#include "physics/ns/ns_parameters.hpp"
#include "physics/ns/ns_transport.hpp"
#include "physics/ns/ns_viscous.hpp"
#include "physics/ns/problems/problem.hpp"
#include "solvers/factory.hpp"
#include "solvers/linear/elliptic.hpp"

namespace boreas::ns {
namespace {

constexpr int kMaxProjectionPasses = 3;
// Projections of a field interpolated by --init (its divergence is the
// interpolation error, O(U/h) times a small number, not O(dt)).
constexpr int kMaxInitialProjections = 5;

class NavierStokesApp final : public App {
 public:
  NavierStokesApp(Params p, std::vector<ScalarParams> scalars, std::unique_ptr<Problem> problem)
      : p_(std::move(p)), scalars_(std::move(scalars)), problem_(std::move(problem)) {}

  int ghost_width() const override { return 1; }

  void declare(const Mesh& mesh, const FaceConditions& faces, Fields& f,
               io::DeckProblems& problems) override {
    mesh_ = &mesh;
    fields_ = &f;
    reset();
    if (mesh.dim() < 2) {
      problems.add({"mesh.cells"}, "ns: needs a 2D or 3D mesh (mesh.cells with 2 or 3 entries)");
      return;
    }
    const int dim = mesh.dim();
    pressure_.mesh = &mesh;
    for (int i = 0; i < 2 * dim; ++i) {
      faces_[i] = {faces[i].type, faces[i].value, p_.open[i].tangential, p_.open[i].profile};
    }
    check_velocity_boundaries(mesh, faces_, problems);
    for (int i = 0; i < 2 * dim; ++i) {
      pressure_.bcs.set(static_cast<Face>(i), 0, pressure_condition(faces_[i]));
    }
    // nu, kappa, beta_g: the deck's, or from Ra and Pr with the mesh's L.
    const Coefficients co = resolve_coefficients(p_, mesh, problems);
    for (const auto& d : co.derived) f.parameter(d);
    nu_ = co.nu;
    thermal_ = p_.transport.thermal;
    thermal_.kappa = co.kappa;
    thermal_.beta_g = co.beta_g;
    thermal_.upwind = p_.upwind;
    thermal_.diffusion = scalar_diffusion(p_);
    const bool boussinesq = p_.transport.boussinesq;
    if (boussinesq && thermal_.axis >= dim) {
      problems.add({"physics.gravity_axis", "mesh.cells"},
                   "ns: physics.gravity_axis is beyond the mesh dimension");
    }
    eq_.nu = nu_;
    eq_.thermal = boussinesq ? &thermal_ : nullptr;
    problem_->check(eq_, mesh, problems);
    transport_ = std::make_unique<Transport>(eq_.thermal, problem_->temperature_start(), scalars_);

    // State (output, checkpoints), then what restarts need besides it.
    const char* comp[3] = {"u", "v", "w"};
    const char* history[3] = {"ns_history_u", "ns_history_v", "ns_history_w"};
    const char* outflow[3] = {"ns_outflow_x_upper", "ns_outflow_y_upper", "ns_outflow_z_upper"};
    f.field(vel_, "velocity", std::vector<std::string>(comp, comp + dim), kHalo | kEvolved, true);
    f.field(p_field_, "p", {"p"}, kHalo | kState);
    transport_->declare_fields(mesh, f);
    // AB2 needs the previous right-hand sides to continue bit-identically.
    f.field(Hold_, "ns_rhs_old", std::vector<std::string>(history, history + dim), kRestart, true);
    if (has_upper_outflow(faces_, dim)) {
      f.field(outflow_store_, "ns_outflow_faces", std::vector<std::string>(outflow, outflow + dim),
              kRestart);
    }
    f.field(phi_, "phi", {"phi"}, kHalo);
    // Derived output (computed when an output asks): the velocity at the
    // cell centres as the vector `velocity`, the speed, the vorticity
    // (2D: its z-component; 3D: the vector `vorticity`). ns_output.hpp.
    const char* cell[3] = {"velocity_x", "velocity_y", "velocity_z"};
    const char* curl[3] = {"vorticity_x", "vorticity_y", "vorticity_z"};
    const std::vector<std::string> cell_names(cell, cell + dim);
    f.derived(cell_vel_, "ns_cell_velocity", cell_names,
              [this] { cell_velocity(*mesh_, vel_, cell_vel_); });
    f.vector("velocity", cell_names);
    f.derived(speed_, "ns_speed", {"speed"}, [this] { cell_speed(*mesh_, vel_, speed_); });
    const std::vector<std::string> curl_names =
        dim == 2 ? std::vector<std::string>{"vorticity"} : std::vector<std::string>(curl, curl + 3);
    f.derived(vorticity_, "ns_vorticity", curl_names,
              [this] { cell_vorticity(*mesh_, vel_, vorticity_); });
    if (dim == 3) f.vector("vorticity", curl_names);
    describe_variables(f);
    f.scratch(H_, "ns_rhs", dim);
    f.scratch(rhs_, "ns_poisson_rhs", 1);
    f.reserve("pressure solver", 8);
    if (p_.viscous.crank_nicolson) f.reserve("viscous solver", 2 + 5 * dim);
    f.scalar("ns_have_history", have_old_);
    f.scalar("ns_dt_old", dt_old_);
    f.scalar("ns_max_div_scaled_run", max_scaled_run_);

    f.diagnostic("kinetic_energy", [this](double) { return kinetic_energy(); });
    f.diagnostic("max_div", [this](double) { return max_div_; });
    f.diagnostic("max_div_scaled", [this](double) { return scaled_divergence(); });
    f.diagnostic("max_div_scaled_run", [this](double) { return max_scaled_run_; });
    f.diagnostic("pressure_iterations",
                 [this](double) { return static_cast<double>(last_.iterations); });
    f.diagnostic("pressure_residual", [this](double) { return last_.final_residual; });
    problem_->declare_diagnostics(f, mesh, eq_, vel_);
    if (open_boundaries()) {
      f.diagnostic("flux_in", [this](double) { return boundary_fluxes(*mesh_, vel_, faces_).in; });
      f.diagnostic("flux_out",
                   [this](double) { return boundary_fluxes(*mesh_, vel_, faces_).out; });
    }
    if (p_.viscous.crank_nicolson) {
      f.diagnostic("viscous_iterations",
                   [this](double) { return static_cast<double>(viscous_->iterations()); });
    }
    if (p_.transport.scalar_crank_nicolson && (boussinesq || !scalars_.empty())) {
      f.diagnostic("scalar_diffusion_iterations", [this](double) {
        return static_cast<double>(transport_->diffusion_iterations());
      });
    }
    transport_->declare_diagnostics(f);
  }

  void setup() override {
    check_boundaries(*mesh_, pressure_.bcs);
    transport_->setup();
    problem_->initial_flow(*mesh_, vel_, p_field_);
    fill_velocity_ghosts();
    solver_ = linear::make_solver(pressure_, p_.solver);
    project_initial_field();
    if (p_.viscous.crank_nicolson) {
      viscous_ = std::make_unique<CrankNicolsonViscosity>(*mesh_, faces_, nu_, p_.viscous.rtol,
                                                          p_.solver.max_iterations);
    }
    save_outflow();
  }

  double max_stable_dt() const override {
    // Advection: sum_d |u_d| dt / h_d <= 1/2 (AB2 with central differences is
    // only damped by viscosity; half the inviscid limit keeps a margin).
    // Viscosity: AB2 is stable for nu dt sum_d 4/h_d^2 <= 1; Crank–Nicolson
    // has no limit. The same for kappa and the scalar diffusivities
    // (physics.scalar_diffusion). With T diffused implicitly, fluid at rest
    // between walls of different temperature has no advective or diffusive
    // limit at all: the buoyancy bound dt <= sqrt(h_a / (2 g')) (g' the
    // largest buoyancy acceleration, a the gravity axis: the speed g' dt it
    // creates in one step would cross half a cell) takes over until the flow
    // moves.
    double rate = 0.0, visc = 0.0;
    for (int c = 0; c < mesh_->dim(); ++c) {
      const double h = mesh_->dx(c);
      double umax = mesh_->context().max(local_max_abs(mesh_->interior(), c, vel_));
      umax = std::max(umax, max_wall_speed());
      rate += umax / h;
      visc += 4.0 / (h * h);
    }
    const double dt_adv = rate > 0 ? 0.5 / rate : 1e300;
    const double nu_explicit = p_.viscous.crank_nicolson ? 0.0 : nu_;
    const double diffusivity = std::max(nu_explicit, transport_->max_explicit_diffusivity());
    const double dt_visc = diffusivity > 0 ? 1.0 / (diffusivity * visc) : 1e300;
    double dt = std::min(dt_adv, dt_visc);
    int axis = 0;
    const double g = transport_->implicit_temperature_buoyancy(&axis);
    if (g > 0) dt = std::min(dt, std::sqrt(0.5 * mesh_->dx(axis) / g));
    return dt;
  }

  void step(double, double dt) override {
    const int dim = mesh_->dim();
    // Adams–Bashforth 2 with variable steps; forward Euler on the first.
    double wa = 1.0, wb = 0.0;
    if (have_old_) {
      wa = 1.0 + 0.5 * dt / dt_old_;
      wb = -0.5 * dt / dt_old_;
    }
    fields_->exchange(p_field_);
    apply_boundaries(*mesh_, p_field_, pressure_.bcs);
    for (int c = 0; c < dim; ++c) {
      MomentumCoefficients m;
      m.dim = dim;
      m.c = c;
      for (int d = 0; d < dim; ++d) m.inv_h[d] = 1.0 / mesh_->dx(d);
      m.nu = p_.viscous.crank_nicolson ? 0.0 : nu_;  // CN: advection only in H
      m.upwind = p_.upwind;
      momentum_rhs(face_box(c), vel_, H_, m);
    }
    // Both right-hand sides from the state at t^n, then T and the scalars move on.
    transport_->step(vel_, H_, face_box(thermal_.axis), dt, wa, wb);
    if (viscous_) viscous_->reset_iterations();
    for (int c = 0; c < dim; ++c) {
      if (viscous_) {
        viscous_->predict(face_box(c), c, dt, wa, wb, vel_, H_, Hold_, p_field_);
      } else {
        predict(face_box(c), c, 1.0 / mesh_->dx(c), dt, wa, wb, vel_, H_, Hold_, p_field_);
      }
    }
    extrapolate_outflow(*mesh_, vel_, faces_);
    std::swap(H_, Hold_);
    have_old_ = true;
    dt_old_ = dt;
    project(dt);
    save_outflow();
  }

  // The framework has exchanged the halos; the physical faces as a step
  // sets them (p: the projection's boundary conditions, as step() applies).
  void refresh_ghosts() override {
    apply_boundaries(*mesh_, p_field_, pressure_.bcs);
    fill_velocity_boundaries(*mesh_, vel_, faces_);
    transport_->fill_ghosts();
  }

  // --init: the interiors of u, v (w), p, T and the scalars come from
  // another run's file, interpolated, so the velocity is not discretely
  // divergence-free on this mesh. Boundary values, then projections
  // (pressure untouched) until max |div u| h/U is within
  // physics.max_divergence: step 0 starts from a field that meets the bound,
  // and the step-0 diagnostics show it.
  void initialized_from_file() override {
    transport_->initialized_from_file();
    fill_velocity_ghosts();
    if (outflow_store_.data()) {
      extrapolate_outflow(*mesh_, vel_, faces_);
      fill_velocity_ghosts();
    }
    max_scaled_run_ = correction_passes(1.0, false, kMaxInitialProjections);
    save_outflow();
  }

  // A step starts from filled velocity ghosts (the last projection leaves
  // them so); the checkpoint holds interiors only.
  void restored() override {
    fill_velocity_ghosts();
    if (outflow_store_.data()) {
      load_upper_outflow(*mesh_, vel_, outflow_store_, faces_);
      fill_velocity_ghosts();  // edges and corners next to the restored faces
    }
  }

 private:
  // What declare() sets, back to a fresh app (declare runs twice).
  void reset() {
    faces_ = {};
    pressure_ = linear::EllipticProblem{};
    vel_ = H_ = Hold_ = p_field_ = phi_ = rhs_ = outflow_store_ = FieldView();
    cell_vel_ = speed_ = vorticity_ = FieldView();
    transport_.reset();
    solver_.reset();
    viscous_.reset();
    last_ = linear::SolveStats{};
    have_old_ = false;
    dt_old_ = 0.0;
    max_div_ = 0.0;
    max_scaled_run_ = 0.0;
  }

  // What the output and restart variables are, for the files' readers
  // (units and long_name of their netCDF view): the SI units of the deck's
  // keys; p is the kinematic pressure.
  void describe_variables(Fields& f) const {
    const int dim = mesh_->dim();
    const char* axis[3] = {"x", "y", "z"};
    const char* comp[3] = {"u", "v", "w"};
    for (int d = 0; d < dim; ++d) {
      const std::string a = axis[d];
      f.describe(comp[d],
                 {"velocity " + a + "-component on the cells' lower " + a + "-faces", "m s-1"});
      f.describe(std::string("ns_history_") + comp[d],
                 {"Adams-Bashforth history: right-hand side of " + std::string(comp[d]) +
                      " at the previous step (restart data)",
                  "m s-2"});
      f.describe("velocity_" + a, {"velocity " + a + "-component at the cell centres", "m s-1"});
      if (has_upper_outflow(faces_, dim)) {
        f.describe(
            "ns_outflow_" + a + "_upper",
            {"velocity " + a + "-component on an upper outflow face (restart data)", "m s-1"});
      }
      if (dim == 3) f.describe("vorticity_" + a, {"vorticity " + a + "-component", "s-1"});
    }
    f.describe("p", {"kinematic pressure (pressure / density)", "m2 s-2"});
    f.describe("velocity", {"velocity at the cell centres", "m s-1"});
    f.describe("speed", {"flow speed at the cell centres", "m s-1"});
    f.describe("vorticity",
               {dim == 2 ? "vorticity z-component (dv/dx - du/dy)" : "vorticity", "s-1"});
  }

  // The c-faces this rank updates: its interior cells' lower c-faces, minus
  // the wall face itself when the lower c face is a physical boundary.
  Box face_box(int c) const {
    Box b = mesh_->interior();
    int* lo[3] = {&b.i0, &b.j0, &b.k0};
    if (mesh_->is_physical_boundary(static_cast<Face>(2 * c))) *lo[c] += 1;
    return b;
  }

  double max_wall_speed() const { return max_boundary_speed(*mesh_, faces_); }

  bool open_boundaries() const {
    return has_type(faces_, BoundaryType::inflow) || has_type(faces_, BoundaryType::outflow);
  }

  double kinetic_energy() const {
    double ss = 0.0;
    for (int c = 0; c < mesh_->dim(); ++c) ss += local_sum_squares(mesh_->interior(), c, vel_);
    return 0.5 * mesh_->context().sum(ss) * mesh_->cell_volume();
  }

  // The upper outflow faces' normal velocity into its checkpointed field,
  // after every change of the state.
  void save_outflow() {
    if (outflow_store_.data()) save_upper_outflow(*mesh_, vel_, outflow_store_, faces_);
  }

  // Halo exchange, then the boundary conditions face by face (x, y, z order).
  void fill_velocity_ghosts() {
    fields_->exchange(vel_);
    fill_velocity_boundaries(*mesh_, vel_, faces_);
  }

  // Makes vel_ discretely divergence-free and advances the pressure.
  void project(double dt) {
    fill_velocity_ghosts();
    // solver.rtol is relative to ||div u*||, which buoyancy makes large
    // against U/h: when the first correction leaves max |div u| h/U above
    // physics.max_divergence, correct again from what is left.
    max_scaled_run_ = std::max(max_scaled_run_, correction_passes(dt, true, kMaxProjectionPasses));
  }

  // Up to `passes` corrections, until max |div u| h/U is within
  // physics.max_divergence; returns that scaled divergence (last_ holds the
  // iterations of all passes).
  double correction_passes(double dt, bool update_pressure, int passes) {
    linear::SolveStats total;
    double scaled = 0.0;
    for (int pass = 0; pass < passes; ++pass) {
      const linear::SolveStats st = correction_pass(dt, update_pressure);
      total.iterations += st.iterations;
      total.final_residual = st.final_residual;
      max_div_ = mesh_->context().max(local_max_divergence(*mesh_, vel_));
      scaled = scaled_divergence();
      if (scaled <= p_.max_divergence) break;
    }
    last_ = total;
    return scaled;
  }

  // The pressure-correction solve, timed as "pressure_solve" when timers are attached.
  linear::SolveStats solve_pressure() {
    if (Timers* timers = fields_->timers()) {
      ScopedTimer t(*timers, "pressure_solve");
      return solver_->solve(rhs_, phi_);
    }
    return solver_->solve(rhs_, phi_);
  }

  // u -= dt grad phi with -lap phi = -div(u) / dt (and p += phi when
  // update_pressure); leaves the velocity ghosts filled.
  linear::SolveStats correction_pass(double dt, bool update_pressure) {
    divergence(*mesh_, vel_, rhs_, -1.0 / dt);
    Kokkos::deep_copy(phi_, 0.0);
    const linear::SolveStats st = solve_pressure();
    fields_->exchange(phi_);
    apply_boundaries(*mesh_, phi_, pressure_.bcs);
    for (int c = 0; c < mesh_->dim(); ++c) {
      correct(correction_box(*mesh_, c, faces_), c, 1.0 / mesh_->dx(c), dt, vel_, phi_);
    }
    if (update_pressure) axpby(*mesh_, p_field_, 1.0, p_field_, 1.0, phi_);
    fill_velocity_ghosts();
    return st;
  }

  // An inflow into the initial field is not divergence-free (fluid at rest
  // with a prescribed inflow): project it onto the divergence-free fields
  // before the first step, so the first step's projection does not start
  // from an O(U/h) divergence. Two passes: the second removes what the
  // first solve's relative tolerance left. The pressure is not touched.
  void project_initial_field() {
    if (!has_type(faces_, BoundaryType::inflow)) return;
    for (int pass = 0; pass < 2; ++pass) correction_pass(1.0, false);
  }

  // max |div u| in units of U / h (U: the largest speed, h: the smallest spacing).
  double scaled_divergence() const {
    const Context& ctx = mesh_->context();
    double umax = max_wall_speed(), hmin = mesh_->dx(0);
    for (int c = 0; c < mesh_->dim(); ++c) {
      umax = std::max(umax, ctx.max(local_max_abs(mesh_->interior(), c, vel_)));
      hmin = std::min(hmin, mesh_->dx(c));
    }
    return umax > 0 ? max_div_ * hmin / umax : max_div_;
  }

  Params p_;
  std::vector<ScalarParams> scalars_;
  std::unique_ptr<Problem> problem_;
  const Mesh* mesh_ = nullptr;
  Fields* fields_ = nullptr;
  double nu_ = 0.01;       // physics.nu, or from Ra and Pr (declare)
  ThermalParams thermal_;  // with kappa, beta_g, upwind resolved (declare)
  Equation eq_;
  VelocityBoundaries faces_{};
  linear::EllipticProblem pressure_;
  FieldView vel_, H_, Hold_, p_field_, phi_, rhs_;
  FieldView cell_vel_, speed_, vorticity_;  // derived output
  FieldView outflow_store_;                 // upper outflow faces' normal velocity, for checkpoints
  std::unique_ptr<linear::Solver> solver_;
  std::unique_ptr<Transport> transport_;
  std::unique_ptr<CrankNicolsonViscosity> viscous_;
  linear::SolveStats last_;
  bool have_old_ = false;
  double dt_old_ = 0.0;
  double max_div_ = 0.0;
  double max_scaled_run_ = 0.0;  // largest max_div_scaled after any projection so far
};

std::unique_ptr<App> create(const io::Deck& deck, io::DeckProblems& problems) {
  Params p;
  keys(io::Keys<Params>(deck, p));
  check_solver_settings(deck, p.solver, problems);
  std::vector<ScalarParams> scalars = scalars_from_input(p.transport.scalars, p.upwind, problems);
  for (auto& s : scalars) s.diffusion = scalar_diffusion(p);
  return std::make_unique<NavierStokesApp>(std::move(p), std::move(scalars), make_problem(deck));
}

}  // namespace

AppInfo app_info() {
  return AppInfo{"ns",
                 "incompressible Navier-Stokes, MAC grid, AB2 + incremental pressure projection",
                 [](io::Schema& s) { keys(io::Keys<Params>(s)); },
                 problems(),
                 &create,
                 {{"wall",
                   "the wall's tangential speed (m/s): along x on y and z faces, along y on x "
                   "faces; a lid-driven cavity's lid speed, 0 for a fixed wall"},
                  {"inflow",
                   "the mean normal speed into the domain (m/s), uniform or parabolic "
                   "(boundary.<face>_profile); boundary.<face>_tangential_value adds a tangential "
                   "speed"},
                  {"reflecting", "unused (free slip)"},
                  {"outflow", "unused (zero normal gradient, p = 0)"}},
                 {{"u, v, w",
                   "state: the velocity components on the lower x-, y-, z-faces of "
                   "each cell (MAC), m/s"},
                  {"p", "state: the kinematic pressure at the cell centres, m^2/s^2"},
                  {"T, <scalar names>",
                   "state: temperature (physics.boussinesq) and passive "
                   "scalars (physics.scalars) at the cell centres"},
                  {"velocity_x, velocity_y, velocity_z",
                   "derived: the velocity at the cell centres (the mean of each component's "
                   "two faces), m/s"},
                  {"velocity", "vector of velocity_x, velocity_y[, velocity_z]"},
                  {"speed", "derived: |velocity| at the cell centres, m/s"},
                  {"vorticity",
                   "derived, 2D: dv/dx - du/dy at the cell centres, 1/s; 3D: the "
                   "vector of vorticity_x, vorticity_y, vorticity_z (curl u)"}}};
}

}  // namespace boreas::ns
