#pragma once
// The PETSc options of one Boreas solver, kept in a private options
// database so two solvers in one run (say a pressure and a heat solve) never
// see each other's options:
//
//   1. `solver.petsc_options` of the deck ("-ksp_type cg -pc_type gamg ..."),
//   2. then the PETSC_OPTIONS environment variable, which thus overrides the
//      deck for a quick experiment without editing it.
//
// PETSc objects read options from whatever database is the default when
// they ask, including lazily inside PCSetUp and KSPSolve, so every PETSc
// call of a solver runs inside an OptionsScope that makes its database the
// default. Defaults the bridge chooses itself (coarse-solve shifts, ...) go
// in as `defaults`: set only when absent and never reported as unused.
#include <petscsys.h>

#include <set>
#include <string>
#include <vector>

namespace boreas::petsc {

class SolverOptions {
 public:
  explicit SolverOptions(const std::string& deck_options);
  ~SolverOptions();
  SolverOptions(const SolverOptions&) = delete;
  SolverOptions& operator=(const SolverOptions&) = delete;

  PetscOptions db() const { return db_; }
  // name with its leading dash: has("-pc_type")
  bool has(const char* name) const;
  std::string value(const char* name) const;  // "" if absent or given without a value
  void set_default(const char* name, const char* value);
  void set(const char* name, const char* value);  // overrides (normalizing a user value)

  // Call outside any OptionsScope.
  // "-name value" of every option nobody queried: neither a PETSc object of
  // this solver nor PETSc's initialization (PETSC_OPTIONS like -log_view
  // are consumed there), excluding the bridge's own defaults.
  std::vector<std::string> unused() const;

 private:
  PetscOptions db_ = nullptr;     // what the solver's PETSc objects read (and mark used)
  PetscOptions probe_ = nullptr;  // the same options, for the bridge's own questions, which
                                  // must not count as uses
  std::set<std::string> defaults_;
};

// Makes `options` PETSc's default database for its lifetime.
class OptionsScope {
 public:
  explicit OptionsScope(const SolverOptions& options);
  ~OptionsScope();
  OptionsScope(const OptionsScope&) = delete;
  OptionsScope& operator=(const OptionsScope&) = delete;
};

}  // namespace boreas::petsc
