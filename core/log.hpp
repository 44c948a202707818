#pragma once
// Rank-0 logging. Lines go to stdout and, once a run has an output folder,
// to <output>/log.txt as well.
#include <fmt/format.h>

#include <string>

namespace boreas::log {

// Rank of this process; set once by the driver (logging works before that,
// treating the process as rank 0).
void set_rank(int rank);
// Also append every info line to this file (empty path: stop).
void tee_to(const std::string& path);

// Info lines to stderr instead of stdout (a command whose stdout is data).
void info_to_stderr(bool on);
void write_info(const std::string& line);
void write_warning(const std::string& line);   // rank 0 only, prefixed "warning: "
void write_any_rank(const std::string& line);  // stderr, from whichever rank calls

template <class... Args>
void info(fmt::format_string<Args...> f, Args&&... args) {
  write_info(fmt::format(f, std::forward<Args>(args)...));
}
template <class... Args>
void warning(fmt::format_string<Args...> f, Args&&... args) {
  write_warning(fmt::format(f, std::forward<Args>(args)...));
}

}  // namespace boreas::log
