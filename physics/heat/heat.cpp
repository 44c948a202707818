#include "physics/heat/heat.hpp"

#include <cmath>

#include "core/error.hpp"
#include "io/deck/keys.hpp"
#include "mesh/field_ops.hpp"
#include "mesh/mesh_keys.hpp"
#include "physics/common/solver_keys.hpp"
#include "physics/heat/problems/problems.hpp"
#include "solvers/diffusion_stage.hpp"
#include "solvers/explicit_integrator.hpp"
#include "solvers/factory.hpp"
#include "solvers/linear/elliptic.hpp"

namespace boreas::heat {
namespace {

enum class Implicit { none, backward_euler, crank_nicolson };

struct Params {
  double kappa = 1.0;
  double heating = 0.0;
  TimeScheme scheme = TimeScheme::ssp_rk3;
  Implicit implicit = Implicit::none;
  linear::SolverSettings solver;
};

void keys(io::Keys<Params> k) {
  k.real("physics.kappa", &Params::kappa)
      .def("1.0")
      .above(0)
      .units("m^2/s")
      .describe("thermal diffusivity");
  k.real("physics.heating", &Params::heating)
      .def("0.0")
      .units("K/s")
      .describe("uniform volumetric heating rate S in dT/dt = kappa lap T + S");
  k.choice("physics.integrator", &Params::scheme,
           {{"forward_euler", TimeScheme::forward_euler},
            {"ssp_rk2", TimeScheme::ssp_rk2},
            {"ssp_rk3", TimeScheme::ssp_rk3}})
      .def("\"ssp_rk3\"")
      .describe("explicit time integrator (time.scheme = \"explicit\")");
  k.choice("time.scheme", &Params::implicit,
           {{"explicit", Implicit::none},
            {"backward-euler", Implicit::backward_euler},
            {"crank-nicolson", Implicit::crank_nicolson}})
      .def("\"explicit\"")
      .describe(
          "explicit (physics.integrator, dt limited by diffusion) or implicit through the [solver] "
          "(dt = run.dt, unlimited)");
  solver_keys(k.sub(&Params::solver));
}

class HeatApp final : public App {
 public:
  HeatApp(Params p, std::unique_ptr<Problem> problem)
      : p_(std::move(p)), problem_(std::move(problem)) {
    eq_.kappa = p_.kappa;
    eq_.heating = p_.heating;
  }

  int ghost_width() const override { return 1; }

  void declare(const Mesh& mesh, const FaceConditions& faces, Fields& f,
               io::DeckProblems& problems) override {
    mesh_ = &mesh;
    fields_ = &f;
    bcs_ = Boundaries(1);
    accept_face_types("heat", mesh.dim(), faces,
                      {BoundaryType::periodic, BoundaryType::dirichlet, BoundaryType::neumann},
                      problems);
    for (int i = 0; i < 6; ++i) bcs_.set(static_cast<Face>(i), 0, faces[i]);
    problem_->check(eq_, mesh, problems);
    f.field(T_, "T", {"T"}, kHalo | kEvolved);
    f.describe("T", {"temperature", "K"});
    if (problem_->has_exact()) f.scratch(exact_, "heat_exact_profile", 1);
    if (problem_->has_source() || p_.heating != 0.0) f.scratch(source_, "heat_source", 1);
    if (implicit()) {
      f.scratch(rhs_, "heat_rhs", 1);
      f.reserve("linear solver", 8);
    } else {
      f.reserve("integrator stages", p_.scheme == TimeScheme::ssp_rk3 ? 2 : 1);
    }
    f.diagnostic("energy", [this](double) {
      return mesh_->context().sum(local_stats(*mesh_, T_, 0).sum) * mesh_->cell_volume();
    });
    f.diagnostic("T_min", [this](double) { return global_stats(*mesh_, T_, 0).min; });
    f.diagnostic("T_max", [this](double) { return global_stats(*mesh_, T_, 0).max; });
    if (problem_->has_exact()) f.diagnostic("l2_error", [this](double t) { return l2_error(t); });
    if (implicit()) {
      f.diagnostic("iterations",
                   [this](double) { return static_cast<double>(last_solve_.iterations); });
    }
  }

