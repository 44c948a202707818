#include "physics/poisson/poisson.hpp"

#include <fmt/format.h>

#include <cmath>
#include <optional>

#include "core/error.hpp"
#include "mesh/field_ops.hpp"
#include "physics/common/solver_setup.hpp"
#include "physics/poisson/manufactured.hpp"
#include "solvers/factory.hpp"
#include "solvers/linear/elliptic.hpp"

namespace boreas::poisson {
namespace {

struct Params {
  std::string problem = "manufactured";
  std::string coefficient = "constant";
  double k = 1.0;
  double source = 1.0;
  std::vector<long long> mode;
  double phase = 0.3;
  linear::SolverSettings solver;
};

// Boundary data of the manufactured solution at the face centre of a
// boundary cell: u there (dirichlet) or du/dn outward (neumann).
struct ManufacturedFaceValues {
  Manufactured m;
  int ghost[3] = {0, 0, 0};
  int offset[3] = {0, 0, 0};
  double dx[3] = {1, 1, 1};
  bool neumann[6] = {false, false, false, false, false, false};

  KOKKOS_INLINE_FUNCTION double operator()(Face f, int k, int j, int i) const {
    const int idx[3] = {i, j, k};
    const int d = f / 2;
    const bool upper = f % 2 == 1;
    double x[3];
    for (int e = 0; e < 3; ++e) x[e] = m.lower[e] + (offset[e] + idx[e] - ghost[e] + 0.5) * dx[e];
    x[d] += upper ? 0.5 * dx[d] : -0.5 * dx[d];
    if (!neumann[f]) return m.u(x);
    return upper ? m.du(d, x) : -m.du(d, x);
  }
};

// Device kernels live in free functions: nvcc does not allow extended
// lambdas in private member functions.

enum class Quantity { coefficient, solution, source };

// out(0, cell) = k, u or f of the manufactured solution at the cell centre, over box.
void fill_manufactured(const Mesh& mesh, const Manufactured& m, Quantity q, const FieldView& out,
                       const Box& box) {
  double lo[3], dx[3];
  int off[3];
  for (int d = 0; d < 3; ++d) {
    lo[d] = mesh.lower(d);
    dx[d] = mesh.dx(d);
    off[d] = mesh.offset(d) - mesh.ghost(d);
  }
  par_for(
      "poisson_fill", box, KOKKOS_LAMBDA(const int k, const int j, const int i) {
        const int idx[3] = {i, j, k};
        double x[3];
        for (int d = 0; d < 3; ++d) x[d] = lo[d] + (off[d] + idx[d] + 0.5) * dx[d];
        out(0, k, j, i) = q == Quantity::coefficient ? m.k(x)
                          : q == Quantity::solution  ? m.u(x)
                                                     : m.f(x);
      });
}

// RMS of u - exact over the interior; with `remove_mean` (u fixed only up
// to a constant) after removing the mean difference.
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
  explicit PoissonApp(Params p) : p_(std::move(p)) {}

  int ghost_width() const override { return 1; }

  void setup(const Mesh& mesh, const std::array<BoundaryCondition, 6>& faces) override {
    mesh_ = &mesh;
    problem_.mesh = &mesh;
    for (int f = 0; f < 6; ++f) {
      const auto t = faces[f].type;
      if (t != BoundaryType::periodic && t != BoundaryType::dirichlet &&
          t != BoundaryType::neumann) {
        throw InputError("poisson: boundary." + face_name(static_cast<Face>(f)) + " = '" +
                         boundary_type_name(t) + "' is not supported (periodic, dirichlet, neumann)");
      }
      problem_.bcs.set(static_cast<Face>(f), 0, faces[f]);
    }
    check_boundaries(mesh, problem_.bcs);
    make_manufactured();
    u_ = mesh.make_field("u", 1);
    f_ = mesh.make_field("f", 1);
    rhs_ = mesh.make_field("poisson_rhs", 1);
    problem_.k_constant = p_.problem == "manufactured" ? 1.0 : p_.k;
    if (p_.coefficient == "variable") {
      if (p_.problem != "manufactured") {
        throw InputError("physics.coefficient = \"variable\" needs physics.problem = \"manufactured\"");
      }
      problem_.coefficient = mesh.make_field("k", 1);
      fill_manufactured(mesh, manufactured_, Quantity::coefficient, problem_.coefficient, mesh.all());
    }
    if (p_.problem == "manufactured") {
      exact_ = mesh.make_field("u_exact", 1);
      fill_manufactured(mesh, manufactured_, Quantity::solution, exact_, mesh.interior());
      fill_manufactured(mesh, manufactured_, Quantity::source, f_, mesh.interior());
    } else {
      Kokkos::deep_copy(f_, p_.source);
    }
    solver_ = linear::make_solver(problem_, p_.solver);
  }

