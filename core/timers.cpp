#include "core/timers.hpp"

#include <sys/resource.h>

#include <Kokkos_Core.hpp>
#include <cstdio>

namespace boreas {

void Timers::add(const std::string& name, double seconds) {
  auto& e = entries_[name];
  e.seconds += seconds;
  e.calls += 1;
}

double Timers::seconds(const std::string& name) const {
  auto it = entries_.find(name);
  return it == entries_.end() ? 0.0 : it->second.seconds;
}

ScopedTimer::ScopedTimer(Timers& timers, std::string name, bool fence)
    : timers_(timers), name_(std::move(name)), fence_(fence) {
  if (fence_) Kokkos::fence();
  start_ = std::chrono::steady_clock::now();
}

ScopedTimer::~ScopedTimer() {
  if (fence_) Kokkos::fence();
  std::chrono::duration<double> d = std::chrono::steady_clock::now() - start_;
  timers_.add(name_, d.count());
}

double wall_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

long long peak_rss_bytes() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<long long>(u.ru_maxrss) * 1024;  // Linux reports KiB
}

}  // namespace boreas

namespace boreas {

long long total_memory_bytes() {
  std::FILE* f = std::fopen("/proc/meminfo", "r");
  if (!f) return 0;
  char line[256];
  long long kib = 0;
  while (std::fgets(line, sizeof line, f)) {
    if (std::sscanf(line, "MemTotal: %lld kB", &kib) == 1) break;
  }
  std::fclose(f);
  return kib * 1024;
}

}  // namespace boreas
