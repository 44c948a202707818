#pragma once
// Named wall-clock timers per phase (step, halo, io, ...) that feed perf.json.
// Nested scopes are allowed; each name accumulates its own total.
#include <chrono>
#include <map>
#include <string>

namespace boreas {

class Timers {
 public:
  struct Entry {
    double seconds = 0.0;
    long long calls = 0;
  };
  void add(const std::string& name, double seconds);
  const std::map<std::string, Entry>& entries() const { return entries_; }
  double seconds(const std::string& name) const;

 private:
  std::map<std::string, Entry> entries_;
};

// Times its scope. With fence=true it waits for queued kernels at both ends,
// so the time is the kernels' and not just their launch.
class ScopedTimer {
 public:
  ScopedTimer(Timers& timers, std::string name, bool fence = true);
  ~ScopedTimer();
  ScopedTimer(const ScopedTimer&) = delete;
  ScopedTimer& operator=(const ScopedTimer&) = delete;

 private:
  Timers& timers_;
  std::string name_;
  bool fence_;
  std::chrono::steady_clock::time_point start_;
};

double wall_seconds();           // monotonic seconds since an arbitrary origin
long long peak_rss_bytes();      // this process's peak resident set size
long long total_memory_bytes();  // physical memory of this node (MemTotal), 0 if unknown

}  // namespace boreas
