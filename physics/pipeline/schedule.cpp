#include "physics/pipeline/schedule.hpp"

#include <cmath>

#include "core/timers.hpp"

namespace boreas::pipeline {

Schedule::Schedule(const io::Deck& deck, const std::string& prefix, bool with_minutes) {
  const std::string p = prefix.empty() ? prefix : prefix + ".";
  every_steps_ = deck.integer(p + "every_steps");
  every_time_ = deck.real(p + "every_time");
  if (with_minutes) every_minutes_ = deck.real(p + "every_minutes");
  last_wall_ = wall_seconds();
  start_at(0.0);
}

void Schedule::start_at(double t, bool inclusive) {
  if (every_time_ > 0 && inclusive) {
    next_time_ = t;
  } else if (every_time_ > 0) {
    // Smallest multiple of every_time strictly after t (with rounding slack).
    next_time_ = (std::floor(t / every_time_ * (1 + 1e-12)) + 1) * every_time_;
  }
}

bool Schedule::due(const Context& ctx, long long step, double t) {
  if (every_steps_ > 0 && step % every_steps_ == 0) return true;
  if (every_time_ > 0 && t >= next_time_ * (1 - 1e-12)) return true;
  if (every_minutes_ > 0) {
    const double elapsed = ctx.max(wall_seconds() - last_wall_);
    if (elapsed >= every_minutes_ * 60.0) return true;
  }
  return false;
}

double Schedule::next_time(double t) const {
  if (every_time_ <= 0) return std::numeric_limits<double>::infinity();
  // next_time_ is after the last output; an output not written yet (an
  // every_steps trigger got there first) is still the next target.
  return next_time_ > t * (1 + 1e-12) ? next_time_ : std::numeric_limits<double>::infinity();
}

void Schedule::mark(double t) {
  if (every_time_ > 0) start_at(t);
  last_wall_ = wall_seconds();
}

}  // namespace boreas::pipeline
