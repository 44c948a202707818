#include "physics/heat/heat.hpp"

#include <cmath>
#include <optional>

#include "core/math.hpp"
#include "core/error.hpp"
#include "mesh/field_ops.hpp"
#include "mesh/halo.hpp"
#include "physics/common/solver_setup.hpp"
#include "physics/heat/heat_kernels.hpp"
#include "solvers/explicit_integrator.hpp"
#include "solvers/factory.hpp"
#include "solvers/linear/elliptic.hpp"

namespace boreas::heat {
namespace {

constexpr double kPi = 3.14159265358979323846;

struct Params {
  double kappa = 1.0;
  std::string init = "gaussian";
  double amplitude = 1.0;
  double background = 0.0;
  double width = 0.1;
  std::vector<double> center;
  std::vector<long long> mode;
  std::string source = "none";
  double source_strength = 0.0;
  double omega = 1.0;
  TimeScheme scheme = TimeScheme::ssp_rk3;
  // "explicit" (scheme above), "backward-euler" or "crank-nicolson".
  std::string time_scheme = "explicit";
  linear::SolverSettings solver;
};

// Device kernels live in free functions: nvcc does not allow extended
// lambdas in private member functions.

// prof = prod_d sin(k_d (x_d - lower_d)) over every local cell.
void fill_sine_profile(const Mesh& mesh, const std::vector<long long>& mode, const FieldView& prof) {
  const int dim = mesh.dim();
  double k[3] = {0, 0, 0}, dx[3] = {1, 1, 1};
  int off[3] = {0, 0, 0};
  for (int d = 0; d < dim; ++d) {
    k[d] = mode[d] * kPi / (mesh.upper(d) - mesh.lower(d));
    dx[d] = mesh.dx(d);
    off[d] = mesh.offset(d) - mesh.ghost(d);
  }
  par_for(
      "heat_sine_profile", mesh.all(), KOKKOS_LAMBDA(int kk, int j, int i) {
        const int idx[3] = {i, j, kk};
        double v = 1.0;
        for (int d = 0; d < dim; ++d) v *= math::sin(k[d] * (off[d] + idx[d] + 0.5) * dx[d]);
        prof(0, kk, j, i) = v;
      });
}

// T = bg + amp * prof over the interior.
void init_from_profile(const Mesh& mesh, const FieldView& T, const FieldView& prof, double amp,
                       double bg) {
  par_for(
      "heat_init_sine", mesh.interior(),
      KOKKOS_LAMBDA(int k, int j, int i) { T(0, k, j, i) = bg + amp * prof(0, k, j, i); });
}

void init_constant(const Mesh& mesh, const FieldView& T, double bg) {
  par_for(
      "heat_init_constant", mesh.interior(),
      KOKKOS_LAMBDA(int k, int j, int i) { T(0, k, j, i) = bg; });
}

// T = bg + amp exp(-|x - c|^2 / (2 width^2)).
void init_gaussian(const Mesh& mesh, const FieldView& T, const std::vector<double>& center,
                   double width, double amp, double bg) {
  const int dim = mesh.dim();
  double c[3] = {0, 0, 0}, lo[3] = {0, 0, 0}, dx[3] = {1, 1, 1};
  int off[3] = {0, 0, 0};
  for (int d = 0; d < dim; ++d) {
    c[d] = center[d];
    lo[d] = mesh.lower(d);
    dx[d] = mesh.dx(d);
    off[d] = mesh.offset(d) - mesh.ghost(d);
  }
  const double inv2s2 = 1.0 / (2.0 * width * width);
  par_for(
      "heat_init_gaussian", mesh.interior(), KOKKOS_LAMBDA(int k, int j, int i) {
        const int idx[3] = {i, j, k};
        double r2 = 0.0;
        for (int d = 0; d < dim; ++d) {
          const double x = lo[d] + (off[d] + idx[d] + 0.5) * dx[d] - c[d];
          r2 += x * x;
        }
        T(0, k, j, i) = bg + amp * math::exp(-r2 * inv2s2);
      });
}

// This rank's sum over the interior of (T - (bg + g prof))^2.
double local_profile_error(const Mesh& mesh, const FieldView& T, const FieldView& prof, double g,
                           double bg) {
  double local = 0.0;
  par_reduce(
      "heat_l2_error", mesh.interior(),
      KOKKOS_LAMBDA(int k, int j, int i, double& acc) {
        const double e = T(0, k, j, i) - (bg + g * prof(0, k, j, i));
        acc += e * e;
      },
      Kokkos::Sum<double>(local));
  return local;
}

class HeatApp final : public App {
 public:
  explicit HeatApp(Params p) : p_(std::move(p)) {}

