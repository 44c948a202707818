#include "physics/ns/ns.hpp"

#include <cmath>
#include <utility>

#include "core/math.hpp"
#include "core/error.hpp"
#include "mesh/halo.hpp"
#include "physics/common/solver_setup.hpp"
#include "physics/ns/ns_boundaries.hpp"
#include "physics/ns/ns_kernels.hpp"
#include "physics/ns/ns_phase_timer.hpp"
#include "physics/ns/ns_tg3d.hpp"
#include "physics/ns/ns_thermal.hpp"
#include "physics/ns/ns_viscous.hpp"
#include "physics/ns/ns_parameters.hpp"
#include "physics/ns/ns_transport.hpp"
#include "solvers/factory.hpp"
#include "solvers/linear/elliptic.hpp"

namespace boreas::ns {
namespace {

constexpr double kTwoPi = 6.28318530717958647692;
constexpr int kMaxProjectionPasses = 3;

struct Params {
  double nu = 0.01;
  std::string init = "rest";
  double amplitude = 1.0;
  double upwind = 0.0;
  double max_divergence = 5e-10;  // max |div u| h/U a projection aims for
  ViscousSettings viscous;
  OpenBoundaryInput open;
  TransportSettings transport;  // temperature and passive scalars
  linear::SolverSettings solver;
};

// The 2D Taylor–Green vortex u = U sin(a x) cos(b y), v = -U (a/b) cos(a x) sin(b y)
// (x, y measured from the domain's lower corner, a = 2 pi / Lx, b = 2 pi / Ly),
// an exact solution decaying as exp(-nu (a^2 + b^2) t); its pressure
// p = U^2/4 (cos 2ax + (a/b)^2 cos 2by) decays twice as fast.
struct TaylorGreen {
  double U = 1.0, a = 1.0, b = 1.0;
  double lower[3] = {0, 0, 0};
  double h[3] = {1, 1, 1};
  int off[3] = {0, 0, 0};  // global index of local index 0

  // Component c at its face of local cell (k, j, i), at decay factor `decay`.
  KOKKOS_INLINE_FUNCTION double velocity(int c, int k, int j, int i, double decay) const {
    const int idx[3] = {i, j, k};
    double x[3];
    for (int d = 0; d < 3; ++d) x[d] = lower[d] + (off[d] + idx[d] + (d == c ? 0.0 : 0.5)) * h[d];
    if (c == 0) return decay * U * math::sin(a * x[0]) * math::cos(b * x[1]);
    if (c == 1) return -decay * U * (a / b) * math::cos(a * x[0]) * math::sin(b * x[1]);
    return 0.0;
  }
  KOKKOS_INLINE_FUNCTION double pressure(int j, int i) const {
    const double x = lower[0] + (off[0] + i + 0.5) * h[0];
    const double y = lower[1] + (off[1] + j + 0.5) * h[1];
    return 0.25 * U * U * (math::cos(2 * a * x) + (a / b) * (a / b) * math::cos(2 * b * y));
  }
};

// Device kernels live in free functions: nvcc does not allow extended
// lambdas in private member functions.

void set_taylor_green(const Mesh& mesh, const TaylorGreen& tg, const FieldView& vel,
                      const FieldView& p) {
  const int dim = mesh.dim();
  par_for(
      "ns_taylor_green", mesh.interior(), KOKKOS_LAMBDA(const int k, const int j, const int i) {
        for (int c = 0; c < dim; ++c) vel(c, k, j, i) = tg.velocity(c, k, j, i, 1.0);
        p(0, k, j, i) = tg.pressure(j, i);
      });
}

// This rank's sum over the interior of (vel_c - decay * tg_c)^2, all components.
double local_taylor_green_error(const Mesh& mesh, const TaylorGreen& tg, const FieldView& vel,
                                double decay) {
  double ss = 0.0;
  for (int c = 0; c < mesh.dim(); ++c) {
    double s = 0.0;
    par_reduce(
        "ns_tg_error", mesh.interior(),
        KOKKOS_LAMBDA(const int k, const int j, const int i, double& acc) {
          const double e = vel(c, k, j, i) - tg.velocity(c, k, j, i, decay);
          acc += e * e;
        },
        Kokkos::Sum<double>(s));
    ss += s;
  }
  return ss;
}

class NavierStokesApp final : public App {
 public:
  explicit NavierStokesApp(Params p) : p_(std::move(p)) {}

