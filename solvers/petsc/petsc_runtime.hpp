#pragma once
// PETSc's lifetime inside a Boreas process and PETSc error handling.
//
// PETSc is initialized lazily, on the first use of the bridge, after MPI
// and Kokkos are up (PETSc then uses the running MPI and never finalizes
// it). PETSC_COMM_WORLD becomes a duplicate of the communicator of that
// first use, so the first PETSc solver must be built collectively on it.
// PetscFinalize runs from Context::at_finalize, before Kokkos and MPI shut
// down. PETSc's signal handlers stay off, so Boreas' own handling of
// SIGTERM/SIGINT (stop early with a checkpoint) is left alone.
#include <petscsys.h>

#include "core/context.hpp"

namespace boreas::petsc {

// Collective over ctx.comm() on the first call; a no-op afterwards (and when
// someone else already initialized PETSc, who then also finalizes it).
void ensure_initialized(const Context& ctx);

// Throws RuntimeError naming `what` and PETSc's own message (the first,
// innermost error PETSc reported) when code != 0.
void check(PetscErrorCode code, const char* what);

}  // namespace boreas::petsc

// BOREAS_PETSC(KSPSolve(ksp, b, x)); throws on a PETSc error.
#define BOREAS_PETSC(call) ::boreas::petsc::check((call), #call)