  int ghost_width() const override { return 1; }

  void setup(const Mesh& mesh, const std::array<BoundaryCondition, 6>& faces) override {
    mesh_ = &mesh;
    bcs_.emplace(1);
    for (int f = 0; f < 6; ++f) {
      const auto t = faces[f].type;
      if (t != BoundaryType::periodic && t != BoundaryType::dirichlet &&
          t != BoundaryType::neumann) {
        throw InputError("heat: boundary." + face_name(static_cast<Face>(f)) + " = '" +
                         boundary_type_name(t) + "' is not supported (periodic, dirichlet, neumann)");
      }
      bcs_->set(static_cast<Face>(f), 0, faces[f]);
    }
    check_boundaries(mesh, *bcs_);
    T_ = mesh.make_field("T", 1);
    halo_ = std::make_unique<HaloExchange>(mesh, 1);
    integrator_ = std::make_unique<ExplicitIntegrator>(p_.scheme, mesh, 1);
    if (implicit()) {
      rhs_ = mesh.make_field("heat_rhs", 1);
      problem_.mesh = &mesh;
      problem_.bcs = *bcs_;
      problem_.shift = 1.0;
      problem_.k_constant = p_.kappa;
    }
    make_sine_profile();
    set_initial_condition();
  }

  double max_stable_dt() const override {
    // Forward-Euler limit of the 2nd-order Laplacian; SSP-RK2/3 are at least as stable.
    double s = 0.0;
    for (int d = 0; d < mesh_->dim(); ++d) s += 1.0 / (mesh_->dx(d) * mesh_->dx(d));
    return 1.0 / (2.0 * p_.kappa * s);
  }

  void step(double t, double dt) override {
    if (implicit()) return implicit_step(t, dt);
    integrator_->step(*this, T_, t, dt);
  }

  // Called by the integrator: one fused stage.
  void stage(const FieldView& out, const FieldView& u0, const FieldView& u, double a, double b,
             double dt, double t) {
    fused_update(out, u0, u, a, b, dt, 1.0, source_factor(t));
  }

  std::vector<std::string> diagnostic_names() const override {
    std::vector<std::string> n = {"energy", "T_min", "T_max"};
    if (p_.init == "sine") n.push_back("l2_error");
    if (implicit()) n.push_back("iterations");
    return n;
  }

  std::vector<double> diagnostics(double t) const override {
    const FieldStats s = global_stats(*mesh_, T_, 0);
    std::vector<double> d = {s.sum * mesh_->cell_volume(), s.min, s.max};
    if (p_.init == "sine") d.push_back(l2_error(t));
    if (implicit()) d.push_back(last_solve_.iterations);
    return d;
  }

  std::vector<StateVariable> state() const override { return {{"T", T_, 0}}; }
  int updates_per_step() const override { return implicit() ? 1 : stage_count(p_.scheme); }

 private:
  bool implicit() const { return p_.time_scheme != "explicit"; }

  // Backward Euler:  (I - dt kappa lap) T1 = T0 + dt g(t+dt) s
  // Crank-Nicolson:  (I - dt/2 kappa lap) T1 = (I + dt/2 kappa lap) T0 + dt/2 (g(t) + g(t+dt)) s
  // The right-hand side reuses the fused explicit kernel (diffusion weight 0
  // for backward Euler); boundary values enter through the elliptic lift.
  void implicit_step(double t, double dt) {
    const bool cn = p_.time_scheme == "crank-nicolson";
    const double h = cn ? 0.5 * dt : dt;
    const double g = cn ? source_factor(t) + source_factor(t + dt) : source_factor(t + dt);
    fused_update(rhs_, T_, T_, 0.0, 1.0, h, cn ? 1.0 : 0.0, g);
    if (!solver_ || solver_dt_ != dt) {
      // The operator depends on dt: rebuild (multigrid setup) when it changes.
      problem_.scale = h;  // A = I - h div(kappa grad)
      solver_ = linear::make_solver(problem_, p_.solver);
      solver_dt_ = dt;
    }
    linear::add_boundary_terms(problem_, rhs_);
    last_solve_ = solver_->solve(rhs_, T_);
  }

