#include "core/signals.hpp"

#include <fmt/format.h>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>

#include "core/timers.hpp"

namespace boreas {
namespace {

// The only state a handler may touch: a lock-free sig_atomic_t.
volatile std::sig_atomic_t g_stop_signal = 0;
double g_start_seconds = -1.0;  // wall_seconds() at the process start
double g_before_process = 0.0;  // seconds the job ran before the process started
std::string g_origin = "the process start";
std::string g_origin_warning;  // kept for the driver: no logging before ranks are known

extern "C" void record_stop_signal(int signo) {
  g_stop_signal = signo;
}

// Epoch seconds in environment variable `name`, or -1 (unset or malformed).
double epoch_from_env(const char* name) {
  const char* v = std::getenv(name);
  if (!v) return -1.0;
  const std::string s = v;
  bool digits = !s.empty() && s.size() < 19;
  for (char c : s) digits = digits && c >= '0' && c <= '9';
  if (!digits) {
    g_origin_warning +=
        fmt::format("ignoring {}='{}': expected the job's start in seconds since 1970; ", name, s);
    return -1.0;
  }
  return static_cast<double>(std::stoll(s));
}

void fix_clock_origin() {
  if (g_start_seconds >= 0) return;
  g_start_seconds = wall_seconds();
  const double now =
      std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
  for (const char* name : {"BOREAS_JOB_START", "SLURM_JOB_START_TIME"}) {
    const double start = epoch_from_env(name);
    if (start < 0 || now - start <= g_before_process) continue;
    g_before_process = now - start;
    g_origin =
        fmt::format("the job start ({}, {:.1f} s before this process)", name, g_before_process);
  }
}

}  // namespace

void install_stop_signal_handlers() {
  fix_clock_origin();
  struct sigaction sa;
  std::memset(&sa, 0, sizeof(sa));
  sa.sa_handler = record_stop_signal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESTART;
  // SIGHUP (the terminal went away) stops the run like SIGTERM: with a
  // checkpoint, instead of killing it with nothing saved.
  for (int s : {SIGUSR1, SIGTERM, SIGINT, SIGHUP}) sigaction(s, &sa, nullptr);
}

void ignore_write_signals() {
  // `boreas run ... | head`: once the reader is gone, writes to stdout fail
  // with EPIPE (and are dropped; log.txt keeps the log) instead of SIGPIPE
  // killing the run. A file-size limit (ulimit -f) turns into EFBIG on the
  // write, reported as an I/O error, instead of SIGXFSZ killing the rank.
  std::signal(SIGPIPE, SIG_IGN);
  std::signal(SIGXFSZ, SIG_IGN);
}

int pending_stop_signal() {
  return static_cast<int>(g_stop_signal);
}

std::string signal_name(int signo) {
  switch (signo) {
    case SIGUSR1:
      return "SIGUSR1";
    case SIGTERM:
      return "SIGTERM";
    case SIGINT:
      return "SIGINT";
    case SIGHUP:
      return "SIGHUP";
    default:
      return "signal " + std::to_string(signo);
  }
}

double seconds_since_start() {
  fix_clock_origin();
  return g_before_process + wall_seconds() - g_start_seconds;
}

std::string clock_origin_description() {
  fix_clock_origin();
  return g_origin;
}

std::string clock_origin_warning() {
  fix_clock_origin();
  std::string w = g_origin_warning;
  if (w.size() >= 2) w.resize(w.size() - 2);  // the last "; "
  return w;
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
