#include "solvers/petsc/petsc_runtime.hpp"

#include <string>

#include "core/error.hpp"

namespace boreas::petsc {
namespace {

MPI_Comm g_world = MPI_COMM_NULL;  // duplicate of MPI_COMM_SELF, PETSc's PETSC_COMM_WORLD
std::string g_last_error;          // innermost message of the error being propagated

// Replaces PETSc's traceback printer: remembers the innermost message and
// lets the error code travel up to check(), which throws it on every rank
// that saw it. Repeats (the same error passing through outer frames) only
// add the outermost function name.
PetscErrorCode record_error(MPI_Comm, int line, const char* func, const char* file,
                            PetscErrorCode code, PetscErrorType type, const char* message, void*) {
  if (type == PETSC_ERROR_INITIAL) {
    const char* text = nullptr;
    PetscErrorMessage(code, &text, nullptr);
    g_last_error = std::string(message && *message ? message : (text ? text : "unknown error")) +
                   " (in " + (func ? func : "?") + " at " + (file ? file : "?") + ":" +
                   std::to_string(line) + ")";
  }
  return code;
}

// PetscInitialize keeps pointers into argv for the lifetime of PETSc.
char g_arg0[] = "boreas";
char g_arg1[] = "-no_signal_handler";
char* g_argv_storage[] = {g_arg0, g_arg1, nullptr};

}  // namespace

void check(PetscErrorCode code, const char* what) {
  if (code == 0) return;
  std::string message =
      g_last_error.empty() ? std::string("error code ") + std::to_string(code) : g_last_error;
  g_last_error.clear();
  throw RuntimeError(std::string("PETSc: ") + what + " failed: " + message);
}

void ensure_initialized(const Context& ctx) {
  PetscBool initialized = PETSC_FALSE;
  PetscInitialized(&initialized);
  if (initialized) return;
  MPI_Comm_dup(MPI_COMM_SELF, &g_world);
  PETSC_COMM_WORLD = g_world;
  int argc = 2;
  char** argv = g_argv_storage;
  const PetscErrorCode code = PetscInitialize(&argc, &argv, nullptr, nullptr);
  if (code != 0) {
    MPI_Comm_free(&g_world);
    throw RuntimeError("PETSc: PetscInitialize failed with error code " + std::to_string(code));
  }
  PetscPushErrorHandler(record_error, nullptr);
  ctx.at_finalize([] {
    PetscPopErrorHandler();
    PetscFinalize();
    MPI_Comm_free(&g_world);
  });
}

}  // namespace boreas::petsc