  // out = a u0 + b (u + dt (w kappa lap u + g s)) over the interior, with
  // u's ghosts refreshed first; w = 0 drops the diffusion term.
  void fused_update(const FieldView& out, const FieldView& u0, const FieldView& u, double a,
                    double b, double dt, double w, double g) {
    if (w != 0.0) {  // without diffusion no neighbour is read (their weight is 0)
      halo_->exchange(u);
      apply_boundaries(*mesh_, u, *bcs_);
    }
    StageCoefficients c;
    c.a = a;
    c.b = b;
    c.dt = dt;
    c.cx = w * p_.kappa / (mesh_->dx(0) * mesh_->dx(0));
    if (mesh_->dim() >= 2) c.cy = w * p_.kappa / (mesh_->dx(1) * mesh_->dx(1));
    if (mesh_->dim() >= 3) c.cz = w * p_.kappa / (mesh_->dx(2) * mesh_->dx(2));
    c.source = g;
    heat_stage(mesh_->interior(), mesh_->dim(), out, u0, u, source_profile_, has_source(), c);
  }

  bool has_source() const { return p_.source != "none"; }

  double k_squared() const {
    double k2 = 0.0;
    for (int d = 0; d < mesh_->dim(); ++d) {
      const double k = p_.mode[d] * kPi / (mesh_->upper(d) - mesh_->lower(d));
      k2 += k * k;
    }
    return k2;
  }

  // g(t) multiplying the source profile.
  double source_factor(double t) const {
    if (p_.source == "constant") return p_.source_strength;
    if (p_.source == "manufactured") {
      return p_.amplitude *
             (-p_.omega * std::sin(p_.omega * t) + p_.kappa * k_squared() * std::cos(p_.omega * t));
    }
    return 0.0;
  }

  // Amplitude of the exact sine solution at time t.
  double exact_factor(double t) const {
    if (p_.source == "manufactured") return p_.amplitude * std::cos(p_.omega * t);
    return p_.amplitude * std::exp(-p_.kappa * k_squared() * t);
  }

  // sine_ = prod_d sin(k_d (x_d - lower_d)) when the sine solution is used;
  // source_profile_ = the spatial shape of the source (sine_ or ones).
  void make_sine_profile() {
    if (p_.init == "sine" || p_.source == "manufactured") {
      sine_ = mesh_->make_field("heat_sine", 1);
      fill_sine_profile(*mesh_, p_.mode, sine_);
    }
    if (p_.source == "manufactured") source_profile_ = sine_;
    if (p_.source == "constant") {
      source_profile_ = mesh_->make_field("heat_source", 1);
      Kokkos::deep_copy(source_profile_, 1.0);
    }
  }

  void set_initial_condition() {
    if (p_.init == "sine") return init_from_profile(*mesh_, T_, sine_, p_.amplitude, p_.background);
    if (p_.init == "constant") return init_constant(*mesh_, T_, p_.background);
    init_gaussian(*mesh_, T_, p_.center, p_.width, p_.amplitude, p_.background);
  }

  // Volume-weighted RMS difference to the exact sine solution.
  double l2_error(double t) const {
    const double local = local_profile_error(*mesh_, T_, sine_, exact_factor(t), p_.background);
    const double total = mesh_->context().sum(local);
    return std::sqrt(total / static_cast<double>(mesh_->global_cell_count()));
  }

