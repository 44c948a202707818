#include "physics/ns/ns.hpp"

#include <cmath>
#include <utility>

#include "core/error.hpp"
#include "mesh/halo.hpp"
#include "physics/common/solver_setup.hpp"
#include "physics/ns/ns_kernels.hpp"
#include "physics/ns/ns_parameters.hpp"
#include "physics/ns/ns_transport.hpp"
#include "solvers/linear/elliptic.hpp"

namespace boreas::ns {
namespace {

constexpr double kTwoPi = 6.28318530717958647692;

struct Params {
  double nu = 0.01;
  std::string init = "rest";
  double amplitude = 1.0;
  double upwind = 0.0;
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
    if (c == 0) return decay * U * std::sin(a * x[0]) * std::cos(b * x[1]);
    if (c == 1) return -decay * U * (a / b) * std::cos(a * x[0]) * std::sin(b * x[1]);
    return 0.0;
  }
  KOKKOS_INLINE_FUNCTION double pressure(int j, int i) const {
    const double x = lower[0] + (off[0] + i + 0.5) * h[0];
    const double y = lower[1] + (off[1] + j + 0.5) * h[1];
    return 0.25 * U * U * (std::cos(2 * a * x) + (a / b) * (a / b) * std::cos(2 * b * y));
  }
};

class NavierStokesApp final : public App {
 public:
  explicit NavierStokesApp(Params p) : p_(std::move(p)) {}

  int ghost_width() const override { return 1; }

  void setup(const Mesh& mesh, const std::array<BoundaryCondition, 6>& faces) override {
    mesh_ = &mesh;
    if (mesh.dim() < 2) throw InputError("ns: needs a 2D or 3D mesh (mesh.cells with 2 or 3 entries)");
    problem_.mesh = &mesh;
    for (int f = 0; f < 2 * mesh.dim(); ++f) {
      const Face face = static_cast<Face>(f);
      const auto t = faces[f].type;
      if (t != BoundaryType::periodic && t != BoundaryType::wall && t != BoundaryType::reflecting) {
        throw InputError("ns: boundary." + face_name(face) + " = '" + boundary_type_name(t) +
                         "' is not supported (wall, reflecting = free slip, periodic)");
      }
      faces_[f] = faces[f];
      BoundaryCondition pc;
      pc.type = t == BoundaryType::periodic ? BoundaryType::periodic : BoundaryType::neumann;
      problem_.bcs.set(face, 0, pc);
    }
    check_boundaries(mesh, problem_.bcs);
    const int dim = mesh.dim();
    vel_ = mesh.make_field("velocity", dim);
    H_ = mesh.make_field("ns_rhs", dim);
    Hold_ = mesh.make_field("ns_rhs_old", dim);
    p_field_ = mesh.make_field("p", 1);
    phi_ = mesh.make_field("phi", 1);
    rhs_ = mesh.make_field("ns_poisson_rhs", 1);
    vel_halo_ = std::make_unique<HaloExchange>(mesh, dim);
    p_halo_ = std::make_unique<HaloExchange>(mesh, 1);
    const TransportSettings& tr = p_.transport;
    if (tr.boussinesq && tr.thermal.axis >= dim) throw InputError("ns: physics.gravity_axis is beyond the mesh dimension");
    transport_ = std::make_unique<Transport>(mesh, tr.boussinesq ? &tr.thermal : nullptr, tr.scalars);
    make_taylor_green();
    if (p_.init == "taylor-green") set_taylor_green();
    fill_velocity_ghosts();
    solver_ = linear::make_solver(problem_, p_.solver);
  }

  double max_stable_dt() const override {
    // Advection: sum_d |u_d| dt / h_d <= 1/2 (AB2 with central differences is
    // only damped by viscosity; half the inviscid limit keeps a margin).
    // Viscosity: AB2 is stable for nu dt sum_d 4/h_d^2 <= 1.
    double rate = 0.0, visc = 0.0;
    for (int c = 0; c < mesh_->dim(); ++c) {
      const double h = mesh_->dx(c);
      double umax = mesh_->context().max(local_max_abs(mesh_->interior(), c, vel_));
      umax = std::max(umax, max_wall_speed());
      rate += umax / h;
      visc += 4.0 / (h * h);
    }
    const double dt_adv = rate > 0 ? 0.5 / rate : 1e300;
    const double diffusivity = std::max(p_.nu, transport_->max_diffusivity());
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
    p_halo_->exchange(p_field_);
    apply_boundaries(*mesh_, p_field_, problem_.bcs);
    for (int c = 0; c < dim; ++c) {
      MomentumCoefficients m;
      m.dim = dim;
      m.c = c;
      for (int d = 0; d < dim; ++d) m.inv_h[d] = 1.0 / mesh_->dx(d);
      m.nu = p_.nu;
      m.upwind = p_.upwind;
      momentum_rhs(face_box(c), vel_, H_, m);
    }
    // Both right-hand sides from the state at t^n, then T and the scalars move on.
    transport_->step(vel_, H_, face_box(p_.transport.thermal.axis), dt, wa, wb);
    for (int c = 0; c < dim; ++c) {
      predict(face_box(c), c, 1.0 / mesh_->dx(c), dt, wa, wb, vel_, H_, Hold_, p_field_);
    }
    std::swap(H_, Hold_);
    have_old_ = true;
    dt_old_ = dt;
    project(dt);
  }

