#pragma once
// MPI and Kokkos for a libFuzzer harness, as the driver has them: one
// process without mpirun (an MPI singleton), created once from
// LLVMFuzzerInitialize and kept for the life of the process.
#include <sanitizer/lsan_interface.h>

#include <cstdlib>
#include <memory>

#include "core/context.hpp"

namespace boreas::fuzz {

inline Context& context(const char* argv0) {
  static std::unique_ptr<Context> ctx;
  if (!ctx) {
    // OpenMPI installs handlers for SIGABRT, SIGSEGV, SIGBUS and SIGFPE that
    // print a trace and exit; libFuzzer then keeps its hands off them and
    // neither it nor the sanitizers would report the crash or save the input.
    setenv("OMPI_MCA_opal_signal", "", 0);
    // The real argv stays libFuzzer's; Kokkos sees only the program name.
    static int argc = 1;
    static char* argv_storage[] = {const_cast<char*>(argv0), nullptr};
    static char** argv = argv_storage;
    // What MPI and its plugins allocate for good at start-up is not a leak
    // of the code under test.
    __lsan_disable();
    ctx = std::make_unique<Context>(argc, argv);
    __lsan_enable();
  }
  return *ctx;
}

}  // namespace boreas::fuzz
