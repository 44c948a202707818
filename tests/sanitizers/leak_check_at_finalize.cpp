// Linked into every executable of an AddressSanitizer build (boreas_executable
// in cmake/BoreasTargets.cmake): LeakSanitizer's check runs when the program
// calls MPI_Finalize instead of at exit. Boreas has released what it owns by
// then (Context::~Context finalizes Kokkos and PETSc first), and Open MPI
// still holds its state: what it set up in MPI_Init is still reachable,
// and its components (mca_*.so), which MPI_Finalize unloads, can still be
// named in stack traces. At exit, thousands of Open MPI blocks would have
// to be matched against tests/sanitizers/lsan.supp through stacks of
// unloaded code, which costs seconds per process. The check runs once: the
// one at exit is then skipped (a process that never calls MPI_Finalize is
// still checked at exit).
#include <mpi.h>
#include <sanitizer/lsan_interface.h>

extern "C" int MPI_Finalize() {
  __lsan_do_leak_check();
  return PMPI_Finalize();
}