  std::vector<std::string> diagnostic_names() const override {
    std::vector<std::string> n = {"kinetic_energy",      "max_div",          "max_div_scaled",
                                  "max_div_scaled_run",  "pressure_iterations", "pressure_residual"};
    if (p_.init == "taylor-green") n.push_back("velocity_error");
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

 private:
  // The c-faces this rank updates: its interior cells' lower c-faces, minus
  // the wall face itself when the lower c face is a physical boundary.
  Box face_box(int c) const {
    Box b = mesh_->interior();
    int* lo[3] = {&b.i0, &b.j0, &b.k0};
    if (mesh_->is_physical_boundary(static_cast<Face>(2 * c))) *lo[c] += 1;
    return b;
  }

  double max_wall_speed() const {
    double s = 0.0;
    for (int f = 0; f < 2 * mesh_->dim(); ++f) {
      if (faces_[f].type == BoundaryType::wall) s = std::max(s, std::fabs(faces_[f].value));
    }
    return s;
  }

  // Halo exchange, then the wall conditions face by face (x, y, z order).
  void fill_velocity_ghosts() {
    vel_halo_->exchange(vel_);
    for (int f = 0; f < 2 * mesh_->dim(); ++f) {
      const Face face = static_cast<Face>(f);
      if (!mesh_->is_physical_boundary(face)) continue;
      const BoundaryCondition& bc = faces_[f];
      const WallKind kind = bc.type == BoundaryType::wall ? WallKind::no_slip : WallKind::free_slip;
      const int d = face_dir(face);
      const int tangential = d == 0 ? 1 : 0;  // the direction a moving wall slides in
      for (int c = 0; c < mesh_->dim(); ++c) {
        const double speed = c == tangential ? bc.value : 0.0;
        fill_velocity_face(*mesh_, vel_, face, c, kind, speed);
      }
    }
  }

  // Makes vel_ discretely divergence-free and advances the pressure.
  void project(double dt) {
    fill_velocity_ghosts();
    // A phi = -lap phi = -div(u*) / dt.
    divergence(*mesh_, vel_, rhs_, -1.0 / dt);
    Kokkos::deep_copy(phi_, 0.0);
    last_ = solver_->solve(rhs_, phi_);
    total_iterations_ += last_.iterations;
    p_halo_->exchange(phi_);
    apply_boundaries(*mesh_, phi_, problem_.bcs);
    for (int c = 0; c < mesh_->dim(); ++c) correct(face_box(c), c, 1.0 / mesh_->dx(c), dt, vel_, phi_);
    axpby(*mesh_, p_field_, 1.0, p_field_, 1.0, phi_);
    fill_velocity_ghosts();
    max_div_ = mesh_->context().max(local_max_divergence(*mesh_, vel_));
    max_scaled_run_ = std::max(max_scaled_run_, scaled_divergence());
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

  void set_taylor_green() {
    const TaylorGreen tg = tg_;
    const FieldView vel = vel_, p = p_field_;
    const int dim = mesh_->dim();
    par_for(
        "ns_taylor_green", mesh_->interior(), KOKKOS_LAMBDA(const int k, const int j, const int i) {
          for (int c = 0; c < dim; ++c) vel(c, k, j, i) = tg.velocity(c, k, j, i, 1.0);
          p(0, k, j, i) = tg.pressure(j, i);
        });
  }

  // RMS over all updated faces of the velocity error against the decaying vortex.
  double velocity_error(double t) const {
    const TaylorGreen tg = tg_;
    const FieldView vel = vel_;
    const double decay = std::exp(-p_.nu * (tg.a * tg.a + tg.b * tg.b) * t);
    double ss = 0.0;
    for (int c = 0; c < mesh_->dim(); ++c) {
      double s = 0.0;
      par_reduce(
          "ns_tg_error", mesh_->interior(),
          KOKKOS_LAMBDA(const int k, const int j, const int i, double& acc) {
            const double e = vel(c, k, j, i) - tg.velocity(c, k, j, i, decay);
            acc += e * e;
          },
          Kokkos::Sum<double>(s));
      ss += s;
    }
    const double n = static_cast<double>(mesh_->global_cell_count()) * mesh_->dim();
    return std::sqrt(mesh_->context().sum(ss) / n);
  }

  Params p_;
  const Mesh* mesh_ = nullptr;
  std::array<BoundaryCondition, 6> faces_{};
  linear::EllipticProblem problem_;
  FieldView vel_, H_, Hold_, p_field_, phi_, rhs_;
  std::unique_ptr<HaloExchange> vel_halo_, p_halo_;
  std::unique_ptr<linear::Solver> solver_;
  std::unique_ptr<Transport> transport_;
  linear::SolveStats last_;
  long long total_iterations_ = 0;
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
      .one_of({"rest", "taylor-green"})
      .describe("initial state: fluid at rest, or the 2D Taylor-Green vortex u = U sin(2 pi x/Lx) cos(2 pi y/Ly) (periodic x, y; velocity_error reported)");
  s.add("physics.amplitude", io::KeyType::real).def("1.0").units("m/s").describe("velocity amplitude U of the Taylor-Green vortex");
  s.add("physics.upwind", io::KeyType::real)
      .def("0.0")
      .at_least(0)
      .at_most(1)
      .describe("donor-cell weight of the advective fluxes: 0 = central (2nd order, energy conserving), 1 = first-order upwind");
  declare_transport_schema(s);
  declare_solver_schema(s);
}

std::unique_ptr<App> create(const io::Deck& deck) {
  Params p;
  p.init = deck.string("physics.init");
  p.amplitude = deck.real("physics.amplitude");
  p.upwind = deck.real("physics.upwind");
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
