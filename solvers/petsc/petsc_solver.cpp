#include "solvers/petsc/petsc_solver.hpp"

#include <petscksp.h>

#include <cstdio>
#include <string>

#include "core/error.hpp"
#include "core/log.hpp"
#include "solvers/petsc/petsc_assembly.hpp"
#include "solvers/petsc/petsc_grid.hpp"
#include "solvers/petsc/petsc_ksp_setup.hpp"
#include "solvers/petsc/petsc_options.hpp"
#include "solvers/petsc/petsc_runtime.hpp"

namespace boreas::linear {
namespace {

using petsc::OptionsScope;

const Mesh& initialized_mesh(const EllipticProblem& p) {
  if (!p.mesh) throw InputError("PETSc solver: the elliptic problem has no mesh");
  petsc::ensure_initialized(p.mesh->context());
  return *p.mesh;
}

std::string sci(double v) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.3e", v);
  return buf;
}

class PetscSolver final : public Solver {
 public:
  PetscSolver(const EllipticProblem& p, const SolverSettings& s);
  ~PetscSolver() override { destroy(); }
  SolveStats solve(const FieldView& b, const FieldView& x) override;
  std::string name() const override { return name_; }

 private:
  double residual_norm();  // ||b_ - A x_||
  void report_unused_options();
  void destroy();

  const Mesh& mesh_;
  SolverSettings settings_;
  petsc::SolverOptions options_;
  DM da_ = nullptr;
  Mat a_ = nullptr;
  MatNullSpace null_ = nullptr;
  KSP ksp_ = nullptr;
  Vec b_ = nullptr, x_ = nullptr, r_ = nullptr;
  std::string ksp_type_, pc_type_, name_;
  double setup_seconds_ = 0.0;
  bool reported_ = false;
};

PetscSolver::PetscSolver(const EllipticProblem& p, const SolverSettings& s)
    : mesh_(initialized_mesh(p)), settings_(s), options_(s.petsc_options) {
  const Context& ctx = mesh_.context();
  const double t0 = MPI_Wtime();
  try {
    OptionsScope scope(options_);
    da_ = petsc::create_dmda(mesh_);
    a_ = petsc::assemble_matrix(p, da_);
    if (p.singular()) {
      BOREAS_PETSC(MatNullSpaceCreate(ctx.comm(), PETSC_TRUE, 0, nullptr, &null_));
      BOREAS_PETSC(MatSetNullSpace(a_, null_));
    }
    BOREAS_PETSC(KSPCreate(ctx.comm(), &ksp_));
    BOREAS_PETSC(KSPSetOperators(ksp_, a_, a_));
    // The DMDA gives -pc_type mg its hierarchy; the operator stays ours.
    BOREAS_PETSC(KSPSetDM(ksp_, da_));
    BOREAS_PETSC(KSPSetDMActive(ksp_, PETSC_FALSE));
    petsc::configure_ksp(ksp_, da_, mesh_, settings_, p.singular(), options_);
    BOREAS_PETSC(DMCreateGlobalVector(da_, &b_));
    BOREAS_PETSC(VecDuplicate(b_, &x_));
    BOREAS_PETSC(VecDuplicate(b_, &r_));
    BOREAS_PETSC(KSPSetUp(ksp_));  // includes PCSetUp
    BOREAS_PETSC(KSPSetUpOnBlocks(ksp_));
    KSPType kt = nullptr;
    PCType pt = nullptr;
    PC pc = nullptr;
    BOREAS_PETSC(KSPGetType(ksp_, &kt));
    BOREAS_PETSC(KSPGetPC(ksp_, &pc));
    BOREAS_PETSC(PCGetType(pc, &pt));
    ksp_type_ = kt ? kt : "?";
    pc_type_ = pt ? pt : "?";
    name_ = "petsc(" + ksp_type_ + "+" + pc_type_ + ")";
  } catch (...) {
    destroy();
    throw;
  }
  setup_seconds_ = ctx.max(MPI_Wtime() - t0);
}

void PetscSolver::destroy() {
  PetscBool finalized = PETSC_FALSE;
  PetscFinalized(&finalized);
  if (finalized) return;  // PETSc already freed everything
  VecDestroy(&r_);
  VecDestroy(&x_);
  VecDestroy(&b_);
  KSPDestroy(&ksp_);
  MatNullSpaceDestroy(&null_);
  MatDestroy(&a_);
  DMDestroy(&da_);
}

double PetscSolver::residual_norm() {
  PetscReal n = 0.0;
  BOREAS_PETSC(MatMult(a_, x_, r_));
  BOREAS_PETSC(VecAYPX(r_, -1.0, b_));
  BOREAS_PETSC(VecNorm(r_, NORM_2, &n));
  return n;
}

SolveStats PetscSolver::solve(const FieldView& b, const FieldView& x) {
  SolveStats st;
  st.setup_seconds = setup_seconds_;
  KSPConvergedReason reason = KSP_CONVERGED_ITERATING;
  PetscReal b_norm = 0.0;
  {
    OptionsScope scope(options_);
    petsc::copy_to_vec(mesh_, b, b_);
    petsc::copy_to_vec(mesh_, x, x_);
    if (null_) BOREAS_PETSC(MatNullSpaceRemove(null_, b_));  // mean-free b
    BOREAS_PETSC(VecNorm(b_, NORM_2, &b_norm));
    st.initial_residual = residual_norm();
    const double t0 = MPI_Wtime();
    BOREAS_PETSC(KSPSolve(ksp_, b_, x_));
    st.solve_seconds = mesh_.context().max(MPI_Wtime() - t0);
    PetscInt its = 0;
    BOREAS_PETSC(KSPGetIterationNumber(ksp_, &its));
    BOREAS_PETSC(KSPGetConvergedReason(ksp_, &reason));
    st.iterations = static_cast<int>(its);
    if (null_) BOREAS_PETSC(MatNullSpaceRemove(null_, x_));  // mean-free x
    st.final_residual = residual_norm();
    petsc::copy_from_vec(mesh_, x_, x);
  }
  report_unused_options();
  st.converged = reason > 0;
  if (!st.converged) {
    const double target =
        settings_.rtol * b_norm > settings_.atol ? settings_.rtol * b_norm : settings_.atol;
    throw RuntimeError(name_ + " did not converge (" + KSPConvergedReasons[reason] + ") after " +
                       std::to_string(st.iterations) + " iterations: KSP " + ksp_type_ + ", PC " +
                       pc_type_ + ", initial residual " + sci(st.initial_residual) +
                       ", final residual " + sci(st.final_residual) + " (target " + sci(target) +
                       ", max_iterations " + std::to_string(settings_.max_iterations) + ")");
  }
  return st;
}

void PetscSolver::report_unused_options() {
  if (reported_) return;
  reported_ = true;
  for (const std::string& o : options_.unused()) {
    log::warning("PETSc option {} was set but never used (solver {})", o, name_);
  }
}

}  // namespace

std::unique_ptr<Solver> make_petsc_solver(const EllipticProblem& p, const SolverSettings& s) {
  return std::make_unique<PetscSolver>(p, s);
}

}  // namespace boreas::linear
