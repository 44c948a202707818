#pragma once
// When an output is due: every N steps, every T of simulated time, every M
// wall-clock minutes (any combination; 0 disables that trigger).
#include <string>

#include "core/context.hpp"
#include "io/deck/deck.hpp"

namespace boreas::pipeline {

class Schedule {
 public:
  Schedule() = default;
  // Reads <prefix>.every_steps, .every_time and, if with_minutes, .every_minutes.
  Schedule(const io::Deck& deck, const std::string& prefix, bool with_minutes);
  bool enabled() const { return every_steps_ > 0 || every_time_ > 0 || every_minutes_ > 0; }
  // Positions the time trigger after a restart (the next multiple of every_time after t).
  void start_at(double t);
  // Collective when a wall-clock trigger is set (ranks agree on the clock).
  bool due(const Context& ctx, long long step, double t);
  // Call after writing.
  void mark(double t);

 private:
  long long every_steps_ = 0;
  double every_time_ = 0.0;
  double every_minutes_ = 0.0;
  double next_time_ = 0.0;
  double last_wall_ = 0.0;
};

}  // namespace boreas::pipeline