  int ghost_width() const override { return 1; }
  void attach_timers(Timers* timers) override { timers_ = timers; }

  void setup(const Mesh& mesh, const std::array<BoundaryCondition, 6>& faces) override {
    mesh_ = &mesh;
    if (mesh.dim() < 2) throw InputError("ns: needs a 2D or 3D mesh (mesh.cells with 2 or 3 entries)");
    problem_.mesh = &mesh;
    for (int f = 0; f < 2 * mesh.dim(); ++f) {
      faces_[f] = {faces[f].type, faces[f].value, p_.open.tangential[f], p_.open.profile[f]};
    }
    check_velocity_boundaries(mesh, faces_);
    for (int f = 0; f < 2 * mesh.dim(); ++f) {
      problem_.bcs.set(static_cast<Face>(f), 0, pressure_condition(faces_[f]));
    }
    check_boundaries(mesh, problem_.bcs);
    const int dim = mesh.dim();
    vel_ = mesh.make_field("velocity", dim);
    H_ = mesh.make_field("ns_rhs", dim);
    Hold_ = mesh.make_field("ns_rhs_old", dim);
    if (has_upper_outflow(faces_, dim)) outflow_store_ = mesh.make_field("ns_outflow_faces", dim);
    p_field_ = mesh.make_field("p", 1);
    phi_ = mesh.make_field("phi", 1);
    rhs_ = mesh.make_field("ns_poisson_rhs", 1);
    vel_halo_ = std::make_unique<HaloExchange>(mesh, dim);
    p_halo_ = std::make_unique<HaloExchange>(mesh, 1);
    const TransportSettings& tr = p_.transport;
    if (tr.boussinesq && tr.thermal.axis >= dim) throw InputError("ns: physics.gravity_axis is beyond the mesh dimension");
    transport_ = std::make_unique<Transport>(mesh, tr.boussinesq ? &tr.thermal : nullptr, tr.scalars);
    make_taylor_green();
    if (p_.init == "taylor-green") set_taylor_green(mesh, tg_, vel_, p_field_);
    if (p_.init == "taylor-green-3d") {
      if (dim != 3) {
        throw InputError("ns: physics.init = \"taylor-green-3d\" needs a 3D mesh (mesh.cells with 3 entries)");
      }
      set_taylor_green_3d(mesh, vel_, p_field_, p_.amplitude);
    }
    fill_velocity_ghosts();
    solver_ = linear::make_solver(problem_, p_.solver);
    project_initial_field();
    if (p_.viscous.crank_nicolson) {
      viscous_ = std::make_unique<CrankNicolsonViscosity>(mesh, faces_, p_.nu, p_.viscous.rtol,
                                                          p_.solver.max_iterations);
    }
  }

  double max_stable_dt() const override {
    // Advection: sum_d |u_d| dt / h_d <= 1/2 (AB2 with central differences is
    // only damped by viscosity; half the inviscid limit keeps a margin).
    // Viscosity: AB2 is stable for nu dt sum_d 4/h_d^2 <= 1; Crank–Nicolson
    // has no limit (only an explicit temperature diffusion keeps one).
    double rate = 0.0, visc = 0.0;
    for (int c = 0; c < mesh_->dim(); ++c) {
      const double h = mesh_->dx(c);
      double umax = mesh_->context().max(local_max_abs(mesh_->interior(), c, vel_));
      umax = std::max(umax, max_wall_speed());
      rate += umax / h;
      visc += 4.0 / (h * h);
    }
    const double dt_adv = rate > 0 ? 0.5 / rate : 1e300;
    const double nu_explicit = p_.viscous.crank_nicolson ? 0.0 : p_.nu;
    const double diffusivity = std::max(nu_explicit, transport_->max_diffusivity());
    const double dt_visc = diffusivity > 0 ? 1.0 / (diffusivity * visc) : 1e300;
    return std::min(dt_adv, dt_visc);
  }