  Params p_;
  const Mesh* mesh_ = nullptr;
  std::optional<Boundaries> bcs_;
  FieldView T_;
  FieldView sine_;
  FieldView source_profile_;
  std::unique_ptr<HaloExchange> halo_;
  std::unique_ptr<ExplicitIntegrator> integrator_;
  // Implicit schemes.
  FieldView rhs_;
  linear::EllipticProblem problem_;
  std::unique_ptr<linear::Solver> solver_;
  double solver_dt_ = 0.0;
  linear::SolveStats last_solve_;
};

}  // namespace

void declare_schema(io::Schema& s) {
  s.add("physics.kappa", io::KeyType::real).def("1.0").above(0).units("m^2/s").describe("thermal diffusivity");
  s.add("physics.init", io::KeyType::string)
      .def("\"gaussian\"")
      .one_of({"gaussian", "sine", "constant"})
      .describe("initial condition; 'sine' = prod sin(mode_d pi (x_d - lower_d) / L_d), whose exact solution is known");
  s.add("physics.amplitude", io::KeyType::real).def("1.0").units("K").describe("amplitude of the gaussian or sine initial condition");
  s.add("physics.background", io::KeyType::real).def("0.0").units("K").describe("constant added to the initial condition");
  s.add("physics.width", io::KeyType::real).def("0.1").above(0).units("m").describe("standard deviation of the gaussian");
  s.add("physics.center", io::KeyType::real_array).def("[0.5, 0.5, 0.5]").length(1, 3).units("m").describe("centre of the gaussian");
  s.add("physics.mode", io::KeyType::integer_array).def("[1, 1, 1]").length(1, 3).at_least(1).describe("half-wave numbers of the sine initial condition per direction");
  s.add("physics.source", io::KeyType::string)
      .def("\"none\"")
      .one_of({"none", "constant", "manufactured"})
      .describe("heat source: none, constant (source_strength), or manufactured (exact solution A cos(omega t) x sine profile)");
  s.add("physics.source_strength", io::KeyType::real).def("0.0").units("K/s").describe("value of the constant source");
  s.add("physics.omega", io::KeyType::real).def("1.0").units("1/s").describe("angular frequency of the manufactured solution");
  s.add("physics.integrator", io::KeyType::string)
      .def("\"ssp_rk3\"")
      .one_of(time_scheme_names())
      .describe("explicit time integrator (time.scheme = \"explicit\")");
  s.add("time.scheme", io::KeyType::string)
      .def("\"explicit\"")
      .one_of({"explicit", "backward-euler", "crank-nicolson"})
      .describe("explicit (physics.integrator, dt limited by diffusion) or implicit through the [solver] (dt = run.dt, unlimited)");
  declare_solver_schema(s);
}

std::unique_ptr<App> create(const io::Deck& deck) {
  Params p;
  p.kappa = deck.real("physics.kappa");
  p.init = deck.string("physics.init");
  p.amplitude = deck.real("physics.amplitude");
  p.background = deck.real("physics.background");
  p.width = deck.real("physics.width");
  p.center = deck.reals("physics.center");
  p.mode = deck.integers("physics.mode");
  p.source = deck.string("physics.source");
  p.source_strength = deck.real("physics.source_strength");
  p.omega = deck.real("physics.omega");
  p.scheme = parse_time_scheme(deck.string("physics.integrator"));
  p.time_scheme = deck.string("time.scheme");
  p.solver = solver_settings_from_deck(deck);
  if (p.time_scheme != "explicit" && !deck.has("run.dt")) {
    throw InputError("time.scheme = \"" + p.time_scheme + "\" needs a time step: set run.dt");
  }
  const std::size_t dim = deck.integers("mesh.cells").size();
  if (p.center.size() < dim) throw InputError("physics.center needs one entry per mesh dimension");
  if (p.mode.size() < dim) throw InputError("physics.mode needs one entry per mesh dimension");
  if (p.source == "manufactured" && p.init != "sine") {
    throw InputError("physics.source = \"manufactured\" needs physics.init = \"sine\"");
  }
  return std::make_unique<HeatApp>(std::move(p));
}

AppInfo app_info() {
  return AppInfo{"heat", "explicit 2nd-order diffusion of a temperature field", &declare_schema,
                 &create};
}

}  // namespace boreas::heat