  void setup() override {
    check_boundaries(*mesh_, bcs_);
    integrator_ = std::make_unique<ExplicitIntegrator>(p_.scheme, *mesh_, 1);
    if (implicit()) {
      problem_data_.mesh = mesh_;
      problem_data_.bcs = bcs_;
      problem_data_.shift = 1.0;
      problem_data_.k_constant = p_.kappa;
    }
    if (problem_->has_exact()) problem_->exact_profile(*mesh_, exact_);
    if (problem_->has_source()) {
      problem_->source_profile(*mesh_, source_);
    } else if (p_.heating != 0.0) {
      Kokkos::deep_copy(source_, 1.0);
    }
    problem_->initial_state(*mesh_, T_);
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

  int updates_per_step() const override { return implicit() ? 1 : stage_count(p_.scheme); }

 private:
  bool implicit() const { return p_.implicit != Implicit::none; }
  bool has_source() const { return source_.data() != nullptr; }

  // g(t) multiplying the source profile: the problem's own source, or the
  // uniform heating.
  double source_factor(double t) const {
    if (problem_->has_source()) return problem_->source_factor(t, eq_, *mesh_);
    return p_.heating;
  }

  // Backward Euler:  (I - dt kappa lap) T1 = T0 + dt g(t+dt) s
  // Crank-Nicolson:  (I - dt/2 kappa lap) T1 = (I + dt/2 kappa lap) T0 + dt/2 (g(t) + g(t+dt)) s
  // The right-hand side reuses the fused explicit kernel (diffusion weight 0
  // for backward Euler); boundary values enter through the elliptic lift.
  void implicit_step(double t, double dt) {
    const bool cn = p_.implicit == Implicit::crank_nicolson;
    const double h = cn ? 0.5 * dt : dt;
    const double g = cn ? source_factor(t) + source_factor(t + dt) : source_factor(t + dt);
    fused_update(rhs_, T_, T_, 0.0, 1.0, h, cn ? 1.0 : 0.0, g);
    if (!solver_ || solver_dt_ != dt) {
      // The operator depends on dt: rebuild (multigrid setup) when it changes.
      problem_data_.scale = h;  // A = I - h div(kappa grad)
      solver_ = linear::make_solver(problem_data_, p_.solver);
      solver_dt_ = dt;
    }
    linear::add_boundary_terms(problem_data_, rhs_);
    last_solve_ = solver_->solve(rhs_, T_);
  }

  // The framework has exchanged the halos; the boundary ghosts are ours.
  void refresh_ghosts() override { apply_boundaries(*mesh_, T_, bcs_); }

  // out = a u0 + b (u + dt (w kappa lap u + g s)) over the interior, with
  // u's ghosts refreshed first; w = 0 drops the diffusion term.
  void fused_update(const FieldView& out, const FieldView& u0, const FieldView& u, double a,
                    double b, double dt, double w, double g) {
    if (w != 0.0) {  // without diffusion no neighbour is read (their weight is 0)
      fields_->exchange(u);
      apply_boundaries(*mesh_, u, bcs_);
    }
    DiffusionStageCoefficients c;
    c.a = a;
    c.b = b;
    c.dt = dt;
    c.cx = w * p_.kappa / (mesh_->dx(0) * mesh_->dx(0));
    if (mesh_->dim() >= 2) c.cy = w * p_.kappa / (mesh_->dx(1) * mesh_->dx(1));
    if (mesh_->dim() >= 3) c.cz = w * p_.kappa / (mesh_->dx(2) * mesh_->dx(2));
    c.source = g;
    diffusion_stage(mesh_->interior(), mesh_->dim(), out, u0, u, source_, has_source(), c);
  }

  // Volume-weighted RMS difference to the exact solution.
  double l2_error(double t) const {
    const double g = problem_->exact_factor(t, eq_, *mesh_), bg = problem_->exact_background();
    const double local = local_squared_difference(*mesh_, T_, 0, exact_, 0, g, bg);
    const double total = mesh_->context().sum(local);
    return std::sqrt(total / static_cast<double>(mesh_->global_cell_count()));
  }

  Params p_;
  Equation eq_;
  std::unique_ptr<Problem> problem_;
  const Mesh* mesh_ = nullptr;
  Fields* fields_ = nullptr;
  Boundaries bcs_{1};
  FieldView T_, exact_, source_, rhs_;
  std::unique_ptr<ExplicitIntegrator> integrator_;
  linear::EllipticProblem problem_data_;
  std::unique_ptr<linear::Solver> solver_;
  double solver_dt_ = 0.0;
  linear::SolveStats last_solve_;
};

std::unique_ptr<App> create(const io::Deck& deck, io::DeckProblems& problems) {
  Params p;
  keys(io::Keys<Params>(deck, p));
  if (p.implicit != Implicit::none && !deck.has("run.dt")) {
    problems.add({"time.scheme"}, "time.scheme = \"" + deck.string("time.scheme") +
                                      "\" needs a fixed time step: set run.dt");
  }
  check_solver_settings(deck, p.solver, problems);
  return std::make_unique<HeatApp>(std::move(p), make_problem(deck, problems));
}

}  // namespace

AppInfo app_info() {
  return AppInfo{"heat",
                 "explicit or implicit 2nd-order diffusion of a temperature field",
                 [](io::Schema& s) { keys(io::Keys<Params>(s)); },
                 problems(),
                 &create,
                 {{"dirichlet", "the value of T on the face"},
                  {"neumann", "the outward normal gradient of T on the face (K/m)"}}};
}

}  // namespace boreas::heat
