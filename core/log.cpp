#include "core/log.hpp"

#include <cstdio>
#include <fstream>
#include <memory>

namespace boreas::log {
namespace {
int g_rank = 0;
std::unique_ptr<std::ofstream> g_file;
}  // namespace

void set_rank(int rank) {
  g_rank = rank;
}

void tee_to(const std::string& path) {
  if (g_rank != 0) return;
  g_file.reset();
  if (!path.empty()) g_file = std::make_unique<std::ofstream>(path, std::ios::app);
}

namespace {
FILE* g_info_stream = stdout;
}  // namespace

void info_to_stderr(bool on) {
  g_info_stream = on ? stderr : stdout;
}

void write_info(const std::string& line) {
  if (g_rank != 0) return;
  std::fputs(line.c_str(), g_info_stream);
  std::fputc('\n', g_info_stream);
  std::fflush(g_info_stream);
  if (g_file) *g_file << line << '\n' << std::flush;
}

void write_warning(const std::string& line) {
  if (g_rank != 0) return;
  std::fprintf(stderr, "warning: %s\n", line.c_str());
  if (g_file) *g_file << "warning: " << line << '\n' << std::flush;
}

void write_any_rank(const std::string& line) {
  std::fprintf(stderr, "[rank %d] %s\n", g_rank, line.c_str());
}

}  // namespace boreas::log
