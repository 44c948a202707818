#pragma once
// A fenced ScopedTimer that does nothing when no Timers are attached, so the
// ns app can time its phases (App::attach_timers) at no cost otherwise.
#include <optional>

#include "core/timers.hpp"

namespace boreas::ns {

class PhaseTimer {
 public:
  PhaseTimer(Timers* timers, const char* name) {
    if (timers) timer_.emplace(*timers, name);
  }

 private:
  std::optional<ScopedTimer> timer_;
};

// Phase names in perf.json "timers" (and bench ns).
inline constexpr const char* kPressureSolveTimer = "ns_pressure_solve";
inline constexpr const char* kHaloExchangeTimer = "ns_halo_exchange";

}  // namespace boreas::ns
