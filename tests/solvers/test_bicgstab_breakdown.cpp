// BiCGStab restarts on a breakdown instead of giving up.
//
// The operator is 1D upwind advection, (A x)_i = 2 x_i - x_{i-1} (lower
// bidiagonal, nothing upstream of the first cell), and b is a unit pulse in
// the first cell. With r0 = b as the shadow residual, the first step's
// alpha = (b, b) / (b, A b) makes s_0 = 1 - alpha * 2 exactly 0, so
// t_0 = (A s)_0 = 0 and r1_0 = 0: the next rho = (r0, r1) = r1_0 is exactly
// 0 in any floating-point arithmetic, on any CPU and any rank count. The
// method used to stop there ("did not converge"); it must now restart from
// the true residual and reach x_i = 2^-(i+1).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <vector>

#include "mesh/halo.hpp"
#include "mesh/mesh.hpp"
#include "solvers/linear/krylov.hpp"
#include "tests/common/gather.hpp"
#include "tests/test_context.hpp"

namespace boreas {
namespace {

// Kernels in free functions: nvcc refuses device lambdas in TEST bodies and
// private members.
void apply_upwind(const Mesh& mesh, const FieldView& x, const FieldView& y) {
  const int first = mesh.interior().i0;
  const bool inflow = mesh.is_physical_boundary(Face::x_lower);
  par_for(
      "upwind_apply", mesh.interior(), KOKKOS_LAMBDA(const int k, const int j, const int i) {
        const double upstream = inflow && i == first ? 0.0 : x(0, k, j, i - 1);
        y(0, k, j, i) = 2.0 * x(0, k, j, i) - upstream;
      });
}

void fill_pulse(const Mesh& mesh, const FieldView& b) {
  const int shift = mesh.offset(0) - mesh.ghost(0);
  par_for(
      "upwind_pulse", mesh.interior(), KOKKOS_LAMBDA(const int k, const int j, const int i) {
        b(0, k, j, i) = shift + i == 0 ? 1.0 : 0.0;
      });
}

class Upwind final : public linear::Operator {
 public:
  explicit Upwind(const Mesh& mesh) : mesh_(mesh), halo_(mesh, 1) {}
  const Mesh& mesh() const override { return mesh_; }
  void apply(const FieldView& x, const FieldView& y) override {
    halo_.exchange(x);
    apply_upwind(mesh_, x, y);
  }
  void diagonal(const FieldView& d) override { Kokkos::deep_copy(d, 2.0); }

 private:
  const Mesh& mesh_;
  HaloExchange halo_;
};

void expect_restart_and_convergence(bool jacobi) {
  const Context& ctx = testing::context();
  MeshSpec spec;
  spec.dim = 1;
  spec.cells = {32, 1, 1};
  Mesh mesh(ctx, spec);
  Upwind a(mesh);
  FieldView b = mesh.make_field("b", 1), x = mesh.make_field("x", 1);
  fill_pulse(mesh, b);
  std::unique_ptr<linear::JacobiPreconditioner> pc;
  if (jacobi) pc = std::make_unique<linear::JacobiPreconditioner>(a);
  linear::BiCGStab solver(a, pc.get());
  linear::KrylovOptions o;
  o.name = "bicgstab";
  o.rtol = 1e-12;
  o.max_iterations = 200;
  o.throw_on_failure = false;
  const linear::SolveStats st = solver.solve(b, x, o);
  EXPECT_TRUE(st.converged) << st.iterations << " iterations, final residual " << st.final_residual;
  EXPECT_GE(st.restarts, 1) << "rho = 0 at the second iteration must have forced a restart";
  EXPECT_LE(st.final_residual, 1e-12 * st.initial_residual);
  const std::vector<double> all = testing::gather_global(mesh, x, 0);
  if (ctx.is_root()) {
    ASSERT_EQ(all.size(), 32u);
    double worst = 0.0;
    for (size_t i = 0; i < all.size(); ++i) {
      worst = std::max(worst, std::fabs(all[i] - std::ldexp(1.0, -static_cast<int>(i) - 1)));
    }
    EXPECT_LT(worst, 1e-12) << "x_i = 2^-(i+1)";
    std::printf("bicgstab (%s): %d iterations, %d restarts, max error %.2e\n",
                jacobi ? "jacobi" : "no preconditioner", st.iterations, st.restarts, worst);
  }
}

TEST(BiCGStabBreakdown, RestartsWithoutPreconditioner) {
  expect_restart_and_convergence(false);
}
TEST(BiCGStabBreakdown, RestartsWithJacobi) {
  expect_restart_and_convergence(true);
}

}  // namespace
}  // namespace boreas
