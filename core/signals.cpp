#include "core/signals.hpp"

#include <csignal>
#include <cstring>

#include "core/timers.hpp"

namespace boreas {
namespace {

// The only state a handler may touch: a lock-free sig_atomic_t.
volatile std::sig_atomic_t g_stop_signal = 0;
double g_start_seconds = -1.0;

extern "C" void record_stop_signal(int signo) { g_stop_signal = signo; }

}  // namespace

void install_stop_signal_handlers() {
  if (g_start_seconds < 0) g_start_seconds = wall_seconds();
  struct sigaction sa;
  std::memset(&sa, 0, sizeof(sa));
  sa.sa_handler = record_stop_signal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESTART;
  for (int s : {SIGUSR1, SIGTERM, SIGINT}) sigaction(s, &sa, nullptr);
}

int pending_stop_signal() { return static_cast<int>(g_stop_signal); }

std::string signal_name(int signo) {
  switch (signo) {
    case SIGUSR1: return "SIGUSR1";
    case SIGTERM: return "SIGTERM";
    case SIGINT: return "SIGINT";
    default: return "signal " + std::to_string(signo);
  }
}

double seconds_since_start() {
  if (g_start_seconds < 0) g_start_seconds = wall_seconds();
  return wall_seconds() - g_start_seconds;
}

std::optional<double> parse_hms(const std::string& text) {
  const auto c1 = text.find(':');
  const auto c2 = c1 == std::string::npos ? c1 : text.find(':', c1 + 1);
  if (c2 == std::string::npos || text.find(':', c2 + 1) != std::string::npos) return std::nullopt;
  const std::string parts[3] = {text.substr(0, c1), text.substr(c1 + 1, c2 - c1 - 1),
                                text.substr(c2 + 1)};
  long long v[3] = {0, 0, 0};
  for (int i = 0; i < 3; ++i) {
    const std::string& p = parts[i];
    if (p.empty() || p.size() > (i == 0 ? 6u : 2u)) return std::nullopt;
    for (char ch : p) {
      if (ch < '0' || ch > '9') return std::nullopt;
    }
    if (i > 0 && p.size() != 2) return std::nullopt;
    v[i] = std::stoll(p);
  }
  if (v[1] > 59 || v[2] > 59) return std::nullopt;
  return static_cast<double>(v[0] * 3600 + v[1] * 60 + v[2]);
}

}  // namespace boreas