  void step(double, double dt) override {
    const int dim = mesh_->dim();
    // Adams–Bashforth 2 with variable steps; forward Euler on the first.
    double wa = 1.0, wb = 0.0;
    if (have_old_) {
      wa = 1.0 + 0.5 * dt / dt_old_;
      wb = -0.5 * dt / dt_old_;
    }
    {
      PhaseTimer t(timers_, kHaloExchangeTimer);
      p_halo_->exchange(p_field_);
    }
    apply_boundaries(*mesh_, p_field_, problem_.bcs);
    for (int c = 0; c < dim; ++c) {
      MomentumCoefficients m;
      m.dim = dim;
      m.c = c;
      for (int d = 0; d < dim; ++d) m.inv_h[d] = 1.0 / mesh_->dx(d);
      m.nu = p_.viscous.crank_nicolson ? 0.0 : p_.nu;  // CN: advection only in H
      m.upwind = p_.upwind;
      momentum_rhs(face_box(c), vel_, H_, m);
    }
    // Both right-hand sides from the state at t^n, then T and the scalars move on.
    transport_->step(vel_, H_, face_box(p_.transport.thermal.axis), dt, wa, wb);
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
  }

  std::vector<std::string> diagnostic_names() const override {
    std::vector<std::string> n = {"kinetic_energy",      "max_div",          "max_div_scaled",
                                  "max_div_scaled_run",  "pressure_iterations", "pressure_residual"};
    if (p_.init == "taylor-green") n.push_back("velocity_error");
    if (p_.init == "taylor-green-3d") {
      n.push_back("kinetic_energy_mean");
      n.push_back("dissipation_rate");
    }
    if (open_boundaries()) {
      n.push_back("flux_in");
      n.push_back("flux_out");
    }
    if (viscous_) n.push_back("viscous_iterations");
    for (auto& name : transport_->diagnostic_names()) n.push_back(name);
    return n;
  }

  std::vector<double> diagnostics(double t) const override {
    const Context& ctx = mesh_->context();
    double ss = 0.0;
    for (int c = 0; c < mesh_->dim(); ++c) ss += local_sum_squares(mesh_->interior(), c, vel_);
    const double ke = 0.5 * ctx.sum(ss) * mesh_->cell_volume();
    const double scaled = scaled_divergence();
    std::vector<double> d = {ke,
                             max_div_,
                             scaled,
                             max_scaled_run_,
                             static_cast<double>(last_.iterations),
                             last_.final_residual};
    if (p_.init == "taylor-green") d.push_back(velocity_error(t));
    if (p_.init == "taylor-green-3d") {
      d.push_back(mean_kinetic_energy(*mesh_, vel_));
      d.push_back(mean_viscous_dissipation(*mesh_, vel_, p_.nu));
    }
    if (open_boundaries()) {
      const BoundaryFluxes fl = boundary_fluxes(*mesh_, vel_, faces_);
      d.push_back(fl.in);
      d.push_back(fl.out);
    }
    if (viscous_) d.push_back(viscous_->iterations());
    for (double v : transport_->diagnostics()) d.push_back(v);
    return d;
  }

  std::vector<StateVariable> state() const override {
    std::vector<StateVariable> s = {{"u", vel_, 0}, {"v", vel_, 1}};
    if (mesh_->dim() == 3) s.push_back({"w", vel_, 2});
    s.push_back({"p", p_field_, 0});
    transport_->append_state(s);
    return s;
  }

