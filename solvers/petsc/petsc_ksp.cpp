#include "solvers/petsc/petsc_ksp.hpp"

#include <petscksp.h>

#include <cstdio>
#include <string>

#include "core/error.hpp"
#include "core/log.hpp"
#include "solvers/petsc/petsc_ksp_setup.hpp"
#include "solvers/petsc/petsc_options.hpp"
#include "solvers/petsc/petsc_runtime.hpp"

namespace boreas::petsc {
namespace {

std::string sci(double v) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.3e", v);
  return buf;
}

const Grid& initialized(const Grid& grid) {
  ensure_initialized(grid.context());
  return grid;
}

}  // namespace

struct KspSolver::Impl {
  Impl(const Grid& g, const linear::SolverSettings& s)
      : grid(initialized(g)), settings(s), options(s.petsc_options) {}
  ~Impl() { destroy(); }

  double residual_norm();  // ||b_ - A x_||
  void report_unused_options();
  void destroy();

  Grid grid;
  linear::SolverSettings settings;
  SolverOptions options;
  DM da = nullptr;
  Mat a = nullptr;
  MatNullSpace null = nullptr;
  KSP ksp = nullptr;
  Vec b = nullptr, x = nullptr, r = nullptr;
  std::string ksp_type, pc_type, name;
  double setup_seconds = 0.0;
  bool reported = false;
};

void KspSolver::Impl::destroy() {
  PetscBool finalized = PETSC_FALSE;
  PetscFinalized(&finalized);
  if (finalized) return;  // PETSc already freed everything
  VecDestroy(&r);
  VecDestroy(&x);
  VecDestroy(&b);
  KSPDestroy(&ksp);
  MatNullSpaceDestroy(&null);
  MatDestroy(&a);
  DMDestroy(&da);
}

double KspSolver::Impl::residual_norm() {
  PetscReal n = 0.0;
  BOREAS_PETSC(MatMult(a, x, r));
  BOREAS_PETSC(VecAYPX(r, -1.0, b));
  BOREAS_PETSC(VecNorm(r, NORM_2, &n));
  return n;
}

void KspSolver::Impl::report_unused_options() {
  if (reported) return;
  reported = true;
  for (const std::string& o : options.unused()) {
    log::warning("PETSc option {} was set but never used (solver {})", o, name);
  }
}

KspSolver::KspSolver(const Grid& grid, const RowSource& rows,
                     const linear::SolverSettings& settings, bool singular)
    : impl_(std::make_unique<Impl>(grid, settings)) {
  Impl& m = *impl_;
  const Context& ctx = grid.context();
  const double t0 = MPI_Wtime();
  OptionsScope scope(m.options);
  m.da = create_dmda(m.grid);
  m.a = assemble_matrix(m.grid, rows, m.da);
  if (singular) {
    BOREAS_PETSC(MatNullSpaceCreate(ctx.comm(), PETSC_TRUE, 0, nullptr, &m.null));
    BOREAS_PETSC(MatSetNullSpace(m.a, m.null));
  }
  BOREAS_PETSC(KSPCreate(ctx.comm(), &m.ksp));
  BOREAS_PETSC(KSPSetOperators(m.ksp, m.a, m.a));
  // The DMDA gives -pc_type mg its hierarchy; the operator stays ours.
  BOREAS_PETSC(KSPSetDM(m.ksp, m.da));
  BOREAS_PETSC(KSPSetDMActive(m.ksp, PETSC_FALSE));
  configure_ksp(m.ksp, m.da, m.grid, m.settings, singular, m.options);
  BOREAS_PETSC(DMCreateGlobalVector(m.da, &m.b));
  BOREAS_PETSC(VecDuplicate(m.b, &m.x));
  BOREAS_PETSC(VecDuplicate(m.b, &m.r));
  BOREAS_PETSC(KSPSetUp(m.ksp));  // includes PCSetUp
  BOREAS_PETSC(KSPSetUpOnBlocks(m.ksp));
  KSPType kt = nullptr;
  PCType pt = nullptr;
  PC pc = nullptr;
  BOREAS_PETSC(KSPGetType(m.ksp, &kt));
  BOREAS_PETSC(KSPGetPC(m.ksp, &pc));
  BOREAS_PETSC(PCGetType(pc, &pt));
  m.ksp_type = kt ? kt : "?";
  m.pc_type = pt ? pt : "?";
  m.name = "petsc(" + m.ksp_type + "+" + m.pc_type + ")";
  m.setup_seconds = ctx.max(MPI_Wtime() - t0);
}

KspSolver::~KspSolver() = default;

const std::string& KspSolver::name() const {
  return impl_->name;
}

linear::SolveStats KspSolver::solve(const double* b, double* x) {
  Impl& m = *impl_;
  linear::SolveStats st;
  st.setup_seconds = m.setup_seconds;
  KSPConvergedReason reason = KSP_CONVERGED_ITERATING;
  PetscReal b_norm = 0.0;
  {
    OptionsScope scope(m.options);
    copy_to_vec(m.grid, b, m.b);
    copy_to_vec(m.grid, x, m.x);
    if (m.null) BOREAS_PETSC(MatNullSpaceRemove(m.null, m.b));  // mean-free b
    BOREAS_PETSC(VecNorm(m.b, NORM_2, &b_norm));
    st.initial_residual = m.residual_norm();
    const double t0 = MPI_Wtime();
    BOREAS_PETSC(KSPSolve(m.ksp, m.b, m.x));
    st.solve_seconds = m.grid.context().max(MPI_Wtime() - t0);
    PetscInt its = 0;
    BOREAS_PETSC(KSPGetIterationNumber(m.ksp, &its));
    BOREAS_PETSC(KSPGetConvergedReason(m.ksp, &reason));
    st.iterations = static_cast<int>(its);
    if (m.null) BOREAS_PETSC(MatNullSpaceRemove(m.null, m.x));  // mean-free x
    st.final_residual = m.residual_norm();
    copy_from_vec(m.grid, m.x, x);
  }
  m.report_unused_options();
  st.converged = reason > 0;
  if (!st.converged) {
    const linear::SolverSettings& s = m.settings;
    const double target = s.rtol * b_norm > s.atol ? s.rtol * b_norm : s.atol;
    throw CollectiveFailure(m.name + " did not converge (" + KSPConvergedReasons[reason] +
                            ") after " + std::to_string(st.iterations) + " iterations: KSP " +
                            m.ksp_type + ", PC " + m.pc_type + ", initial residual " +
                            sci(st.initial_residual) + ", final residual " +
                            sci(st.final_residual) + " (target " + sci(target) +
                            ", max_iterations " + std::to_string(s.max_iterations) + ")");
  }
  return st;
}

}  // namespace boreas::petsc