  // Steady problem: the time step only counts solves.
  double max_stable_dt() const override { return 1.0; }

  void step(double, double) override {
    Kokkos::deep_copy(rhs_, f_);
    if (p_.problem == "manufactured") {
      ManufacturedFaceValues v;
      v.m = manufactured_;
      for (int d = 0; d < 3; ++d) {
        v.ghost[d] = mesh_->ghost(d);
        v.offset[d] = mesh_->offset(d);
        v.dx[d] = mesh_->dx(d);
      }
      for (int f = 0; f < 6; ++f) {
        v.neumann[f] = problem_.bcs.get(static_cast<Face>(f), 0).type == BoundaryType::neumann;
      }
      linear::add_boundary_terms_with(problem_, rhs_, v);
    } else {
      linear::add_boundary_terms(problem_, rhs_);
    }
    last_ = solver_->solve(rhs_, u_);
  }

  std::vector<std::string> diagnostic_names() const override {
    std::vector<std::string> n = {"iterations", "initial_residual", "final_residual",
                                  "solve_seconds", "u_min", "u_max"};
    if (p_.problem == "manufactured") n.push_back("l2_error");
    return n;
  }

  std::vector<double> diagnostics(double) const override {
    const FieldStats s = global_stats(*mesh_, u_, 0);
    std::vector<double> d = {static_cast<double>(last_.iterations), last_.initial_residual,
                             last_.final_residual, last_.solve_seconds, s.min, s.max};
    if (p_.problem == "manufactured") d.push_back(l2_error());
    return d;
  }

  std::vector<StateVariable> state() const override { return {{"u", u_, 0}}; }

 private:
  void make_manufactured() {
    Manufactured& m = manufactured_;
    m.dim = mesh_->dim();
    m.phase = p_.phase;
    m.variable_k = p_.coefficient == "variable";
    for (int d = 0; d < m.dim; ++d) {
      m.lower[d] = mesh_->lower(d);
      m.length[d] = mesh_->upper(d) - mesh_->lower(d);
      m.a[d] = Manufactured::kTwoPi * static_cast<double>(p_.mode[d]) / m.length[d];
    }
  }

  double l2_error() const { return rms_error(*mesh_, u_, exact_, problem_.singular()); }

  Params p_;
  const Mesh* mesh_ = nullptr;
  linear::EllipticProblem problem_;
  Manufactured manufactured_;
  FieldView u_, f_, rhs_, exact_;
  std::unique_ptr<linear::Solver> solver_;
  linear::SolveStats last_;
};

}  // namespace

void declare_schema(io::Schema& s) {
  s.add("physics.problem", io::KeyType::string)
      .def("\"manufactured\"")
      .one_of({"manufactured", "constant-source"})
      .describe("manufactured: exact solution prod sin(2 pi mode_d (x_d - lower_d)/L_d + phase) with its f, k and boundary data, l2_error reported; constant-source: f = physics.source, boundary values from [boundary]");
  s.add("physics.coefficient", io::KeyType::string)
      .def("\"constant\"")
      .one_of({"constant", "variable"})
      .describe("k = physics.k, or (manufactured only) k = 1 + 0.25 sum_d cos(2 pi (x_d - lower_d)/L_d)");
  s.add("physics.k", io::KeyType::real).def("1.0").above(0).describe("constant coefficient k (constant-source problem)");
  s.add("physics.source", io::KeyType::real).def("1.0").describe("right-hand side f (constant-source problem)");
  s.add("physics.mode", io::KeyType::integer_array).def("[1, 1, 1]").length(1, 3).at_least(1).describe("wave numbers of the manufactured solution per direction");
  s.add("physics.phase", io::KeyType::real).def("0.3").describe("phase of the manufactured solution (non-zero: inhomogeneous boundary data)");
  declare_solver_schema(s);
}

std::unique_ptr<App> create(const io::Deck& deck) {
  Params p;
  p.problem = deck.string("physics.problem");
  p.coefficient = deck.string("physics.coefficient");
  p.k = deck.real("physics.k");
  p.source = deck.real("physics.source");
  p.mode = deck.integers("physics.mode");
  p.phase = deck.real("physics.phase");
  p.solver = solver_settings_from_deck(deck);
  if (p.mode.size() < deck.integers("mesh.cells").size()) {
    throw InputError("physics.mode needs one entry per mesh dimension");
  }
  return std::make_unique<PoissonApp>(std::move(p));
}

AppInfo app_info() {
  return AppInfo{"poisson", "steady -div(k grad u) = f, solved by native CG+MG or PETSc",
                 &declare_schema, &create};
}

}  // namespace boreas::poisson
