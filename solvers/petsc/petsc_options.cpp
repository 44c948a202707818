#include "solvers/petsc/petsc_options.hpp"

#include <cstdlib>

#include "solvers/petsc/petsc_runtime.hpp"

namespace boreas::petsc {
namespace {

// PETSc stores option names without their leading dash.
const char* bare(const char* name) {
  return name[0] == '-' ? name + 1 : name;
}

}  // namespace

SolverOptions::SolverOptions(const std::string& deck_options) {
  BOREAS_PETSC(PetscOptionsCreate(&db_));
  BOREAS_PETSC(PetscOptionsCreate(&probe_));
  try {
    const char* env = std::getenv("PETSC_OPTIONS");
    for (PetscOptions o : {db_, probe_}) {
      if (!deck_options.empty()) BOREAS_PETSC(PetscOptionsInsertString(o, deck_options.c_str()));
      if (env) BOREAS_PETSC(PetscOptionsInsertString(o, env));
    }
  } catch (...) {
    PetscOptionsDestroy(&db_);
    PetscOptionsDestroy(&probe_);
    throw;
  }
}

SolverOptions::~SolverOptions() {
  PetscBool finalized = PETSC_FALSE;
  PetscFinalized(&finalized);
  if (finalized) return;
  if (db_) PetscOptionsDestroy(&db_);
  if (probe_) PetscOptionsDestroy(&probe_);
}

bool SolverOptions::has(const char* name) const {
  PetscBool set = PETSC_FALSE;
  BOREAS_PETSC(PetscOptionsHasName(probe_, nullptr, name, &set));
  return set == PETSC_TRUE;
}

std::string SolverOptions::value(const char* name) const {
  const char* v = nullptr;
  PetscBool set = PETSC_FALSE;
  BOREAS_PETSC(PetscOptionsFindPair(probe_, nullptr, name, &v, &set));
  return set && v ? std::string(v) : std::string();
}

void SolverOptions::set_default(const char* name, const char* value) {
  if (has(name)) return;
  set(name, value);
  defaults_.insert(bare(name));
}

void SolverOptions::set(const char* name, const char* value) {
  BOREAS_PETSC(PetscOptionsSetValue(db_, name, value));
  BOREAS_PETSC(PetscOptionsSetValue(probe_, name, value));
}

std::vector<std::string> SolverOptions::unused() const {
  PetscInt n = 0;
  char** names = nullptr;
  char** values = nullptr;
  BOREAS_PETSC(PetscOptionsLeftGet(db_, &n, &names, &values));
  std::vector<std::string> out;
  for (PetscInt i = 0; i < n; ++i) {
    const char* name = bare(names[i]);
    if (defaults_.count(name)) continue;
    // Also in PETSc's global database (PETSC_OPTIONS) and used there at
    // initialization: not a mistake.
    PetscBool used_globally = PETSC_FALSE;
    PetscOptionsUsed(nullptr, name, &used_globally);
    if (used_globally) continue;
    std::string item = std::string("-") + name;
    if (values[i] && values[i][0]) item += std::string(" ") + values[i];
    out.push_back(item);
  }
  PetscOptionsLeftRestore(db_, &n, &names, &values);
  return out;
}

OptionsScope::OptionsScope(const SolverOptions& options) {
  BOREAS_PETSC(PetscOptionsPush(options.db()));
}

OptionsScope::~OptionsScope() {
  PetscOptionsPop();
}

}  // namespace boreas::petsc
