#include "physics/poisson/poisson.hpp"

#include <cmath>

#include "io/deck/keys.hpp"
#include "mesh/field_ops.hpp"
#include "mesh/mesh_keys.hpp"
#include "physics/common/solver_keys.hpp"
#include "physics/poisson/problems/problem.hpp"
#include "solvers/factory.hpp"
#include "solvers/linear/elliptic.hpp"

namespace boreas::poisson {
namespace {

struct Params {
  linear::SolverSettings solver;
};

void keys(io::Keys<Params> k) {
  solver_keys(k.sub(&Params::solver));
}

// RMS of u - exact over the interior; with `remove_mean` (u fixed only up
// to a constant) after removing the mean difference. (A free function:
// nvcc does not allow device lambdas in private members.)
double rms_error(const Mesh& mesh, const FieldView& u, const FieldView& ex, bool remove_mean) {
  const Context& ctx = mesh.context();
  const double n = static_cast<double>(mesh.global_cell_count());
  double shift = 0.0;
  if (remove_mean) {
    double local = 0.0;
    par_reduce(
        "poisson_mean_error", mesh.interior(),
        KOKKOS_LAMBDA(int k, int j, int i, double& acc) { acc += u(0, k, j, i) - ex(0, k, j, i); },
        Kokkos::Sum<double>(local));
    shift = ctx.sum(local) / n;
  }
  double local = 0.0;
  par_reduce(
      "poisson_l2_error", mesh.interior(),
      KOKKOS_LAMBDA(int k, int j, int i, double& acc) {
        const double e = u(0, k, j, i) - ex(0, k, j, i) - shift;
        acc += e * e;
      },
      Kokkos::Sum<double>(local));
  return std::sqrt(ctx.sum(local) / n);
}

class PoissonApp final : public App {
 public:
  PoissonApp(Params p, std::unique_ptr<Problem> problem)
      : p_(std::move(p)), problem_(std::move(problem)) {}

  int ghost_width() const override { return 1; }

  void declare(const Mesh& mesh, const FaceConditions& faces, Fields& f,
               io::DeckProblems& problems) override {
    mesh_ = &mesh;
    data_ = linear::EllipticProblem{};
    data_.mesh = &mesh;
    accept_face_types("poisson", mesh.dim(), faces,
                      {BoundaryType::periodic, BoundaryType::dirichlet, BoundaryType::neumann},
                      problems);
    for (int i = 0; i < 6; ++i) data_.bcs.set(static_cast<Face>(i), 0, faces[i]);
    problem_->check(mesh, problems);
    f.field(u_, "u", {"u"}, kState);
    f.describe("u", {"solution u of the Poisson problem", ""});  // units: the user's
    f.scratch(f_, "f", 1);
    f.scratch(rhs_, "poisson_rhs", 1);
    if (problem_->variable_k()) f.scratch(data_.coefficient, "k", 1);
    if (problem_->has_exact()) f.scratch(exact_, "u_exact", 1);
    f.reserve("linear solver", 8);
    f.diagnostic("iterations", [this](double) { return static_cast<double>(last_.iterations); });
    f.diagnostic("initial_residual", [this](double) { return last_.initial_residual; });
    f.diagnostic("final_residual", [this](double) { return last_.final_residual; });
    f.diagnostic("solve_seconds", [this](double) { return last_.solve_seconds; });
    f.diagnostic("u_min", [this](double) { return global_stats(*mesh_, u_, 0).min; });
    f.diagnostic("u_max", [this](double) { return global_stats(*mesh_, u_, 0).max; });
    if (problem_->has_exact()) {
      f.diagnostic("l2_error",
                   [this](double) { return rms_error(*mesh_, u_, exact_, data_.singular()); });
    }
  }

  void setup() override {
    check_boundaries(*mesh_, data_.bcs);
    data_.k_constant = problem_->k_constant();
    if (problem_->variable_k()) problem_->coefficient(*mesh_, data_.coefficient);
    if (problem_->has_exact()) problem_->exact(*mesh_, exact_);
    problem_->source(*mesh_, f_);
    solver_ = linear::make_solver(data_, p_.solver);
  }

  // Steady problem: the time step only counts solves.
  double max_stable_dt() const override { return 1.0; }

  void step(double, double) override {
    Kokkos::deep_copy(rhs_, f_);
    problem_->add_boundary_terms(data_, rhs_);
    last_ = solver_->solve(rhs_, u_);
  }

 private:
  Params p_;
  std::unique_ptr<Problem> problem_;
  const Mesh* mesh_ = nullptr;
  linear::EllipticProblem data_;
  FieldView u_, f_, rhs_, exact_;
  std::unique_ptr<linear::Solver> solver_;
  linear::SolveStats last_;
};

std::unique_ptr<App> create(const io::Deck& deck, io::DeckProblems& problems) {
  Params p;
  keys(io::Keys<Params>(deck, p));
  check_solver_settings(deck, p.solver, problems);
  return std::make_unique<PoissonApp>(std::move(p), make_problem(deck));
}

}  // namespace

AppInfo app_info() {
  return AppInfo{"poisson",
                 "steady -div(k grad u) = f, solved by native CG+MG or PETSc",
                 [](io::Schema& s) { keys(io::Keys<Params>(s)); },
                 problems(),
                 &create,
                 {{"dirichlet", "the value of u on the face"},
                  {"neumann", "the outward normal gradient of u on the face (u/m)"}}};
}

}  // namespace boreas::poisson
