#pragma once
// PETSc's lifetime inside a Boreas process and PETSc error handling.
//
// PETSc is initialized lazily, on the first use of the bridge on each rank,
// after MPI and Kokkos are up (PETSc then uses the running MPI and never
// finalizes it). PETSC_COMM_WORLD is MPI_COMM_SELF (a duplicate): that makes
// PetscInitialize and PetscFinalize local to each rank, so a first solver
// on a sub-communicator (a 1-rank run inside a 2-rank launch, as benchmarks
// and tests do) cannot deadlock the ranks outside it. PETSc objects live on
// the communicators they are created on, as always; only PETSc's own
// world-wide printing (-log_view, -options_left) then reports per rank.
// PetscFinalize runs from Context::at_finalize, before Kokkos and MPI shut
// down. PETSc's signal handlers stay off, so Boreas' own handling of
// SIGTERM/SIGINT (stop early with a checkpoint) is left alone.
#include <petscsys.h>

#include "core/context.hpp"

namespace boreas::petsc {

// Local (not collective); a no-op after the first call, and when someone
// else already initialized PETSc (who then also finalizes it).
void ensure_initialized(const Context& ctx);

// Throws RuntimeError naming `what` and PETSc's own message (the first,
// innermost error PETSc reported) when code != 0.
void check(PetscErrorCode code, const char* what);

}  // namespace boreas::petsc

// BOREAS_PETSC(KSPSolve(ksp, b, x)); throws on a PETSc error.
#define BOREAS_PETSC(call) ::boreas::petsc::check((call), #call)
