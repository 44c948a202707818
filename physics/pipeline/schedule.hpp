#pragma once
// When an output is due: every N steps, every T of simulated time, every M
// wall-clock minutes (any combination; 0 disables that trigger).
#include <limits>
#include <string>

#include "core/context.hpp"
#include "io/deck/deck.hpp"

namespace boreas::pipeline {

class Schedule {
 public:
  Schedule() = default;
  // Reads <prefix>.every_steps, .every_time and, if with_minutes, .every_minutes
  // (an empty prefix: every_steps, ... of a deck of table elements).
  Schedule(const io::Deck& deck, const std::string& prefix, bool with_minutes);
  bool enabled() const { return every_steps_ > 0 || every_time_ > 0 || every_minutes_ > 0; }
  // Positions the time trigger: the next multiple of every_time after t
  // (after a restart), or at t itself when `inclusive` (a fresh run writes
  // its initial state).
  void start_at(double t, bool inclusive = false);
  // Collective when a wall-clock trigger is set (ranks agree on the clock).
  bool due(const Context& ctx, long long step, double t);
  // Call after writing.
  void mark(double t);
  // The simulated time of the next time-triggered output after t (+inf
  // without a time trigger).
  double next_time(double t) const;

 private:
  long long every_steps_ = 0;
  double every_time_ = 0.0;
  double every_minutes_ = 0.0;
  double next_time_ = 0.0;
  double last_wall_ = 0.0;
};

}  // namespace boreas::pipeline
