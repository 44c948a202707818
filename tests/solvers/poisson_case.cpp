#include "tests/solvers/poisson_case.hpp"

#include <mpi.h>

#include <cmath>

#include "solvers/linear/native.hpp"
#include "tests/test_context.hpp"

namespace boreas::testing {
namespace {

constexpr double kPi = 3.14159265358979323846;

struct Values {
  double u, f, k;
};

// Exact u, right-hand side f = shift u - div(k grad u) and k at point x.
Values evaluate(Solution s, int dim, const double* x, double shift) {
  Values v{0.0, 0.0, 1.0};
  if (s == Solution::sine_dirichlet || s == Solution::variable_k) {
    double p = 1.0;
    for (int d = 0; d < dim; ++d) p *= std::sin(kPi * x[d]);
    if (s == Solution::sine_dirichlet) {
      v.u = 1.0 + p;
      v.f = dim * kPi * kPi * p;
    } else {
      // grad k = k (1, 1/2, 0); -div(k grad u) = -k lap u - grad k . grad u
      v.k = std::exp(x[0] + (dim >= 2 ? 0.5 * x[1] : 0.0));
      v.u = p;
      double gk_gu = 0.0;
      for (int d = 0; d < dim && d < 2; ++d) {
        double g = kPi * std::cos(kPi * x[d]);
        for (int e = 0; e < dim; ++e) {
          if (e != d) g *= std::sin(kPi * x[e]);
        }
        gk_gu += (d == 0 ? 1.0 : 0.5) * v.k * g;
      }
      v.f = v.k * dim * kPi * kPi * p - gk_gu;
    }
  } else if (s == Solution::cosine_neumann) {
    double p = 1.0;
    for (int d = 0; d < dim; ++d) p *= std::cos(kPi * x[d]);
    v.u = p + 0.5 * x[0] * x[0];
    v.f = dim * kPi * kPi * p - 1.0;
  } else {
    double p = 1.0;
    for (int d = 0; d < dim; ++d) p *= std::sin(2.0 * kPi * x[d]);
    const double c = std::cos(2.0 * kPi * x[0]);
    v.u = p + c;
    v.f = 4.0 * kPi * kPi * (dim * p + c);
  }
  v.f += shift * v.u;
  return v;
}

Boundaries conditions_of(Solution s) {
  Boundaries b(1);
  for (int f = 0; f < 6; ++f) {
    BoundaryCondition bc;
    switch (s) {
      case Solution::sine_dirichlet:
        bc.type = BoundaryType::dirichlet;
        bc.value = 1.0;
        break;
      case Solution::variable_k:
        bc.type = BoundaryType::dirichlet;
        break;
      case Solution::cosine_neumann:
        bc.type = BoundaryType::neumann;
        bc.value = f == x_upper ? 1.0 : 0.0;
        break;
      case Solution::periodic:
        bc.type = BoundaryType::periodic;
        break;
    }
    b.set(static_cast<Face>(f), 0, bc);
  }
  return b;
}

}  // namespace

std::string solution_name(Solution s) {
  switch (s) {
    case Solution::sine_dirichlet:
      return "dirichlet";
    case Solution::cosine_neumann:
      return "neumann";
    case Solution::periodic:
      return "periodic";
    case Solution::variable_k:
      return "variable_k";
  }
  return "?";
}

std::unique_ptr<PoissonRun> setup_case(const Context& ctx, const PoissonCase& c) {
  auto run = std::make_unique<PoissonRun>();
  MeshSpec spec;
  spec.dim = c.dim;
  spec.cells = c.cells;
  spec.ranks = c.ranks;
  spec.ghost = c.ghost;
  const bool periodic = c.solution == Solution::periodic;
  spec.periodic = {periodic, periodic, periodic};
  run->mesh = std::make_unique<Mesh>(ctx, spec);
  const Mesh& m = *run->mesh;
  run->b = m.make_field("b", 1);
  run->x = m.make_field("x", 1);
  run->exact = m.make_field("exact", 1);
  auto hb = Kokkos::create_mirror_view(run->b);
  auto he = Kokkos::create_mirror_view(run->exact);
  HostFieldView hk;
  if (c.solution == Solution::variable_k) {
    run->k = m.make_field("k", 1);
    hk = Kokkos::create_mirror_view(run->k);
  }
  const Box in = m.interior();
  for (int k = in.k0; k < in.k1; ++k) {
    for (int j = in.j0; j < in.j1; ++j) {
      for (int i = in.i0; i < in.i1; ++i) {
        const double x[3] = {m.center(0, i), m.center(1, j), m.center(2, k)};
        const Values v = evaluate(c.solution, c.dim, x, c.shift);
        hb(0, k, j, i) = v.f;
        he(0, k, j, i) = v.u;
        if (hk.data()) hk(0, k, j, i) = v.k;
      }
    }
  }
  Kokkos::deep_copy(run->b, hb);
  Kokkos::deep_copy(run->exact, he);
  if (hk.data()) Kokkos::deep_copy(run->k, hk);
  linear::EllipticProblem& p = run->problem;
  p.mesh = run->mesh.get();
  p.bcs = conditions_of(c.solution);
  p.shift = c.shift;
  p.coefficient = run->k;
  linear::add_boundary_terms(p, run->b);
  return run;
}

double l2_error(const PoissonRun& run) {
  const Mesh& m = *run.mesh;
  auto hx = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), run.x);
  auto he = Kokkos::create_mirror_view_and_copy(Kokkos::HostSpace(), run.exact);
  const Box in = m.interior();
  double s = 0.0, s2 = 0.0;
  for (int k = in.k0; k < in.k1; ++k)
    for (int j = in.j0; j < in.j1; ++j)
      for (int i = in.i0; i < in.i1; ++i) {
        const double d = hx(0, k, j, i) - he(0, k, j, i);
        s += d;
        s2 += d * d;
      }
  s = m.context().sum(s);
  s2 = m.context().sum(s2);
  const double n = static_cast<double>(m.global_cell_count());
  // Singular problems fix u only up to a constant: compare without the means.
  const double mean = run.problem.singular() ? s / n : 0.0;
  return std::sqrt(std::max(s2 - n * mean * mean, 0.0) * m.cell_volume());
}

std::unique_ptr<PoissonRun> solve_case(const Context& ctx, const PoissonCase& c,
                                       const linear::SolverSettings& s) {
  auto run = setup_case(ctx, c);
  auto solver = linear::make_native_solver(run->problem, s);
  run->stats = solver->solve(run->b, run->x);
  run->l2_error = l2_error(*run);
  return run;
}

bool run_on_ranks(int n, const std::function<void(const Context&)>& f) {
  const Context& world = context();
  if (n > world.size()) return false;
  MPI_Comm sub = MPI_COMM_NULL;
  MPI_Comm_split(world.comm(), world.rank() < n ? 0 : MPI_UNDEFINED, world.rank(), &sub);
  if (sub != MPI_COMM_NULL) {
    {
      Context ctx(sub);
      f(ctx);
    }
    MPI_Comm_free(&sub);
  }
  return true;
}

}  // namespace boreas::testing