  // AB2 needs the previous right-hand sides to continue bit-identically.
  std::vector<StateVariable> restart_state() const override {
    std::vector<StateVariable> s = state();
    const char* names[3] = {"ns_history_u", "ns_history_v", "ns_history_w"};
    for (int c = 0; c < mesh_->dim(); ++c) s.push_back({names[c], Hold_, c});
    transport_->append_history(s);
    if (outflow_store_.data()) {
      save_upper_outflow(*mesh_, vel_, outflow_store_, faces_);
      const char* faces[3] = {"ns_outflow_x_upper", "ns_outflow_y_upper", "ns_outflow_z_upper"};
      for (int d = 0; d < mesh_->dim(); ++d) s.push_back({faces[d], outflow_store_, d});
    }
    return s;
  }

  std::vector<AppScalar> scalars() const override {
    return {{"ns_have_history", have_old_ ? 1.0 : 0.0},
            {"ns_dt_old", dt_old_},
            {"ns_max_div_scaled_run", max_scaled_run_}};
  }

  void restore_scalars(const std::vector<AppScalar>& scalars) override {
    for (const auto& s : scalars) {
      if (s.name == "ns_have_history") have_old_ = s.value != 0.0;
      if (s.name == "ns_dt_old") dt_old_ = s.value;
      if (s.name == "ns_max_div_scaled_run") max_scaled_run_ = s.value;
    }
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

  // Halo exchange, then the boundary conditions face by face (x, y, z order).
  void fill_velocity_ghosts() {
    {
      PhaseTimer t(timers_, kHaloExchangeTimer);
      vel_halo_->exchange(vel_);
    }
    fill_velocity_boundaries(*mesh_, vel_, faces_);
  }

  // Makes vel_ discretely divergence-free and advances the pressure.
  void project(double dt) {
    fill_velocity_ghosts();
    // solver.rtol is relative to ||div u*||, which buoyancy makes large
    // against U/h: when the first correction leaves max |div u| h/U above
    // physics.max_divergence, correct again from what is left.
    linear::SolveStats total;
    double scaled = 0.0;
    for (int pass = 0; pass < kMaxProjectionPasses; ++pass) {
      const linear::SolveStats st = correction_pass(dt, true);
      total.iterations += st.iterations;
      total.final_residual = st.final_residual;
      max_div_ = mesh_->context().max(local_max_divergence(*mesh_, vel_));
      scaled = scaled_divergence();
      if (scaled <= p_.max_divergence) break;
    }
    last_ = total;
    max_scaled_run_ = std::max(max_scaled_run_, scaled);
  }

  // u -= dt grad phi with -lap phi = -div(u) / dt (and p += phi when
  // update_pressure); leaves the velocity ghosts filled.
  linear::SolveStats correction_pass(double dt, bool update_pressure) {
    divergence(*mesh_, vel_, rhs_, -1.0 / dt);
    Kokkos::deep_copy(phi_, 0.0);
    linear::SolveStats st;
    {
      PhaseTimer t(timers_, kPressureSolveTimer);
      st = solver_->solve(rhs_, phi_);
    }
    {
      PhaseTimer t(timers_, kHaloExchangeTimer);
      p_halo_->exchange(phi_);
    }
    apply_boundaries(*mesh_, phi_, problem_.bcs);
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

  void make_taylor_green() {
    tg_.U = p_.amplitude;
    tg_.a = kTwoPi / (mesh_->upper(0) - mesh_->lower(0));
    tg_.b = kTwoPi / (mesh_->upper(1) - mesh_->lower(1));
    for (int d = 0; d < 3; ++d) {
      tg_.lower[d] = mesh_->lower(d);
      tg_.h[d] = mesh_->dx(d);
      tg_.off[d] = mesh_->offset(d) - mesh_->ghost(d);
    }
  }

  // RMS over all updated faces of the velocity error against the decaying vortex.
  double velocity_error(double t) const {
    const double decay = std::exp(-p_.nu * (tg_.a * tg_.a + tg_.b * tg_.b) * t);
    const double ss = local_taylor_green_error(*mesh_, tg_, vel_, decay);
    const double n = static_cast<double>(mesh_->global_cell_count()) * mesh_->dim();
    return std::sqrt(mesh_->context().sum(ss) / n);
  }

  Params p_;
  const Mesh* mesh_ = nullptr;
  Timers* timers_ = nullptr;  // phase timers (perf.json), when attached
  VelocityBoundaries faces_{};
  linear::EllipticProblem problem_;
  FieldView vel_, H_, Hold_, p_field_, phi_, rhs_;
  FieldView outflow_store_;  // upper outflow faces' normal velocity, for checkpoints
  std::unique_ptr<HaloExchange> vel_halo_, p_halo_;
  std::unique_ptr<linear::Solver> solver_;
  std::unique_ptr<Transport> transport_;
  std::unique_ptr<CrankNicolsonViscosity> viscous_;
  linear::SolveStats last_;
  TaylorGreen tg_;
  bool have_old_ = false;
  double dt_old_ = 0.0;
  double max_div_ = 0.0;
  double max_scaled_run_ = 0.0;  // largest max_div_scaled after any projection so far
};

}  // namespace

void declare_schema(io::Schema& s) {
  s.add("physics.nu", io::KeyType::real).maybe().at_least(0).units("m^2/s").describe("kinematic viscosity (Re = U L / nu); default 0.01, or derived from physics.Ra and physics.Pr");
  s.add("physics.init", io::KeyType::string)
      .def("\"rest\"")
      .one_of({"rest", "taylor-green", "taylor-green-3d"})
      .describe("initial state: fluid at rest, the 2D Taylor-Green vortex u = U sin(2 pi x/Lx) cos(2 pi y/Ly) (periodic x, y; velocity_error reported), or the 3D one u = U sin x cos y cos z, v = -U cos x sin y cos z (x scaled by 2 pi/L; kinetic_energy_mean and dissipation_rate reported)");
  s.add("physics.amplitude", io::KeyType::real).def("1.0").units("m/s").describe("velocity amplitude U of the Taylor-Green vortex");
  s.add("physics.upwind", io::KeyType::real)
      .def("0.0")
      .at_least(0)
      .at_most(1)
      .describe("donor-cell weight of the advective fluxes: 0 = central (2nd order, energy conserving), 1 = first-order upwind");
  s.add("physics.max_divergence", io::KeyType::real)
      .def("5e-10")
      .above(0)
      .describe("max |div u| h/U after a projection: while it is above, up to 2 more correction passes run (solver.rtol alone does not bound it when buoyancy makes div u* large)");
  declare_viscous_schema(s);
  declare_transport_schema(s);
  declare_open_boundary_schema(s);
  declare_solver_schema(s);
}

std::unique_ptr<App> create(const io::Deck& deck) {
  Params p;
  p.init = deck.string("physics.init");
  p.amplitude = deck.real("physics.amplitude");
  p.upwind = deck.real("physics.upwind");
  p.max_divergence = deck.real("physics.max_divergence");
  p.viscous = viscous_settings(deck);
  p.open = open_boundary_input(deck);
  p.transport = transport_from_deck(deck, p.upwind);
  p.nu = p.transport.nu;
  p.solver = solver_settings_from_deck(deck);
  return std::make_unique<NavierStokesApp>(std::move(p));
}

AppInfo app_info() {
  return AppInfo{"ns",
                 "incompressible Navier-Stokes, MAC grid, AB2 + incremental pressure projection",
                 &declare_schema, &create};
}

}  // namespace boreas::ns
