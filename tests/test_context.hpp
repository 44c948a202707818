#pragma once
#include "core/context.hpp"

namespace boreas::testing {
// The process-wide Context the test main created (MPI + Kokkos are live).
const Context& context();
}  // namespace boreas::testing
